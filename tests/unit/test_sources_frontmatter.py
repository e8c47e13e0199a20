"""Front matter: CMS keys accepted, synonyms read, misspelt fields refused, ids from names."""

from pathlib import Path

import pytest

from verifier.articles import load_article
from verifier.errors import ArticleError
from verifier.sources.frontmatter import parse_text

INPUTS = Path(__file__).resolve().parents[1] / "data" / "inputs"


def test_frontmatter_cms_export_keys_are_accepted_and_synonyms_read():
    article, warnings = load_article(INPUTS / "cms-export.md")
    assert warnings == []
    assert (article.source, article.title, str(article.date), article.url) == (
        "cms-export", "Minsk frees 52 prisoners", "2025-09-11", "https://cms.example/2025/09/minsk")


@pytest.mark.parametrize("head", [
    "author: Jane Roe", "tags: [a, b]", "categories:\n  - world", "draft: false",
    "updated: 2025-09-12", "description: A long text", "image: /x.jpg", "lang: en",
    "Title: Upper-case keys are read too",
])
def test_frontmatter_other_keys_are_ignored(head):
    article, notes = parse_text(f"---\nsource: x\n{head}\n---\nMinsk freed 52.\n", "a.txt")
    assert (article.source, notes) == ("x", [])


@pytest.mark.parametrize("key,meant", [("sorce", "source"), ("titel", "title"),
                                       ("dates", "date"), ("urls", "url")])
def test_frontmatter_misspelt_field_is_refused_with_a_suggestion(key, meant):
    with pytest.raises(ArticleError) as caught:
        parse_text(f"---\nauthor: Jane Roe\n{key}: x\n---\nMinsk freed 52.\n", "a.txt")
    assert str(caught.value).startswith(f"a.txt:3: front matter: unknown key '{key}' (did you "
                                        f"mean '{meant}'?)")


def test_frontmatter_file_name_with_spaces_gives_a_safe_id_with_a_note():
    path = INPUTS / "Daily Mail (12 Sept).txt"
    article, (note,) = load_article(path)
    assert article.source == "daily-mail-12-sept"
    assert str(note) == (f"{path}: file name 'Daily Mail (12 Sept)' gives the source id "
                         "'daily-mail-12-sept'; set 'source:' in the front matter to choose "
                         "another")
    assert note.level == "note" and not note.is_error


def test_frontmatter_explicit_source_is_still_checked():
    with pytest.raises(ArticleError, match="source id 'Daily Mail' has characters other than"):
        parse_text("---\nsource: Daily Mail\n---\nMinsk freed 52.\n", "a.txt")


def test_frontmatter_bad_date_names_the_key_and_its_line():
    with pytest.raises(ArticleError) as caught:
        parse_text("---\nsource: x\npublished: soon\n---\nMinsk freed 52.\n", "a.txt")
    assert str(caught.value) == ("a.txt:3: front matter: published 'soon' is not a date; write "
                                 "YYYY-MM-DD")
