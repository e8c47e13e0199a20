"""The command line, run as a user would: exit codes, output files and error lines."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
# The tool's own small project, laid out as the README lays out a project: claims/,
# fixtures/articles/ and fixtures/expected/ (17 claims, 5 articles).
PROJECT = ROOT / "tests" / "data" / "project"


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "verifier.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for folder in ("claims", "fixtures"):
        shutil.copytree(PROJECT / folder, tmp_path / folder)
    return tmp_path


def test_cli_check_seeds_passes_and_writes_reports(project: Path):
    done = run("check", "--format", "json", "--output", "out.json", cwd=project)
    assert done.returncode == 0, done.stderr
    doc = json.loads((project / "out.json").read_text(encoding="utf-8"))
    assert len(doc["results"]) == len(doc["claims"]) * len(doc["sources"]) >= 85
    # exit 0: every labelled pair agrees (or is a recorded known miss) and no pair of
    # another event's claims is contradicted
    assert not [r for r in doc["results"] if r["expected"] is None
                and r["verdict"] == "contradicted"]
    assert (project / "reports" / "results.json").read_text(encoding="utf-8") == (
        project / "out.json").read_text(encoding="utf-8")
    assert (project / "reports" / "matrix.md").exists()


def test_cli_check_exits_1_when_a_verdict_differs(project: Path):
    path = project / "fixtures" / "expected" / "belarus-2025-09.expected.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  three-polish-nationals:\n    devdiscourse: silent\n    news18: {verdict: supported, "
        "evidence: \"Among those released were three Polish nationals\"}\n    editorial: silent\n"
        "    scopex: silent", "  three-polish-nationals:\n    devdiscourse: silent\n    news18: "
        "{verdict: supported, evidence: \"Among those released were three Polish nationals\"}\n"
        "    editorial: silent\n    scopex: hedged")
    path.write_text(text, encoding="utf-8")
    done = run("check", cwd=project)
    assert done.returncode == 1
    assert "1 of " in done.stdout and " pairs differ" in done.stdout
    assert "three-polish-nationals [scopex]: silent, expected hedged" in done.stdout


def test_cli_bad_claim_file_exits_2_with_one_line_and_keeps_the_good_ones(project: Path):
    (project / "claims" / "bad.claims.yaml").write_text(
        "event: bad\ntitle: Bad\nas_of: 2025-09-11\nclaims:\n  - id: x\n    claim: X.\n"
        "    kind: quantity\n    count: fifty\n    counted: [a]\n    context: [b]\n",
        encoding="utf-8")
    done = run("check", "--format", "json", "--output", "out.json", cwd=project)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0].startswith(
        "error: claims/bad.claims.yaml:8: claims[0].count: 'fifty' is not a number; "
        "write a number")
    assert "Traceback" not in done.stderr
    assert len(json.loads((project / "out.json").read_text())["results"]) >= 85


def test_cli_bad_article_becomes_error_rows(project: Path):
    (project / "fixtures" / "articles" / "broken.txt").write_bytes(b"\xff\xfe\x00\x00bad")
    done = run("check", "--format", "json", "--output", "out.json", cwd=project)
    assert done.returncode == 2
    doc = json.loads((project / "out.json").read_text())
    errors = [r for r in doc["results"] if r["verdict"] == "error"]
    assert len(errors) == len(doc["claims"]) and {r["source"] for r in errors} == {"broken"}


def test_cli_missing_path_is_a_usage_error(project: Path):
    done = run("check", "--claims", "nowhere", cwd=project)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "error: nowhere: no such claim file or folder; check the path")


def test_cli_validate(project: Path):
    done = run("validate", cwd=project)
    count = sum(len(yaml.safe_load(p.read_text(encoding="utf-8"))["claims"])
                for p in (project / "claims").glob("*.claims.yaml"))
    assert done.returncode == 0 and f" {count} claim(s) valid" in done.stdout


def test_cli_ingest_writes_a_fixture(project: Path):
    out = project / "x.txt"
    done = run("ingest", str(ROOT / "seeds" / "004_ba2a3b7a6fd762a4.txt"), "--source", "wire",
               "-o", str(out), cwd=project)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("---\nsource: wire\n")


@pytest.mark.parametrize("command", ["check", "validate", "ingest", "report"])
def test_cli_every_command_has_help(command):
    done = run(command, "--help")
    assert done.returncode == 0 and "usage: verifier" in done.stdout


def test_cli_cache_jobs_and_no_cache_give_the_same_reports(project: Path):
    first = run("check", "--format", "json", "--no-reports", cwd=project)
    assert (project / ".verifier-cache" / "verdicts.sqlite3").exists()
    cached = run("check", "--format", "json", "--no-reports", cwd=project)
    uncached = run("check", "--format", "json", "--no-reports", "--no-cache", "--jobs", "2",
                   cwd=project)
    assert first.stdout == cached.stdout == uncached.stdout
    assert first.returncode == cached.returncode == uncached.returncode == 0
    assert "article/s" not in first.stderr  # no progress bar when not on a terminal


@pytest.mark.parametrize("args", [
    ("check", "--no-reports", "-q", "--format", "json", "--output", "-"),
    ("report", "--input", "reports/results.json", "--format", "json", "--output", "-"),
])
def test_cli_output_dash_is_standard_output(project: Path, args):
    assert run("check", "-q", cwd=project).returncode == 0
    done = run(*args, cwd=project)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["format"] == "claim-verifier/results"
    assert not (project / "-").exists()


def test_cli_python_dash_m_verifier_is_the_command_line(project: Path):
    done = subprocess.run([sys.executable, "-m", "verifier", "validate"], cwd=project,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "claim(s) valid; 0 problem(s)" in done.stdout


def test_cli_bad_jobs_is_a_usage_error(project: Path):
    done = run("check", "--jobs", "0", cwd=project)
    assert done.returncode == 2
    assert done.stderr.strip() == "error: --jobs: 0 is not a number of processes; give 1 or more"


@pytest.mark.parametrize("args", [
    ("check", "--claims", "claims/belarus-2025-09.claims.yaml", "--articles",
     "fixtures/articles/seeds", "--articles", "fixtures/articles/contrast", "--expected",
     "fixtures/expected/belarus-2025-09.expected.yaml", "--no-reports", "--format", "json",
     "--quiet"),
    ("report", "--input", "reports/results.json", "--format", "json"),
])
def test_cli_output_into_a_closed_pipe_ends_quietly(args):
    """`verifier check | head -1`: the reader goes away early; no traceback."""
    with subprocess.Popen([sys.executable, "-m", "verifier.cli", *args], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        proc.stdout.readline()
        proc.stdout.close()  # as head does after its first line
        err = proc.stderr.read().decode()
        code = proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert code in (0, 1, 141)


def test_cli_ingest_source_name_with_spaces_becomes_a_usable_id(project: Path):
    out = project / "fixtures" / "articles" / "x.txt"
    done = run("ingest", str(ROOT / "seeds" / "004_ba2a3b7a6fd762a4.txt"), "--source",
               "Reuters Wire", "-o", str(out), cwd=project)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == ("note: source id 'Reuters Wire' written as 'reuters-wire' "
                                   "(letters, digits, '-', '_' and '.')")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("---\nsource: reuters-wire\noutlet: Reuters Wire\n")
    checked = run("check", "--claims", "claims/belarus-2025-09.claims.yaml", "--articles",
                  str(out), "--expected", "fixtures/expected/belarus-2025-09.expected.yaml",
                  "--no-reports", "--format", "json", "--quiet", cwd=project)
    assert checked.returncode in (0, 1), checked.stderr
    assert {r["source"] for r in json.loads(checked.stdout)["results"]} == {"reuters-wire"}


@pytest.mark.parametrize("entry,message", [
    ("  - {seed: a.txt}", "articles[0]: missing key 'source'; add it"),
    ("  - {source: a}", "articles[0]: missing key 'seed'; add it"),
    ("  - just a string", "articles[0]: not a mapping; write 'seed:' and 'source:' keys"),
    ("  - {seed: a.txt, source: Daily Mail}",
     "articles[0].source: 'Daily Mail' is not a source id; write 'daily-mail'"),
    ("  - {seed: a.txt, source: a, date: 2025-02-30}",
     "articles[0].date: '2025-02-30' is not a date; write YYYY-MM-DD"),
])
def test_cli_ingest_manifest_with_a_bad_entry_names_it(tmp_path: Path, entry, message):
    manifest = tmp_path / "m.yaml"
    manifest.write_text(f"output: out\narticles:\n{entry}\n", encoding="utf-8")
    done = run("ingest", "--manifest", str(manifest), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().startswith(f"error: {manifest}:3: {message}"), done.stderr
    assert "Traceback" not in done.stderr


def test_cli_reports_are_readable_by_everyone_under_a_usual_umask(project: Path):
    done = subprocess.run(f"umask 022 && {sys.executable} -m verifier.cli check --claims "
                          "claims/belarus-2025-09.claims.yaml --articles fixtures/articles "
                          "--expected fixtures/expected/belarus-2025-09.expected.yaml "
                          "--reports reports --output out.json --format json --quiet",
                          shell=True, cwd=project, capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    for path in [*(project / "reports").iterdir(), project / "out.json"]:
        assert path.stat().st_mode & 0o777 == 0o644, path


def _reports(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((project / "reports").iterdir())}


NEW_ARTICLE = ("---\nsource: newwire\ndate: 2025-09-11\n---\n"
               "Belarus freed 51 prisoners on Thursday after talks with a US envoy.\n")


@pytest.mark.parametrize("extra", [(), ("--output", "adhoc.md", "--format", "markdown")])
def test_cli_ad_hoc_check_leaves_the_approved_matrix_byte_identical(project: Path, extra):
    assert run("check", "-q", cwd=project).returncode == 0
    before = _reports(project)
    (project / "news").mkdir()
    (project / "news" / "newwire.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    done = run("check", "--articles", "news", "-q", *extra, cwd=project)
    assert done.returncode == 1, done.stderr  # 51 contradicts released-52
    assert _reports(project) == before
    # what it found is on the terminal, with or without --output
    assert "released-52 [newwire]: contradicted, expected not contradicted" in done.stdout
    if extra:
        assert done.stdout.startswith("checked 17 claim(s) against 1 source(s): 17 pairs (")
        assert done.stdout.rstrip().endswith("wrote adhoc.md")
        assert (project / "adhoc.md").read_text(encoding="utf-8").startswith("## Accuracy")


def test_cli_ad_hoc_check_writes_reports_only_where_told(project: Path):
    (project / "news").mkdir()
    (project / "news" / "newwire.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    done = run("check", "--articles", "news", "--reports", "adhoc", "-q", cwd=project)
    assert done.returncode == 1
    assert not (project / "reports").exists()
    cells = (project / "adhoc" / "cells.tsv").read_text(encoding="utf-8").splitlines()
    assert len(cells) == 1 + 17 and "released-52\tnewwire\tcontradicted\t\t" in cells


def test_cli_update_merges_ad_hoc_cells_into_the_approved_matrix(project: Path):
    run("check", "-q", cwd=project)
    before = (project / "reports" / "cells.tsv").read_text(encoding="utf-8").splitlines()
    (project / "fixtures" / "articles" / "newwire.txt").write_text(NEW_ARTICLE,
                                                                   encoding="utf-8")
    done = run("check", "--articles", "fixtures/articles/newwire.txt", "--update", "-q",
               cwd=project)
    assert "reports/: 17 cell(s) changed from the approved matrix (0 moved, 17 new, " \
           "0 removed, 0 relabelled)" in done.stderr
    after = (project / "reports" / "cells.tsv").read_text(encoding="utf-8").splitlines()
    assert set(before) < set(after) and len(after) == len(before) + 17
    changes = (project / "reports" / "changes.md").read_text(encoding="utf-8")
    assert "| `released-52` | `newwire` | ✘ contradicted | none |" in changes
    # the configured run agrees: the merged cells are the project's own
    again = run("check", "-q", cwd=project)
    assert "changed from the approved matrix" not in again.stderr


def test_cli_configured_run_lists_a_deleted_articles_cells_as_removed(project: Path):
    run("check", "-q", cwd=project)
    (project / "fixtures" / "articles" / "news18.txt").unlink()
    done = run("check", "-q", cwd=project)
    assert "reports/: 17 cell(s) changed from the approved matrix (0 moved, 0 new, " \
           "17 removed, 0 relabelled)" in done.stderr
    assert "  released-52 [news18]: supported → (removed)" in done.stderr.splitlines()
    assert "news18" not in (project / "reports" / "cells.tsv").read_text(encoding="utf-8")
    changes = (project / "reports" / "changes.md").read_text(encoding="utf-8")
    assert "### Removed (17)" in changes and "| `released-52` | `news18` | ✔ supported |" \
        in changes


def test_cli_appends_to_the_github_job_summary(project: Path, monkeypatch):
    summary = project / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run("check", "-q", cwd=project)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Claim verification\n\n5 source(s) × 17 claim(s): 85 pairs (")
    assert "### New (" in text  # the first run: every cell is new
    run("check", "-q", cwd=project)
    assert summary.read_text(encoding="utf-8").count("## Claim verification") == 2
    assert "No cell differs from the approved matrix in reports." in summary.read_text(
        encoding="utf-8")


def test_cli_update_and_no_reports_is_a_usage_error(project: Path):
    done = run("check", "--update", "--no-reports", cwd=project)
    assert done.returncode == 2
    assert done.stderr.strip() == "error: --update and --no-reports disagree; give one of them"
