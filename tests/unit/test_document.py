"""The JSON results document: streamed out, streamed back in, refused when not ours."""

import json
from pathlib import Path

import pytest

from tests.unit.test_store import CLAIMS, _results
from verifier.errors import UsageError
from verifier.model import Claim, ClaimKind, Problem, Run, SourceInfo
from verifier.reports import render_json
from verifier.reports.document import read_document
from verifier.reports.store import ResultStore


def _run(rows=None) -> Run:
    rows = _results() if rows is None else rows
    claims = tuple(Claim(id=c, text=f"Claim «{c}».", kind=ClaimKind.STATUS, slots=(),
                         path="claims/x.claims.yaml", line=n + 3) for n, c in enumerate(CLAIMS))
    store = ResultStore.of(rows, CLAIMS)
    return Run(store, claims, store.sources(),
               (Problem("articles/bad.txt", 2, "not UTF-8", "error"),),
               (SourceInfo("mid", "Outlet", "Title – “quoted”", None, "articles/mid.txt"),))


@pytest.mark.parametrize("rows", [None, []], ids=["results", "empty"])
def test_document_streamed_bytes_are_json_dumps_of_the_document(rows):
    text = render_json(_run(rows))
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


def test_document_round_trips(tmp_path: Path):
    run = _run()
    path = tmp_path / "results.json"
    path.write_text(render_json(run), encoding="utf-8")
    again = read_document(path)
    assert list(again.results) == list(run.results)
    assert (again.claims, again.sources, again.problems, again.articles) == (
        tuple(c.__class__(id=c.id, text=c.text, kind=c.kind, slots=(), path=c.path,
                          line=c.line) for c in run.claims), run.sources, run.problems,
        run.articles)
    assert render_json(again) == render_json(run)


def test_document_read_when_results_come_before_claims(tmp_path: Path):
    run = _run()
    doc = json.loads(render_json(run))
    reordered = {"results": doc.pop("results"), **doc}  # a hand-edited file
    path = tmp_path / "results.json"
    path.write_text(json.dumps(reordered), encoding="utf-8")
    assert list(read_document(path).results) == list(run.results)


@pytest.mark.parametrize("text,message", [
    ("[1, 2]", "not a verifier results document"),
    ('{"format": "something-else", "results": []}', "not a verifier results document"),
    ('{"format": "claim-verifier/results", "version": 9}', "results version 9 is not supported"),
    ('{"format": "claim-verifier/results", "version": 1, "claims": [], "sources": [], '
     '"results": {"a": 1}}', "'results' is not a list of objects"),
    ('{"format": "claim-verifier/results", "version": 1, "claims": [], "sources": [], '
     '"results": [{"claim": "c"}]}', "damaged"),
    ('{"format": "claim-verifier/results", "version": 1, "claims": [], "sources": [], '
     '"results": [{"claim": "c", "source": "s", "verdict": "maybe", "evidence": [], '
     '"reason": "", "expected": null}]}', "'maybe' is not a valid Verdict"),
    ('{"format": "claim-verifier/results", "version": 1, "results": [', "cannot read"),
    ("", "cannot read"),
])
def test_document_bad_files_are_refused_with_their_path(tmp_path: Path, text, message):
    path = tmp_path / "results.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=message) as caught:
        read_document(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert "\n" not in str(caught.value)


def test_document_missing_file(tmp_path: Path):
    with pytest.raises(UsageError, match="no such results file; run 'verifier check' first"):
        read_document(tmp_path / "nope.json")


def test_document_of_another_kind_is_refused_before_its_results_are_read(tmp_path: Path):
    # The format is the first member: a foreign document stops there, however long.
    path = tmp_path / "results.json"
    path.write_text('{"format": "other", "results": [' + "1," * 10_000 + "1]}",
                    encoding="utf-8")
    with pytest.raises(UsageError, match="not a verifier results document"):
        read_document(path)


def test_document_with_bytes_that_are_not_utf8_is_one_readable_line(tmp_path: Path):
    path = tmp_path / "results.json"
    path.write_bytes(b'{"format": "claim-verifier/results", "version": 1, "claims": [], '
                     b'"results": [{"claim": "\xff\xfe"}]}')
    with pytest.raises(UsageError) as caught:
        read_document(path)
    assert str(caught.value) == (f"{path}: cannot read the results (lexical error: invalid "
                                 "bytes in UTF8 string.); re-run verifier check")
