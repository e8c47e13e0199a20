"""The terminal report: plain tables and the pairs that differ from their expected verdict."""

from __future__ import annotations

import itertools
from typing import TextIO

from ..model import Run
from .tables import LEGEND, matrix_table, small_tables, stats_table, verdict_line, write_lines

MISMATCHES_SHOWN = 50  # in the terminal table; every one is in the CSV and JSON


def write_table(run: Run, out: TextIO) -> None:
    """Write the matrix and per-source summary as plain terminal tables."""
    legend, _, summary = small_tables(run, "simple")
    write_lines(out, matrix_table(run, "simple"))
    write_lines(out, [LEGEND, "", legend, ""])
    write_lines(out, stats_table(run, "simple"))
    write_lines(out, ["", summary, verdict_line(run)])
    shown = itertools.islice(run.results.mismatches(), MISMATCHES_SHOWN)
    write_lines(out, (
        f"  {r.claim} [{r.source}]: {r.verdict.value}, expected "
        f"{r.expected.value if r.expected else 'not contradicted'} ({r.reason})"
        + (" - recorded as a known miss but now agrees: remove known_miss"
           if r.known_miss else "") for r in shown))
    more = run.results.tally.mismatched - MISMATCHES_SHOWN
    if more > 0:
        out.write(f"  ... and {more} more (every pair is in the CSV and JSON reports)\n")
