"""The tables every rendering shares: matrix cells and rows, the claim legend, per-source
and quality rows, and a streaming writer of tabulate's layouts.

All output is deterministic: sources sorted by id, claims in claim-file order,
fixed number formats and no timestamps, so a diff means a verdict changed. Every string
from the inputs goes into a table through `text_cell`: escaped for Markdown ("github"),
or one line with its control characters shown (the terminal's "simple").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TextIO

from tabulate import tabulate

from ..model import CHECKED_VERDICTS, Result, Run, Verdict
from . import safe
from .matrix import percent
from .quality import score

SYMBOLS = {Verdict.SUPPORTED: "✔", Verdict.CONTRADICTED: "✘", Verdict.HEDGED: "~",
           Verdict.SILENT: "·", Verdict.ERROR: "!"}
# A near miss: silent, but the article mentions what the claim is about. Not a fifth
# verdict: it scores as silent.
MENTIONED = "∘"
LEGEND = ("✔ supported, ✘ contradicted, ~ hedged, · silent, ∘ silent but mentioned "
          "(see verifier explain), ! error; ✘≠✔: got ✘, expected ✔; * a recorded known miss")


def cell(verdict: Verdict, expected: Verdict | None, known_miss: str | None = None,
         mentioned: bool = False) -> str:
    """Return a matrix cell: the verdict's symbol, and the expected one when they differ."""
    symbol = MENTIONED if mentioned and verdict is Verdict.SILENT else SYMBOLS[verdict]
    if expected is not None and expected != verdict:
        return f"{symbol}≠{SYMBOLS[expected]}" + ("*" if known_miss else "")
    return symbol


def text_cell(fmt: str) -> Callable[[str], str]:
    """Return the function that makes an input's string a safe cell of a table in `fmt`."""
    return safe.markdown if fmt == "github" else safe.one_line


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


def matrix_cells(run: Run, evidence: bool) -> Iterator[tuple[str, dict[str, Result]]]:
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
    for source, cells in matrix_cells(run, evidence=False):
        row = [source]
        for claim in run.claims:
            result = cells.get(claim.id)
            row.append(cell(result.verdict, result.expected, result.known_miss,
                            result.mentioned) if result else "")
        yield row


def matrix_table(run: Run, fmt: str) -> Iterator[str]:
    header = ["source", *claim_labels(run)]
    text = text_cell(fmt)
    # tabulate's widths, known without a pass over the results: a cell is at most
    # "✘≠✔*", never wider than its label plus two spaces.
    widest = len(cell(Verdict.ERROR, Verdict.SILENT, "*"))
    widths = [max([len(header[0]) + 2, *(len(text(s)) for s in run.sources)])]
    widths += [max(len(label) + 2, widest) for label in header[1:]]
    aligns = ["left"] + ["center"] * len(run.claims)
    rows = ([text(row[0]), *row[1:]] for row in matrix_rows(run))
    return table_lines(header, rows, widths, aligns, fmt)


def legend_rows(run: Run, fmt: str = "simple") -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of the claim legend, its strings safe for `fmt`."""
    labels, text = claim_labels(run), text_cell(fmt)
    return ["", "claim", "statement"], [[label, text(c.id), text(c.text)]
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


def stats_table(run: Run, fmt: str) -> Iterator[str]:
    text = text_cell(fmt)

    def rows() -> Iterator[list[str]]:
        return ([text(row[0]), *row[1:]] for row in stats_rows(run))

    widths = column_widths(STATS_HEADER, rows())
    aligns = ["left"] + ["right"] * 8 + ["left"]
    return table_lines(STATS_HEADER, rows(), widths, aligns, fmt)


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


def small_tables(run: Run, fmt: str) -> tuple[str, str, str]:
    header, rows = legend_rows(run, fmt)
    legend = tabulate(rows, headers=header, tablefmt=fmt, disable_numparse=True)
    header, rows, summary = quality_rows(run)
    confusion = tabulate(rows, headers=header, tablefmt=fmt, disable_numparse=True)
    return legend, confusion, summary


def verdict_line(run: Run) -> str:
    tally = run.results.tally
    tail = f" ({tally.known_misses} recorded known miss(es) excepted)" if tally.known_misses \
        else ""
    if not tally.mismatched:
        return f"All {tally.total} pairs meet their expected verdict{tail}."
    return f"{tally.mismatched} of {tally.total} pairs differ from their expected verdict{tail}."




def write_lines(out: TextIO, lines: Iterable[str]) -> None:
    """Write lines to a stream, each followed by a newline."""
    for line in lines:
        out.write(line)
        out.write("\n")
