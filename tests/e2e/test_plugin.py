"""The pytest plugin, driven with pytester: outcomes, failure text, approved matrix."""

import json

import pytest

# pytester's in-process runs put sys.modules back after each run, and numpy (read by the
# verifier's checkers) refuses to be imported twice in one process: import it once here.
import verifier.checkers  # noqa: F401

# The inner runs need only the verifier plugin: hypothesis' header costs a second each.
QUIET = ("-p", "no:hypothesispytest", "-p", "no:anyio")

CLAIMS = """\
event: ev
title: An event
as_of: 2025-09-11
claims:
  - id: freed-52
    claim: 52 prisoners were freed.
    kind: quantity
    count: 52
    counted: [prisoner]
    context: ["@release"]
  - id: held
    claim: Ales Bialiatski is held.
    kind: status
    entity: Ales Bialiatski
"""
SUPPORTS = "Minsk freed 52 prisoners on Thursday. Ales Bialiatski remains behind bars.\n"
CONTRADICTS = "Minsk freed 51 prisoners on Thursday.\n"


@pytest.fixture
def project(pytester: pytest.Pytester):
    pytester.makefile(".claims.yaml", **{"claims/ev": CLAIMS})
    pytester.makefile(".txt", **{"fixtures/articles/alpha": SUPPORTS,
                                 "fixtures/articles/beta": CONTRADICTS})
    return pytester


def expect(pytester, **per_claim):
    body = "event: ev\nexpected:\n" + "".join(
        f"  {claim}:\n" + "".join(f"    {s}: {v}\n" for s, v in sources.items())
        for claim, sources in per_claim.items())
    pytester.makefile(".expected.yaml", **{"fixtures/expected/ev": body})


def test_plugin_items_have_readable_ids(project):
    result = project.runpytest(*QUIET, "--collect-only", "-q")
    assert "claims/ev.claims.yaml::freed-52[alpha]" in result.stdout.str()
    assert "claims/ev.claims.yaml::held[beta]" in result.stdout.str()


def test_plugin_outcomes_without_expectations(project):
    result = project.runpytest(*QUIET, "--verifier-update", "-rs")
    # freed-52: alpha supported (pass), beta contradicted (fail);
    # held: alpha supported (pass), beta silent (skip)
    result.assert_outcomes(passed=2, failed=1, skipped=1)
    result.stdout.fnmatch_lines(["*SKIPPED*silent: no sentence addresses the claim*"])


@pytest.mark.parametrize("policy,outcome", [("skip", "skipped"), ("fail", "failed"),
                                            ("pass", "passed")])
def test_plugin_silent_policy(project, policy, outcome):
    result = project.runpytest(*QUIET, "-k", "held and beta", f"--verifier-silent={policy}",
                               "--verifier-update")
    result.assert_outcomes(**{outcome: 1})


def test_plugin_expected_verdicts_decide(project):
    expect(project, **{"freed-52": {"alpha": "supported", "beta": "contradicted"},
                       "held": {"alpha": "supported", "beta": "silent"}})
    project.runpytest(*QUIET, "--verifier-update").assert_outcomes(passed=4)


def test_plugin_failure_reads_like_a_fact_check(project):
    expect(project, **{"freed-52": {"beta": "supported"}})
    result = project.runpytest(*QUIET, "-k", "freed-52 and beta", "--verifier-update")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*claim    freed-52: 52 prisoners were freed.",
        "*source   beta",
        "*expected supported",
        "*actual   contradicted",
        "*evidence",
    ])
    assert "  [0:37] Minsk freed 51 prisoners on Thursday.\nreason   51 prisoners (freed) ≠ 52" \
        in result.stdout.str()
    assert "Traceback" not in result.stdout.str()


def test_plugin_reportinfo_points_at_the_claim_line(project):
    recorder = project.inline_run("--collect-only", *QUIET)
    (call,) = recorder.getcalls("pytest_collection_modifyitems")
    item = next(i for i in call.items if i.name == "held[beta]")
    path, line, description = item.reportinfo()
    assert (path.name, line + 1, description) == ("ev.claims.yaml", 11, "held[beta]")


def test_plugin_bad_claim_file_is_a_collection_error(project):
    project.makefile(".claims.yaml", **{"claims/bad": CLAIMS.replace("count: 52", "count: fifty")
                                        .replace("freed-52", "other").replace("id: held",
                                                                              "id: held2")})
    result = project.runpytest(*QUIET, "--verifier-update")
    assert ("claims/bad.claims.yaml:8: claims[0].count: 'fifty' is not a number; "
            "write a number" in result.stdout.lines)
    assert "Traceback" not in result.stdout.str()
    assert result.ret == pytest.ExitCode.INTERRUPTED


def test_plugin_approved_matrix_drift_is_a_failing_item_until_accepted(project):
    expect(project, **{"freed-52": {"alpha": "supported"}})
    first = project.runpytest(*QUIET, "-k", "alpha", "--verifier-update")
    first.assert_outcomes(passed=2)
    approved = json.loads((project.path / "reports" / "results.json").read_text())
    assert [r["verdict"] for r in approved["results"]] == ["supported", "supported"]

    (project.path / "fixtures/articles/alpha.txt").write_text(
        "Minsk reportedly freed 52 prisoners. Ales Bialiatski remains behind bars.\n")
    expect(project, **{"freed-52": {"alpha": "hedged"}})
    second = project.runpytest(*QUIET, "-k", "alpha", "--junitxml=out.xml")
    second.assert_outcomes(passed=1, failed=1)  # expected hedged and got it, but it moved
    second.stdout.fnmatch_lines([
        "*approved supported*", "*actual   hedged*",
        "*the verdict differs from the approved matrix in reports/*",
        "*1 cell(s) differ from the approved matrix in reports/ (1 moved, 0 new, 0 removed*"])
    assert "  freed-52 [alpha]: supported → hedged" in second.stdout.lines
    xml = (project.path / "out.xml").read_text()
    assert xml.count("<failure") == 1 and 'name="freed-52[alpha]"' in xml
    changes = project.path / "reports" / "changes.md"
    assert "hedged" not in changes.read_text()  # pytest compares; it never writes reports
    third = project.runpytest(*QUIET, "-k", "alpha", "--verifier-update")
    assert third.ret == pytest.ExitCode.OK
    assert "| `freed-52` | `alpha` | ✔ supported | ~ hedged | ~ hedged |" in changes.read_text()
    assert project.runpytest(*QUIET, "-k", "alpha").ret == pytest.ExitCode.OK


def test_plugin_deleted_article_lists_its_cells_as_removed(project):
    project.runpytest(*QUIET, "--verifier-update")
    (project.path / "fixtures/articles/beta.txt").unlink()
    result = project.runpytest(*QUIET, "--junitxml=out.xml")
    result.assert_outcomes(passed=2, failed=1)
    lines = result.stdout.lines
    start = lines.index("2 approved cell(s) belong to a claim or article that is gone:")
    assert lines[start + 1:start + 3] == [
        "  freed-52 [beta]: contradicted → (removed)",
        "  1 removed silent cell(s) with no expected verdict, for 1 source(s)"]
    assert 'name="up-to-date"' in (project.path / "out.xml").read_text()
    # -k deselects the up-to-date item: the cells it did not select stay, even removed ones
    project.runpytest(*QUIET, "-k", "held", "--verifier-update")
    cells = (project.path / "reports" / "cells.tsv").read_text().splitlines()
    assert "freed-52\tbeta\tcontradicted\t\t" in cells
    project.runpytest(*QUIET, "--verifier-update")
    cells = (project.path / "reports" / "cells.tsv").read_text().splitlines()
    assert cells[1:] == ["freed-52\talpha\tsupported\t\t", "held\talpha\tsupported\t\t"]
    assert project.runpytest(*QUIET).ret == pytest.ExitCode.OK


def test_plugin_adding_a_claim_as_the_readme_says(project):
    """README "Adding a claim": claim, expectations, run, accept, review the changes."""
    project.runpytest(*QUIET, "--verifier-update")
    before = (project.path / "reports" / "cells.tsv").read_text().splitlines()
    (project.path / "claims" / "ev.claims.yaml").write_text(CLAIMS + """\
  - id: freed-in-minsk
    claim: Minsk freed prisoners.
    kind: relation
    subject:
      name: Minsk
    predicate: ["@release"]
    object: [prisoner]
""")
    expect(project, **{"freed-in-minsk": {"alpha": "supported", "beta": "supported"}})
    checked = project.runpytest(*QUIET)
    # the two new cells fail until accepted (and beta still contradicts freed-52)
    checked.assert_outcomes(passed=3, failed=3, skipped=1)  # passed: 2 pairs + up-to-date
    checked.stdout.fnmatch_lines(["*approved (new cell)*"])
    project.runpytest(*QUIET, "--verifier-update").assert_outcomes(passed=5, failed=1,
                                                                  skipped=1)
    after = (project.path / "reports" / "cells.tsv").read_text().splitlines()
    assert sorted(set(after) - set(before)) == [
        "freed-in-minsk\talpha\tsupported\tsupported\t",
        "freed-in-minsk\tbeta\tsupported\tsupported\t"]
    assert set(before) <= set(after)  # no other line moved
    changes = (project.path / "reports" / "changes.md").read_text()
    assert "### New (2)" in changes
    assert "| `freed-in-minsk` | `alpha` | ✔ supported | ✔ supported |" in changes


def test_plugin_speaks_github_actions(project, monkeypatch):
    project.runpytest(*QUIET, "--verifier-update")
    expect(project, **{"freed-52": {"alpha": "hedged"}})
    summary = project.path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = project.runpytest(*QUIET)
    assert [line for line in result.stdout.lines if line.startswith("::error")][0].startswith(
        "::error file=claims/ev.claims.yaml,line=5,title=freed-52[alpha]::expected hedged; "
        "actual supported; reason 52 prisoners (freed) = 52; labels expected none → hedged")
    text = summary.read_text()
    assert text.startswith("## Claim verification\n")
    assert "**2 pair(s) differ from their expected verdict:**" in text
    assert "- `freed-52` [`alpha`]: supported, expected hedged" in text


def test_plugin_last_failed_reruns_the_failed_pair(project):
    project.runpytest(*QUIET, "--verifier-update")
    again = project.runpytest(*QUIET, "--lf")
    again.assert_outcomes(failed=1)  # beta contradicts freed-52
    assert "claims/ev.claims.yaml::freed-52[beta]" in again.stdout.str()
    assert "held[alpha]" not in again.stdout.str()


def test_plugin_results_reach_junit_xml(project):
    project.runpytest(*QUIET, "-k", "alpha", "--verifier-update", "--junitxml=out.xml")
    xml = (project.path / "out.xml").read_text()
    assert 'name="verdict" value="supported"' in xml


def test_plugin_other_articles_leave_the_approved_matrix_alone(project):
    project.runpytest(*QUIET, "--verifier-update")
    before = {p.name: p.read_bytes() for p in (project.path / "reports").iterdir()}
    project.makefile(".txt", **{"news/gamma": SUPPORTS})
    result = project.runpytest(*QUIET, f"--verifier-articles={project.path / 'news'}")
    result.assert_outcomes(passed=2)
    assert {p.name: p.read_bytes() for p in (project.path / "reports").iterdir()} == before


def test_plugin_matrix_is_the_same_under_xdist_with_an_article_on_one_worker(project):
    pytest.importorskip("xdist")
    project.runpytest("--verifier-update", "-p", "no:cacheprovider", *QUIET)
    serial = (project.path / "reports" / "results.json").read_bytes()
    (project.path / "reports" / "results.json").unlink()
    result = project.runpytest_subprocess("-n", "2", "--verifier-update", "-v",
                                          "-p", "no:cacheprovider", *QUIET)
    assert (project.path / "reports" / "results.json").read_bytes() == serial
    workers: dict[str, set[str]] = {}
    for line in result.stdout.lines:  # "[gw0] [ 25%] PASSED claims/ev.claims.yaml::held[alpha]"
        if line.startswith("[gw") and "::" in line:
            source = line.rsplit("[", 1)[1].split("]")[0]
            workers.setdefault(source, set()).add(line.split("]")[0])
    assert set(workers) == {"alpha", "beta"}
    assert all(len(found) == 1 for found in workers.values()), workers


def test_plugin_known_miss_is_an_expected_failure_until_it_agrees(project):
    pytester = project
    pytester.makefile(".expected.yaml", **{"fixtures/expected/ev": (
        "event: ev\nexpected:\n  freed-52:\n"
        "    beta: {verdict: supported, known_miss: \"test: 51 is read as 51\"}\n"
        "    alpha: {verdict: supported, known_miss: \"no longer true\"}\n")})
    result = pytester.runpytest(*QUIET, "-k", "freed-52", "--verifier-update", "-rxX")
    result.assert_outcomes(xfailed=1, failed=1)
    assert "known miss now agrees: remove known_miss (no longer true)" in result.stdout.str()


def test_plugin_reports_are_byte_identical_to_the_cli(project):
    import subprocess
    import sys

    project.runpytest(*QUIET, "--verifier-update")
    from_pytest = {p.name: p.read_bytes() for p in (project.path / "reports").iterdir()}
    done = subprocess.run([sys.executable, "-m", "verifier.cli", "check"], cwd=project.path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    from_cli = {p.name: p.read_bytes() for p in (project.path / "reports").iterdir()}
    assert from_cli == from_pytest


def test_plugin_update_with_a_broken_claim_file_writes_nothing(project):
    project.runpytest(*QUIET, "--verifier-update")
    before = {p.name: p.read_bytes() for p in (project.path / "reports").iterdir()}
    project.makefile(".claims.yaml", **{"claims/bad": CLAIMS.replace("event: ev", "event: bad")
                                        .replace("count: 52", "count: fifty")})
    result = project.runpytest(*QUIET, "--verifier-update", "--continue-on-collection-errors")
    assert any(line.startswith("error: 1 input(s) could not be used (see the errors above)")
               for line in result.stdout.lines), result.stdout.str()[-2000:]
    assert {p.name: p.read_bytes() for p in (project.path / "reports").iterdir()} == before


def test_plugin_update_refuses_other_articles(project):
    project.makefile(".txt", **{"news/gamma": SUPPORTS})
    result = project.runpytest(*QUIET, f"--verifier-articles={project.path / 'news'}",
                               "--verifier-update")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "--verifier-update writes the approved matrix of the project's own articles" in \
        result.stderr.str()
