"""The verdict cache: each change re-checks exactly the pairs it touches."""

import shutil
from pathlib import Path

import pytest

from verifier import cache as cache_module
from verifier.cache import ResultCache
from verifier.engine import check_run
from verifier.reports import REPORT_FILES, render_json

# The tool's own small project (17 claims, 5 articles): a frozen copy, so that
# maintainers editing claims/ or fixtures/ never break the tool's tests.
PROJECT = Path(__file__).resolve().parents[1] / "data" / "project"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(PROJECT / "claims", tmp_path / "claims")
    shutil.copytree(PROJECT / "fixtures" / "articles", tmp_path / "articles")
    shutil.copytree(PROJECT / "fixtures" / "expected", tmp_path / "expected")
    return tmp_path


def _run(project: Path, **kwargs):
    return check_run([project / "claims"], [project / "articles"], [project / "expected"],
                     **kwargs)


def _cached_run(project: Path):
    store = ResultCache(project / "cache")
    try:
        run = _run(project, cache=store)
    finally:
        store.close()
    return run, store.hits, store.misses


def test_cache_second_run_checks_nothing_and_matches_uncached(project):
    first, hits, misses = _cached_run(project)
    assert (hits, misses) == (0, 85)
    second, hits, misses = _cached_run(project)
    assert (hits, misses) == (85, 0)
    assert render_json(second) == render_json(first) == render_json(_run(project))


def test_cache_changed_article_rechecks_only_its_pairs(project):
    _cached_run(project)
    path = project / "articles" / "reuters.txt"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Belarus has released 52 prisoners", "Belarus has released 51 prisoners"),
        encoding="utf-8")
    run, hits, misses = _cached_run(project)
    assert (hits, misses) == (68, 17)
    verdict = next(r.verdict for r in run.results
                   if (r.claim, r.source) == ("released-52", "reuters"))
    assert verdict == "contradicted"


def test_cache_changed_headline_rechecks_the_article(project):
    # a headline naming the event decides whether the article is about it
    _cached_run(project)
    path = project / "articles" / "reuters.txt"
    text = path.read_text(encoding="utf-8")
    assert "\ntitle: null\n" in text
    path.write_text(text.replace("\ntitle: null\n", "\ntitle: 'Minsk frees prisoners'\n"),
                    encoding="utf-8")
    _, hits, misses = _cached_run(project)
    assert (hits, misses) == (68, 17)


def test_cache_changed_claim_rechecks_only_its_pairs(project):
    _cached_run(project)
    path = project / "claims" / "belarus-2025-09.claims.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("count: 52", "count: 51"),
                    encoding="utf-8")
    run, hits, misses = _cached_run(project)
    assert (hits, misses) == (80, 5)
    assert {r.verdict for r in run.results if r.claim == "released-52"} == {"contradicted"}


def test_cache_moving_a_claim_in_its_file_keeps_its_verdicts(project):
    _cached_run(project)
    path = project / "claims" / "belarus-2025-09.claims.yaml"
    path.write_text("# a comment that shifts every line\n" + path.read_text(encoding="utf-8"),
                    encoding="utf-8")
    assert _cached_run(project)[1:] == (85, 0)


def test_cache_new_verifier_version_rechecks_everything(project, monkeypatch):
    _cached_run(project)
    cache_module.verifier_fingerprint.cache_clear()
    monkeypatch.setattr(cache_module, "__version__", "99.0.0")
    try:
        assert _cached_run(project)[1:] == (0, 85)
    finally:
        cache_module.verifier_fingerprint.cache_clear()


@pytest.mark.parametrize("library", cache_module.VERDICT_LIBRARIES)
def test_cache_new_library_release_rechecks_everything(project, monkeypatch, library):
    _cached_run(project)
    real = cache_module.metadata.version
    cache_module.verifier_fingerprint.cache_clear()
    monkeypatch.setattr(cache_module.metadata, "version",
                        lambda name: "999.0" if name == library else real(name))
    try:
        assert _cached_run(project)[1:] == (0, 85)
    finally:
        cache_module.verifier_fingerprint.cache_clear()


def test_cache_fingerprint_covers_reading_modules_not_renderers():
    files = {name for name, _ in cache_module._package_files(
        cache_module.resources.files("verifier"), "")}
    assert {"text/numbers.py", "text/scope.py", "checkers/quantity.py",
            "lexicons/release.yaml"} <= files
    assert not files & {"cli.py", "plugin.py"}
    assert not [name for name in files if name.startswith("reports/")]


def test_cache_folder_is_git_ignored(project):
    _cached_run(project)
    assert (project / "cache" / ".gitignore").read_text(encoding="utf-8") == "*\n"


def test_cache_two_jobs_give_the_same_run(project):
    assert render_json(_run(project, jobs=2)) == render_json(_run(project))


def test_cache_two_jobs_with_a_partly_warm_cache_keep_article_order(project):
    _cached_run(project)
    for name in ("news18.txt", "scopex.txt"):  # a cold article between warm ones
        path = project / "articles" / name
        path.write_text(path.read_text(encoding="utf-8") + "\nMinsk freed 51 prisoners.\n",
                        encoding="utf-8")
    store = ResultCache(project / "cache")
    try:
        parallel = _run(project, jobs=2, cache=store)
    finally:
        store.close()
    assert (store.hits, store.misses) == (51, 34)
    assert render_json(parallel) == render_json(_run(project))


def _check(project: Path, *extra: str) -> int:
    from verifier.cli import main

    return main(["check", "--claims", str(project / "claims"), "--articles",
                 str(project / "articles"), "--expected", str(project / "expected"),
                 "--reports", str(project / "reports"), "--cache-dir", str(project / "cache"),
                 "--output", str(project / "out.md"), "--format", "markdown", "-q", *extra])


def _stats(project: Path) -> dict[str, tuple[int, bytes]]:
    files = [*(project / "reports" / name for name in REPORT_FILES.values()),
             project / "out.md"]
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in files}


def test_cache_rerun_with_nothing_changed_leaves_reports_untouched(project):
    assert _check(project) == 0
    before = _stats(project)
    assert _check(project) == 0
    assert _stats(project) == before  # same bytes and not even rewritten


def test_cache_rerun_rewrites_reports_that_changed_or_were_touched(project):
    _check(project)
    matrix = project / "reports" / "matrix.md"
    matrix.write_text("edited by hand\n", encoding="utf-8")
    _check(project)
    assert matrix.read_text(encoding="utf-8").startswith("## Accuracy matrix")
    (project / "reports" / "matrix.csv").unlink()
    _check(project)
    assert (project / "reports" / "matrix.csv").exists()
    before = _stats(project)
    expected = project / "expected" / "belarus-2025-09.expected.yaml"
    expected.write_text(expected.read_text(encoding="utf-8").replace(
        "devdiscourse: silent", "devdiscourse: hedged", 1), encoding="utf-8")
    assert _check(project) == 1
    after = _stats(project)
    assert all(after[name][1] != before[name][1] for name in before)  # all rewritten


def test_cache_no_cache_always_writes(project):
    _check(project)
    before = _stats(project)
    _check(project, "--no-cache")
    after = _stats(project)
    assert all(after[n][0] != before[n][0] and after[n][1] == before[n][1] for n in before)


def test_cache_output_of_another_format_is_written(project):
    _check(project)
    _check(project, "--format", "csv")
    assert (project / "out.md").read_text(encoding="utf-8").lstrip("\ufeff").startswith(
        "claim,source,")


def _open_cache(folder: str, start) -> str:
    start.wait()
    try:
        ResultCache(folder).close()
    except Exception as err:  # noqa: BLE001 - reported to the test
        return repr(err)
    return ""


def test_cache_opened_by_several_processes_at_once(tmp_path):
    """`pytest -n 2` and two terminals open a new cache at the same moment."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    for attempt in range(20):
        folder = str(tmp_path / f"cache{attempt}")
        with context.Manager() as manager:
            start = manager.Barrier(6)
            with context.Pool(6) as pool:
                errors = pool.starmap(_open_cache, [(folder, start)] * 6)
        assert errors == [""] * 6
