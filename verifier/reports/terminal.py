"""The terminal report: plain tables and the pairs that differ from their expected verdict.

Strings from the inputs are shown on one line with their control characters escaped
(`safe.one_line`), so no article or claim file can send escape sequences to a terminal.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TextIO

from ..model import Run
from .safe import one_line
from .tables import LEGEND, matrix_table, small_tables, stats_table, verdict_line, write_lines

MISMATCHES_SHOWN = 50  # in the terminal table; every one is in the CSV and JSON


def write_table(run: Run, out: TextIO) -> None:
    """Write the matrix and per-source summary as plain terminal tables."""
    legend, _, summary = small_tables(run, "simple")
    write_lines(out, matrix_table(run, "simple"))
    write_lines(out, [LEGEND, "", legend, ""])
    write_lines(out, stats_table(run, "simple"))
    write_lines(out, ["", summary])
    write_lines(out, _verdicts(run))


def _verdicts(run: Run) -> Iterator[str]:
    """Yield the verdict line and the first pairs that differ from their expectation."""
    yield verdict_line(run)
    for r in itertools.islice(run.results.mismatches(), MISMATCHES_SHOWN):
        yield one_line(f"  {r.claim} [{r.source}]: {r.verdict.value}, expected "
                       f"{r.expected.value if r.expected else 'not contradicted'} ({r.reason})"
                       + (" - recorded as a known miss but now agrees: remove known_miss"
                          if r.known_miss else ""))
    more = run.results.tally.mismatched - MISMATCHES_SHOWN
    if more > 0:
        yield f"  ... and {more} more (every pair is in the CSV and JSON reports)"


def summary_lines(run: Run) -> Iterator[str]:
    """Yield a short account of a run for the terminal when its rendering went elsewhere:
    the counts of verdicts, then the pairs that differ from their expectation."""
    tally = run.results.tally
    given: dict[str, int] = {}
    for s in tally.source_stats():
        for name, n in (("supported", s.supported), ("contradicted", s.contradicted),
                        ("hedged", s.hedged), ("silent", s.silent), ("error", s.errors)):
            given[name] = given.get(name, 0) + n
    counts = ", ".join(f"{n} {name}" for name, n in given.items() if n)
    yield (f"checked {len(run.claims)} claim(s) against {len(run.sources)} source(s): "
           f"{tally.total} pairs ({counts or 'none'})")
    yield from _verdicts(run)
