"""The pytest plugin, driven with pytester: outcomes, failure text, approved matrix."""

import json

import pytest

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


def test_plugin_approved_matrix_diff_and_update(project):
    expect(project, **{"freed-52": {"alpha": "supported"}})
    first = project.runpytest(*QUIET, "-k", "alpha", "--verifier-update")
    first.assert_outcomes(passed=2)
    approved = json.loads((project.path / "reports" / "results.json").read_text())
    assert [r["verdict"] for r in approved["results"]] == ["supported", "supported"]

    (project.path / "fixtures/articles/alpha.txt").write_text(
        "Minsk reportedly freed 52 prisoners. Ales Bialiatski remains behind bars.\n")
    expect(project, **{"freed-52": {"alpha": "hedged"}})
    second = project.runpytest(*QUIET, "-k", "alpha")
    second.assert_outcomes(passed=2)
    assert second.ret == pytest.ExitCode.TESTS_FAILED
    second.stdout.fnmatch_lines(["*1 cell(s) differ from the approved matrix in reports*"])
    assert "  freed-52 [alpha]: supported → hedged" in second.stdout.lines
    third = project.runpytest(*QUIET, "-k", "alpha", "--verifier-update")
    assert third.ret == pytest.ExitCode.OK
    assert project.runpytest(*QUIET, "-k", "alpha").ret == pytest.ExitCode.OK


def test_plugin_results_reach_junit_xml(project):
    project.runpytest(*QUIET, "-k", "alpha", "--verifier-update", "--junitxml=out.xml")
    xml = (project.path / "out.xml").read_text()
    assert 'name="verdict" value="supported"' in xml


def test_plugin_other_articles_leave_the_approved_matrix_alone(project):
    project.makefile(".txt", **{"news/gamma": SUPPORTS})
    result = project.runpytest(*QUIET, f"--verifier-articles={project.path / 'news'}")
    result.assert_outcomes(passed=2)
    assert not (project.path / "reports").exists()


def test_plugin_matrix_is_the_same_under_xdist(project):
    pytest.importorskip("xdist")
    project.runpytest_subprocess("--verifier-update", "-p", "no:cacheprovider")
    serial = (project.path / "reports" / "results.json").read_bytes()
    (project.path / "reports" / "results.json").unlink()
    project.runpytest_subprocess("-n", "2", "--verifier-update", "-p", "no:cacheprovider")
    assert (project.path / "reports" / "results.json").read_bytes() == serial


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
