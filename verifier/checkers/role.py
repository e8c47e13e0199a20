"""Role claims: an entity holds a role; a qualifier such as "former" contradicts."""

from __future__ import annotations

from ..model import Claim, Finding, Verdict
from ..text.reading import Reading, cue, slot_key
from ..text.scope import cover, hedge_cues

NEGATOR_REACH = 3      # "former US President": the qualifier may stand this far before the role
APPOSITION_REACH = 5   # "Donald Trump, the US president": role this far after the name
HEDGE_REACH = 4        # "said to be President X": a hedge this close before the role hedges it


def _qualifier(reading: Reading, sent: int, index: int, role: tuple[int, int]):
    negators = reading.spans(slot_key(index, "negators"), sent) or reading.spans(
        cue("role_negators"), sent)
    for span in negators:
        between = reading.doc[span[1]:role[0]]
        if span[1] <= role[0] and len(between) < NEGATOR_REACH and not any(
                t.is_punct and t.text != "-" for t in between):
            return span
    return None


def _role_hedge(reading: Reading, sent: int, role: tuple[int, int],
                mention: tuple[int, int]):
    """Return a hedge on the role itself: right before it, or inside an apposition.

    A hedge elsewhere in the sentence ("reportedly suggested") is about the event,
    not about the title, which the article still states as fact.
    """
    for span in hedge_cues(reading, sent):
        if span[1] <= role[0] and role[0] - span[1] <= HEDGE_REACH and span[0] >= min(
                mention[1], role[0] - HEDGE_REACH):
            return span
    return None


def check_role(claim: Claim, index: int, reading: Reading) -> list[Finding]:
    """Find the role written next to the entity ("US President Donald Trump")."""
    findings = []
    if not reading.has(slot_key(index, "name")):
        return findings  # the entity is not named in the article
    for sent in reading.sentences_with(slot_key(index, "role")):
        mentions = reading.entity(index, sent)
        for role in reading.spans(slot_key(index, "role"), sent):
            mention = next((m for m in mentions if m[0] == role[1]), None)
            if mention is None:
                mention = next((m for m in mentions if 0 < role[0] - m[1] <= APPOSITION_REACH
                                and reading.doc[m[1]].text == ","), None)
            if mention is None:
                continue
            core = cover(role, mention)
            said = f"'{reading.text(*core)}'"
            qualifier = _qualifier(reading, sent, index, role)
            hedged = _role_hedge(reading, sent, role, mention)
            if hedged is not None:
                verdict = Verdict.HEDGED
                reason = f"'{reading.text(*hedged)}' hedges {said}"
            elif qualifier is not None:
                verdict = Verdict.CONTRADICTED
                reason = (f"'{reading.text(*qualifier)}' qualifies {said}: "
                          "the role is not held now")
            else:
                verdict, reason = Verdict.SUPPORTED, f"{said} names the role as held"
            findings.append(Finding(verdict, reading.evidence(sent), reason))
    return findings
