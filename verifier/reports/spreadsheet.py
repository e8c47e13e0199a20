"""The CSV report: one row per (claim, source) pair, ready for a spreadsheet.

UTF-8 with a byte-order mark (so spreadsheets do not guess another encoding), every
evidence sentence of a pair in one cell (a line each, their offsets likewise in
`offsets`), and no cell that a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
from typing import TextIO

from ..model import Result, Run
from .safe import visible

HEADER = ["claim", "source", "event", "verdict", "expected", "agree", "known_miss", "evidence",
          "offsets", "reason"]
# A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice
# and Google Sheets; a leading apostrophe makes it text (OWASP's "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Return a cell's text so that no spreadsheet evaluates it, and with its control
    characters shown as escapes (`safe.visible`; line breaks and tabs stay)."""
    value = visible(value)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def row(r: Result) -> list[str]:
    """Return the CSV cells of one result (see HEADER)."""
    agree = "" if r.expected is None else "yes" if r.verdict == r.expected else "no"
    return [neutralise(cell) for cell in (
        r.claim, r.source, r.event, r.verdict.value, r.expected.value if r.expected else "",
        agree, r.known_miss or "", "\n".join(e.text for e in r.evidence),
        # An en dash, not a hyphen: "12-80" would turn into a date in a spreadsheet.
        "\n".join(f"{e.start}–{e.end}" for e in r.evidence), r.reason)]


def write_csv(run: Run, out: TextIO) -> None:
    """Write a byte-order mark, the header and one row per (claim, source) pair."""
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(map(row, run.results))
