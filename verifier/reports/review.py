"""The approved matrix: the committed results a run is compared with, cell by cell.

A cell is one (claim, source) verdict. A run fails when a cell it produced differs
from the approved one (or is new), unless it is run to update the approval; cells
the run did not produce (a `-k` selection) are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..model import Result, Run, Verdict
from .document import read_cells, read_document
from .store import ResultStore

APPROVED_FILE = "results.json"


@dataclass(frozen=True)
class CellChange:
    """A cell whose verdict moved: old is None for a new cell."""

    claim: str
    source: str
    old: Verdict | None
    new: Verdict

    def __str__(self) -> str:
        old = self.old.value if self.old else "(new)"
        return f"{self.claim} [{self.source}]: {old} → {self.new.value}"


def load_approved(folder: str | Path) -> Run | None:
    """Return the approved run stored in a reports folder, or None when there is none."""
    path = Path(folder) / APPROVED_FILE
    if not path.exists():
        return None
    return read_document(path)


def _cells(run: Run | None) -> Iterator[tuple[tuple[str, str], Result]]:
    return (((r.claim, r.source), r) for r in (run.results.by_cell() if run else ()))


def _joined(approved: Run | None, current: Run) -> Iterator[tuple[Result | None, Result | None]]:
    """Yield (approved, current) result pairs cell by cell, either None when absent.

    Both stores yield cells sorted by (claim, source), so a merge join compares runs
    of any size without holding either in memory.
    """
    old, new = _cells(approved), _cells(current)
    a, b = next(old, None), next(new, None)
    while a is not None or b is not None:
        if b is None or (a is not None and a[0] < b[0]):
            yield a[1], None
            a = next(old, None)
        elif a is None or b[0] < a[0]:
            yield None, b[1]
            b = next(new, None)
        else:
            yield a[1], b[1]
            a, b = next(old, None), next(new, None)


def approved_cells(folder: str | Path) -> Iterator[tuple[str, str, str]]:
    """Yield the (claim, source, verdict) cells of the approved matrix in a reports folder,
    streamed from its results document (none when there is no approved matrix yet)."""
    path = Path(folder) / APPROVED_FILE
    if path.exists():
        yield from read_cells(path)


def changes(approved: Iterable[tuple[str, str, str]], current: Run) -> Iterator[CellChange]:
    """Yield the cells of `current` whose verdict differs from the approved cells, in the
    run's order (see `approved_cells`)."""
    for claim, source, old, new in current.results.compare(approved):
        yield CellChange(claim, source, old, new)


def merge(approved: Run | None, current: Run) -> Run:
    """Return the approved run with every cell of `current` replacing or added to it."""
    if approved is None:
        return current
    claims = {c.id: c for c in approved.claims}
    claims.update({c.id: c for c in current.claims})
    order = {c.id: n for n, c in enumerate(current.claims)}
    ordered = sorted(claims.values(),
                     key=lambda c: (c.path, order.get(c.id, len(order)), c.line, c.id))
    results = ResultStore([c.id for c in ordered])
    results.add(new or old for old, new in _joined(approved, current))
    infos = {a.source: a for a in approved.articles}
    infos.update({a.source: a for a in current.articles})
    return replace(current, results=results, claims=tuple(ordered), sources=results.sources(),
                   articles=tuple(infos[s] for s in sorted(infos)))


@dataclass(frozen=True)
class Changes:
    """A summary of how a run moved from the approved matrix, small whatever its size."""

    total: int
    moved: tuple[CellChange, ...]  # the first `limit` cells whose verdict moved
    moved_total: int
    new_total: int
    new_sources: tuple[str, ...]  # the first sources with new cells, sorted
    new_sources_total: int

    def __bool__(self) -> bool:
        return self.total > 0


def summarize(changed: Iterable[CellChange], limit: int = 25, sources_shown: int = 8) -> Changes:
    """Count changes, keeping the first `limit` moved cells and the sources of new cells."""
    moved: list[CellChange] = []
    moved_total = new_total = 0
    new_sources: set[str] = set()
    for change in changed:
        if change.old is None:
            new_total += 1
            new_sources.add(change.source)
        else:
            moved_total += 1
            if len(moved) < limit:
                moved.append(change)
    shown = tuple(sorted(new_sources)[:sources_shown])
    return Changes(moved_total + new_total, tuple(moved), moved_total, new_total, shown,
                   len(new_sources))


def describe(changed: Changes) -> list[str]:
    """Return readable lines for a summary of changes: moved cells first, new cells summed up."""
    lines = [f"  {c}" for c in changed.moved]
    if changed.moved_total > len(changed.moved):
        lines.append(f"  ... and {changed.moved_total - len(changed.moved)} more moved cell(s)")
    if changed.new_total:
        more = changed.new_sources_total - len(changed.new_sources)
        shown = ", ".join(changed.new_sources) + (f" and {more} more" if more > 0 else "")
        lines.append(f"  {changed.new_total} new cell(s) for {changed.new_sources_total} "
                     f"source(s): {shown}")
    return lines
