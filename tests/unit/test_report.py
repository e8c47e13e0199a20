"""Reports: the JSON document, the Markdown matrix and atomic writes."""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from verifier.engine import check_run
from verifier.model import Result, Run, Verdict
from verifier.reports import (
    render_csv,
    render_html,
    render_json,
    render_markdown,
    write_atomic,
    write_reports,
)
from verifier.reports.document import read_document
from verifier.reports.store import ResultStore
from verifier.reports.tables import column_widths, table_lines

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed_run():
    return check_run([ROOT / "claims"], [ROOT / "fixtures" / "articles"],
                     [ROOT / "fixtures" / "expected"])


def test_report_json_document_shape(seed_run):
    doc = json.loads(render_json(seed_run))
    assert doc["format"] == "claim-verifier/results" and doc["version"] == 1
    assert len(doc["results"]) == len(seed_run.claims) * len(seed_run.sources)
    row = next(r for r in doc["results"] if r["evidence"] and r["verdict"] != "silent"
               and "known_miss" not in r)
    assert set(row) == {"claim", "source", "event", "verdict", "expected", "evidence", "reason"}
    near = next(r for r in doc["results"] if r.get("mentioned"))
    assert near["verdict"] == "silent" and near["evidence"] and near["mentioned"] is True
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
    assert sorted(p.name for p in written) == ["cells.tsv", "matrix.csv", "matrix.html",
                                               "matrix.md", "results.json"]


def test_report_document_round_trips(seed_run, tmp_path: Path):
    (tmp_path / "results.json").write_text(render_json(seed_run), encoding="utf-8")
    again = read_document(tmp_path / "results.json")
    assert render_json(again) == render_json(seed_run)
    assert render_markdown(again) == render_markdown(seed_run)


def test_report_html_escapes_article_and_claim_text(seed_run):
    hostile = "<script>alert(1)</script>"
    result = Result("released-52", "x", Verdict.SUPPORTED, reason=hostile)
    claims = tuple(c for c in seed_run.claims if c.id == "released-52")
    run = Run(ResultStore.of([result]), claims, ("x",))
    page = render_html(run)
    assert hostile not in page and "&lt;script&gt;" in page


def test_report_csv_has_a_row_per_pair(seed_run):
    text = render_csv(seed_run)
    assert text.startswith("\ufeffclaim,source,event,verdict,expected,agree,known_miss,evidence,")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert len(rows) == 1 + len(seed_run.results)


def test_report_markdown_shows_quality_against_expectations(seed_run):
    text = render_markdown(seed_run)
    assert "| expected \\ given " in text or "expected \\ given" in text
    assert re.search(r"\d+ of \d+ pairs agree with their expected verdict; macro-F1 [01]\.\d{3}",
                     text)


_CELL = st.text(alphabet=st.sampled_from("ab Z09.%–✔✘≠·~*"), max_size=7).map(str.strip)


@settings(max_examples=60, deadline=None)
@given(header=st.lists(st.text(alphabet="abcXY ", min_size=1, max_size=6).map(str.strip)
                       .filter(bool), min_size=1, max_size=4),
       data=st.data(), fmt=st.sampled_from(["github", "simple"]))
def test_report_streamed_tables_are_tabulates(header, data, fmt):
    width = len(header)
    # Every row starts with a source id, never blank.
    row = st.tuples(_CELL.filter(bool), st.lists(_CELL, min_size=width - 1, max_size=width - 1))
    rows = [[first, *rest] for first, rest in data.draw(st.lists(row, max_size=5))]
    aligns = data.draw(st.lists(st.sampled_from(["left", "center", "right"]), min_size=width,
                                max_size=width))
    widths = column_widths(header, rows)
    streamed = "\n".join(table_lines(header, rows, widths, aligns, fmt))
    expected = tabulate(rows, headers=header, tablefmt=fmt, disable_numparse=True,
                        colalign=aligns)
    assert streamed == "\n".join(line.rstrip() if fmt == "simple" else line
                                 for line in expected.splitlines())


def test_report_matrix_columns_do_not_depend_on_the_cells(seed_run):
    # Fixed widths: a cell that turns into a mismatch changes one line of the diff.
    lines = render_markdown(seed_run).splitlines()
    table = [line for line in lines if line.startswith("| ")][:len(seed_run.sources) + 1]
    assert len({len(line) for line in table}) == 1


def test_report_terminal_table_lists_the_first_mismatches_and_counts_the_rest(seed_run):
    from verifier.reports import render_table, terminal

    rows = [Result("released-52", f"s{n:03d}", Verdict.CONTRADICTED, reason="r")
            for n in range(terminal.MISMATCHES_SHOWN + 7)]
    run = Run(ResultStore.of(rows), seed_run.claims[:1], tuple(r.source for r in rows))
    text = render_table(run)
    assert "released-52 [s000]: contradicted, expected not contradicted (r)" in text
    assert f"[s{terminal.MISMATCHES_SHOWN:03d}]" not in text
    assert text.endswith("  ... and 7 more (every pair is in the CSV and JSON reports)\n")


def test_report_quality_line_lists_contradicted_first(seed_run):
    summary = render_markdown(seed_run).split("macro-F1 ", 1)[1]
    assert summary.split("(", 1)[1].startswith("contradicted P ")
