"""The HTML report: the page a fact-checking desk publishes.

This module prepares what the page shows (summary, matrix rows, charts, tables) as
plain values; the markup lives in `templates/page.html.j2`, rendered by Jinja2 with
autoescaping on, so every string from claims and articles is escaped. The page is
streamed: matrix rows come from a generator and the template is written a chunk at a
time. It is self-contained (inline CSS, JS and SVG, nothing fetched) and deterministic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TextIO
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .. import __version__
from ..model import CHECKED_VERDICTS, Evidence, Result, Run, SourceInfo, Verdict
from . import charts
from .matrix import percent
from .quality import score
from .safe import visible
from .tables import SYMBOLS, cell, claim_labels, matrix_cells, stats_rows, verdict_line


def _visible(value: object) -> object:
    """Finalize every template expression: show control characters in text from the
    inputs as escapes (bidi controls, which would reorder the text around them, as
    [U+202E]; ESC as \\x1b), as every other rendering does (`safe.visible`)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value)
    return value


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("verifier.reports", "templates"), autoescape=True,
                       undefined=StrictUndefined, finalize=_visible, trim_blocks=True,
                       lstrip_blocks=True, keep_trailing_newline=True)


def safe_url(url: str | None) -> str | None:
    """Return an http(s) address as it may go in a link, or None (javascript:, data:, ...)."""
    if not url or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


@dataclass(frozen=True, slots=True)
class Cell:
    """One matrix cell as the page shows it."""

    claim: str
    label: str
    verdict: str
    text: str  # the verdict symbol, with the expected one when they differ
    expected: str
    mismatch: bool  # fails its expectation
    known: bool  # a recorded known miss that still misses
    known_miss: str
    evidence: tuple[Evidence, ...]
    reason: str
    mentioned: bool  # silent, but the article mentions the claim (a near miss)

    @property
    def differs(self) -> bool:
        """Return True for what the "only mismatches" filter keeps."""
        return self.mismatch or self.known


@dataclass(frozen=True, slots=True)
class Row:
    """One source's row of the matrix."""

    source: str
    about: str
    cells: tuple[Cell | None, ...]


def _cell(label: str, r: Result) -> Cell:
    return Cell(r.claim, label, r.verdict.value,
                cell(r.verdict, r.expected, r.known_miss, r.mentioned),
                r.expected.value if r.expected else "", not r.matches_expectation,
                bool(r.known_miss) and r.matches_expectation, r.known_miss or "", r.evidence,
                r.reason, r.mentioned)


def _rows(run: Run, infos: dict[str, SourceInfo]) -> Iterator[Row]:
    labels = claim_labels(run)
    for source, results in matrix_cells(run, evidence=True):
        info = infos.get(source)
        about = " — ".join(x for x in (info.outlet, info.title) if x) if info else ""
        yield Row(source, about, tuple(
            _cell(label, results[c.id]) if c.id in results else None
            for label, c in zip(labels, run.claims, strict=True)))


def _claim_counts(run: Run) -> dict[str, Counter[Verdict]]:
    """Count the verdicts given on each claim (one pass without evidence)."""
    counts: dict[str, Counter[Verdict]] = {}
    for _, results in run.results.by_source(evidence=False):
        for claim, r in results.items():
            counts.setdefault(claim, Counter())[r.verdict] += 1
    return counts


def _summary(run: Run) -> list[tuple[str, str, str]]:
    tally = run.results.tally
    quality = score(tally.confusion)
    agreement = (f"{quality.agreed:,} of {quality.compared:,}" if quality.compared else "n/a")
    share = percent(quality.agreed / quality.compared) if quality.compared else ""
    contradicted = sum(s.contradicted for s in tally.source_stats())
    tiles = [
        ("sources", f"{len(run.sources):,}", ""),
        ("claims", f"{len(run.claims):,}", ""),
        ("pairs", f"{tally.total:,}", ""),
        ("agree with the expected verdict", agreement, share),
        ("macro-F1", "n/a" if quality.macro_f1 is None else f"{quality.macro_f1:.3f}", ""),
        ("contradictions", f"{contradicted:,}", ""),
        ("mismatches", f"{tally.mismatched:,}", ""),
        ("known misses", f"{tally.known_misses:,}", "recorded"),
    ]
    if any(p.is_error for p in run.problems):
        tiles.append(("inputs not used", f"{sum(p.is_error for p in run.problems):,}", ""))
    return tiles


def _quality(run: Run) -> dict[str, object]:
    quality = score(run.results.tally.confusion)
    ordered = sorted(quality.scores, key=lambda s: s.verdict is not Verdict.CONTRADICTED)
    return {
        "verdicts": [v.value for v in CHECKED_VERDICTS],
        "confusion": [(e.value, [f"{quality.confusion.get((e, g), 0):,}"
                                 for g in CHECKED_VERDICTS]) for e in CHECKED_VERDICTS],
        "scores": [(s.verdict.value, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
                    f"{s.support:,}") for s in ordered],
        "macro": "n/a" if quality.macro_f1 is None else f"{quality.macro_f1:.3f}",
        "agreed": f"{quality.agreed:,}", "compared": f"{quality.compared:,}",
    }


def _view(run: Run) -> dict[str, object]:
    """Return everything the template shows; the matrix rows are a generator."""
    labels = claim_labels(run)
    infos = {a.source: a for a in run.articles}
    tally = run.results.tally
    return {
        "version": __version__,
        "summary": _summary(run),
        "verdict_line": verdict_line(run),
        "legend": [(v.value, SYMBOLS[v]) for v in (*CHECKED_VERDICTS, Verdict.ERROR)],
        "claims": list(zip(labels, run.claims, strict=True)),
        "claim_files": sorted({c.path for c in run.claims if c.path}),
        "sources": list(run.sources),
        "rows": _rows(run, infos),
        "stats": [(row, infos.get(row[0]), safe_url(infos[row[0]].url)
                   if row[0] in infos else None) for row in stats_rows(run)],
        "quality": _quality(run),
        "charts": {
            "accuracy": charts.accuracy_chart(tally.source_stats()),
            "claims": charts.claim_chart(run.claims, labels, _claim_counts(run)),
            "confusion": charts.confusion_chart(tally.confusion),
        },
        "problems": [(p.level, str(p)) for p in run.problems],
    }


def write_html(run: Run, out: TextIO) -> None:
    """Write the self-contained HTML page, a chunk at a time; every input string escaped."""
    template = _environment().get_template("page.html.j2")
    for chunk in template.generate(**_view(run)):
        out.write(chunk)
