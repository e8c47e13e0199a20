"""Status claims: an entity is in a state (held) whose opposite (released) contradicts."""

from __future__ import annotations

from ..model import Claim, Finding
from ..text.reading import Reading, cue, slot_key
from ..text.scope import concessive_clauses, cover
from .common import closest, judge, polar_terms

STATUS_REACH = 25  # a state word decides for an entity at most this many tokens away


def check_status(claim: Claim, index: int, reading: Reading) -> list[Finding]:
    """Find the state or opposite word nearest to each mention of the entity."""
    findings = []
    if not reading.has(slot_key(index, "name")):
        return findings  # the entity is not named in the article
    sentences = sorted(set(reading.sentences_with(slot_key(index, "state")))
                       | set(reading.sentences_with(slot_key(index, "opposite")))
                       | set(reading.sentences_with(cue("group_anaphora"))))
    for sent in sentences:
        mentions = reading.entity(index, sent)
        if not mentions:
            continue
        terms = polar_terms(reading, sent, slot_key(index, "state"),
                            slot_key(index, "opposite"), claim.as_of, anaphora=True)
        # "Although he was free on bail, he was taken into custody": the main clause
        # decides when it has a state word of its own.
        granted = concessive_clauses(reading, sent)
        main = [t for t in terms if not any(a <= t[0][0] < b for a, b in granted)]
        terms = main or terms
        best = closest(mentions, terms, STATUS_REACH)
        if best is None:
            continue
        mention, term, positive = best
        state = "in that state" if positive else "in the opposite state"
        says = f"'{reading.text(*term)}' says {reading.text(*mention)} is {state}"
        findings.append(judge(reading, sent, cover(mention, term), term, positive, says))
    return findings
