"""The long-format cell file: one line per (claim, source), sorted by claim id and source.

It is the file a reviewer reads in a pull request's diff: a moved cell is one changed
line that names its claim, source and verdicts, and inserting a claim or a source adds
lines without touching any other (the wide matrix renumbers its columns instead).
Tab-separated with a header row, so spreadsheets, `grep` and `awk` read it too.
"""

from __future__ import annotations

from typing import TextIO

from ..model import Run
from .safe import one_line

CELLS_HEADER = ("claim", "source", "verdict", "expected", "known_miss")


def write_cells(run: Run, out: TextIO) -> None:
    """Write every cell of a run as a tab-separated line, sorted by (claim, source).

    Claim ids and source ids are plain words (the loaders refuse others) and verdicts
    are fixed words; a hand-edited results document is still kept to one line a cell,
    with its control characters shown (`safe.one_line`).
    """
    out.write("\t".join(CELLS_HEADER) + "\n")
    for r in run.results.by_cell():
        out.write(f"{one_line(r.claim)}\t{one_line(r.source)}\t{r.verdict.value}\t"
                  f"{r.expected.value if r.expected else ''}\t"
                  f"{'yes' if r.known_miss else ''}\n")
