"""JSON Lines corpora: streamed, gzip, field synonyms, derived ids, one error per bad line."""

import gzip
import json
from pathlib import Path

import pytest

from verifier.articles import load_articles
from verifier.model import Article, Problem
from verifier.sources import jsonl
from verifier.sources.jsonl import read_corpus

INPUTS = Path(__file__).resolve().parents[1] / "data" / "inputs"


def _items(path: Path) -> list[Article | Problem]:
    return list(read_corpus(path, str(path)))


def _write(tmp_path: Path, *records, name: str = "c.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n"
                            for r in records), encoding="utf-8")
    return path


def test_sources_jsonl_broken_line_3_of_5_is_one_error_and_the_others_are_read():
    path = INPUTS / "corpus-broken.jsonl"
    items = _items(path)
    problems = [i for i in items if isinstance(i, Problem)]
    assert [a.source for a in items if isinstance(a, Article)] == [
        "north-1", "north-2", "north-4", "north-5"]
    assert len(problems) == 1
    assert str(problems[0]) == (f"{path}:3: not valid JSON (Unterminated string starting at "
                                "column 50); fix or remove the line")


def test_sources_jsonl_field_synonyms_and_derived_ids():
    items = _items(INPUTS / "corpus.jsonl")
    first, third, fourth, note = items
    assert (first.source, first.title, first.outlet, str(first.date)) == (
        "south-1", "Minsk frees prisoners", "South Wire", "2025-09-11")
    assert first.path.endswith("corpus.jsonl:1")
    assert (third.source, third.url, str(third.date)) == (
        "south-wire-3", "https://south.example/2", "2025-09-12")
    assert third.body == ("The freed prisoners crossed into Lithuania.\n\nRelatives waited at "
                          "the border.")
    assert (fourth.source, str(fourth.date)) == ("east.example-4", "2025-09-12")
    assert note.level == "note" and "2 article(s) without 'source'" in note.message
    assert "line 3: 'south-wire-3'" in note.message


def test_sources_jsonl_gzip_reads_the_same_articles():
    plain = [i for i in _items(INPUTS / "corpus.jsonl") if isinstance(i, Article)]
    packed = [i for i in _items(INPUTS / "corpus.jsonl.gz") if isinstance(i, Article)]
    assert [(a.source, a.body, a.date) for a in plain] == [
        (a.source, a.body, a.date) for a in packed]
    assert packed[0].path.endswith("corpus.jsonl.gz:1")


def test_sources_jsonl_truncated_gzip_keeps_the_lines_before_the_damage():
    path = INPUTS / "truncated.jsonl.gz"
    items = _items(path)
    *articles, problem = items
    assert all(isinstance(a, Article) for a in articles) and len(articles) == 83
    assert problem.line == 84 and problem.is_error
    assert problem.message.startswith("the gzip file is damaged or truncated here (")
    assert problem.message.endswith("the 83 line(s) before were read; compress it again or "
                                    "fetch it again")


def test_sources_jsonl_not_gzip_at_all(tmp_path: Path):
    path = _write(tmp_path, {"text": "Minsk freed 52 prisoners."}, name="c.jsonl.gz")
    (problem,) = _items(path)
    assert problem.message.startswith("not a gzip file (") and "name it .jsonl" in problem.message


@pytest.mark.parametrize("line,message", [
    ("[1, 2]", "an array, not a JSON object; write one object per line with the article's "
               "'text'"),
    ('"just text"', "a string, not a JSON object"),
    ('{"source": "a", "title": "No body"}', "no article text (no 'text', 'body', 'content', "
                                            "'article' or 'maintext' field with text)"),
    ('{"source": "a", "text": "   "}', "'text' is empty: the article has no text; add it"),
    ('{"source": "a", "text": 52}', "'text' is int, not text"),
    ('{"source": "a", "text": "Minsk freed 52.", "date": "2025-02-30"}',
     "date '2025-02-30' is not a date; write YYYY-MM-DD"),
    ('{"source": "../etc/passwd", "text": "Minsk freed 52."}',
     "source id '../etc/passwd' has characters other than letters, digits"),
    ('{"source": "a", "text": "Minsk freed 52."', "not valid JSON (Expecting ',' delimiter"),
    ("[" * 100_000 + "]" * 100_000, "not valid JSON (nested too deeply)"),
])
def test_sources_jsonl_bad_line_is_an_error_naming_its_line(tmp_path: Path, line, message):
    path = _write(tmp_path, {"source": "ok", "text": "Minsk freed 52 prisoners."}, line,
                  {"source": "ok2", "text": "Minsk freed 52 prisoners."})
    items = _items(path)
    assert [type(i).__name__ for i in items] == ["Article", "Problem", "Article"]
    assert items[1].line == 2 and message in items[1].message, items[1].message


def test_sources_jsonl_blank_lines_and_byte_order_mark_are_fine(tmp_path: Path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"source": "a", "text": "Minsk freed 52."}\n\n  \n'
                     b'{"source": "b", "text": "Minsk freed 52."}')
    assert [(i.source, i.path[-1]) for i in _items(path)] == [("a", "1"), ("b", "4")]


def test_sources_jsonl_empty_file_is_an_error(tmp_path: Path):
    (problem,) = _items(_write(tmp_path, ""))
    assert problem.is_error and problem.message.startswith("no articles: the file is empty")


def test_sources_jsonl_too_long_line_is_skipped(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(jsonl, "MAX_LINE_BYTES", 100)
    path = _write(tmp_path, {"source": "a", "text": "x" * 500}, {"source": "b", "text": "ok."})
    problem, article = _items(path)
    assert (problem.line, article.source) == (1, "b")
    assert problem.message.startswith("longer than the") and "limit for one article" in (
        problem.message)


def test_sources_jsonl_news_api_source_object_names_the_outlet(tmp_path: Path):
    record = {"source": {"id": None, "name": "Lake News"}, "publishedAt": "2025-09-11T06:00:00Z",
              "urlToImage": "https://img.example/x.jpg", "description": "...",
              "content": "Minsk freed 52 prisoners."}
    article, note = _items(_write(tmp_path, record))
    assert (article.source, article.outlet, str(article.date), article.url) == (
        "lake-news-1", "Lake News", "2025-09-11", None)
    assert note.level == "note"


def test_sources_jsonl_cp1251_corpus_is_read_with_one_warning(tmp_path: Path):
    path = tmp_path / "ru.jsonl"
    lines = "".join(json.dumps({"source": f"ru-{n}", "text": "Минск освободил 52 заключённых "
                                "в четверг, сообщили официальные лица."},
                               ensure_ascii=False) + "\n" for n in range(3))
    path.write_bytes(lines.encode("cp1251"))
    warning, *articles = _items(path)
    assert "read as windows-1251 (Cyrillic)" in warning.message and warning.level == "warning"
    assert [a.body[:5] for a in articles] == ["Минск"] * 3


def test_sources_jsonl_duplicate_ids_are_reported_with_both_places(tmp_path: Path):
    path = _write(tmp_path, {"source": "Reuters", "text": "Minsk freed 52 prisoners."},
                  {"source": "Reuters", "text": "Minsk freed 52 detainees."})
    first, second = list(load_articles([path]))
    assert first.source == "Reuters"
    assert str(second) == (f"{path}:2: source id 'Reuters' is already used by {path}:1; give "
                           "each article its own 'source' (if 'source' names the outlet in this "
                           "export, rename it 'outlet': ids are then derived from it and the "
                           "line)")


def test_sources_jsonl_is_streamed(tmp_path: Path):
    path = tmp_path / "big.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for n in range(2000):
            handle.write(json.dumps({"source": f"s{n}", "text": "Minsk freed 52."}) + "\n")
    stream = read_corpus(path, str(path))
    assert next(stream).source == "s0"  # a generator: articles come as lines are read
    assert sum(1 for _ in stream) == 1999


def test_jsonl_half_a_surrogate_pair_is_replaced_not_a_crash(tmp_path):
    from verifier.model import Article
    from verifier.sources.jsonl import read_corpus

    path = tmp_path / "c.jsonl"
    path.write_text('{"source": "s1", "text": "Minsk freed 52 prisoners \\ud800 today."}\n',
                    encoding="utf-8")
    (article,) = [a for a in read_corpus(path, str(path)) if isinstance(a, Article)]
    assert article.body == "Minsk freed 52 prisoners \ufffd today."
    article.body.encode("utf-8")  # encodable: reports and the pipeline can take it
