"""Status claims: an entity is in a state (held) whose opposite (released) contradicts."""

from __future__ import annotations

from ..model import Claim, Finding
from ..text.reading import Reading, cue, slot_key
from ..text.scope import concessive_clauses, cover, gap, subject_aside
from .common import closest, judge, polar_terms

STATUS_REACH = 25  # a state word decides for an entity at most this many tokens away


def _pair(reading: Reading, sent: int, mentions, terms):
    """Return the closest (mention, term, positive) pair, a mention and a term of the
    same clause.

    A concessive clause ("Although he was free on bail, ...", "... despite the release
    of X") and the main clause each pair their own words: "Although Minsk freed X, his
    brother remains in custody" says nothing of X's custody. A pronoun right after a
    concessive clause ("Although Mr Vell ..., he was taken into custody") stands for
    the entity in the main clause. A state word inside an aside after the name ("X,
    who spent five years in a cell, walked free") gives way to one after the aside.
    """
    granted = concessive_clauses(reading, sent)
    ends = {b + 1 for _, b in granted}
    pronouns = [p for p in reading.spans(cue("pronouns"), sent) if p[0] in ends]
    asides = [(m[1], m[1] + skipped) for m in mentions
              if (skipped := subject_aside(reading, m, (reading.sents[sent].end,) * 2))]
    if asides and any(not any(a <= t[0] < b for a, b in asides) for t, _ in terms):
        terms = [(t, p) for t, p in terms if not any(a <= t[0] < b for a, b in asides)]

    def clause(i: int) -> int:
        return next((k for k, (a, b) in enumerate(granted) if a <= i < b), -1)

    best = None
    # the main clause first: it decides when it pairs the entity with a state word
    for main in (True, False):
        for mention in [*mentions, *pronouns]:
            if (clause(mention[0]) == -1) != main:
                continue
            found = closest([mention], [t for t in terms
                                        if clause(t[0][0]) == clause(mention[0])],
                            STATUS_REACH)
            if found and (best is None or gap(found[0], found[1]) < gap(best[0], best[1])):
                best = found
        if best is not None:
            return best
    return None


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
        best = _pair(reading, sent, mentions, terms)
        if best is None:
            continue
        mention, term, positive = best
        state = "in that state" if positive else "in the opposite state"
        says = f"'{reading.text(*term)}' says {reading.text(*mention)} is {state}"
        findings.append(judge(reading, sent, cover(mention, term), term, positive, says))
    return findings
