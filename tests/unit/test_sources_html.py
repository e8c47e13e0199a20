"""Web pages: main text and metadata by trafilatura, pages without text, a missing extra."""

import sys
from pathlib import Path

import pytest

from verifier.articles import load_article, load_articles
from verifier.errors import ArticleError
from verifier.sources.html import declared_charset, extract_page

INPUTS = Path(__file__).resolve().parents[1] / "data" / "inputs"
PAGE = INPUTS / "mixed" / "lakeside-gazette.html"


def test_sources_html_main_text_and_metadata():
    article, warnings = load_article(PAGE)
    assert warnings == []
    assert (article.source, article.title, str(article.date), article.url, article.outlet) == (
        "lakeside-gazette", "Minsk frees 52 prisoners after US talks", "2025-09-11",
        "https://gazette.example/world/minsk-frees-prisoners", "Lakeside Gazette")
    paragraphs = article.body.rstrip("\n").split("\n\n")
    assert len(paragraphs) == 3 and paragraphs[0].startswith("Belarus released 52 prisoners")
    for furniture in ("Home", "Most read", "Storm closes", "Copyright", "newsletter",
                      "Minsk frees 52 prisoners after US talks"):
        assert furniture not in article.body


def test_sources_html_page_without_article_text_is_one_clear_error():
    with pytest.raises(ArticleError) as caught:
        load_article(INPUTS / "no-text.html")
    assert str(caught.value) == (
        f"{INPUTS / 'no-text.html'}: no article text in the page (no sentence of four words or "
        "more once menus and boilerplate are removed); check that it is the article's page, not "
        "an index, consent or error page")


def test_sources_html_declared_charset_is_used_silently():
    article, warnings = load_article(INPUTS / "cyrillic-cp1251.html")
    assert warnings == []
    assert article.body.startswith("Минск освободил 52 заключённых")
    assert (article.outlet, str(article.date)) == ("Минская газета", "2025-09-11")


@pytest.mark.parametrize("head,charset", [
    (b'<meta charset="utf-8">', "utf-8"),
    (b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>",
     "windows-1251"),
    (b'<meta charset="ISO-8859-1">', "cp1252"),  # what browsers read for Latin-1
    (b"<p>no declaration</p>", None),
])
def test_sources_html_declared_charset(head, charset):
    assert declared_charset(b"<html><head>" + head) == charset


def test_sources_html_upper_case_suffix_is_read(tmp_path: Path):
    (tmp_path / "PAGE.HTML").write_bytes(PAGE.read_bytes())
    (tmp_path / "NOTE.TXT").write_text("Minsk freed 52 prisoners.", encoding="utf-8")
    assert [i.source for i in load_articles([tmp_path])] == ["NOTE", "PAGE"]


def test_sources_html_without_the_extra_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails as if not installed
    with pytest.raises(ArticleError) as caught:
        extract_page(PAGE.read_text(encoding="utf-8"), "page.html")
    assert str(caught.value) == ("page.html: reading HTML needs the optional extra [html] "
                                 "(trafilatura is not installed); install it with pip install "
                                 "'claim-verifier[html]'")


def test_sources_html_a_parser_failure_is_one_line(monkeypatch):
    import trafilatura

    def explode(*args, **kwargs):
        raise ValueError("bad tree")

    monkeypatch.setattr(trafilatura, "bare_extraction", explode)
    with pytest.raises(ArticleError, match=r"^page.html: could not be read as HTML \(ValueError: "
                                           r"bad tree\); check that the file is a saved web page$"):
        extract_page("<html></html>", "page.html")


def test_sources_html_date_from_markup_first_and_never_capped_by_today(tmp_path: Path):
    page = tmp_path / "p.html"
    page.write_text('<html><head><meta name="date" content="2031-01-02"></head><body><article>'
                    "<p>On 2024-05-01 Minsk said it freed 52 prisoners and would free more.</p>"
                    "<p>In 2019 a law was passed, and in 2021 a decree followed it.</p>"
                    "</article></body></html>", encoding="utf-8")
    first, second = load_article(page)[0], load_article(page)[0]
    assert first == second and str(first.date) == "2031-01-02"  # a later day reads the same
