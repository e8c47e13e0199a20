"""The machine failing under the harness: full disks, read-only folders, file-size limits,
damaged caches and reports, concurrent runs, signals and killed workers.

Every fault ends in one line and an exit code, never a traceback, and keeps what was
already checked where it can. Cases that need root (to mount a small or read-only
tmpfs) skip with the reason where they cannot run.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from verifier.cache import DB_NAME, ResultCache
from verifier.engine import check_run
from verifier.reports import REPORT_FILES, write_reports
from verifier.reports.publish import JOURNAL, recover

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ROOT / "tests" / "data" / "project"


def run(*args, cwd, preexec=None, env=None, timeout=180):
    return subprocess.run([sys.executable, "-m", "verifier.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout,
                          preexec_fn=preexec, env=env)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("claims", "fixtures"):
        shutil.copytree(PROJECT / name, tmp_path / name)
    return tmp_path


def _reports(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name in
            REPORT_FILES.values()}


def _one_line_error(done, *needles: str) -> None:
    assert "Traceback" not in done.stderr, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, done.stderr
    for needle in needles:
        assert needle in errors[0], errors[0]


@pytest.fixture
def tmpfs(tmp_path: Path):
    """Mount a small tmpfs (root only); yield a function that mounts one at a path."""
    mounted: list[Path] = []

    def mount(path: Path, options: str) -> Path:
        path.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or 'not root'})")
        mounted.append(path)
        return path

    if os.geteuid() != 0:
        pytest.skip("mounting a small or read-only tmpfs needs root")
    yield mount
    for path in reversed(mounted):
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


# --- reports and output that cannot be written -------------------------------------------

def test_faults_reports_on_a_full_disk_keep_the_previous_reports(project, tmpfs):
    assert run("check", "-q", cwd=project).returncode == 0
    before = _reports(project / "reports")
    disk = tmpfs(project / "full", "size=64k")
    shutil.copytree(project / "reports", disk / "reports", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("matrix.html", "results.json", "matrix.csv"))
    done = run("check", "-q", "--reports", str(disk / "reports"), "--no-cache", cwd=project)
    assert done.returncode == 2
    _one_line_error(done, "cannot write the reports (No space left on device)",
                    "the previous reports were left as they were")
    assert "released-52" in done.stdout  # the results are still shown
    assert not list((disk / "reports").glob(".*.tmp"))  # staged files cleaned up
    assert _reports(project / "reports") == before


def test_faults_reports_folder_read_only(project, tmpfs):
    folder = tmpfs(project / "ro", "size=4m")
    (folder / "reports").mkdir()
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    done = run("check", "-q", "--reports", str(folder / "reports"), cwd=project)
    assert done.returncode == 2
    _one_line_error(done, "cannot write the reports (Read-only file system)")


def test_faults_reports_path_is_a_file(project):
    (project / "reports").write_text("not a folder\n", encoding="utf-8")
    done = run("check", "-q", cwd=project)
    assert done.returncode == 2
    _one_line_error(done, "reports/: cannot write the reports")


def test_faults_file_size_limit_while_writing(project):
    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (30_000, 30_000))

    done = run("check", "-q", "--no-cache", cwd=project, preexec=limit)
    assert done.returncode == 2
    _one_line_error(done, "cannot write the reports (File too large)")
    assert not (project / "reports" / "results.json").exists()  # all or none


def test_faults_output_file_under_a_file(project):
    (project / "afile").write_text("x\n", encoding="utf-8")
    done = run("check", "-q", "--no-reports", "--output", "afile/out.md", cwd=project)
    assert done.returncode == 2
    _one_line_error(done, "afile/out.md: cannot write the output")


def test_faults_temporary_folder_full(project, monkeypatch, capsys):
    """The run's result store spills to the temporary folder; when that is full, SQLite
    says so in the middle of the run."""
    from verifier import cli
    from verifier.reports.store import ResultStore

    def full(self, results):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(ResultStore, "add", full)
    monkeypatch.chdir(project)
    assert cli.main(["check", "-q", "--no-cache", "--no-reports"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: the run's temporary store failed (database or disk is "
                          "full); the temporary folder (")
    assert "set TMPDIR" in err and len(err.strip().splitlines()) == 1


# --- caches --------------------------------------------------------------------------------

def _cached(project: Path, *extra: str):
    return run("check", "-q", "--no-reports", "--format", "json", "--cache-dir", "cache",
               *extra, cwd=project)


@pytest.mark.parametrize("damage", ["random bytes", "truncated", "rows of the wrong type",
                                    "rows nested too deep", "a folder that is a file"])
def test_faults_damaged_cache_is_a_miss_said_once(project, damage):
    clean = _cached(project)
    assert clean.returncode == 0 and not clean.stderr.strip(), clean.stderr
    path = project / "cache" / DB_NAME
    if damage == "random bytes":
        path.write_bytes(os.urandom(8192))
        for extra in ("-wal", "-shm"):
            Path(f"{path}{extra}").unlink(missing_ok=True)
    elif damage == "truncated":
        with sqlite3.connect(path) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        data = path.read_bytes()
        path.write_bytes(data[:len(data) // 3])
    elif damage == "rows of the wrong type":
        with sqlite3.connect(path) as db:
            db.execute("UPDATE articles SET results = '[1, 2, 3]' WHERE rowid % 2 = 0")
            db.execute("UPDATE articles SET results = "
                       "'{\"k\": 5, \"x\": [\"silent\", 7, null]}' WHERE rowid % 2 = 1")
    elif damage == "rows nested too deep":  # json.loads raises RecursionError
        with sqlite3.connect(path) as db:
            db.execute("UPDATE articles SET results = ?", ("[" * 200_000,))
    else:
        shutil.rmtree(project / "cache")
        (project / "cache").write_text("I am a file\n", encoding="utf-8")
    damaged = _cached(project)
    assert damaged.returncode == 0, damaged.stderr
    assert damaged.stdout == clean.stdout  # the same results, checked again
    warnings = [line for line in damaged.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "Traceback" not in damaged.stderr, damaged.stderr
    assert warnings[0].startswith("warning: cache: ")
    if damage != "a folder that is a file":
        again = _cached(project)  # rebuilt: quiet again
        assert again.stdout == clean.stdout and not again.stderr.strip(), again.stderr


def test_faults_cache_read_only_or_full_still_checks(project, tmpfs):
    disk = tmpfs(project / "cachedisk", "size=40k")
    done = run("check", "-q", "--no-reports", "--format", "json", "--cache-dir",
               str(disk / "cache"), cwd=project)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    reference = _cached(project, "--no-cache")
    assert done.stdout == reference.stdout
    assert all(line.startswith("warning: ") for line in done.stderr.splitlines())


def test_faults_cache_locked_by_another_run(project, monkeypatch):
    """Another run holds the cache's write lock past our patience: a warning, not a crash."""
    from verifier import cache as cache_module

    store = ResultCache(project / "cache")
    store.close()
    holder = sqlite3.connect(project / "cache" / DB_NAME, timeout=0)
    holder.execute("BEGIN IMMEDIATE")  # another run in the middle of writing
    try:
        monkeypatch.setattr(cache_module, "BUSY_TIMEOUT", 0.2)
        run_ = check_run([project / "claims"], [project / "fixtures" / "articles"],
                         cache=(busy := ResultCache(project / "cache")))
        busy.close()
    finally:
        holder.rollback()
        holder.close()
    assert run_.results.tally.total == 85
    assert any("cannot write the cache" in w for w in busy.warnings), busy.warnings


# --- damaged approved matrix ---------------------------------------------------------------

@pytest.mark.parametrize("damage", [
    '{"format": "claim-verifier/res',                                  # cut short
    '{"format": "claim-verifier/results", "results": ' + "[" * 200_000,  # nested too deep
])
def test_faults_damaged_results_json_is_replaced_by_the_next_run(project, damage):
    assert run("check", "-q", cwd=project).returncode == 0
    good = _reports(project / "reports")
    (project / "reports" / "results.json").write_text(damage, encoding="utf-8")
    done = run("check", "-q", "--no-cache", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert any(line.startswith("warning: ") and "results.json" in line
               for line in done.stderr.splitlines()), done.stderr
    assert _reports(project / "reports") == good


def test_faults_pytest_with_a_damaged_approved_matrix(project):
    assert run("check", "-q", cwd=project).returncode == 0
    (project / "reports" / "results.json").write_bytes(b"\x00\xff garbage")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly",
                           "-p", "no:hypothesispytest", "--rootdir", str(project), "-c",
                           os.devnull, str(project / "claims")], cwd=project,
                          capture_output=True, text=True, timeout=300)
    assert "FAILED reports/results.json::up-to-date" in done.stdout, done.stdout[-3000:]
    assert "replace it with pytest --verifier-update" in done.stdout
    assert "INTERNALERROR" not in done.stdout


# --- concurrency and interruption ----------------------------------------------------------

def test_faults_two_runs_on_one_reports_folder_never_mix(project, tmp_path):
    """Two runs with different expectations write the same reports at once."""
    other = project / "other-expected"
    shutil.copytree(project / "fixtures" / "expected", other)
    path = other / "belarus-2025-09.expected.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("scopex: silent",
                                                             "scopex: hedged"),
                    encoding="utf-8")
    first = ["check", "-q", "--no-cache", "--reports", "reports", "--claims", "claims",
             "--articles", "fixtures/articles", "--expected", "fixtures/expected"]
    second = [*first[:-1], "other-expected"]
    references = []
    for args in (first, second):
        run(*args, cwd=project)
        references.append(_reports(project / "reports"))
        shutil.rmtree(project / "reports")
    assert references[0] != references[1]
    for _ in range(1):
        procs = [subprocess.Popen([sys.executable, "-m", "verifier.cli", *args], cwd=project,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                 for args in (first, second)]
        for proc in procs:
            _, err = proc.communicate(timeout=300)
            assert "Traceback" not in err, err
        assert _reports(project / "reports") in references


def test_faults_kill_between_renames_is_finished_by_the_next_reader(project, tmp_path):
    """kill -9 after two of the reports were renamed: the set is completed, not mixed."""
    assert run("check", "-q", cwd=project).returncode == 0
    script = tmp_path / "kill_midway.py"
    script.write_text(
        "import os, signal, sys\n"
        "from verifier.reports import publish\n"
        "real, count = os.replace, [0]\n"
        "def replace(src, dst):\n"
        "    real(src, dst)\n"
        "    if not str(dst).endswith('.tmp') and '.publish' not in str(dst):\n"
        "        count[0] += 1\n"
        "        if count[0] == 2:\n"
        "            os.kill(os.getpid(), signal.SIGKILL)\n"
        "publish.os.replace = replace\n"
        "from verifier.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n", encoding="utf-8")
    expected = project / "fixtures" / "expected" / "belarus-2025-09.expected.yaml"
    expected.unlink()  # the new reports differ from the old in every file
    done = subprocess.run([sys.executable, str(script), "check", "-q", "--no-cache"],
                          cwd=project, capture_output=True, text=True, timeout=300)
    assert done.returncode == -signal.SIGKILL
    folder = project / "reports"
    assert (folder / JOURNAL).exists()  # killed in the middle of publishing
    recover(folder)
    after = _reports(folder)
    shutil.rmtree(folder)
    assert run("check", "-q", "--no-cache", cwd=project).returncode in (0, 1)
    assert after == _reports(folder)  # exactly the new run's reports
    assert not list(folder.glob(".*"))


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _busy_project(project: Path) -> None:
    """Enough articles that a run lasts well past the moment a test interrupts it, on a
    quiet machine too (the interrupt ends it at once, so the test stays short)."""
    body = " ".join(f"On day {n} Minsk freed 52 prisoners and Ales Bialiatski stayed in jail."
                    for n in range(300))
    for n in range(400):
        (project / "fixtures" / "articles" / f"bulk{n:02d}.txt").write_text(
            f"{body} Article {n}.", encoding="utf-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_faults_ctrl_c_exits_130_with_one_line(project, jobs):
    _busy_project(project)
    proc = subprocess.Popen([sys.executable, "-m", "verifier.cli", "check", "--no-cache",
                             "--jobs", jobs], cwd=project, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 30  # checking has begun: a worker, or the progress
    while time.monotonic() < deadline and jobs == "2" and not _children(proc.pid):
        time.sleep(0.1)
    time.sleep(2.5)
    assert proc.poll() is None, "the run ended before the interrupt"
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends to the whole group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1] == "error: interrupted; reports were left as they were"
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


def test_faults_killed_worker_fails_the_run_instead_of_hanging(project):
    _busy_project(project)
    proc = subprocess.Popen([sys.executable, "-m", "verifier.cli", "check", "--no-cache",
                             "--jobs", "2"], cwd=project, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    assert proc.poll() is None
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while not workers and time.monotonic() < deadline:
        time.sleep(0.2)
        workers = _children(proc.pid)
    assert workers, "no worker started"
    time.sleep(1.0)
    os.kill(workers[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2, err
    assert "a worker process died" in err and "Traceback" not in err


def test_faults_no_reports_folder_left_locked(project):
    """The lock is the folder's own advisory lock: nothing is left behind."""
    run("check", "-q", cwd=project)
    names = {p.name for p in (project / "reports").iterdir()}
    assert names == set(REPORT_FILES.values()) | {"changes.md"}


def test_faults_write_reports_after_a_failed_staging_keeps_old_files(project):
    run_ = check_run([project / "claims"], [project / "fixtures" / "articles"])
    write_reports(run_, project / "reports")
    before = _reports(project / "reports")
    (project / "reports" / ".matrix.md.leftover.tmp").write_text("half", encoding="utf-8")
    (project / "reports" / JOURNAL).write_text("[[", encoding="utf-8")  # a cut journal
    recover(project / "reports")
    assert _reports(project / "reports") == before
    assert not list((project / "reports").glob(".*"))
    json.loads((project / "reports" / "results.json").read_text(encoding="utf-8"))


# --- files that are not articles -----------------------------------------------------------

def test_faults_special_files_and_links_are_named_never_read(project):
    folder = project / "fixtures" / "articles"
    os.mkfifo(folder / "pipe.txt")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "linked").symlink_to(project / "claims", target_is_directory=True)
    done = run("check", "-q", "--no-reports", "--format", "json", cwd=project, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    errors = sorted(line for line in done.stderr.splitlines() if line.startswith("error:"))
    assert errors == [
        "error: fixtures/articles/gone.txt: a link to nothing (its target is gone); remove it "
        "or fix its target",
        "error: fixtures/articles/loop.txt: a link in a loop; remove it",
        "error: fixtures/articles/pipe.txt: not a regular file (a named pipe); refusing to "
        "read it"]
    assert ("warning: fixtures/articles/linked: a linked folder is not followed; copy its "
            "articles into the folder") in done.stderr
    results = json.loads(done.stdout)["results"]
    errors = {r["source"] for r in results if r["verdict"] == "error"}
    assert errors == {"gone", "loop", "pipe"}  # the good articles are all checked
    assert len({r["source"] for r in results} - errors) == 5


# Every input a user names is checked before it is opened: a pipe waits for a writer
# that never comes and /dev/zero never ends, so reading either would hang or fill memory.
INPUTS = {
    "article": ("check", "-q", "--no-reports", "--articles", "{}"),
    "claim file": ("check", "-q", "--no-reports", "--claims", "{}"),
    "expectations": ("check", "-q", "--no-reports", "--expected", "{}"),
    "raw scrape": ("ingest", "{}", "--source", "x"),
    "manifest": ("ingest", "--manifest", "{}"),
    "results document": ("report", "--input", "{}"),
}


@pytest.mark.parametrize("special", ["/dev/zero", "pipe"])
@pytest.mark.parametrize("what", INPUTS)
def test_faults_special_file_given_directly_is_refused_before_reading(project, special, what):
    if special == "pipe":
        os.mkfifo(project / "pipe.txt")
        special = str(project / "pipe.txt")
    args = [a.format(special) for a in INPUTS[what]]
    done = run(*args, cwd=project, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"error: {special}: not a regular file (a " in done.stderr, done.stderr


def test_faults_results_document_nested_too_deep_is_damaged_not_a_crash(project):
    (project / "deep.json").write_text("[" * 200_000, encoding="utf-8")
    done = run("report", "--input", "deep.json", cwd=project, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr == ("error: deep.json: results document is damaged (ValueError('nested "
                           "deeper than 16 levels')); re-run verifier check\n")


# A finder that stands for Ctrl-C pressed while the command line is being imported.
_CTRL_C_WHILE_IMPORTING = """
import sys
class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == "verifier.cli":
            raise KeyboardInterrupt
sys.meta_path.insert(0, CtrlC())
from verifier.__main__ import run
sys.exit(run())
"""


def test_faults_ctrl_c_while_starting_is_one_line_not_a_traceback(project):
    done = subprocess.run([sys.executable, "-c", _CTRL_C_WHILE_IMPORTING, "check"],
                          cwd=project, capture_output=True, text=True, timeout=60)
    assert done.returncode == 130
    assert done.stderr == ("error: interrupted while starting; nothing was read or "
                           "written\n")


@pytest.mark.parametrize("command,line", [
    (["check", "-q"], "error: interrupted; reports were left as they were"),
    (["explain", "released-52", "x"], "error: interrupted"),
    (["report", "--input", "x.json"], "error: interrupted"),
])
def test_faults_ctrl_c_message_says_what_the_command_left(project, monkeypatch, capsys,
                                                          command, line):
    from verifier import cli

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, f"cmd_{command[0]}", interrupted)
    monkeypatch.chdir(project)
    assert cli.main(command) == 130
    assert capsys.readouterr().err == line + "\n"


def test_faults_unreadable_folder_is_reported_by_name(project, monkeypatch):
    from verifier.articles import load_articles
    from verifier.model import Problem

    real = os.scandir

    def scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    (project / "fixtures" / "articles" / "locked").mkdir()
    monkeypatch.setattr(os, "scandir", scandir)
    items = list(load_articles([project / "fixtures" / "articles"]))
    problems = [p for p in items if isinstance(p, Problem)]
    assert [(Path(p.path).name, p.message) for p in problems] == [
        ("locked", "cannot read this folder (Permission denied); its articles were not "
                   "checked: fix its permissions")]
    assert len(items) - len(problems) == 5


def test_faults_file_name_that_is_not_utf8(project):
    folder = project / "fixtures" / "articles"
    name = os.fsencode(folder) + b"/caf\xe9.txt"
    with open(name, "wb") as handle:
        handle.write(b"Minsk freed 52 prisoners on Thursday.\n")
    done = run("check", "-q", "--no-reports", "--format", "json", cwd=project)
    assert "Traceback" not in done.stderr, done.stderr
    doc = json.loads(done.stdout)
    assert len(doc["sources"]) == 6
    assert any(a["path"].endswith("caf\\xe9.txt") for a in doc["articles"].values())
