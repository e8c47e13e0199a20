"""Membership claims: someone or something was among a group (those released)."""

from __future__ import annotations

from ..model import Claim, Finding, Verdict
from ..text.numbers import Match
from ..text.reading import Reading, cue, slot_key
from ..text.scope import cover
from .common import closest, judge, polar_terms

GROUP_REACH = 20  # a group word decides for a member at most this many tokens away
COUNT_REACH = 2   # "three Polish nationals": the number this close before the member


def _members(claim: Claim, index: int, reading: Reading, sent: int):
    spans = reading.entity(index, sent) if claim.entity else []
    return sorted(set(spans) | set(reading.spans(slot_key(index, "member"), sent)))


def check_membership(claim: Claim, index: int, reading: Reading) -> list[Finding]:
    """Find a member mention near a group word (or its opposite), and its count if claimed."""
    findings = []
    if not reading.has(slot_key(index, "member")) and not (
            claim.entity and reading.has(slot_key(index, "name"))):
        return findings  # no member is mentioned in the article
    group_key, opposite_key = slot_key(index, "group"), slot_key(index, "opposite")
    sentences = sorted(set(reading.sentences_with(group_key))
                       | set(reading.sentences_with(opposite_key))
                       | set(reading.sentences_with(cue("group_anaphora"))))
    for sent in sentences:
        members = _members(claim, index, reading, sent)
        terms = polar_terms(reading, sent, group_key, opposite_key, claim.as_of, anaphora=True)
        best = closest(members, terms, GROUP_REACH, disjoint=True)
        if best is None:
            continue
        member, term, positive = best
        states = "among" if positive else "not among"
        says = f"'{reading.text(*member)}' {states} the group ('{reading.text(*term)}')"
        finding = judge(reading, sent, cover(member, term), term, positive, says)
        if claim.count is not None and finding.verdict is Verdict.SUPPORTED:
            finding = _with_count(claim, reading, sent, member, finding)
        findings.append(finding)
    return findings


def _with_count(claim: Claim, reading: Reading, sent: int, member: tuple[int, int],
                finding: Finding) -> Finding:
    mention = next((m for m in reading.numbers.get(sent, [])
                    if 0 <= member[0] - m.end <= COUNT_REACH), None)
    who = reading.text(*member)
    if mention is None:
        return Finding(Verdict.HEDGED, finding.evidence,
                       f"'{who}' among the group, but not how many (claimed {claim.count})")
    match = mention.compare(claim.count)
    if match is Match.DIFFERENT:
        return Finding(Verdict.CONTRADICTED, finding.evidence,
                       f"{mention.text} {who} ≠ {claim.count}")
    if match is Match.COMPATIBLE:
        return Finding(Verdict.HEDGED, finding.evidence,
                       f"{mention.text} {who} is compatible with {claim.count} but not exact")
    return Finding(Verdict.SUPPORTED, finding.evidence, f"{mention.text} {who} = {claim.count}")
