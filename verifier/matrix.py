"""The accuracy matrix: sources × claims, with per-source counts, accuracy and coverage."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Result, Verdict


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
    def coverage(self) -> float | None:
        """Return the share of checked claims that are not silent."""
        return (self.checked - self.silent) / self.checked if self.checked else None


def source_stats(results: Iterable[Result]) -> list[SourceStats]:
    """Return per-source statistics, sorted by source id."""
    counts: dict[str, dict[Verdict, int]] = {}
    for result in results:
        counts.setdefault(result.source, dict.fromkeys(Verdict, 0))[result.verdict] += 1
    return [SourceStats(source, c[Verdict.SUPPORTED], c[Verdict.CONTRADICTED],
                        c[Verdict.HEDGED], c[Verdict.SILENT], c[Verdict.ERROR])
            for source, c in sorted(counts.items())]


def mismatches(results: Iterable[Result]) -> list[Result]:
    """Return the results that do not meet their expectation (see Result.matches_expectation)."""
    return [r for r in results if not r.matches_expectation]


def percent(value: float | None) -> str:
    """Format a share as a fixed-width percentage, or 'n/a'."""
    return "n/a" if value is None else f"{value * 100:.1f}%"
