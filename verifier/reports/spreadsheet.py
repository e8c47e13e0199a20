"""The CSV report: one row per (claim, source) pair."""

from __future__ import annotations

import csv
from typing import TextIO

from ..model import Run


def write_csv(run: Run, out: TextIO) -> None:
    """Write one CSV row per (claim, source) pair, with the first evidence sentence."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["claim", "source", "verdict", "expected", "evidence", "start", "end",
                     "reason"])
    for r in run.results:
        first = r.evidence[0] if r.evidence else None
        writer.writerow([r.claim, r.source, r.verdict.value,
                         r.expected.value if r.expected else "",
                         first.text if first else "", first.start if first else "",
                         first.end if first else "", r.reason])
