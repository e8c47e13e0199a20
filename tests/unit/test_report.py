"""Reports: the JSON document, the Markdown matrix and atomic writes."""

import json
import re
from pathlib import Path

import pytest

from verifier.document import from_document, render_json, to_document
from verifier.engine import check_run
from verifier.model import Result, Run, Verdict
from verifier.report import render_csv, render_html, render_markdown, write_atomic, write_reports

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed_run():
    return check_run([ROOT / "claims"], [ROOT / "fixtures" / "articles"],
                     [ROOT / "fixtures" / "expected"])


def test_report_json_document_shape(seed_run):
    doc = json.loads(render_json(seed_run))
    assert doc["format"] == "claim-verifier/results" and doc["version"] == 1
    assert len(doc["results"]) == len(seed_run.claims) * len(seed_run.sources)
    row = doc["results"][0]
    assert set(row) == {"claim", "source", "event", "verdict", "expected", "evidence", "reason"}
    assert set(row["evidence"][0]) == {"text", "start", "end"}


def test_report_is_deterministic(seed_run):
    again = check_run([ROOT / "claims"], [ROOT / "fixtures" / "articles"],
                      [ROOT / "fixtures" / "expected"])
    assert render_json(seed_run) == render_json(again)
    assert render_markdown(seed_run) == render_markdown(again)


def test_report_markdown_has_matrix_and_per_source_rows(seed_run):
    text = render_markdown(seed_run)
    assert "| claim " in text and "| source " in text
    for source in seed_run.sources:
        assert f"| {source} " in text


def test_report_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path: Path):
    target = tmp_path / "results.json"
    target.write_text("old", encoding="utf-8")

    with pytest.raises(TypeError):
        write_atomic(target, 12345)  # not text: the write fails midway
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["results.json"]


def test_report_write_reports(tmp_path: Path, seed_run):
    written = write_reports(seed_run, tmp_path / "reports")
    assert sorted(p.name for p in written) == ["matrix.csv", "matrix.html", "matrix.md",
                                               "results.json"]


def test_report_document_round_trips(seed_run):
    again = from_document(to_document(seed_run))
    assert render_json(again) == render_json(seed_run)
    assert render_markdown(again) == render_markdown(seed_run)


def test_report_html_escapes_article_and_claim_text(seed_run):
    hostile = "<script>alert(1)</script>"
    result = Result("released-52", "x", Verdict.SUPPORTED, reason=hostile)
    run = Run((result,), seed_run.claims[:1], ("x",))
    page = render_html(run)
    assert hostile not in page and "&lt;script&gt;" in page


def test_report_csv_has_a_row_per_pair(seed_run):
    lines = render_csv(seed_run).splitlines()
    assert lines[0].startswith("claim,source,verdict,expected,evidence,start,end,reason")
    assert len(lines) == 1 + len(seed_run.results)


def test_report_markdown_shows_quality_against_expectations(seed_run):
    text = render_markdown(seed_run)
    assert "| expected \\ given " in text or "expected \\ given" in text
    assert re.search(r"\d+ of \d+ pairs agree with their expected verdict; macro-F1 0\.9\d\d",
                     text)


def test_report_describe_changes_caps_moved_and_sums_up_new_cells():
    from verifier.approved import CellChange, describe

    moved = [CellChange(f"c{n}", "s", Verdict.SUPPORTED, Verdict.HEDGED) for n in range(30)]
    new = [CellChange("c", f"new{n}", None, Verdict.SILENT) for n in range(3)]
    lines = describe(moved + new, limit=25)
    assert lines[0] == "  c0 [s]: supported → hedged"
    assert lines[25] == "  ... and 5 more moved cell(s)"
    assert lines[26] == "  3 new cell(s) for 3 source(s): new0, new1, new2"
