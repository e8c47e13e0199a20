"""`verifier explain`, run as a user would, on a pair of each verdict."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ROOT / "tests" / "data" / "project"


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "verifier.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("explain")
    for name in ("claims", "fixtures"):
        shutil.copytree(PROJECT / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def pairs(project) -> dict[str, dict]:
    """One result of each kind of verdict (and a near miss) from the project's own run."""
    done = run("check", "--no-reports", "--format", "json", "-q", cwd=project)
    found: dict[str, dict] = {}
    for r in json.loads(done.stdout)["results"]:
        kind = "mentioned" if r.get("mentioned") else r["verdict"]
        found.setdefault(kind, r)
    assert set(found) >= {"supported", "contradicted", "hedged", "silent", "mentioned"}
    return found


def _explain(project: Path, monkeypatch, capsys, *args: str) -> str:
    """Run `verifier explain` in this process (the CLI's own start-up is tested below)."""
    from verifier.cli import main

    monkeypatch.chdir(project)
    assert main(["explain", *args]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("kind", ["supported", "contradicted", "hedged", "silent",
                                  "mentioned"])
def test_explain_a_pair_of_each_verdict(project, pairs, kind, monkeypatch, capsys):
    pair = pairs[kind]
    lines = _explain(project, monkeypatch, capsys, pair["claim"], pair["source"]).splitlines()
    shown = pair["verdict"] + (", mentioned" if kind == "mentioned" else "")
    assert lines[0] == f"{pair['claim']} [{pair['source']}]: {shown}"
    assert f"verdict  {shown}: {pair['reason']}" in lines
    for evidence in pair["evidence"]:
        assert f"  [{evidence['start']}:{evidence['end']}] {evidence['text']}" in lines
    if kind in ("supported", "contradicted", "hedged"):
        assert any(line.startswith(f"  found    {pair['verdict']}: ") for line in lines)
    if kind == "mentioned":
        assert any(line.startswith("  nothing  ") for line in lines)

    as_json = json.loads(_explain(project, monkeypatch, capsys, pair["claim"], pair["source"],
                                  "--format", "json"))
    assert (as_json["verdict"], as_json["mentioned"], as_json["reason"]) == (
        pair["verdict"], kind == "mentioned", pair["reason"])
    assert as_json["expected"] == pair["expected"]


@pytest.mark.parametrize("args,message", [
    (("released-25", "reuters"),
     "error: no claim 'released-25' in claims (did you mean released-52?); `verifier "
     "validate` checks the claim files"),
    (("released-52", "reuter"),
     "error: no article with source 'reuter' in fixtures/articles (did you mean reuters?)"),
])
def test_explain_unknown_claim_or_source_is_one_line(project, args, message):
    done = run("explain", *args, cwd=project)
    assert done.returncode == 2
    assert done.stderr.strip() == message
    assert "Traceback" not in done.stderr


def test_pytest_failure_points_at_verifier_explain(pytester):
    pytester.makefile(".claims.yaml", **{"claims/ev": (
        "event: ev\ntitle: An event\nas_of: 2025-09-11\nclaims:\n  - id: freed-52\n"
        "    claim: 52 prisoners were freed.\n    kind: quantity\n    count: 52\n"
        "    counted: [prisoner]\n    context: [\"@release\"]\n")})
    pytester.makefile(".txt", **{"fixtures/articles/beta": "Minsk freed 51 prisoners.\n"})
    result = pytester.runpytest_subprocess("-p", "no:hypothesispytest")
    result.stdout.fnmatch_lines(["explain  verifier explain freed-52 beta"])
