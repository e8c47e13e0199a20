"""Render a run: Markdown for reviews, terminal tables, CSV and a self-contained HTML page.

All output is deterministic: sources sorted by id, claims in claim-file order,
fixed number formats and no timestamps, so a diff means a verdict changed.
"""

from __future__ import annotations

import csv
import html
import io
import os
import tempfile
from pathlib import Path

from tabulate import tabulate

from .document import render_json
from .matrix import mismatches, percent, source_stats
from .model import CHECKED_VERDICTS, Run, Verdict
from .quality import measure

FORMATS = ("table", "markdown", "json", "csv", "html")
REPORT_FILES = {"json": "results.json", "markdown": "matrix.md", "csv": "matrix.csv",
                "html": "matrix.html"}


SYMBOLS = {Verdict.SUPPORTED: "✔", Verdict.CONTRADICTED: "✘", Verdict.HEDGED: "~",
           Verdict.SILENT: "·", Verdict.ERROR: "!"}
LEGEND = ("✔ supported, ✘ contradicted, ~ hedged, · silent, ! error; "
          "✘≠✔: got ✘, expected ✔; * a recorded known miss")


def _cell(verdict: Verdict, expected: Verdict | None, known_miss: str | None = None) -> str:
    if expected is not None and expected != verdict:
        return f"{SYMBOLS[verdict]}≠{SYMBOLS[expected]}" + ("*" if known_miss else "")
    return SYMBOLS[verdict]


def claim_labels(run: Run) -> list[str]:
    """Return the column label of each claim: C1, C2, ... in claim order."""
    return [f"C{n}" for n in range(1, len(run.claims) + 1)]


def matrix_rows(run: Run) -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of the matrix: one row per source, one column per claim."""
    cells = {(r.claim, r.source): r for r in run.results}
    rows = []
    for source in run.sources:
        row = [source]
        for claim in run.claims:
            result = cells.get((claim.id, source))
            row.append(_cell(result.verdict, result.expected, result.known_miss)
                       if result else "")
        rows.append(row)
    return ["source", *claim_labels(run)], rows


def legend_rows(run: Run) -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of the claim legend."""
    labels = claim_labels(run)
    return ["", "claim", "statement"], [[label, c.id, c.text]
                                        for label, c in zip(labels, run.claims, strict=True)]


def stats_rows(run: Run) -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of the per-source summary."""
    header = ["source", "supported", "contradicted", "hedged", "silent", "errors", "accuracy",
              "95% interval", "coverage", "note"]
    rows = []
    for s in source_stats(run.results):
        interval = s.interval
        span = f"{interval[0] * 100:.1f}–{interval[1] * 100:.1f}%" if interval else "n/a"
        note = f"only {s.supported + s.contradicted} decided" if s.small_sample else ""
        rows.append([s.source, str(s.supported), str(s.contradicted), str(s.hedged),
                     str(s.silent), str(s.errors), percent(s.accuracy), span,
                     percent(s.coverage), note])
    return header, rows


def quality_rows(run: Run) -> tuple[list[str], list[list[str]], str]:
    """Return the confusion matrix (expected × given) and a per-verdict score line."""
    quality = measure(run.results)
    header = ["expected \\ given", *(v.value for v in CHECKED_VERDICTS)]
    rows = [[e.value, *(str(quality.confusion.get((e, g), 0)) for g in CHECKED_VERDICTS)]
            for e in CHECKED_VERDICTS]
    scores = ", ".join(f"{s.verdict.value} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}"
                       for s in quality.scores)
    macro = "n/a" if quality.macro_f1 is None else f"{quality.macro_f1:.3f}"
    summary = (f"{quality.agreed} of {quality.compared} pairs agree with their expected verdict;"
               f" macro-F1 {macro}" + (f" ({scores})" if scores else ""))
    return header, rows, summary


def _tables(run: Run, fmt: str) -> tuple[str, str, str, str, str]:
    header, rows = matrix_rows(run)
    matrix = tabulate(rows, headers=header, tablefmt=fmt, disable_numparse=True,
                      colalign=("left",) + ("center",) * len(run.claims))
    header, rows = legend_rows(run)
    legend = tabulate(rows, headers=header, tablefmt=fmt, disable_numparse=True)
    header, rows = stats_rows(run)
    stats = tabulate(rows, headers=header, tablefmt=fmt, disable_numparse=True,
                     colalign=("left",) + ("right",) * 8 + ("left",))
    header, rows, summary = quality_rows(run)
    confusion = tabulate(rows, headers=header, tablefmt=fmt, disable_numparse=True)
    return matrix, legend, stats, confusion, summary


def _verdict_line(run: Run) -> str:
    wrong = mismatches(run.results)
    known = sum(1 for r in run.results if r.known_miss and r.matches_expectation)
    tail = f" ({known} recorded known miss(es) excepted)" if known else ""
    if not wrong:
        return f"All {len(run.results)} pairs meet their expected verdict{tail}."
    return f"{len(wrong)} of {len(run.results)} pairs differ from their expected verdict{tail}."


def render_markdown(run: Run) -> str:
    """Return the matrix, per-source summary and verifier quality as GitHub Markdown."""
    matrix, legend, stats, confusion, summary = _tables(run, "github")
    return "\n".join([
        "## Accuracy matrix", "", matrix, "", LEGEND, "", legend, "",
        "## Per source", "", stats, "",
        "accuracy = supported / (supported + contradicted), with its 95% Wilson interval; "
        "coverage = share of claims not silent.", "",
        "## Verifier against expected verdicts", "", confusion, "", summary, "",
        _verdict_line(run), ""])


def render_table(run: Run) -> str:
    """Return the matrix and per-source summary as plain terminal tables."""
    matrix, legend, stats, _, summary = _tables(run, "simple")
    tail = [_verdict_line(run)]
    tail += [f"  {r.claim} [{r.source}]: {r.verdict.value}, expected "
             f"{r.expected.value if r.expected else 'not contradicted'} ({r.reason})"
             + (" - recorded as a known miss but now agrees: remove known_miss"
                if r.known_miss else "")
             for r in mismatches(run.results)]
    return "\n".join([matrix, LEGEND, "", legend, "", stats, "", summary, *tail]) + "\n"


def render_csv(run: Run) -> str:
    """Return one CSV row per (claim, source) pair, with the first evidence sentence."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["claim", "source", "verdict", "expected", "evidence", "start", "end",
                     "reason"])
    for r in run.results:
        first = r.evidence[0] if r.evidence else None
        writer.writerow([r.claim, r.source, r.verdict.value,
                         r.expected.value if r.expected else "",
                         first.text if first else "", first.start if first else "",
                         first.end if first else "", r.reason])
    return out.getvalue()


_COLOURS = {"supported": "#c8e6c9", "contradicted": "#ffcdd2", "hedged": "#fff3c4",
            "silent": "#eeeeee", "error": "#b0bec5"}


def render_html(run: Run) -> str:
    """Return a self-contained HTML page: cells coloured by verdict, evidence on hover/click.

    Every string from claims and articles is escaped.
    """
    e = html.escape
    cells = {(r.claim, r.source): r for r in run.results}
    head = "".join(f'<th title="{e(c.text)}">{e(c.id)}</th>' for c in run.claims)
    body = []
    infos = {a.source: a for a in run.articles}
    for source in run.sources:
        info = infos.get(source)
        about = " — ".join(x for x in (info.outlet, info.title) if x) if info else ""
        row = [f'<th title="{e(about)}">{e(source)}</th>']
        for claim in run.claims:
            r = cells.get((claim.id, source))
            if r is None:
                row.append("<td></td>")
                continue
            evidence = " | ".join(f"[{x.start}–{x.end}] {x.text}" for x in r.evidence)
            mark = "" if r.matches_expectation else " ✗"
            detail = (f"<details><summary>{e(r.verdict.value)}{mark}</summary>"
                      f"<p>{e(evidence) or 'no evidence'}</p><p><i>{e(r.reason)}</i></p>"
                      + (f"<p>expected: {e(r.expected.value)}</p>" if r.expected else "")
                      + "</details>")
            row.append(f'<td class="{e(r.verdict.value)}" title="{e(evidence or r.reason)}">'
                       f"{detail}</td>")
        body.append("<tr>" + "".join(row) + "</tr>")
    header, rows = stats_rows(run)
    stats = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows)
    style = "".join(f"td.{k}{{background:{v}}}" for k, v in _COLOURS.items())
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>Accuracy matrix</title><style>body{font-family:sans-serif}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px;"
        "vertical-align:top;text-align:left}details p{max-width:40em;font-size:90%}"
        f"{style}</style></head><body>\n<h1>Accuracy matrix</h1>\n"
        f"<table><tr><th>source</th>{head}</tr>\n" + "\n".join(body) + "</table>\n"
        "<h2>Per source</h2>\n<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in header)
        + f"</tr>{stats}</table>\n<p>{e(_verdict_line(run))}</p>\n</body></html>\n")


RENDERERS = {"table": render_table, "markdown": render_markdown, "json": render_json,
             "csv": render_csv, "html": render_html}


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
    """Write results.json and its renderings (Markdown, CSV, HTML) into a folder.

    Every rendering is made and written to a temporary file before the first report
    is replaced, and each is replaced by a rename: a failure or an interruption
    leaves every previous report whole. Temporary files left by a killed run are
    removed by the next one.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(".*.tmp"):
        stale.unlink(missing_ok=True)
    texts = {name: render(run, fmt) for fmt, name in REPORT_FILES.items()}
    staged: list[tuple[str, Path]] = []
    try:
        for name, text in texts.items():
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
            staged.append((name, Path(tmp)))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        for name, tmp in staged:
            os.replace(tmp, folder / name)
    finally:
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)
    return [folder / name for name in texts]
