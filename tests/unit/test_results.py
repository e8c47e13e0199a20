"""Results as rows for notebooks: flat dicts, streamed from the results document."""

import json
from pathlib import Path

import pytest

import verifier
from tests.unit.test_document import _run
from verifier.errors import UsageError
from verifier.model import Evidence, Result, Run, Verdict
from verifier.reports import render_json
from verifier.reports.store import ResultStore
from verifier.results import COLUMNS, read_rows


def _write(tmp_path: Path, run=None) -> Path:
    path = tmp_path / "results.json"
    path.write_text(render_json(run or _run()), encoding="utf-8")
    return path


def test_results_rows_follow_the_document_in_order(tmp_path: Path):
    path = _write(tmp_path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    rows = list(read_rows(path))
    assert [(r["claim"], r["source"], r["verdict"], r["expected"], r["reason"])
            for r in rows] == [(r["claim"], r["source"], r["verdict"], r["expected"],
                                r["reason"]) for r in doc["results"]]
    assert all(tuple(row) == COLUMNS for row in rows)  # same keys, same order, every row


@pytest.mark.parametrize(("result", "expected"), [
    (Result("c", "s", Verdict.SUPPORTED,
            (Evidence("First «one».", 3, 14), Evidence("Two.", 20, 24)), "r", Verdict.SUPPORTED,
            "ev"),
     {"verdict": "supported", "expected": "supported", "agree": True, "known_miss": None,
      "mentioned": False, "evidence_count": 2, "evidence_text": "First «one».",
      "evidence_start": 3, "evidence_end": 14}),
    (Result("c", "s", Verdict.SILENT, (Evidence("Mentions it.", 0, 12),), "m",
            Verdict.HEDGED, "ev", "a known miss"),
     {"verdict": "silent", "expected": "hedged", "agree": False, "known_miss": "a known miss",
      "mentioned": True, "evidence_count": 1, "evidence_text": "Mentions it.",
      "evidence_start": 0, "evidence_end": 12}),
    (Result("c", "s", Verdict.SILENT, (), "nothing", None, "ev"),
     {"verdict": "silent", "expected": None, "agree": None, "known_miss": None,
      "mentioned": False, "evidence_count": 0, "evidence_text": None,
      "evidence_start": None, "evidence_end": None}),
], ids=["agrees", "near-miss-known-miss", "no-evidence"])
def test_results_row_fields(tmp_path: Path, result: Result, expected: dict):
    store = ResultStore.of([result], ["c"])
    row, = read_rows(_write(tmp_path, Run(store, (), ("s",))))
    assert row == {"claim": "c", "source": "s", "event": "ev", "reason": result.reason,
                   **expected}


def test_results_rows_stream_before_the_document_ends(tmp_path: Path):
    path = _write(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index('"summary"') - 200], encoding="utf-8")  # cut short
    rows = read_rows(path)
    assert next(rows)["claim"] == "released-52"  # read before the damage is reached
    with pytest.raises(UsageError, match="cannot read the results"):
        list(rows)


@pytest.mark.parametrize(("text", "message"), [
    ('{"format": "something-else", "results": []}', "not a verifier results document"),
    ('{"format": "claim-verifier/results", "version": 1, "results": [{"claim": "c"}]}',
     "results document is damaged"),
])
def test_results_rows_refuse_what_is_not_a_results_document(tmp_path: Path, text, message):
    path = tmp_path / "results.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        list(read_rows(path))


def test_results_rows_of_a_missing_file_say_how_to_make_one(tmp_path: Path):
    with pytest.raises(UsageError, match="no such results file; run 'verifier check' first"):
        list(read_rows(tmp_path / "nothing.json"))


def test_results_read_rows_is_exported_from_the_package_root():
    assert verifier.read_rows is read_rows and "read_rows" in verifier.__all__
