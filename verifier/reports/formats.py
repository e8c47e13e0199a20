"""The report formats and their writers."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TextIO

from ..model import Run
from .cells import write_cells
from .document import write_json
from .markdown import write_markdown
from .page import write_html
from .spreadsheet import write_csv
from .terminal import write_table

FORMATS = ("table", "markdown", "json", "csv", "html", "cells")
# The files of a reports folder, published together (see `publish.write_reports`).
REPORT_FILES = {"json": "results.json", "cells": "cells.tsv", "markdown": "matrix.md",
                "csv": "matrix.csv", "html": "matrix.html"}

WRITERS: dict[str, Callable[[Run, TextIO], None]] = {
    "table": write_table, "markdown": write_markdown, "json": write_json, "csv": write_csv,
    "html": write_html, "cells": write_cells}


def write(run: Run, fmt: str, out: TextIO) -> None:
    """Write a run in one of FORMATS to a text stream, a row at a time."""
    WRITERS[fmt](run, out)


def render(run: Run, fmt: str) -> str:
    """Render a run in one of FORMATS as a string (small runs; files use `write`)."""
    out = io.StringIO()
    write(run, fmt, out)
    return out.getvalue()


def render_json(run: Run) -> str:
    """Return the JSON results document."""
    return render(run, "json")


def render_markdown(run: Run) -> str:
    """Return the Markdown rendering."""
    return render(run, "markdown")


def render_table(run: Run) -> str:
    """Return the terminal-table rendering."""
    return render(run, "table")


def render_csv(run: Run) -> str:
    """Return the CSV rendering."""
    return render(run, "csv")


def render_html(run: Run) -> str:
    """Return the HTML rendering."""
    return render(run, "html")
