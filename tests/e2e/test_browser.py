"""The HTML report in a real browser: headless Chromium driven by Selenium.

The page is a small run (the Belarus claims against the seed, story and contrast
articles, plus one mismatch and a source full of hostile strings). The tests assert
what a reader sees: the summary above the fold, filters that hide rows and cells,
sticky headers, evidence on click, a screenshot, no console errors and no script
injected. They skip when no browser is installed, unless VERIFIER_BROWSER=required
(set by .ci/run after it installed Chromium), when they fail instead.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator

import pytest

from tests import browser
from tests.sample_runs import HOSTILE, HOSTILE_SOURCE, belarus_run, with_markers
from verifier.model import Run, Verdict
from verifier.reports import write_atomic
from verifier.reports.page import write_html

MISSING = browser.missing()
REQUIRED = os.environ.get("VERIFIER_BROWSER") == "required"
pytestmark = pytest.mark.skipif(MISSING is not None and not REQUIRED,
                                reason=f"no headless browser: {MISSING}")
WIDTH, HEIGHT = 1400, 900


@pytest.fixture(scope="module")
def run() -> Run:
    return with_markers(belarus_run())


@pytest.fixture(scope="module")
def page_url(run: Run, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("page") / "matrix.html"
    write_atomic(path, lambda out: write_html(run, out))
    return path.as_uri()


@pytest.fixture(scope="module")
def chromium() -> Iterator:
    if MISSING is not None:
        pytest.fail(f"VERIFIER_BROWSER=required, but {MISSING}")
    with browser.chromium(WIDTH, HEIGHT) as driver:
        yield driver


@pytest.fixture
def driver(chromium, page_url: str):
    """Open the page afresh for each test, and fail it on any console error."""
    browser.viewport(chromium, WIDTH, HEIGHT)
    chromium.get(page_url)
    yield chromium
    errors = [entry for entry in chromium.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    assert chromium.execute_script("return window.__pwned") is None


def _js(driver, script: str, *args):
    return driver.execute_script(script, *args)


def _visible_rows(driver) -> list[str]:
    return _js(driver, "return Array.from(document.querySelectorAll('#matrix tbody tr'))"
                       ".filter(r => r.offsetParent !== null).map(r => r.dataset.source)")


def _shown_cells(driver) -> list[tuple[str, str, str]]:
    """Return (source, claim, verdict) of each cell shown and not dimmed by a filter."""
    return [tuple(c) for c in _js(driver, """
        const heads = document.querySelector('#matrix thead tr').cells;
        const shown = [];
        for (const row of document.querySelectorAll('#matrix tbody tr')) {
          if (row.offsetParent === null) continue;
          for (let i = 1; i < row.cells.length; i++) {
            const td = row.cells[i];
            if (td.offsetParent !== null && !td.classList.contains('off'))
              shown.push([row.dataset.source, heads[i].dataset.claim, td.dataset.v]);
          }
        }
        return shown;""")]


def _click(driver, css: str) -> None:
    driver.find_element("css selector", css).click()


def _reset(driver) -> None:
    """Reset the filters and wait for the page to apply it: the page re-filters on a
    zero-delay timer after a reset (the form's values change after the event)."""
    from selenium.webdriver.support.ui import WebDriverWait  # only where a browser runs

    _click(driver, "#filters button[type=reset]")
    WebDriverWait(driver, 10).until(
        lambda d: d.find_element("id", "f-count").text == "")


def test_browser_title_and_summary_are_above_the_fold(driver, run):
    assert driver.title == f"Accuracy matrix: {len(run.sources)} sources × {len(run.claims)} claims"
    h1 = driver.find_element("tag name", "h1")
    assert h1.is_displayed() and h1.text == driver.title
    tiles = driver.find_elements("css selector", "#summary .tile")
    assert [t.find_element("tag name", "dt").text for t in tiles][:3] == ["sources", "claims",
                                                                          "pairs"]
    assert all(t.is_displayed() for t in tiles)
    bottom = _js(driver, "return document.getElementById('summary').getBoundingClientRect()"
                         ".bottom")
    assert bottom < HEIGHT
    verdict = driver.find_element("id", "verdict").text
    assert verdict == f"1 of {run.results.tally.total} pairs differ from their expected " \
                      "verdict (1 recorded known miss(es) excepted)."


def test_browser_filters_show_after_scripts_and_start_with_everything(driver, run):
    assert driver.find_element("id", "filters").is_displayed()
    assert len(_visible_rows(driver)) == len(run.sources)
    assert len(_shown_cells(driver)) == run.results.tally.total


def test_browser_only_contradicted_hides_the_other_rows_and_cells(driver, run):
    _click(driver, "#f-contradicted")
    shown = _shown_cells(driver)
    expected = sorted((r.source, r.claim) for r in run.results
                      if r.verdict is Verdict.CONTRADICTED)
    assert sorted((s, c) for s, c, _ in shown) == expected
    assert {v for _, _, v in shown} == {"contradicted"}
    assert _visible_rows(driver) == sorted({s for s, _ in expected})
    assert driver.find_element("id", "f-count").text == \
        f"showing {len(expected)} cell(s) of {len({s for s, _ in expected})} source(s)"
    _reset(driver)
    assert len(_visible_rows(driver)) == len(run.sources)


def test_browser_only_mismatches_keeps_mismatches_and_known_misses(driver, run):
    _click(driver, "#f-mismatches")
    shown = {(s, c) for s, c, _ in _shown_cells(driver)}
    differing = {(r.source, r.claim) for r in run.results
                 if not r.matches_expectation or r.known_miss}
    assert shown == differing and ("reuters", "released-52") in shown
    visible_heads = _js(driver, "return Array.from(document.querySelectorAll("
                                "'#matrix thead th[data-claim]')).filter(th => "
                                "th.offsetParent !== null).map(th => th.dataset.claim)")
    assert sorted(visible_heads) == sorted({c for _, c in differing})


def test_browser_one_claim_and_one_source(driver, run):
    driver.find_element("css selector", "#f-claim option[value='taken-to-lithuania']").click()
    shown = _shown_cells(driver)
    assert {c for _, c, _ in shown} == {"taken-to-lithuania"}
    assert len(shown) == len(run.sources)
    driver.find_element("css selector", "#f-source option[value='reuters']").click()
    assert _shown_cells(driver) == [("reuters", "taken-to-lithuania", "supported")]
    assert _visible_rows(driver) == ["reuters"]


def test_browser_sticky_headers_stay_in_view_after_scrolling(driver):
    browser.viewport(driver, 700, 600)
    wrap = _js(driver, """
        const wrap = document.getElementById('matrix-wrap');
        wrap.scrollIntoView();
        wrap.scrollTop = 400; wrap.scrollLeft = 300;
        return [wrap.scrollTop, wrap.scrollLeft, wrap.getBoundingClientRect().top,
                wrap.getBoundingClientRect().left];""")
    scrolled_top, scrolled_left, top, left = wrap
    assert scrolled_top > 100 and scrolled_left > 100  # the matrix did scroll both ways
    head, first = _js(driver, """
        const th = document.querySelector('#matrix thead th[data-claim]');
        const source = document.querySelector('#matrix tbody tr:nth-child(20) th');
        return [th.getBoundingClientRect().top, source.getBoundingClientRect().left];""")
    assert abs(head - top) <= 2 and abs(first - left) <= 2
    # And they are what a reader sees there, not hidden under the cells.
    hit = _js(driver, """
        const wrap = document.getElementById('matrix-wrap').getBoundingClientRect();
        return [document.elementFromPoint(wrap.left + 300, wrap.top + 5).closest('th') !== null,
                document.elementFromPoint(wrap.left + 5, wrap.top + 200).closest('th')
                  !== null];""")
    assert hit == [True, True]


def test_browser_a_cell_opens_its_evidence_and_reason(driver):
    cell = driver.find_element("css selector", "#matrix tr[data-source='reuters'] "
                                               "td[data-v='supported'] summary")
    pop = cell.find_element("xpath", "following-sibling::div")
    assert not pop.is_displayed()
    cell.click()
    assert pop.is_displayed()
    assert "released-52" in pop.text and "reuters: supported, expected hedged" in pop.text
    assert pop.find_element("css selector", "li .at").text.startswith("[")


def test_browser_hostile_strings_stay_text(driver):
    row = driver.find_element("css selector", f"#matrix tr[data-source='{HOSTILE_SOURCE}']")
    row.find_element("css selector", "summary").click()
    pop = row.find_element("css selector", "details[open] .pop")
    assert HOSTILE["evidence"] in pop.text and HOSTILE["reason"] in pop.text
    about = driver.find_element("id", f"source-{HOSTILE_SOURCE}")
    assert HOSTILE["outlet"] in about.text and "[U+202E]exe.gnp" in about.text
    assert about.find_elements("tag name", "a") == []  # the javascript: address is not linked
    assert _js(driver, "return document.scripts.length") == 1


def test_browser_screenshot_has_a_sensible_size(driver):
    png = driver.get_screenshot_as_png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (WIDTH, HEIGHT) == tuple(
        _js(driver, "return [window.innerWidth, window.innerHeight]"))
    assert 20_000 < len(png) < 5_000_000  # a rendered page, not a blank one


def test_browser_without_javascript_everything_is_visible(page_url, run):
    if MISSING is not None:
        pytest.fail(f"VERIFIER_BROWSER=required, but {MISSING}")
    with browser.chromium(WIDTH, HEIGHT, javascript=False) as driver:
        driver.get(page_url)
        assert not driver.find_element("id", "filters").is_displayed()
        rows = driver.find_elements("css selector", "#matrix tbody tr")
        assert len(rows) == len(run.sources) and all(r.is_displayed() for r in rows[:5])
        assert driver.find_element("id", "summary").is_displayed()
