"""What every checker shares: turning a matched sentence into a finding."""

from __future__ import annotations

from ..model import Finding, Verdict
from ..text.matching import Spans
from ..text.reading import Reading, cue
from ..text.scope import elsewhen, gap, hedge, negation, overlaps


def judge(reading: Reading, sent: int, core: tuple[int, int], term: tuple[int, int],
          positive: bool, says: str, own: Spans = ()) -> Finding:
    """Decide one sentence: negation of `term` flips `positive`, a hedge over `core` hedges.

    `says` is what the sentence states when read positively, for the reason text.
    """
    own = [*own, term]
    reason = says
    negated = negation(reading, sent, term, own)
    if negated is not None:
        positive = not positive
        reason = f"'{reading.text(*negated)}' negates it: {says}"
    hedged = hedge(reading, sent, core, own)
    if hedged is not None:
        return Finding(Verdict.HEDGED, reading.evidence(sent),
                       f"'{reading.text(*hedged)}' hedges it: {reason}")
    verdict = Verdict.SUPPORTED if positive else Verdict.CONTRADICTED
    return Finding(verdict, reading.evidence(sent), reason)


def nearest(target: tuple[int, int], spans: Spans, reach: int) -> tuple[int, int] | None:
    """Return the span closest to `target` within `reach` tokens, the earlier on a tie."""
    best = None
    for span in spans:
        distance = gap(target, span)
        if distance <= reach and (best is None or distance < best[0]):
            best = (distance, span)
    return best[1] if best else None


Polar = list[tuple[tuple[int, int], bool]]


def polar_terms(reading: Reading, sent: int, positive_key: str, negative_key: str,
                as_of, anaphora: bool = False) -> Polar:
    """Return the terms of a sentence that say the claim (True) or its opposite (False).

    Terms placed at another time than the claim's as-of date are left out. With
    `anaphora`, "among them" stands for the group the previous sentence names.
    """
    terms = [(span, True) for span in reading.spans(positive_key, sent)]
    terms += [(span, False) for span in reading.spans(negative_key, sent)]
    if anaphora and sent > 0:
        before = (bool(reading.spans(positive_key, sent - 1)),
                  bool(reading.spans(negative_key, sent - 1)))
        if before[0] != before[1]:
            terms += [(span, before[0]) for span in reading.spans(cue("group_anaphora"), sent)]
    return [t for t in terms if not elsewhen(reading, sent, t[0], as_of)
            and not earlier(reading, sent, t[0])]


EARLIER_REACH = 4  # "who had been free on bail": the past perfect this close before the term
BEFORE_REACH = 8   # "who before the verdict was located under bail"
_BEFORE_OBJECTS = frozenset({"the", "his", "her", "its", "their", "a", "an", "being", "this",
                             "that"})


def earlier(reading: Reading, sent: int, span: tuple[int, int]) -> bool:
    """Return True when a term is set before the narrative's time.

    The past perfect ("had been free on bail", "had walked free"), "before the
    verdict" and "until" in the same clause place a state at an earlier
    moment, which neither supports nor contradicts what holds now.
    """
    doc = reading.doc
    start = reading.sents[sent].start
    for j in range(span[0] - 1, max(start, span[0] - BEFORE_REACH) - 1, -1):
        if reading.punct[j]:
            break
        word = doc[j].norm_
        if word == "until" or (word == "before" and j + 1 < span[0]
                                and doc[j + 1].norm_ in _BEFORE_OBJECTS):
            return True  # "until her arrest", "before the verdict" (not "before declared")
        if span[0] - j <= EARLIER_REACH and word == "had" and j + 1 < span[0] and (
                doc[j + 1].norm_ == "been" or doc[j + 1].norm_.endswith("ed")):
            return True
    return False


def closest(mentions: Spans, terms: Polar, reach: int, disjoint: bool = False):
    """Return (mention, term, positive) of the closest mention-term pair within reach.

    With `disjoint`, a term that overlaps the mention does not count. Ties keep the
    first pair found (mentions and terms in text order).
    """
    best = None
    for mention in mentions:
        for term, positive in terms:
            if disjoint and overlaps(mention, term):
                continue
            distance = gap(mention, term)
            if distance <= reach and (best is None or distance < best[0]):
                best = (distance, mention, term, positive)
    return best[1:] if best else None

