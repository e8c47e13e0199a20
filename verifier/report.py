"""Render a run: Markdown for reviews, terminal tables, CSV and a self-contained HTML page.

All output is deterministic: sources sorted by id, claims in claim-file order,
fixed number formats and no timestamps, so a diff means a verdict changed.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import itertools
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import astuple
from importlib import resources
from pathlib import Path
from typing import TextIO

from tabulate import tabulate

from . import __version__
from .document import write_json
from .matrix import percent
from .model import CHECKED_VERDICTS, Result, Run, Verdict
from .quality import score

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


def _fit(cell: str, width: int, align: str) -> str:
    if align == "center":
        return f"{cell:^{width}}"  # tabulate's centring: the odd space goes right
    return cell.rjust(width) if align == "right" else cell.ljust(width)


def table_lines(header: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[int],
                aligns: Sequence[str], fmt: str) -> Iterator[str]:
    """Yield a table's lines in tabulate's "github" or "simple" layout, one row at a time.

    tabulate needs every row in memory to size its columns; the matrix and per-source
    tables have a row per source, so they are streamed here with widths known in
    advance (see `column_widths`). Given the same widths, the lines are tabulate's.
    """
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        aligns = ["left"] * len(widths)  # as tabulate aligns the header of an empty table

    def line(cells: Sequence[str]) -> str:
        fitted = [_fit(c, w, a) for c, w, a in zip(cells, widths, aligns, strict=True)]
        return f"| {' | '.join(fitted)} |" if fmt == "github" else "  ".join(fitted).rstrip()

    yield line(header)
    if fmt == "github":
        yield "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    else:
        yield "  ".join("-" * w for w in widths)
    if first is not None:
        yield line(first)
        yield from map(line, rows)


def column_widths(header: Sequence[str], cells: Iterable[Sequence[str]]) -> list[int]:
    """Return tabulate's column widths: the widest cell, or the header with two spaces."""
    widths = [len(h) + 2 for h in header]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    return widths


def _matrix_cells(run: Run, evidence: bool) -> Iterator[tuple[str, dict[str, Result]]]:
    """Yield each source of the run with its results by claim id (none for a bare source)."""
    groups = run.results.by_source(evidence)
    current = next(groups, None)
    for source in run.sources:
        while current is not None and current[0] < source:
            current = next(groups, None)
        if current is not None and current[0] == source:
            yield current
            current = next(groups, None)
        else:
            yield source, {}


def matrix_rows(run: Run) -> Iterator[list[str]]:
    """Yield the matrix one row per source: the source id, then a cell per claim."""
    for source, cells in _matrix_cells(run, evidence=False):
        row = [source]
        for claim in run.claims:
            result = cells.get(claim.id)
            row.append(_cell(result.verdict, result.expected, result.known_miss)
                       if result else "")
        yield row


def _matrix_table(run: Run, fmt: str) -> Iterator[str]:
    header = ["source", *claim_labels(run)]
    # tabulate's widths, known without a pass over the results: a cell is at most
    # "✘≠✔*", never wider than its label plus two spaces.
    widest = len(_cell(Verdict.ERROR, Verdict.SILENT, "*"))
    widths = [max([len(header[0]) + 2, *map(len, run.sources)])]
    widths += [max(len(label) + 2, widest) for label in header[1:]]
    aligns = ["left"] + ["center"] * len(run.claims)
    return table_lines(header, matrix_rows(run), widths, aligns, fmt)


def legend_rows(run: Run) -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of the claim legend."""
    labels = claim_labels(run)
    return ["", "claim", "statement"], [[label, c.id, c.text]
                                        for label, c in zip(labels, run.claims, strict=True)]


STATS_HEADER = ["source", "supported", "contradicted", "hedged", "silent", "errors", "accuracy",
                "95% interval", "coverage", "note"]


def stats_rows(run: Run) -> Iterator[list[str]]:
    """Yield the per-source summary rows (see STATS_HEADER), from the run's running totals."""
    for s in run.results.tally.source_stats():
        interval = s.interval
        span = f"{interval[0] * 100:.1f}–{interval[1] * 100:.1f}%" if interval else "n/a"
        note = f"only {s.supported + s.contradicted} decided" if s.small_sample else ""
        yield [s.source, str(s.supported), str(s.contradicted), str(s.hedged),
               str(s.silent), str(s.errors), percent(s.accuracy), span,
               percent(s.coverage), note]


def _stats_table(run: Run, fmt: str) -> Iterator[str]:
    widths = column_widths(STATS_HEADER, stats_rows(run))
    aligns = ["left"] + ["right"] * 8 + ["left"]
    return table_lines(STATS_HEADER, stats_rows(run), widths, aligns, fmt)


def quality_rows(run: Run) -> tuple[list[str], list[list[str]], str]:
    """Return the confusion matrix (expected × given) and a per-verdict score line."""
    quality = score(run.results.tally.confusion)
    header = ["expected \\ given", *(v.value for v in CHECKED_VERDICTS)]
    rows = [[e.value, *(str(quality.confusion.get((e, g), 0)) for g in CHECKED_VERDICTS)]
            for e in CHECKED_VERDICTS]
    # "contradicted" first: a false contradiction is the costliest error of the matrix
    ordered = sorted(quality.scores, key=lambda s: s.verdict is not Verdict.CONTRADICTED)
    scores = ", ".join(f"{s.verdict.value} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}"
                       for s in ordered)
    macro = "n/a" if quality.macro_f1 is None else f"{quality.macro_f1:.3f}"
    summary = (f"{quality.agreed} of {quality.compared} pairs agree with their expected verdict;"
               f" macro-F1 {macro}" + (f" ({scores})" if scores else ""))
    return header, rows, summary


def _small_tables(run: Run, fmt: str) -> tuple[str, str, str]:
    header, rows = legend_rows(run)
    legend = tabulate(rows, headers=header, tablefmt=fmt, disable_numparse=True)
    header, rows, summary = quality_rows(run)
    confusion = tabulate(rows, headers=header, tablefmt=fmt, disable_numparse=True)
    return legend, confusion, summary


def _verdict_line(run: Run) -> str:
    tally = run.results.tally
    tail = f" ({tally.known_misses} recorded known miss(es) excepted)" if tally.known_misses \
        else ""
    if not tally.mismatched:
        return f"All {tally.total} pairs meet their expected verdict{tail}."
    return f"{tally.mismatched} of {tally.total} pairs differ from their expected verdict{tail}."


def _write_lines(out: TextIO, lines: Iterable[str]) -> None:
    for line in lines:
        out.write(line)
        out.write("\n")


def write_markdown(run: Run, out: TextIO) -> None:
    """Write the matrix, per-source summary and verifier quality as GitHub Markdown."""
    legend, confusion, summary = _small_tables(run, "github")
    _write_lines(out, ["## Accuracy matrix", ""])
    _write_lines(out, _matrix_table(run, "github"))
    _write_lines(out, ["", LEGEND, "", legend, "", "## Per source", ""])
    _write_lines(out, _stats_table(run, "github"))
    _write_lines(out, [
        "", "accuracy = supported / (supported + contradicted), with its 95% Wilson interval; "
        "coverage = share of claims not silent.", "",
        "## Verifier against expected verdicts", "", confusion, "", summary, "",
        _verdict_line(run)])


MISMATCHES_SHOWN = 50  # in the terminal table; every one is in the CSV and JSON


def write_table(run: Run, out: TextIO) -> None:
    """Write the matrix and per-source summary as plain terminal tables."""
    legend, _, summary = _small_tables(run, "simple")
    _write_lines(out, _matrix_table(run, "simple"))
    _write_lines(out, [LEGEND, "", legend, ""])
    _write_lines(out, _stats_table(run, "simple"))
    _write_lines(out, ["", summary, _verdict_line(run)])
    shown = itertools.islice(run.results.mismatches(), MISMATCHES_SHOWN)
    _write_lines(out, (
        f"  {r.claim} [{r.source}]: {r.verdict.value}, expected "
        f"{r.expected.value if r.expected else 'not contradicted'} ({r.reason})"
        + (" - recorded as a known miss but now agrees: remove known_miss"
           if r.known_miss else "") for r in shown))
    more = run.results.tally.mismatched - MISMATCHES_SHOWN
    if more > 0:
        out.write(f"  ... and {more} more (every pair is in the CSV and JSON reports)\n")


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


_COLOURS = {"supported": "#c8e6c9", "contradicted": "#ffcdd2", "hedged": "#fff3c4",
            "silent": "#eeeeee", "error": "#b0bec5"}


def _html_cell(r: Result | None) -> str:
    e = html.escape
    if r is None:
        return "<td></td>"
    evidence = " | ".join(f"[{x.start}–{x.end}] {x.text}" for x in r.evidence)
    mark = "" if r.matches_expectation else " ✗"
    detail = (f"<details><summary>{e(r.verdict.value)}{mark}</summary>"
              f"<p>{e(evidence) or 'no evidence'}</p><p><i>{e(r.reason)}</i></p>"
              + (f"<p>expected: {e(r.expected.value)}</p>" if r.expected else "")
              + "</details>")
    return f'<td class="{e(r.verdict.value)}" title="{e(evidence or r.reason)}">{detail}</td>'


def write_html(run: Run, out: TextIO) -> None:
    """Write a self-contained HTML page: cells coloured by verdict, evidence on hover/click.

    Every string from claims and articles is escaped.
    """
    e = html.escape
    head = "".join(f'<th title="{e(c.text)}">{e(c.id)}</th>' for c in run.claims)
    style = "".join(f"td.{k}{{background:{v}}}" for k, v in _COLOURS.items())
    out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
              "<title>Accuracy matrix</title><style>body{font-family:sans-serif}"
              "table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px;"
              "vertical-align:top;text-align:left}details p{max-width:40em;font-size:90%}"
              f"{style}</style></head><body>\n<h1>Accuracy matrix</h1>\n"
              f"<table><tr><th>source</th>{head}</tr>\n")
    infos = {a.source: a for a in run.articles}
    for n, (source, cells) in enumerate(_matrix_cells(run, evidence=True)):
        info = infos.get(source)
        about = " — ".join(x for x in (info.outlet, info.title) if x) if info else ""
        out.write(("\n" if n else "") + f'<tr><th title="{e(about)}">{e(source)}</th>'
                  + "".join(_html_cell(cells.get(c.id)) for c in run.claims) + "</tr>")
    out.write("</table>\n<h2>Per source</h2>\n<table><tr>"
              + "".join(f"<th>{e(h)}</th>" for h in STATS_HEADER) + "</tr>")
    for row in stats_rows(run):
        out.write("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>")
    out.write(f"</table>\n<p>{e(_verdict_line(run))}</p>\n</body></html>\n")


def run_digest(run: Run, fmt: str = "") -> str:
    """Return a digest of everything a rendering of the run is made from.

    That is the run (claims, sources, articles, problems and the results' own digest)
    and the renderers' source, so equal digests mean byte-identical reports.
    """
    digest = hashlib.sha256(json.dumps([
        fmt, __version__, [[c.id, c.text, c.kind.value, c.path, c.line] for c in run.claims],
        list(run.sources), [astuple(a) for a in run.articles],
        [astuple(p) for p in run.problems], run.results.digest], ensure_ascii=False).encode())
    folder = resources.files("verifier")
    for name in ("report.py", "document.py", "matrix.py", "quality.py", "store.py"):
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()


WRITERS: dict[str, Callable[[Run, TextIO], None]] = {
    "table": write_table, "markdown": write_markdown, "json": write_json, "csv": write_csv,
    "html": write_html}


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


def _publishable(fd: int) -> None:
    """Give a staged file the mode a plain ``open()`` would: mkstemp makes it 0600."""
    mask = os.umask(0)
    os.umask(mask)
    os.fchmod(fd, 0o666 & ~mask)


def write_atomic(path: str | Path, content: str | Callable[[TextIO], None]) -> None:
    """Write a file through a temporary file and a rename, so it is never half-written.

    `content` is the text, or a function that writes it to the open file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        _publishable(fd)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            if callable(content):
                content(handle)
            else:
                handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_reports(run: Run, folder: str | Path) -> list[Path]:
    """Write results.json and its renderings (Markdown, CSV, HTML) into a folder.

    Every rendering is streamed to a temporary file before the first report is
    replaced, and each is replaced by a rename: a failure or an interruption
    leaves every previous report whole. Temporary files left by a killed run are
    removed by the next one.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(".*.tmp"):
        stale.unlink(missing_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for fmt, name in REPORT_FILES.items():
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
            staged.append((name, Path(tmp)))
            _publishable(fd)
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                write(run, fmt, handle)
        for name, tmp in staged:
            os.replace(tmp, folder / name)
    finally:
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)
    return [folder / name for name in REPORT_FILES.values()]
