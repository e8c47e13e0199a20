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
from .safe import markdown, markdown_code, one_line
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

    MOVED = "moved"          # another verdict
    NEW = "new"              # no approved cell
    REMOVED = "removed"      # its claim or article is gone
    RELABELLED = "relabelled"  # same verdict, another expected verdict or known-miss note


@dataclass(frozen=True)
class CellChange:
    """A cell that differs from the approved matrix: old is None for a new cell, new is
    None for a removed one; `old_expected` and `old_known` are the approved labels."""

    claim: str
    source: str
    old: Verdict | None
    new: Verdict | None
    expected: Verdict | None = None
    old_expected: Verdict | None = None
    known: str | None = None
    old_known: str | None = None

    @property
    def kind(self) -> ChangeKind:
        """Whether the cell moved, is new, was removed or was relabelled."""
        if self.old is None:
            return ChangeKind.NEW
        if self.new is None:
            return ChangeKind.REMOVED
        return ChangeKind.MOVED if self.old is not self.new else ChangeKind.RELABELLED

    @property
    def labelled(self) -> bool:
        """Return True when the cell has (or had) an expected verdict or a known miss."""
        return bool(self.expected or self.old_expected or self.known or self.old_known)

    def labels(self) -> str:
        """Describe a relabelling: 'expected none → silent', 'known miss removed'."""
        parts = []
        if self.old_expected is not self.expected:
            parts.append(f"expected {_name(self.old_expected)} → {_name(self.expected)}")
        if self.old_known != self.known:
            parts.append("known miss " + ("recorded" if not self.old_known else "removed"
                                          if not self.known else "note changed"))
        return ", ".join(parts)

    def __str__(self) -> str:
        where = f"{one_line(self.claim)} [{one_line(self.source)}]"
        if self.kind is ChangeKind.RELABELLED:
            return f"{where}: {self.labels()}"
        old = self.old.value if self.old else "(new)"
        new = self.new.value if self.new else "(removed)"
        return f"{where}: {old} → {new}"


def _name(verdict: Verdict | None) -> str:
    return verdict.value if verdict else "none"


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


def approved_cells(folder: str | Path) -> Iterator[tuple[str, str, str, str | None, str | None]]:
    """Yield the (claim, source, verdict, expected, known miss) cells of the approved matrix
    in a reports folder, streamed from its results document (none when there is none)."""
    _finish_publication(folder)
    path = Path(folder) / APPROVED_FILE
    if path.exists():
        yield from read_cells(path)


def changes(approved: Iterable[tuple], current: Run, gone: Gone | None = None
            ) -> Iterator[CellChange]:
    """Yield the cells of `current` that are new, moved or relabelled against the approved
    cells, in the run's order; then, when `gone` is given, the approved cells the run did
    not produce and that `gone` says no longer exist (removed), sorted by claim and
    source."""
    for (claim, source, old, new, old_expected, expected, old_known,
         known) in current.results.compare(approved, removed=gone is not None):
        if new is None and not gone(claim, source):
            continue  # deselected, not removed
        yield CellChange(claim, source, old, new, expected, old_expected, known, old_known)


def merge(approved: Run | None, current: Run, gone: Gone | None = None) -> Run:
    """Return the approved run with every cell of `current` replacing or added to it, and
    the approved cells that `gone` says no longer exist dropped."""
    if approved is None:
        return current
    gone = gone or (lambda claim, source: False)
    claims = {c.id: c for c in approved.claims}
    claims.update({c.id: c for c in current.claims})
    order = {c.id for c in current.claims}
    # The order of a full run (each file's claims in file order), whichever claims the
    # current run re-checked: "pytest --verifier-update -k X" must not move X first.
    ordered = sorted(claims.values(), key=lambda c: (c.path, c.line, c.id))
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

    Keeps up to `limit` cells of each kind, and counts all of them. New and removed
    cells that are silent and carry no label (mostly other events' claims) are only
    counted, per claim and per source, so the cells that matter are the ones listed.
    """

    limit: int = 25
    counts: dict[ChangeKind, int] = field(default_factory=lambda: dict.fromkeys(ChangeKind, 0))
    kept: dict[ChangeKind, list[CellChange]] = field(
        default_factory=lambda: {kind: [] for kind in ChangeKind})
    quiet: dict[ChangeKind, dict[str, int]] = field(
        default_factory=lambda: {ChangeKind.NEW: {}, ChangeKind.REMOVED: {}})

    def add(self, change: CellChange) -> None:
        """Count a change, keeping it when there is room."""
        kind = change.kind
        self.counts[kind] += 1
        verdict = change.new if kind is ChangeKind.NEW else change.old
        if kind in self.quiet and verdict is Verdict.SILENT and not change.labelled:
            key = change.claim if kind is ChangeKind.NEW else change.source
            self.quiet[kind][key] = self.quiet[kind].get(key, 0) + 1
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
        """Return the counts in one line: '2 moved, 17 new, 0 removed, 1 relabelled'."""
        return ", ".join(f"{self.counts[kind]} {kind.value}" for kind in ChangeKind)

    def silent(self, kind: ChangeKind) -> int:
        """Return how many unlabelled silent cells of a kind were only counted."""
        return sum(self.quiet.get(kind, {}).values())


def summarize(changed: Iterable[CellChange], limit: int = 25) -> Changes:
    """Count changes by kind, keeping the first `limit` of each."""
    summary = Changes(limit=limit)
    for change in changed:
        summary.add(change)
    return summary


def _more(summary: Changes, kind: ChangeKind, shown: int) -> int:
    return summary.counts[kind] - shown - summary.silent(kind)


def _quiet_line(summary: Changes, kind: ChangeKind) -> str:
    by = "claim(s)" if kind is ChangeKind.NEW else "source(s)"
    return (f"{summary.silent(kind)} {kind.value} silent cell(s) with no expected verdict, "
            f"for {len(summary.quiet[kind])} {by}")


def describe(summary: Changes) -> list[str]:
    """Return terminal lines for a summary: each kept cell, then what was left out."""
    lines = []
    for kind in ChangeKind:
        kept = summary.kept[kind]
        lines += [f"  {c}" for c in kept]
        more = _more(summary, kind, len(kept))
        if more > 0:
            lines.append(f"  ... and {more} more {kind.value} cell(s)")
        if summary.silent(kind):
            lines.append(f"  {_quiet_line(summary, kind)}")
    return lines


_SYMBOLS = {Verdict.SUPPORTED: "✔", Verdict.CONTRADICTED: "✘", Verdict.HEDGED: "~",
            Verdict.SILENT: "·", Verdict.ERROR: "!"}


def _shown(verdict: Verdict | None) -> str:
    return f"{_SYMBOLS[verdict]} {verdict.value}" if verdict else ""


def changes_markdown(summary: Changes, title: str) -> str:
    """Return the changes as Markdown ready to paste into a review: a table per kind."""
    lines = [f"## {markdown(title)}", "", f"{summary.headline()} cell(s).", ""]
    heads = {ChangeKind.MOVED: ["approved", "now", "expected"],
             ChangeKind.NEW: ["verdict", "expected"],
             ChangeKind.REMOVED: ["approved", "expected"],
             ChangeKind.RELABELLED: ["verdict", "labels"]}
    for kind in ChangeKind:
        kept = summary.kept[kind]
        if not summary.counts[kind]:
            continue
        lines += [f"### {kind.value.capitalize()} ({summary.counts[kind]})", ""]
        if kept:
            columns = ["claim", "source", *heads[kind]]
            lines += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
            for c in kept:
                cells = [markdown_code(c.claim), markdown_code(c.source)]
                if kind is ChangeKind.MOVED:
                    cells += [_shown(c.old), _shown(c.new), _shown(c.expected) or "none"]
                elif kind is ChangeKind.NEW:
                    cells += [_shown(c.new), _shown(c.expected) or "none"]
                elif kind is ChangeKind.REMOVED:
                    cells += [_shown(c.old), _shown(c.old_expected) or "none"]
                else:
                    cells += [_shown(c.new), c.labels()]
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
        more = _more(summary, kind, len(kept))
        if more > 0:
            lines += [f"... and {more} more; the diff of `reports/cells.tsv` lists every cell.",
                      ""]
        if summary.silent(kind):
            per = ", ".join(f"{markdown_code(key)} {n}"
                            for key, n in sorted(summary.quiet[kind].items()))
            lines += [f"{_quiet_line(summary, kind).capitalize()}: {per}.", ""]
    return "\n".join(lines).rstrip() + "\n"
