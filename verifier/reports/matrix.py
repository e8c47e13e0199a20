"""The accuracy matrix: sources × claims, with per-source counts, accuracy and coverage."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import CHECKED_VERDICTS, Result, Verdict

SMALL_SAMPLE = 5  # fewer decided claims than this: the accuracy comes with a warning
Z_95 = 1.959963984540054


def wilson(successes: int, total: int, z: float = Z_95) -> tuple[float, float] | None:
    """Return the Wilson score interval for a proportion, or None when total is 0."""
    if total == 0:
        return None
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class SourceStats:
    """How one source fared against the claims.

    accuracy = supported / (supported + contradicted), None when neither occurs;
    coverage = share of claims the source does not stay silent on (errors excluded).
    """

    source: str
    supported: int
    contradicted: int
    hedged: int
    silent: int
    errors: int

    @property
    def checked(self) -> int:
        """Return how many claims were checked (not errors)."""
        return self.supported + self.contradicted + self.hedged + self.silent

    @property
    def accuracy(self) -> float | None:
        """Return supported / (supported + contradicted), or None without either."""
        decided = self.supported + self.contradicted
        return self.supported / decided if decided else None

    @property
    def interval(self) -> tuple[float, float] | None:
        """Return the 95% Wilson score interval of the accuracy, or None without data."""
        return wilson(self.supported, self.supported + self.contradicted)

    @property
    def small_sample(self) -> bool:
        """Return True when too few claims were decided to trust the accuracy."""
        return self.supported + self.contradicted < SMALL_SAMPLE

    @property
    def coverage(self) -> float | None:
        """Return the share of checked claims that are not silent."""
        return (self.checked - self.silent) / self.checked if self.checked else None


class Tally:
    """Running totals of a run's results: per-source counts, the confusion matrix, misses.

    Filled one result at a time, so a run's summary needs no second pass over results
    that may not fit in memory.
    """

    def __init__(self) -> None:
        self.counts: dict[str, dict[Verdict, int]] = {}
        self.confusion: Counter[tuple[Verdict, Verdict]] = Counter()
        self.total = 0
        self.mismatched = 0
        self.known_misses = 0  # recorded known misses that still miss (so they pass)

    def add(self, result: Result) -> None:
        """Count one result."""
        self.total += 1
        self.counts.setdefault(result.source, dict.fromkeys(Verdict, 0))[result.verdict] += 1
        if result.expected is not None and result.verdict in CHECKED_VERDICTS:
            self.confusion[(result.expected, result.verdict)] += 1
        if not result.matches_expectation:
            self.mismatched += 1
        elif result.known_miss:
            self.known_misses += 1

    def source_stats(self) -> list[SourceStats]:
        """Return per-source statistics, sorted by source id."""
        return [SourceStats(source, c[Verdict.SUPPORTED], c[Verdict.CONTRADICTED],
                            c[Verdict.HEDGED], c[Verdict.SILENT], c[Verdict.ERROR])
                for source, c in sorted(self.counts.items())]


def source_stats(results: Iterable[Result]) -> list[SourceStats]:
    """Return per-source statistics of some results, sorted by source id."""
    tally = Tally()
    for result in results:
        tally.add(result)
    return tally.source_stats()


def percent(value: float | None) -> str:
    """Format a share as a fixed-width percentage, or 'n/a'."""
    return "n/a" if value is None else f"{value * 100:.1f}%"
