"""The Markdown report: the matrix, per-source summary and verifier quality for reviews."""

from __future__ import annotations

from typing import TextIO

from ..model import Run
from .tables import LEGEND, matrix_table, small_tables, stats_table, verdict_line, write_lines


def write_markdown(run: Run, out: TextIO) -> None:
    """Write the matrix, per-source summary and verifier quality as GitHub Markdown."""
    legend, confusion, summary = small_tables(run, "github")
    write_lines(out, ["## Accuracy matrix", ""])
    write_lines(out, matrix_table(run, "github"))
    write_lines(out, ["", LEGEND, "", legend, "", "## Per source", ""])
    write_lines(out, stats_table(run, "github"))
    write_lines(out, [
        "", "accuracy = supported / (supported + contradicted), with its 95% Wilson interval; "
        "coverage = share of claims not silent.", "",
        "## Verifier against expected verdicts", "", confusion, "", summary, "",
        verdict_line(run)])
