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
    ("---\nsorce: x\n---\nBody text here.\n", "front matter: unknown key 'sorce' (did you mean "
                                              "'source'?)"),
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
    assert warning.level == "warning" and "read as windows-1252 (Western European)" in (
        warning.message)


def test_articles_a_bad_file_does_not_stop_the_others(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Minsk freed 52 detainees.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01")
    (tmp_path / "c.txt").write_text("---\nsource: a\n---\nAnother text here.", encoding="utf-8")
    items = list(load_articles([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article", "Problem", "Problem"]
    assert "already used by" in items[2].message
    assert isinstance(items[1], Problem)


def test_articles_every_form_in_one_folder(tmp_path: Path):
    inputs = Path(__file__).resolve().parents[1] / "data" / "inputs" / "mixed"
    items = list(load_articles([inputs]))
    articles = [i for i in items if not isinstance(i, Problem)]
    assert [(a.source, Path(a.path).name) for a in articles] == [
        ("river-post", "archive.jsonl:1"), ("valley-times-2", "archive.jsonl:2"),
        ("harbour-wire", "harbour-wire.txt"), ("lakeside-gazette", "lakeside-gazette.html")]
    assert [p.level for p in items if isinstance(p, Problem)] == ["note"]


def test_articles_other_files_in_a_folder_are_skipped_with_one_warning(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Minsk freed 52 detainees.", encoding="utf-8")
    for name in ("scan.pdf", "notes.json", "more.json", ".DS_Store"):
        (tmp_path / name).write_bytes(b"x")
    warning, article = load_articles([tmp_path])
    assert article.source == "a"
    assert str(warning) == (f"{tmp_path}: 3 file(s) skipped, not articles (.json, .pdf); "
                            "articles are .txt, .md, .html, .htm, .jsonl, .jsonl.gz files")
    assert warning.level == "warning"


def test_articles_a_duplicate_across_forms_names_the_first(tmp_path: Path):
    (tmp_path / "a.jsonl").write_text('{"source": "b", "text": "Minsk freed 52."}\n',
                                      encoding="utf-8")
    (tmp_path / "b.txt").write_text("Minsk freed 52 detainees.", encoding="utf-8")
    article, problem = load_articles([tmp_path])
    assert str(problem) == (f"{tmp_path / 'b.txt'}: source id 'b' is already used by "
                            f"{tmp_path / 'a.jsonl'}:1; give each article its own 'source:'")
