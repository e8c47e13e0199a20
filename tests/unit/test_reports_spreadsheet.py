"""The CSV report: encoding, columns, every evidence sentence, no formulas."""

from __future__ import annotations

import csv
import io

import pytest

from tests.sample_runs import claim, make_run
from verifier.model import Evidence, Result, Verdict
from verifier.reports import render_csv
from verifier.reports.spreadsheet import HEADER, neutralise


def _rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_spreadsheet_starts_with_a_bom_and_the_header():
    text = render_csv(make_run([Result("c-1", "s", Verdict.SILENT)], [claim("c-1")]))
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbfclaim,source,event,verdict,")
    assert _rows(text)[0] == HEADER == ["claim", "source", "event", "verdict", "expected",
                                        "agree", "known_miss", "evidence", "offsets", "reason"]


def test_spreadsheet_has_a_row_per_pair_with_every_evidence_sentence():
    evidence = (Evidence("Minsk freed 52 prisoners.", 12, 37),
                Evidence("All 52, it said, crossed into Lithuania.", 40, 80))
    results = [
        Result("c-1", "a", Verdict.SUPPORTED, evidence, "52 freed", Verdict.SUPPORTED, "ev"),
        Result("c-1", "b", Verdict.SILENT, (), "no sentence", Verdict.SUPPORTED, "ev",
               known_miss="only implied"),
        Result("c-2", "a", Verdict.HEDGED, evidence[:1], "reportedly", Verdict.SUPPORTED),
        Result("c-2", "b", Verdict.CONTRADICTED, (), "another figure"),
    ]
    rows = _rows(render_csv(make_run(results, [claim("c-1"), claim("c-2")])))
    assert rows[1:] == [
        ["c-1", "a", "ev", "supported", "supported", "yes", "",
         "Minsk freed 52 prisoners.\nAll 52, it said, crossed into Lithuania.",
         "12–37\n40–80", "52 freed"],
        ["c-1", "b", "ev", "silent", "supported", "no", "only implied", "", "", "no sentence"],
        ["c-2", "a", "", "hedged", "supported", "no", "", "Minsk freed 52 prisoners.",
         "12–37", "reportedly"],
        ["c-2", "b", "", "contradicted", "", "", "", "", "", "another figure"],
    ]


@pytest.mark.parametrize(("value", "shown"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1+2", "'+1+2"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("52 freed", "52 freed"),
    ("a=b", "a=b"),
    ("", ""),
    ("'quoted'", "'quoted'"),
])
def test_spreadsheet_neutralise(value, shown):
    assert neutralise(value) == shown


@pytest.mark.parametrize("field", ["evidence", "reason", "known_miss", "source"])
def test_spreadsheet_cells_from_the_inputs_never_start_a_formula(field):
    formula = "=cmd|' /C calc'!A0"
    result = Result("c-1", formula if field == "source" else "s", Verdict.SILENT,
                    (Evidence(formula if field == "evidence" else "Fine.", 0, 5),),
                    formula if field == "reason" else "r", Verdict.SUPPORTED,
                    known_miss=formula if field == "known_miss" else None)
    row = _rows(render_csv(make_run([result], [claim("c-1")])))[1]
    assert row[HEADER.index(field)] == "'" + formula
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
