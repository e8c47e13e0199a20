"""The verdict cache: each change re-checks exactly the pairs it touches."""

import shutil
from pathlib import Path

import pytest

from verifier import cache as cache_module
from verifier.cache import ResultCache
from verifier.engine import check_run
from verifier.report import render_json

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    shutil.copytree(ROOT / "fixtures" / "articles" / "seeds", tmp_path / "articles")
    shutil.copytree(ROOT / "fixtures" / "expected", tmp_path / "expected")
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
