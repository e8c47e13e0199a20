"""The approved matrix: the committed results a run is compared with, cell by cell.

A cell is one (claim, source) verdict. A run fails when a cell it produced differs
from the approved one (or is new), unless it is run to update the approval; cells
the run did not produce (a `-k` selection) are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .document import read_document
from .model import Result, Run, Verdict

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


def changes(approved: Run | None, current: Run) -> list[CellChange]:
    """Return the cells of `current` whose verdict differs from the approved ones."""
    old = {(r.claim, r.source): r.verdict for r in approved.results} if approved else {}
    return [CellChange(r.claim, r.source, old.get((r.claim, r.source)), r.verdict)
            for r in current.results if old.get((r.claim, r.source)) is not r.verdict]


def merge(approved: Run | None, current: Run) -> Run:
    """Return the approved run with every cell of `current` replacing or added to it."""
    if approved is None:
        return current
    cells: dict[tuple[str, str], Result] = {(r.claim, r.source): r for r in approved.results}
    cells.update({(r.claim, r.source): r for r in current.results})
    claims = {c.id: c for c in approved.claims}
    claims.update({c.id: c for c in current.claims})
    order = {c.id: n for n, c in enumerate(current.claims)}
    ordered = sorted(claims.values(),
                     key=lambda c: (c.path, order.get(c.id, len(order)), c.line, c.id))
    rank = {c.id: n for n, c in enumerate(ordered)}
    results = sorted(cells.values(), key=lambda r: (rank.get(r.claim, 0), r.source))
    sources = tuple(sorted({r.source for r in results}))
    return replace(current, results=tuple(results), claims=tuple(ordered), sources=sources)


def describe(changed: list[CellChange], limit: int = 25) -> list[str]:
    """Return readable lines for a list of changes: moved cells first, new cells summed up."""
    moved = [c for c in changed if c.old is not None]
    new = [c for c in changed if c.old is None]
    lines = [f"  {c}" for c in moved[:limit]]
    if len(moved) > limit:
        lines.append(f"  ... and {len(moved) - limit} more moved cell(s)")
    if new:
        sources = sorted({c.source for c in new})
        shown = ", ".join(sources[:8]) + (f" and {len(sources) - 8} more" if len(sources) > 8
                                          else "")
        lines.append(f"  {len(new)} new cell(s) for {len(sources)} source(s): {shown}")
    return lines
