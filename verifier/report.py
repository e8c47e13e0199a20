"""Render a run: the versioned JSON document, Markdown and terminal tables.

All output is deterministic: sources sorted by id, claims in claim-file order,
fixed number formats and no timestamps, so a diff means a verdict changed.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from tabulate import tabulate

from . import __version__
from .matrix import mismatches, percent, source_stats
from .model import Run, Verdict

RESULTS_FORMAT = "claim-verifier/results"
RESULTS_VERSION = 1
FORMATS = ("table", "markdown", "json")


def to_document(run: Run) -> dict:
    """Return the canonical JSON document of a run."""
    stats = source_stats(run.results)
    return {
        "format": RESULTS_FORMAT,
        "version": RESULTS_VERSION,
        "verifier": __version__,
        "claims": [{"id": c.id, "kind": c.kind.value, "claim": c.text, "path": c.path,
                    "line": c.line} for c in run.claims],
        "sources": list(run.sources),
        "results": [{
            "claim": r.claim, "source": r.source, "event": r.event,
            "verdict": r.verdict.value,
            "expected": r.expected.value if r.expected else None,
            "evidence": [{"text": e.text, "start": e.start, "end": e.end} for e in r.evidence],
            "reason": r.reason,
        } for r in run.results],
        "summary": {
            "sources": {s.source: {"supported": s.supported, "contradicted": s.contradicted,
                                   "hedged": s.hedged, "silent": s.silent, "errors": s.errors,
                                   "accuracy": _round(s.accuracy), "coverage": _round(s.coverage)}
                        for s in stats},
            "mismatches": len(mismatches(run.results)),
        },
        "problems": [{"path": p.path, "line": p.line, "message": p.message}
                     for p in run.problems],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def render_json(run: Run) -> str:
    """Return the JSON document as text (sorted keys inside records, two-space indent)."""
    return json.dumps(to_document(run), indent=2, ensure_ascii=False) + "\n"


def _cell(verdict: Verdict, expected: Verdict | None) -> str:
    if expected is not None and expected != verdict:
        return f"{verdict.value} (expected {expected.value})"
    if expected is None and verdict is Verdict.CONTRADICTED:
        return f"{verdict.value} (!)"
    return verdict.value


def matrix_rows(run: Run) -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of the matrix: one row per claim, one column per source."""
    cells = {(r.claim, r.source): r for r in run.results}
    header = ["claim", *run.sources]
    rows = []
    for claim in run.claims:
        row = [claim.id]
        for source in run.sources:
            result = cells.get((claim.id, source))
            row.append(_cell(result.verdict, result.expected) if result else "")
        rows.append(row)
    return header, rows


def stats_rows(run: Run) -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of the per-source summary."""
    header = ["source", "supported", "contradicted", "hedged", "silent", "errors", "accuracy",
              "coverage"]
    rows = [[s.source, str(s.supported), str(s.contradicted), str(s.hedged), str(s.silent),
             str(s.errors), percent(s.accuracy), percent(s.coverage)]
            for s in source_stats(run.results)]
    return header, rows


def _tables(run: Run, fmt: str) -> str:
    header, rows = matrix_rows(run)
    matrix = tabulate(rows, headers=header, tablefmt=fmt, disable_numparse=True)
    header, rows = stats_rows(run)
    stats = tabulate(rows, headers=header, tablefmt=fmt, disable_numparse=True,
                     colalign=("left",) + ("right",) * (len(header) - 1))
    return matrix, stats


def render_markdown(run: Run) -> str:
    """Return the matrix and per-source summary as GitHub Markdown, ready for a review."""
    matrix, stats = _tables(run, "github")
    lines = ["## Accuracy matrix", "", matrix, "", "## Per source", "", stats, "",
             "accuracy = supported / (supported + contradicted); "
             "coverage = share of claims not silent.", ""]
    wrong = mismatches(run.results)
    lines.append(f"{len(wrong)} of {len(run.results)} pairs differ from their expected verdict."
                 if wrong else f"All {len(run.results)} pairs meet their expected verdict.")
    return "\n".join(lines) + "\n"


def render_table(run: Run) -> str:
    """Return the matrix and per-source summary as plain terminal tables."""
    matrix, stats = _tables(run, "simple")
    wrong = mismatches(run.results)
    tail = [f"{len(wrong)} of {len(run.results)} pairs differ from their expected verdict:"]
    tail += [f"  {r.claim} [{r.source}]: {r.verdict.value}, expected "
             f"{r.expected.value if r.expected else 'not contradicted'} ({r.reason})"
             for r in wrong]
    if not wrong:
        tail = [f"All {len(run.results)} pairs meet their expected verdict."]
    return "\n".join([matrix, "", stats, "", *tail]) + "\n"


RENDERERS = {"table": render_table, "markdown": render_markdown, "json": render_json}


def render(run: Run, fmt: str) -> str:
    """Render a run in one of FORMATS."""
    return RENDERERS[fmt](run)


def write_atomic(path: str | Path, text: str) -> None:
    """Write a file through a temporary file and a rename, so it is never half-written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_reports(run: Run, folder: str | Path) -> list[Path]:
    """Write results.json and matrix.md into a folder; return the paths written."""
    folder = Path(folder)
    written = []
    for name, text in (("results.json", render_json(run)), ("matrix.md", render_markdown(run))):
        write_atomic(folder / name, text)
        written.append(folder / name)
    return written
