"""The HTML report: escaping, what the page shows, charts and determinism."""

from __future__ import annotations

import io
import random
import re
from html.parser import HTMLParser

import pytest

from tests.sample_runs import HOSTILE, HOSTILE_SOURCE, claim, make_run
from verifier.model import Evidence, Result, SourceInfo, Verdict
from verifier.reports import charts, render_html
from verifier.reports.matrix import SourceStats
from verifier.reports.page import safe_url, write_html

CLAIMS = (claim("freed-52", "52 prisoners were freed."), claim("airline-relief", "Relief."),
          claim("in-lithuania", "They were taken to Lithuania."))


def _results() -> list[Result]:
    said = Evidence("Minsk freed 52 prisoners.", 12, 37)
    also = Evidence("All 52 crossed into Lithuania.", 40, 70)
    return [
        Result("freed-52", "alpha", Verdict.SUPPORTED, (said, also), "52 freed",
               Verdict.SUPPORTED),
        Result("airline-relief", "alpha", Verdict.SILENT, (), "no sentence",
               Verdict.SUPPORTED, known_miss="the relief is only implied"),
        Result("in-lithuania", "alpha", Verdict.CONTRADICTED,
               (Evidence("They went to Poland.", 80, 100),), "another place",
               Verdict.SUPPORTED),
        Result("freed-52", "beta", Verdict.HEDGED, (said,), "reportedly", Verdict.HEDGED),
        Result("airline-relief", "beta", Verdict.SUPPORTED, (), "relief", None),
        Result("in-lithuania", "beta", Verdict.SILENT, (), "no sentence", Verdict.SILENT),
    ]


ARTICLES = (SourceInfo("alpha", "Alpha Wire", "Freed", "https://example.org/a?b=1&c=2"),
            SourceInfo("beta", "Beta News", None, None))


@pytest.fixture
def page() -> str:
    return render_html(make_run(_results(), CLAIMS, ARTICLES))


class _Elements(HTMLParser):
    """Collect every start tag with its attributes, and the text of the whole page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    return parser


def _cell(page: str, source: str, claim_id: str) -> str:
    row = re.search(rf'<tr data-source="{source}">.*?</tr>', page, re.S).group()
    index = [c.id for c in CLAIMS].index(claim_id)
    return re.findall(r"<td.*?</td>", row, re.S)[index]


def test_page_summary_shows_the_run_above_the_matrix(page):
    summary = page[page.index('<dl class="summary"'):page.index("</dl>")]
    tiles = dict(re.findall(r"<dt>(.*?)</dt><dd>([^<\s]+)", summary))
    assert tiles == {"sources": "2", "claims": "3", "pairs": "6",
                     "agree with the expected verdict": "3", "macro-F1": "0.542",
                     "contradictions": "1", "mismatches": "1", "known misses": "1"}
    assert "3 of 5" in summary
    assert page.index('id="summary"') < page.index('id="matrix"')
    assert "<title>Accuracy matrix: 2 sources × 3 claims</title>" in page


def test_page_cells_mark_mismatches_known_misses_and_hold_their_evidence(page):
    mismatch = _cell(page, "alpha", "in-lithuania")
    assert 'class="contradicted mismatch"' in mismatch and 'data-m="1"' in mismatch
    assert "<summary>✘≠✔</summary>" in mismatch
    known = _cell(page, "alpha", "airline-relief")
    assert 'class="silent known"' in known and "known miss: the relief is only implied" in known
    agreed = _cell(page, "alpha", "freed-52")
    assert 'class="supported"' in agreed and "data-m" not in agreed
    assert "[12–37]</span> Minsk freed 52 prisoners." in agreed
    assert "[40–70]</span> All 52 crossed into Lithuania." in agreed
    assert '<p class="why">52 freed</p>' in agreed and "expected supported" in agreed
    unexpected = _cell(page, "beta", "airline-relief")
    assert "no expected verdict" in unexpected and "data-m" not in unexpected


def test_page_claims_are_listed_with_anchors_and_abbreviated_in_the_header(page):
    assert ('<a href="#claim-freed-52" title="freed-52: 52 prisoners were freed.">C1</a>'
            in page)
    assert ('<tr id="claim-freed-52"><th scope="row">C1</th><td>freed-52</td>'
            "<td>52 prisoners were freed.</td>") in page


def test_page_without_script_shows_everything_and_hides_only_the_filter_form(page):
    elements = _parse(page)
    hidden = [(tag, attrs.get("id")) for tag, attrs in elements.tags if "hidden" in attrs]
    assert hidden == [("form", "filters")]
    assert sum("data-v" in attrs for _, attrs in elements.tags) == 6


def test_page_is_self_contained(page):
    elements = _parse(page)
    assert not [a for t, a in elements.tags if "src" in a or t in ("iframe", "object")]
    assert [a["href"] for t, a in elements.tags if t == "link"] == ["data:,"]
    external = [a["href"] for t, a in elements.tags if t == "a" and not a["href"].startswith("#")]
    assert external == ["https://example.org/a?b=1&c=2"]  # the article's own address
    assert "@import" not in page and "url(" not in page
    assert [t for t, _ in elements.tags].count("script") == 1
    assert [t for t, _ in elements.tags].count("svg") == 3


def test_page_has_a_print_stylesheet(page):
    assert "@media print" in page


@pytest.mark.parametrize("field", ["claim", "evidence", "reason", "known_miss", "outlet",
                                   "title", "source"])
@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", '"onmouseover="alert(1)',
                                     "' onfocus='alert(1)", "</style><marquee>x</marquee>"])
def test_page_escapes_every_string_from_claims_and_articles(field, hostile):
    text = {"claim": hostile} if field == "claim" else {}
    claims = (claim("c-1", text.get("claim", "A claim.")),)
    evidence = (Evidence(hostile if field == "evidence" else "Fine.", 0, 5),)
    result = Result("c-1", hostile if field == "source" else "s", Verdict.SILENT, evidence,
                    hostile if field == "reason" else "r", Verdict.SUPPORTED,
                    known_miss=hostile if field == "known_miss" else None)
    info = SourceInfo(result.source, hostile if field == "outlet" else None,
                      hostile if field == "title" else None)
    page = render_html(make_run([result], claims, [info]))
    assert hostile not in page
    escaped = hostile.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace('"', "&#34;").replace("'", "&#39;")
    assert escaped in page
    elements = _parse(page)
    assert not [a for _, a in elements.tags if any(k.startswith("on") for k in a)]
    assert [t for t, _ in elements.tags].count("script") == 1
    assert "<marquee" not in page


@pytest.mark.parametrize(("url", "linked"), [
    ("https://example.org/story?id=1&x=2", True),
    ("http://example.org/", True),
    ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False),
    (" javascript:alert(1)", False),
    ("java\tscript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("vbscript:msgbox(1)", False),
    ("//example.org/no-scheme", False),
    ("https:///no-host", False),
    ("", False),
    (None, False),
])
def test_page_safe_url_links_only_web_addresses(url, linked):
    assert safe_url(url) == (url if linked else None)


def test_page_does_not_link_a_javascript_address_but_shows_it_as_text():
    info = SourceInfo(HOSTILE_SOURCE, "Outlet", "Title", HOSTILE["url"])
    page = render_html(make_run([Result("c-1", HOSTILE_SOURCE, Verdict.SILENT)],
                                [claim("c-1")], [info]))
    assert 'href="javascript' not in page.lower()
    assert "(address not linked: javascript:window.__pwned=4)" in page


def test_page_shows_bidi_controls_instead_of_obeying_them():
    title = HOSTILE["title"]
    info = SourceInfo("s", "Outlet", title)
    result = Result("c-1", "s", Verdict.SUPPORTED, (Evidence("a\u202eb", 0, 3),), "r\u2067x")
    page = render_html(make_run([result], [claim("c-1", "Rule\u200fs")], [info]))
    assert not re.search("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", page)
    assert "[U+202E]exe.gnp [U+2066]report[U+2069]" in page
    assert "a[U+202E]b" in page and "r[U+2067]x" in page and "Rule[U+200F]s" in page


def test_page_is_deterministic_whatever_order_the_results_arrive_in():
    results = _results()
    first = render_html(make_run(results, CLAIMS, ARTICLES))
    assert render_html(make_run(results, CLAIMS, ARTICLES)) == first
    for seed in range(3):
        shuffled = results[:]
        random.Random(seed).shuffle(shuffled)
        assert render_html(make_run(shuffled, CLAIMS, reversed(ARTICLES))) == first


class _Chunks(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


def test_page_is_written_in_chunks_as_rows_are_rendered():
    results = [Result("c-1", f"s{n:03d}", Verdict.SILENT) for n in range(200)]
    out = _Chunks()
    write_html(make_run(results, [claim("c-1")]), out)
    assert out.writes > 200  # a chunk per row at least, never one big string
    assert out.getvalue().count('<tr data-source="s') == 200


def test_page_quality_section_lists_contradicted_first(page):
    quality = page[page.index('<table id="scores">'):]
    verdicts = re.findall(r'<tr><th scope="row">(\w+)</th><td class="num">', quality)
    assert verdicts[0] == "contradicted" and set(verdicts) == {"contradicted", "supported",
                                                               "hedged", "silent"}
    assert re.search(r"3 of 5 pairs agree with their expected verdict; macro-F1 0\.542", page)


def _stats(source: str, supported: int, contradicted: int, silent: int = 0) -> SourceStats:
    return SourceStats(source, supported, contradicted, 0, silent, 0)


def test_charts_accuracy_sorts_best_first_and_formats_coordinates():
    chart = charts.accuracy_chart([_stats("b", 5, 5), _stats("none", 0, 0, 3),
                                   _stats("a", 9, 1), _stats("c", 9, 1)])
    names = [label.text for label in chart.labels if label.anchor == "end"]
    assert names == ["a", "c", "b", "none"]  # ties by id; nothing decided last
    coordinates = [v for dot in chart.dots for v in (dot.cx, dot.cy)]
    coordinates += [v for line in chart.lines for v in (line.x1, line.x2)]
    assert all(re.fullmatch(r"\d+\.\d", v) for v in coordinates)
    assert chart.dots[0].cx == f"{charts.PLOT_X + charts.PLOT_W * 0.9:.1f}"
    assert "accuracy 90.0% (95% interval 59.6–98.2%)" in chart.dots[0].title
    assert [d.css for d in chart.dots] == ["point", "point", "point"]  # 10 decided each
    assert any(label.text == "n/a: nothing decided" for label in chart.labels)


def test_charts_claim_bars_stack_to_the_full_height():
    counts = {"c-1": {Verdict.SUPPORTED: 1, Verdict.SILENT: 2}, "c-2": {Verdict.HEDGED: 3}}
    chart = charts.claim_chart([claim("c-1"), claim("c-2")], ["C1", "C2"], counts)
    first = [r for r in chart.rects if r.title.startswith("C1 ")]
    assert [r.css for r in first] == ["supported", "silent"]
    assert sum(float(r.height) for r in first) == pytest.approx(charts.BAR_H, abs=0.1)
    assert first[0].title == "C1 c-1: supported 1 of 3"
    assert float(first[1].y) + float(first[1].height) == pytest.approx(float(first[0].y), abs=0.1)


def test_charts_confusion_shades_by_row_share():
    chart = charts.confusion_chart({(Verdict.SUPPORTED, Verdict.SUPPORTED): 3,
                                    (Verdict.SUPPORTED, Verdict.SILENT): 1})
    cells = {r.title.split(":")[0]: r for r in chart.rects}
    assert cells["expected supported, given supported"].opacity == "0.770"
    assert cells["expected supported, given supported"].css == "agree"
    assert cells["expected supported, given silent"].opacity == "0.310"
    assert cells["expected supported, given silent"].css == "disagree"
    assert cells["expected hedged, given hedged"].opacity == "0.000"
    assert len(chart.rects) == 16


def test_page_of_an_empty_run_still_renders():
    page = render_html(make_run([], []))
    assert "<title>Accuracy matrix: 0 sources × 0 claims</title>" in page
    assert "<dt>pairs</dt><dd>0</dd>" in page and page.count("<svg") == 3
