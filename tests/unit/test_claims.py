"""Claim files: loading, defaults, lexicon references and errors with file and line."""

import math
from pathlib import Path

import pytest

from verifier.claims import load_claim_file, load_claim_files, parse_claim_file
from verifier.model import ClaimKind, Count

GOOD = """\
event: test-event
title: A test event
as_of: 2025-09-11
claims:
  - id: freed-52
    claim: 52 prisoners were freed.
    kind: quantity
    count: 52
    counted: [prisoner]
    context: ["@release"]
  - id: held
    claim: X is held.
    kind: status
    entity: {name: Ales Bialiatski, aliases: [Ales Byalyatski]}
"""


def test_claims_load_a_good_file():
    claim_file, problems = parse_claim_file(GOOD, "good.claims.yaml")
    assert problems == []
    assert claim_file.event == "test-event"
    quantity, status = claim_file.claims
    assert quantity.kind is ClaimKind.QUANTITY and quantity.count == Count(52, 52)
    assert "release" in quantity.terms("context") and "free" in quantity.terms("context")
    assert quantity.line == 5 and status.line == 11
    # status claims default to the custody and release lexicons
    assert "imprison" in status.terms("state") and "release" in status.terms("opposite")
    assert status.entity.names == ("Ales Bialiatski", "Ales Byalyatski")


def _errors(text: str) -> list[str]:
    claim_file, problems = parse_claim_file(text, "x.claims.yaml")
    assert claim_file is None
    return [str(p) for p in problems]


@pytest.mark.parametrize("edit,expected", [
    (("count: 52", "count: fifty"),
     "x.claims.yaml:8: claims[0].count: 'fifty' is not a number"),
    (("kind: status", "kind: opinion"),
     "x.claims.yaml:13: claims[1].kind: 'opinion' is not one of"),
    (("aliases:", "ailases:"),
     "x.claims.yaml:14: claims[1].entity: unknown key 'ailases'; allowed keys here: aliases, name"),
    (("as_of: 2025-09-11", "as_of: 2025-13-45"),
     "x.claims.yaml:3: as_of: '2025-13-45' is not a date; write YYYY-MM-DD"),
    (("id: held", "id: freed-52"),
     "x.claims.yaml:11: claims[1].id: duplicate claim id 'freed-52' (first at line 5)"),
    (("context: [\"@release\"]", "context: [\"@releases\"]"),
     "x.claims.yaml:10: claims[0].context: unknown lexicon '@releases'"),
    (("counted: [prisoner]", "counted: []"),
     "x.claims.yaml:9: claims[0].counted: [] is empty; give at least one item"),
    (("id: held", "id: Held Claim"),
     "x.claims.yaml:11: claims[1].id: 'Held Claim' is not valid here (a slug"),
])
def test_claims_report_file_line_and_path(edit, expected):
    errors = _errors(GOOD.replace(*edit))
    assert any(e.startswith(expected) for e in errors), errors


def test_claims_missing_field_names_it_and_the_claim_line():
    errors = _errors(GOOD.replace("    count: 52\n", ""))
    assert errors[0].startswith("x.claims.yaml:5: claims[0]: missing key 'count'; add it")


def test_claims_yaml_syntax_error_has_line_and_column():
    errors = _errors(GOOD.replace("counted: [prisoner]", "counted: [prisoner"))
    assert errors[0].startswith("x.claims.yaml:10: YAML syntax error, column")


def test_claims_python_tags_are_refused_not_run():
    errors = _errors(GOOD.replace("title: A test event",
                                  "title: !!python/object/apply:os.system ['echo pwned']"))
    assert "not allowed" in errors[0] and errors[0].startswith("x.claims.yaml:2:")


@pytest.mark.parametrize("text,expected", [
    ("", "x.claims.yaml: the file is empty"),
    ("- a\n- b\n", "x.claims.yaml:1: the document is a list, not a mapping"),
])
def test_claims_empty_or_not_a_mapping(text, expected):
    assert _errors(text)[0].startswith(expected)


def test_claims_duplicate_ids_across_files_keep_the_first_file(tmp_path: Path):
    (tmp_path / "a.claims.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.claims.yaml").write_text(GOOD.replace("test-event", "other"),
                                            encoding="utf-8")
    files, problems = load_claim_files([tmp_path])
    assert [f.event for f in files] == ["test-event"]
    assert str(problems[0]).startswith(f"{tmp_path / 'b.claims.yaml'}:5: duplicate claim id")


def test_claims_missing_file_is_a_problem_not_a_crash(tmp_path: Path):
    claim_file, problems = load_claim_file(tmp_path / "nope.claims.yaml")
    assert claim_file is None and "no such claim file" in str(problems[0])


def test_claims_shipped_claim_files_are_valid():
    files, problems = load_claim_files(["claims"])
    assert problems == [] and sum(len(f.claims) for f in files) >= 17


def test_claims_links_outside_the_claims_folder_are_refused(tmp_path: Path):
    folder = tmp_path / "claims"
    folder.mkdir()
    (tmp_path / "elsewhere.claims.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "link.claims.yaml").symlink_to(tmp_path / "elsewhere.claims.yaml")
    files, problems = load_claim_files([folder])
    assert files == []
    assert str(problems[0]) == (f"{folder / 'link.claims.yaml'}: links outside {folder}; "
                                "refusing to read it (copy the claim file into the folder)")


@pytest.mark.parametrize("depth,refused", [(10, False), (63, False), (64, True), (5000, True)])
def test_claims_nesting_is_measured_before_any_parser(depth, refused):
    from verifier.loader import MAX_DEPTH, nesting_depth, parse_yaml
    text = "x: " + "[" * depth + "]" * depth + "\n"
    assert (nesting_depth(text) > MAX_DEPTH) is refused
    _, problems = parse_yaml(text, "deep.yaml")
    assert any("levels deep" in str(p) for p in problems) is refused


def test_claims_file_anchors_reach_every_claim():
    text = GOOD.replace("as_of: 2025-09-11", "as_of: 2025-09-11\nanchors: [Minsk, Belarus]")
    claim_file, problems = parse_claim_file(text, "x.claims.yaml")
    assert not problems
    assert all(c.terms("anchors") == ("Minsk", "Belarus") for c in claim_file.claims)


@pytest.mark.parametrize("count,low,high,about", [
    ("52", 52, 52, False), ("6.8", 6.8, 6.8, False), ("{min: 100}", 100, math.inf, False),
    ("{about: 9000}", 8100, 9900, True), ("{min: 10, max: 20}", 10, 20, False),
])
def test_claims_count_forms(count, low, high, about):
    claim_file, problems = parse_claim_file(GOOD.replace("count: 52", f"count: {count}"),
                                            "x.claims.yaml")
    assert not problems
    got = claim_file.claims[0].count
    assert (got.low, got.high, got.about) == (pytest.approx(low), high if high == math.inf
                                              else pytest.approx(high), about)


def test_claims_nesting_estimate_is_not_fooled_by_a_quote_inside_a_plain_scalar():
    from verifier.loader import MAX_DEPTH, nesting_depth
    text = "claims: [x 'y, " + "[" * 990 + "]" * 990 + "]\n"
    assert nesting_depth(text) > MAX_DEPTH
