"""Article files: front matter, source ids and unreadable files."""

from pathlib import Path

import pytest

from verifier.articles import load_article, load_articles, parse_article
from verifier.errors import ArticleError
from verifier.model import Problem

FIXTURE = """---
source: wire
outlet: A wire service
date: 2025-09-11
title: Prisoners freed
---
Minsk freed 52 detainees on Thursday.
"""


def test_articles_front_matter_and_body():
    article = parse_article(FIXTURE, "fixtures/articles/x.txt")
    assert (article.source, article.outlet, str(article.date)) == (
        "wire", "A wire service", "2025-09-11")
    assert article.body == "Minsk freed 52 detainees on Thursday.\n"


def test_articles_source_defaults_to_the_file_name():
    assert parse_article("Minsk freed 52 detainees.", "a/b/my-outlet.txt").source == "my-outlet"


@pytest.mark.parametrize("text,message", [
    ("---\nsource: x\nMinsk freed 52 detainees.\n", "front matter has no closing '---'"),
    ("---\nsource: [x\n---\nBody text here.\n", "front matter: YAML syntax error"),
    ("---\nsorce: x\n---\nBody text here.\n", "front matter: unknown key 'sorce'"),
    ("---\ndate: 2025-02-30\n---\nBody text here.\n", "date '2025-02-30' is not a date"),
    ("---\nsource: x\n---\n   \n", "the article has no text"),
    ("   \n\n", "the article has no text"),
])
def test_articles_bad_input_is_one_clear_error(text, message):
    with pytest.raises(ArticleError) as caught:
        parse_article(text, "a.txt")
    assert message in str(caught.value) and str(caught.value).startswith("a.txt")


def test_articles_binary_and_latin1_files(tmp_path: Path):
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 au lait, 52 prisoners freed.".encode("latin-1"))
    with pytest.raises(ArticleError, match="binary file"):
        load_article(tmp_path / "bin.txt")
    article, (warning,) = load_article(tmp_path / "latin.txt")
    assert article.body.startswith("Café au lait")
    assert warning.level == "warning" and "read as Windows-1252" in warning.message


def test_articles_a_bad_file_does_not_stop_the_others(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Minsk freed 52 detainees.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01")
    (tmp_path / "c.txt").write_text("---\nsource: a\n---\nAnother text here.", encoding="utf-8")
    items = list(load_articles([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article", "Problem", "Problem"]
    assert "already used by" in items[2].message
    assert isinstance(items[1], Problem)
