"""What every checker shares: turning a matched sentence into a finding."""

from __future__ import annotations

from ..matching import Spans
from ..model import Finding, Verdict
from ..reading import Reading
from ..scope import gap, hedge, negation


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
