"""The geometry of the HTML report's charts: shapes with fixed-format coordinates.

Nothing here writes markup: each function returns a `Chart` of rectangles, lines,
dots and labels, and the page template draws them as inline SVG. Coordinates are
strings with one decimal, so the same run always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..model import CHECKED_VERDICTS, Claim, Verdict
from .matrix import SourceStats, percent

STACK = (*CHECKED_VERDICTS, Verdict.ERROR)  # bottom to top in the per-claim bars


def _n(value: float) -> str:
    """Return a coordinate as the SVG shows it: one decimal, always."""
    return f"{value:.1f}"


@dataclass(frozen=True, slots=True)
class Rect:
    """A rectangle; `opacity` is empty for an opaque one, `title` its tooltip."""

    x: str
    y: str
    width: str
    height: str
    css: str
    title: str = ""
    opacity: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    """A straight line."""

    x1: str
    y1: str
    x2: str
    y2: str
    css: str


@dataclass(frozen=True, slots=True)
class Dot:
    """A point with its tooltip."""

    cx: str
    cy: str
    css: str
    title: str


@dataclass(frozen=True, slots=True)
class Label:
    """A text label; `anchor` is the SVG text-anchor, `turn` rotates it a quarter left."""

    x: str
    y: str
    text: str
    anchor: str = "start"
    css: str = ""
    turn: bool = False


@dataclass(frozen=True)
class Chart:
    """One picture: its size, what it shows (for screen readers) and its shapes."""

    width: int
    height: int
    description: str
    rects: list[Rect] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)


def _short(text: str, size: int) -> str:
    return text if len(text) <= size else text[:size - 1] + "…"


def _accuracy_order(s: SourceStats) -> tuple:
    # Best first; sources with nothing decided last; ties by the interval, then by id.
    if s.accuracy is None:
        return (1, 0.0, 0.0, s.source)
    interval = s.interval or (0.0, 0.0)
    return (0, -s.accuracy, -interval[0], s.source)


ROW = 16  # height of one source's row in the accuracy chart
PLOT_X, PLOT_W = 190.0, 360.0  # the accuracy scale, 0 to 100%
COVER_X, COVER_W = 720.0, 120.0  # the coverage bars, 0 to 100%


def accuracy_chart(stats: Sequence[SourceStats]) -> Chart:
    """Return accuracy per source with its 95% Wilson interval, and coverage, best first."""
    top = 38.0
    chart = Chart(900, int(top + ROW * len(stats) + 8),
                  "Accuracy of each source (supported / decided) with its 95% Wilson "
                  "interval, best first, and the share of claims it covers.")
    bottom = top + ROW * len(stats)
    chart.labels.append(Label(_n(PLOT_X), "14.0", "accuracy, with 95% interval", css="head"))
    chart.labels.append(Label(_n(COVER_X), "14.0", "coverage", css="head"))
    for tick in (0, 25, 50, 75, 100):
        x = PLOT_X + PLOT_W * tick / 100
        chart.lines.append(Line(_n(x), _n(top - 4), _n(x), _n(bottom), "grid"))
        chart.labels.append(Label(_n(x), _n(top - 8), f"{tick}%", "middle", "tick"))
    for row, s in enumerate(sorted(stats, key=_accuracy_order)):
        y = top + ROW * row + ROW / 2
        chart.labels.append(Label(_n(PLOT_X - 8), _n(y + 4), _short(s.source, 30), "end"))
        decided = s.supported + s.contradicted
        interval = s.interval
        if s.accuracy is None or interval is None:
            chart.labels.append(Label(_n(PLOT_X + 4), _n(y + 4), "n/a: nothing decided",
                                      css="note"))
        else:
            low, high = (PLOT_X + PLOT_W * v for v in interval)
            chart.lines.append(Line(_n(low), _n(y), _n(high), _n(y), "interval"))
            span = f"{interval[0] * 100:.1f}–{interval[1] * 100:.1f}%"
            chart.dots.append(Dot(
                _n(PLOT_X + PLOT_W * s.accuracy), _n(y), "small" if s.small_sample else "point",
                f"{s.source}: accuracy {percent(s.accuracy)} (95% interval {span}), "
                f"{s.supported} of {decided} decided"))
            chart.labels.append(Label(_n(PLOT_X + PLOT_W + 10), _n(y + 4),
                                      f"{percent(s.accuracy)} ({span})", css="value"))
        coverage = s.coverage or 0.0
        tip = f"{s.source}: coverage {percent(s.coverage)} ({s.checked - s.silent} of " \
              f"{s.checked} claims not silent)"
        chart.rects.append(Rect(_n(COVER_X), _n(y - 5), _n(COVER_W), "10.0", "track", tip))
        chart.rects.append(Rect(_n(COVER_X), _n(y - 5), _n(COVER_W * coverage), "10.0",
                                "cover", tip))
        chart.labels.append(Label(_n(COVER_X + COVER_W + 8), _n(y + 4), percent(s.coverage),
                                  css="value"))
    return chart


BAR_STEP, BAR_W, BAR_H = 18.0, 13.0, 160.0  # per-claim bars: spacing, width, full height


def claim_chart(claims: Sequence[Claim], labels: Sequence[str],
                counts: Mapping[str, Mapping[Verdict, int]]) -> Chart:
    """Return the verdicts given on each claim as stacked bars (shares of its sources)."""
    left, top = 44.0, 12.0
    chart = Chart(max(320, int(left + BAR_STEP * len(claims) + 12)), int(top + BAR_H + 46),
                  "Verdicts on each claim, as shares of the sources checked: supported at "
                  "the bottom, then contradicted, hedged, silent and error.")
    for tick in (0, 50, 100):
        y = top + BAR_H * (1 - tick / 100)
        chart.lines.append(Line(_n(left - 4), _n(y), _n(left + BAR_STEP * len(claims)), _n(y),
                                "grid"))
        chart.labels.append(Label(_n(left - 8), _n(y + 4), f"{tick}%", "end", "tick"))
    for n, (claim, label) in enumerate(zip(claims, labels, strict=True)):
        x = left + BAR_STEP * n + (BAR_STEP - BAR_W) / 2
        given = counts.get(claim.id, {})
        total = sum(given.values())
        below = 0
        for verdict in STACK:
            count = given.get(verdict, 0)
            if not count:
                continue
            # From cumulative counts, so the segments meet without rounding gaps.
            y_low = top + BAR_H * (1 - below / total)
            y_high = top + BAR_H * (1 - (below + count) / total)
            below += count
            chart.rects.append(Rect(
                _n(x), _n(y_high), _n(BAR_W), _n(y_low - y_high), verdict.value,
                f"{label} {claim.id}: {verdict.value} {count} of {total}"))
        centre = x + BAR_W / 2
        chart.labels.append(Label(_n(centre + 3), _n(top + BAR_H + 6), label, "end", "tick",
                                  turn=True))
    return chart


CELL_W, CELL_H = 96.0, 34.0  # the confusion heat map's cells


def confusion_chart(confusion: Mapping[tuple[Verdict, Verdict], int]) -> Chart:
    """Return the confusion matrix (expected × given) as a heat map, shaded by row share."""
    left, top = 110.0, 40.0
    size = len(CHECKED_VERDICTS)
    chart = Chart(int(left + CELL_W * size + 70), int(top + CELL_H * size + 10),
                  "Expected verdict (rows) against the verdict given (columns); each cell "
                  "is shaded by its share of the row, agreement on the diagonal.")
    chart.labels.append(Label(_n(left), "12.0", "given →", css="head"))
    chart.labels.append(Label(_n(left + CELL_W * size + 8), "12.0", "pairs", css="head"))
    for column, given in enumerate(CHECKED_VERDICTS):
        chart.labels.append(Label(_n(left + CELL_W * (column + 0.5)), _n(top - 8),
                                  given.value, "middle", "tick"))
    for row, expected in enumerate(CHECKED_VERDICTS):
        y = top + CELL_H * row
        total = sum(confusion.get((expected, g), 0) for g in CHECKED_VERDICTS)
        chart.labels.append(Label(_n(left - 8), _n(y + CELL_H / 2 + 4), expected.value, "end"))
        for column, given in enumerate(CHECKED_VERDICTS):
            count = confusion.get((expected, given), 0)
            share = count / total if total else 0.0
            x = left + CELL_W * column
            chart.rects.append(Rect(
                _n(x), _n(y), _n(CELL_W - 2), _n(CELL_H - 2),
                "agree" if expected is given else "disagree",
                f"expected {expected.value}, given {given.value}: {count:,} of {total:,} "
                f"({percent(share if total else None)})",
                f"{0.08 + 0.92 * share:.3f}" if count else "0.000"))
            chart.labels.append(Label(_n(x + CELL_W / 2 - 1), _n(y + CELL_H / 2 + 4),
                                      f"{count:,}", "middle",
                                      "count dark" if share > 0.5 else "count"))
        chart.labels.append(Label(_n(left + CELL_W * size + 8), _n(y + CELL_H / 2 + 4),
                                  f"{total:,}", css="value"))
    return chart
