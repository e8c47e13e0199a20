"""The review workflow's guards on the command line: bad input never rewrites the
approved matrix, --update stays inside the project, and label edits are changes."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ROOT / "tests" / "data" / "project"
EXPECTED = "fixtures/expected/belarus-2025-09.expected.yaml"


def run(*args, cwd, env=None):
    return subprocess.run([sys.executable, "-m", "verifier.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=180, env=env)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("claims", "fixtures"):
        shutil.copytree(PROJECT / name, tmp_path / name)
    assert run("check", "-q", cwd=tmp_path).returncode == 0
    return tmp_path


def _reports(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((project / "reports").iterdir())}


@pytest.mark.parametrize("breakage", ["claim file", "expectations file", "article"])
def test_review_bad_input_never_rewrites_the_approved_matrix(project, breakage):
    before = _reports(project)
    if breakage == "claim file":  # a second, broken claim file next to the good one
        (project / "claims" / "other.claims.yaml").write_text(
            "event: other\ntitle: Other\nas_of: 2025-09-11\nclaims:\n  - id: other-5\n"
            "    claim: Five.\n    kind: quantity\n    count: fifty\n    counted: [a]\n"
            "    context: [b]\n", encoding="utf-8")
    elif breakage == "expectations file":
        path = project / EXPECTED
        path.write_text(path.read_text(encoding="utf-8") + "  released-52:\n    x: silent\n",
                        encoding="utf-8")
    else:
        (project / "fixtures" / "articles" / "broken.txt").write_bytes(b"\x00\x01binary")
    done = run("check", "-q", cwd=project)
    assert done.returncode == 2
    assert "reports/ was left as it was" in done.stderr and "Traceback" not in done.stderr
    assert _reports(project) == before


def test_review_update_refuses_articles_outside_the_project(project, tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "wire.txt").write_text("Minsk freed 52 prisoners.\n", encoding="utf-8")
    before = _reports(project)
    done = run("check", "--articles", str(news), "--update", cwd=project)
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: --articles {news}: --update accepts cells of the "
                                  "project's own fixtures/articles/ only")
    assert _reports(project) == before
    inside = run("check", "--articles", "fixtures/articles/reuters.txt", "--update", "-q",
                 cwd=project)
    assert inside.returncode == 0, inside.stderr
    assert _reports(project) == before  # nothing changed for that article


def test_review_expectation_edits_are_relabelled_cells(project):
    path = project / EXPECTED
    text = path.read_text(encoding="utf-8")
    assert "    scopex: silent\n" in text
    path.write_text(text.replace("    scopex: silent\n", "", 1), encoding="utf-8")
    done = run("check", "-q", cwd=project)
    assert done.returncode == 0
    assert "(0 moved, 0 new, 0 removed, 1 relabelled)" in done.stderr
    assert ": expected silent → none" in done.stderr
    changes = (project / "reports" / "changes.md").read_text(encoding="utf-8")
    assert "### Relabelled (1)" in changes and "expected silent → none" in changes


def test_review_pytest_fails_on_relabelled_and_renamed_details(project):
    path = project / EXPECTED
    path.write_text(path.read_text(encoding="utf-8").replace("    scopex: silent\n", "", 1),
                    encoding="utf-8")
    claims = project / "claims" / "belarus-2025-09.claims.yaml"
    claims.write_text("# a comment moves every claim one line down\n"
                      + claims.read_text(encoding="utf-8"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly",
                           "-p", "no:hypothesispytest", "-c", "/dev/null", "--rootdir",
                           str(project), "claims"], cwd=project, capture_output=True,
                          text=True, timeout=300)
    out = done.stdout
    assert done.returncode == 1, out[-2000:]
    assert "labels   expected silent → none since the approved matrix in reports/" in out
    assert "FAILED reports/results.json::up-to-date" in out
    assert "claim released-52: line 11 → 12" in out


def test_review_job_summary_names_the_pairs_that_differ(project):
    path = project / EXPECTED
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    scopex: silent\n", "    scopex: hedged\n", 1), encoding="utf-8")
    summary = project / "summary.md"
    env = {**__import__("os").environ, "GITHUB_STEP_SUMMARY": str(summary)}
    run("check", "-q", "--no-reports", cwd=project, env=env)
    text = summary.read_text(encoding="utf-8")
    assert "Agreement with the expected verdicts: 84 of 85 labelled pairs" in text
    assert "**1 pair(s) differ from their expected verdict:**" in text
    assert "[`scopex`]: silent, expected hedged" in text
