"""The HTML report: a self-contained page, every string from claims and articles escaped."""

from __future__ import annotations

import html
from typing import TextIO

from ..model import Result, Run
from .tables import STATS_HEADER, matrix_cells, stats_rows, verdict_line

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
    for n, (source, cells) in enumerate(matrix_cells(run, evidence=True)):
        info = infos.get(source)
        about = " — ".join(x for x in (info.outlet, info.title) if x) if info else ""
        out.write(("\n" if n else "") + f'<tr><th title="{e(about)}">{e(source)}</th>'
                  + "".join(_html_cell(cells.get(c.id)) for c in run.claims) + "</tr>")
    out.write("</table>\n<h2>Per source</h2>\n<table><tr>"
              + "".join(f"<th>{e(h)}</th>" for h in STATS_HEADER) + "</tr>")
    for row in stats_rows(run):
        out.write("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>")
    out.write(f"</table>\n<p>{e(verdict_line(run))}</p>\n</body></html>\n")
