"""The approved matrix: the committed results a run is compared with, cell by cell.

A cell is one (claim, source) verdict. Against the approved matrix a cell is new
(no approved verdict), moved (another verdict) or removed (approved, but its claim
or its article is gone). Cells a run did not produce but that still exist (a `-k`
selection) are neither compared nor dropped.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..model import Result, Run, Verdict
from .document import read_cells, read_document
from .publish import JOURNAL, recover
from .store import ResultStore

APPROVED_FILE = "results.json"
CHANGES_FILE = "changes.md"

# Is an approved cell gone for good (its claim or article deleted)? Given (claim, source).
Gone = Callable[[str, str], bool]


def everything_gone(claim: str, source: str) -> bool:
    """The test of a run that produced every cell there is: an approved cell it did not
    produce is removed."""
    return True


class ChangeKind(enum.Enum):
    """How a cell differs from the approved matrix."""

    MOVED = "moved"
    NEW = "new"
    REMOVED = "removed"


@dataclass(frozen=True)
class CellChange:
    """A cell that differs from the approved matrix: old is None for a new cell, new is
    None for a removed one."""

    claim: str
    source: str
    old: Verdict | None
    new: Verdict | None
    expected: Verdict | None = None

    @property
    def kind(self) -> ChangeKind:
        """Whether the cell moved, is new or was removed."""
        if self.old is None:
            return ChangeKind.NEW
        return ChangeKind.REMOVED if self.new is None else ChangeKind.MOVED

    def __str__(self) -> str:
        old = self.old.value if self.old else "(new)"
        new = self.new.value if self.new else "(removed)"
        return f"{self.claim} [{self.source}]: {old} → {new}"


def load_approved(folder: str | Path) -> Run | None:
    """Return the approved run stored in a reports folder, or None when there is none."""
    _finish_publication(folder)
    path = Path(folder) / APPROVED_FILE
    if not path.exists():
        return None
    return read_document(path)


def _finish_publication(folder: str | Path) -> None:
    """Complete a publication a killed run left half done, before reading the folder."""
    if (Path(folder) / JOURNAL).exists():
        recover(folder)


def has_approved(folder: str | Path) -> bool:
    """Return True when a reports folder holds an approved matrix."""
    return (Path(folder) / APPROVED_FILE).exists()


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
    _finish_publication(folder)
    path = Path(folder) / APPROVED_FILE
    if path.exists():
        yield from read_cells(path)


def changes(approved: Iterable[tuple[str, str, str]], current: Run,
            gone: Gone | None = None) -> Iterator[CellChange]:
    """Yield the cells of `current` whose verdict differs from the approved cells (moved or
    new) in the run's order, then, when `gone` is given, the approved cells the run did not
    produce and that `gone` says no longer exist (removed), sorted by claim and source."""
    for claim, source, old, new, expected in current.results.compare(
            approved, removed=gone is not None):
        if new is None and not gone(claim, source):
            continue  # deselected, not removed
        yield CellChange(claim, source, old, new, expected)


def merge(approved: Run | None, current: Run, gone: Gone | None = None) -> Run:
    """Return the approved run with every cell of `current` replacing or added to it, and
    the approved cells that `gone` says no longer exist dropped."""
    if approved is None:
        return current
    gone = gone or (lambda claim, source: False)
    claims = {c.id: c for c in approved.claims}
    claims.update({c.id: c for c in current.claims})
    order = {c.id: n for n, c in enumerate(current.claims)}
    ordered = sorted(claims.values(),
                     key=lambda c: (c.path, order.get(c.id, len(order)), c.line, c.id))
    results = ResultStore([c.id for c in ordered])
    used: set[str] = set()

    def kept() -> Iterator[Result]:
        for old, new in _joined(approved, current):
            if new is None and gone(old.claim, old.source):
                continue
            cell = new or old
            used.add(cell.claim)
            yield cell

    results.add(kept())
    sources = set(results.sources())
    infos = {a.source: a for a in approved.articles if a.source in sources}
    infos.update({a.source: a for a in current.articles})
    kept_claims = tuple(c for c in ordered if c.id in used or c.id in order)
    return replace(current, results=results, claims=kept_claims, sources=results.sources(),
                   articles=tuple(infos[s] for s in sorted(infos)))


@dataclass
class Changes:
    """A summary of how a run moved from the approved matrix, small whatever its size.

    Keeps up to `limit` cells of each kind, and counts all of them.
    """

    limit: int = 25
    counts: dict[ChangeKind, int] = field(default_factory=lambda: dict.fromkeys(ChangeKind, 0))
    kept: dict[ChangeKind, list[CellChange]] = field(
        default_factory=lambda: {kind: [] for kind in ChangeKind})
    # claim -> new silent cells with no expected verdict (other events' claims, mostly):
    # counted, not listed
    new_silent: dict[str, int] = field(default_factory=dict)
    new_sources: set[str] = field(default_factory=set)

    def add(self, change: CellChange) -> None:
        """Count a change, keeping it when there is room."""
        kind = change.kind
        self.counts[kind] += 1
        if kind is ChangeKind.NEW:
            self.new_sources.add(change.source)
            if change.new is Verdict.SILENT and change.expected is None:
                self.new_silent[change.claim] = self.new_silent.get(change.claim, 0) + 1
                return
        if len(self.kept[kind]) < self.limit:
            self.kept[kind].append(change)

    @property
    def total(self) -> int:
        """The number of cells that differ from the approved matrix."""
        return sum(self.counts.values())

    @property
    def moved(self) -> list[CellChange]:
        """The moved cells kept."""
        return self.kept[ChangeKind.MOVED]

    def __bool__(self) -> bool:
        return self.total > 0

    def headline(self) -> str:
        """Return the counts in one line: '2 moved, 17 new, 0 removed'."""
        return ", ".join(f"{self.counts[kind]} {kind.value}" for kind in ChangeKind)


def summarize(changed: Iterable[CellChange], limit: int = 25) -> Changes:
    """Count changes by kind, keeping the first `limit` of each."""
    summary = Changes(limit=limit)
    for change in changed:
        summary.add(change)
    return summary


def _more(summary: Changes, kind: ChangeKind, shown: int) -> int:
    if kind is ChangeKind.NEW:
        return summary.counts[kind] - shown - sum(summary.new_silent.values())
    return summary.counts[kind] - shown


def describe(summary: Changes) -> list[str]:
    """Return terminal lines for a summary: each kept cell, then what was left out."""
    lines = []
    for kind in ChangeKind:
        kept = summary.kept[kind]
        lines += [f"  {c}" for c in kept]
        more = _more(summary, kind, len(kept))
        if more > 0:
            lines.append(f"  ... and {more} more {kind.value} cell(s)")
    silent = sum(summary.new_silent.values())
    if silent:
        lines.append(f"  {silent} new silent cell(s) for {len(summary.new_silent)} claim(s) "
                     "with no expected verdict")
    return lines


_SYMBOLS = {Verdict.SUPPORTED: "✔", Verdict.CONTRADICTED: "✘", Verdict.HEDGED: "~",
            Verdict.SILENT: "·", Verdict.ERROR: "!"}


def _shown(verdict: Verdict | None) -> str:
    return f"{_SYMBOLS[verdict]} {verdict.value}" if verdict else ""


def changes_markdown(summary: Changes, title: str) -> str:
    """Return the changes as Markdown ready to paste into a review: a table per kind."""
    lines = [f"## {title}", "", f"{summary.headline()} cell(s).", ""]
    heads = {ChangeKind.MOVED: ("approved", "now"), ChangeKind.NEW: ("verdict", "expected"),
             ChangeKind.REMOVED: ("approved", "")}
    for kind in ChangeKind:
        kept = summary.kept[kind]
        silent = sum(summary.new_silent.values()) if kind is ChangeKind.NEW else 0
        if not kept and not silent and not summary.counts[kind]:
            continue
        first, second = heads[kind]
        lines += [f"### {kind.value.capitalize()} ({summary.counts[kind]})", ""]
        if kept:
            columns = ["claim", "source", first] + ([second] if second else [])
            lines += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
            for c in kept:
                cells = [f"`{c.claim}`", f"`{c.source}`"]
                if kind is ChangeKind.MOVED:
                    cells += [_shown(c.old), _shown(c.new)]
                elif kind is ChangeKind.NEW:
                    cells += [_shown(c.new), _shown(c.expected) or "none"]
                else:
                    cells += [_shown(c.old)]
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
        more = _more(summary, kind, len(kept))
        if more > 0:
            lines += [f"... and {more} more; the diff of `reports/cells.tsv` lists every cell.",
                      ""]
        if silent:
            per_claim = ", ".join(f"`{claim}` {n}" for claim, n in
                                  sorted(summary.new_silent.items()))
            lines += [f"Silent with no expected verdict: {silent} new cell(s) ({per_claim}).",
                      ""]
    return "\n".join(lines).rstrip() + "\n"
