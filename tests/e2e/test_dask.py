"""The Dask engine on a real local cluster: reports byte-identical to a local run, a worker
killed mid-run, the verdict cache used from the client, and the errors a user can meet."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

from verifier import cli
from verifier.cache import ResultCache
from verifier.engine import check_run

ROOT = Path(__file__).resolve().parents[2]
# The tool's own small project: 17 claims, 5 articles, expected verdicts.
PROJECT = ROOT / "tests" / "data" / "project"

needs_dask = pytest.mark.skipif(find_spec("distributed") is None,
                                reason="Dask is not installed: pip install -e '.[dask]'")

if find_spec("distributed") is not None:
    from distributed import Client, LocalCluster, WorkerPlugin
else:  # the tests that need it skip; the class below still has to be defined
    WorkerPlugin = object


class Sabotage(WorkerPlugin):
    """On each worker: note every article checked in `folder`, and kill the worker process
    (SIGKILL, as the out-of-memory killer would) the first time it checks `kill`."""

    def __init__(self, folder: Path, kill: str | None = None) -> None:
        self.folder, self.kill = folder, kill

    def setup(self, worker) -> None:
        from verifier.engine import Verifier

        self.original = original = Verifier.check
        folder, kill = self.folder, self.kill

        def check(verifier, article, only=None):
            with open(folder / f"checked-{os.getpid()}", "a", encoding="utf-8") as log:
                log.write(article.source + "\n")
            if article.source == kill:
                try:  # once in the whole cluster: the first worker to create the marker
                    marker = os.open(folder / "killed", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
                except FileExistsError:
                    pass
                else:
                    os.close(marker)
                    os.kill(os.getpid(), signal.SIGKILL)
            return original(verifier, article, only)

        Verifier.check = check

    def teardown(self, worker) -> None:
        from verifier.engine import Verifier

        Verifier.check = self.original


class Broken(WorkerPlugin):
    """On each worker: building a verifier fails, as it would without spaCy installed."""

    def setup(self, worker) -> None:
        import verifier.distributed as engine

        def fail(*args, **kwargs):
            raise ModuleNotFoundError("No module named 'spacy'")

        self.saved = engine.Verifier, dict(engine._VERIFIERS)
        engine.Verifier = fail
        engine._VERIFIERS.clear()  # so that the run builds its verifier again

    def teardown(self, worker) -> None:
        import verifier.distributed as engine

        engine.Verifier = self.saved[0]
        engine._VERIFIERS.update(self.saved[1])


@pytest.fixture(scope="module")
def cluster():
    """A local cluster of two worker processes, one thread each, shared by the module."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", silence_logs=50) as running:
        with Client(running, set_as_default=False) as client:
            yield running, client


def _run(folder: Path, *args: str) -> tuple[int, str, str, dict[str, bytes]]:
    """Run `verifier check` (the configured run) in a copy of the project in `folder`.

    Return the exit code, what it printed on stdout and stderr, and every report file.
    """
    if not folder.exists():
        shutil.copytree(PROJECT, folder)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(folder), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        code = cli.main(["check", "--quiet", *args])
    reports = {str(p.relative_to(folder)): p.read_bytes()
               for p in sorted((folder / "reports").rglob("*")) if p.is_file()}
    return code, out.getvalue(), err.getvalue(), reports


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """The local engine's run of the project, without the cache: what Dask must match."""
    return _run(tmp_path_factory.mktemp("local") / "project", "--no-cache")


def _sabotaged(client, plugin: Sabotage):
    """Register a Sabotage plugin on every worker for the length of a `with` block."""
    @contextlib.contextmanager
    def registered():
        client.register_plugin(plugin, name="sabotage")
        try:
            yield plugin.folder
        finally:
            client.unregister_worker_plugin("sabotage")
    return registered()


def _checked(folder: Path) -> list[str]:
    return sorted(line for log in folder.glob("checked-*")
                  for line in log.read_text(encoding="utf-8").split())


@needs_dask
def test_dask_reports_are_byte_identical_to_a_local_run(cluster, local, tmp_path):
    running, client = cluster
    dask = _run(tmp_path / "project", "--no-cache", "--engine", "dask",
                "--scheduler", running.scheduler_address)
    assert dask == local
    assert local[0] == 0 and len(local[3]) >= 6  # results.json, cells.tsv, matrix.* ...
    # The run took its verifier off the workers when it ended.
    assert not any(name.startswith("claim-verifier-") for plugins in client.run(
        lambda dask_worker: list(dask_worker.plugins)).values() for name in plugins)


@needs_dask
def test_dask_worker_killed_mid_run_loses_and_doubles_nothing(cluster, local, tmp_path):
    running, client = cluster
    notes = tmp_path / "notes"
    notes.mkdir()
    # The articles go out in batches of 1, 2 and 2 (devdiscourse; editorial, news18;
    # reuters, scopex): the worker dies in the last one, after the first came back.
    with _sabotaged(client, Sabotage(notes, kill="reuters")):
        dask = _run(tmp_path / "project", "--no-cache", "--engine", "dask",
                    "--scheduler", running.scheduler_address)
    assert (notes / "killed").exists()  # a worker did die mid-run
    assert dask == local
    # The killed batch was checked again: every article at least once, reuters twice.
    checked = _checked(notes)
    assert set(checked) == {"devdiscourse", "editorial", "news18", "reuters", "scopex"}
    assert checked.count("reuters") >= 2
    client.wait_for_workers(2, timeout=60)  # the nanny restarted it


@needs_dask
def test_dask_cache_is_used_from_the_client(cluster, local, tmp_path):
    running, client = cluster
    project, notes = tmp_path / "project", tmp_path / "notes"
    notes.mkdir()
    scheduler = ("--scheduler", running.scheduler_address)
    with _sabotaged(client, Sabotage(notes)):
        cold = _run(project, "--engine", "dask", *scheduler)
        assert cold == local
        assert len(_checked(notes)) == 5
        # Warm: every pair is cached, so nothing goes to a cluster, and none is reached.
        warm = _run(project, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
        assert warm[0] == 0 and warm[1] == local[1] and warm[3] == local[3]
        # A new article: only it is sent.
        text = (PROJECT / "fixtures" / "articles" / "reuters.txt").read_text(encoding="utf-8")
        (project / "fixtures" / "articles" / "wire.txt").write_text(
            text.replace("source: reuters", "source: wire") + "\nA late paragraph.\n",
            encoding="utf-8")
        _run(project, "--engine", "dask", *scheduler)
        assert _checked(notes).count("wire") == 1 and len(_checked(notes)) == 6
    # The client wrote what the workers checked: a local run finds every pair cached.
    cache = ResultCache(project / ".verifier-cache")
    try:
        run = check_run([project / "claims"], [project / "fixtures" / "articles"],
                        [project / "fixtures" / "expected"], cache=cache)
        assert cache.misses == 0 and cache.hits == len(run.results) == 6 * len(run.claims)
    finally:
        cache.close()


@needs_dask
def test_dask_refuses_a_worker_with_another_verifier(cluster, tmp_path, monkeypatch):
    running, _ = cluster
    monkeypatch.setattr("verifier.distributed.verifier_fingerprint", lambda: "0" * 32)
    code, _, err, _ = _run(tmp_path / "project", "--no-cache", "--engine", "dask",
                           "--scheduler", running.scheduler_address)
    assert code == 2
    assert err.startswith("error: Dask worker tcp://127.0.0.1:")
    assert "runs another verifier (fingerprint " in err and "here 000000000000" in err


@needs_dask
def test_dask_workers_that_cannot_build_the_verifier_are_one_line(cluster, tmp_path):
    running, client = cluster
    client.register_plugin(Broken(), name="broken")
    try:
        code, out, err, _ = _run(tmp_path / "project", "--no-cache", "--engine", "dask",
                                 "--scheduler", running.scheduler_address)
    finally:
        client.unregister_worker_plugin("broken")
    assert (code, out) == (2, "")
    assert err == ("error: the Dask workers could not build the verifier (ModuleNotFoundError: "
                   "No module named 'spacy'); install claim-verifier on them as on this "
                   "machine: pip install -c constraints.txt -e '.[dask]'\n")


@needs_dask
def test_dask_cli_starts_its_own_local_cluster(local, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(PROJECT, project)
    done = subprocess.run([sys.executable, "-m", "verifier.cli", "check", "--quiet",
                           "--no-cache", "--engine", "dask", "--jobs", "2"], cwd=project,
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == local[:3]
    assert {str(p.relative_to(project)): p.read_bytes() for p in
            sorted((project / "reports").rglob("*")) if p.is_file()} == local[3]


@needs_dask
def test_dask_unreachable_scheduler_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr("verifier.distributed.CONNECT_SECONDS", 1)
    code, _, err, _ = _run(tmp_path / "project", "--no-cache", "--engine", "dask",
                           "--scheduler", "tcp://127.0.0.1:9")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("error: --scheduler tcp://127.0.0.1:9: cannot reach the Dask "
                          "scheduler (")


def test_dask_missing_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    monkeypatch.delitem(sys.modules, "verifier.distributed", raising=False)
    code, out, err, _ = _run(tmp_path / "project", "--no-cache", "--engine", "dask")
    assert (code, out) == (2, "")
    assert err == ("error: --engine dask needs Dask, which is not installed; install the "
                   "extra: pip install -c constraints.txt -e '.[dask]'\n")


@pytest.mark.parametrize(("args", "message"), [
    (["--scheduler", "tcp://127.0.0.1:9"], "error: --scheduler needs --engine dask; add it\n"),
    (["--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--jobs", "2"],
     "error: --jobs and --scheduler disagree: a running cluster has its own workers; leave "
     "out --jobs\n"),
])
def test_dask_options_that_disagree_exit_2(tmp_path, args, message):
    code, _, err, _ = _run(tmp_path / "project", *args)
    assert (code, err) == (2, message)
