"""A run that fails or is killed never leaves a half-written report."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from verifier import reports as report
from verifier.engine import check_run
from verifier.reports import formats
from verifier.reports.document import read_document

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for folder in ("claims", "fixtures", "reports"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Return the reports by name; temporary files of a killed run are not reports."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if not p.name.endswith(".tmp")}


def test_interrupted_writer_failure_leaves_previous_reports(project, monkeypatch):
    before = _snapshot(project / "reports")
    run = check_run([project / "claims"], [project / "fixtures" / "articles" / "seeds"])

    def broken(_run, out):
        out.write("<!DOCTYPE html>\n<html")  # half a page, then the disk fills up
        raise OSError("disk full")

    monkeypatch.setitem(formats.WRITERS, "html", broken)
    with pytest.raises(OSError, match="disk full"):
        report.write_reports(run, project / "reports")
    assert _snapshot(project / "reports") == before


def test_interrupted_kill_leaves_whole_reports(project):
    reports = project / "reports"
    before = _snapshot(reports)
    # Different expectations make the new reports differ from the committed ones.
    (project / "fixtures" / "expected" / "belarus-2025-09.expected.yaml").unlink()
    process = subprocess.Popen([sys.executable, "-m", "verifier.cli", "check"], cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    after = _snapshot(reports)
    assert set(after) == set(before), "a report is missing"
    assert after == before or all(after[name] != before[name] for name in after), (
        "some reports are old and some new")
    json.loads(after["results.json"])
    read_document(reports / "results.json")
    # The next run removes any temporary file the killed one left, and writes everything.
    done = subprocess.run([sys.executable, "-m", "verifier.cli", "check"], cwd=project,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    assert not list(reports.glob(".*.tmp"))
