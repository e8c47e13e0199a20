"""The verifier's own quality against recorded expected verdicts.

A confusion matrix over the four verdicts (rows: expected, columns: verdict given),
precision, recall and F1 per verdict, and their macro average over the verdicts
that occur. Pairs without an expectation, and error rows, are left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import CHECKED_VERDICTS, Result, Verdict
from .matrix import Tally


@dataclass(frozen=True)
class VerdictScore:
    """Precision, recall and F1 of one verdict."""

    verdict: Verdict
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Quality:
    """The confusion matrix and scores of a run against its expectations."""

    confusion: dict[tuple[Verdict, Verdict], int]
    scores: tuple[VerdictScore, ...]
    macro_f1: float | None
    compared: int
    agreed: int


def measure(results: Iterable[Result]) -> Quality:
    """Compare every result that has an expectation with it."""
    tally = Tally()
    for result in results:
        tally.add(result)
    return score(tally.confusion)


def score(confusion: Counter[tuple[Verdict, Verdict]]) -> Quality:
    """Return the scores of a confusion matrix of (expected, given) verdict counts."""
    scores = []
    for verdict in CHECKED_VERDICTS:
        tp = confusion[(verdict, verdict)]
        fp = sum(n for (e, g), n in confusion.items() if g is verdict and e is not verdict)
        fn = sum(n for (e, g), n in confusion.items() if e is verdict and g is not verdict)
        if tp + fp + fn == 0:
            continue
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores.append(VerdictScore(verdict, precision, recall, f1, tp + fn))
    macro = sum(s.f1 for s in scores) / len(scores) if scores else None
    compared = sum(confusion.values())
    agreed = sum(n for (e, g), n in confusion.items() if e is g)
    return Quality(dict(confusion), tuple(scores), macro, compared, agreed)
