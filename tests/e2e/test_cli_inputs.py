"""The command line on every input form: text, web pages and JSON Lines in one folder."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ROOT / "tests" / "data" / "inputs"
CLAIMS = ROOT / "tests" / "data" / "good" / "ev.claims.yaml"


def run(*args, cwd: Path):
    return subprocess.run([sys.executable, "-m", "verifier.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def check(folder: Path, cwd: Path):
    return run("check", "--claims", str(CLAIMS), "--articles", str(folder), "--no-reports",
               "--format", "json", cwd=cwd)


def test_cli_inputs_a_folder_of_text_html_and_jsonl(tmp_path: Path):
    done = check(INPUTS / "mixed", tmp_path)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    verdicts = {r["source"]: r["verdict"] for r in doc["results"]}
    assert verdicts == {"harbour-wire": "supported", "lakeside-gazette": "supported",
                        "river-post": "supported", "valley-times-2": "silent"}
    page = doc["articles"]["lakeside-gazette"]
    assert (page["outlet"], page["url"]) == (
        "Lakeside Gazette", "https://gazette.example/world/minsk-frees-prisoners")
    assert doc["articles"]["river-post"]["path"].endswith("archive.jsonl:1")
    assert done.stderr.splitlines() == [
        f"note: {INPUTS / 'mixed' / 'archive.jsonl'}: 1 article(s) without 'source' got ids "
        "from their outlet, URL or file name and line (line 2: 'valley-times-2'); add 'source' "
        "to choose them"]


def test_cli_inputs_bad_files_among_good_ones_cost_only_themselves(tmp_path: Path):
    folder = tmp_path / "articles"
    shutil.copytree(INPUTS / "mixed", folder)
    for name in ("corpus-broken.jsonl", "no-text.html", "truncated.jsonl.gz",
                 "cyrillic-cp1251.txt", "Daily Mail (12 Sept).txt"):
        shutil.copy(INPUTS / name, folder / name)
    done = check(folder, tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert [line.split(": ", 2)[1] for line in errors] == [
        f"{folder / 'corpus-broken.jsonl'}:3", f"{folder / 'no-text.html'}",
        f"{folder / 'truncated.jsonl.gz'}:84"]
    verdicts = {r["source"]: r["verdict"] for r in json.loads(done.stdout)["results"]}
    west = {verdicts.pop(f"west-{n}") for n in range(1, 84)}  # read before the damage
    assert west == {"supported"} and not any(s.startswith("west-") for s in verdicts)
    assert verdicts == {
        "daily-mail-12-sept": "supported", "harbour-wire": "supported",
        "lakeside-gazette": "supported", "minsk-daily": "silent", "north-1": "supported",
        "north-2": "silent", "north-4": "silent", "north-5": "silent", "river-post": "supported",
        "valley-times-2": "silent",
        # a bad file's rows carry its name (a corpus's bad lines share one row)
        "corpus-broken": "error", "no-text": "error", "truncated.jsonl": "error"}


def test_cli_inputs_ingesting_a_page_reads_what_check_reads(tmp_path: Path):
    page = INPUTS / "mixed" / "lakeside-gazette.html"
    fixture = tmp_path / "ingested" / "lakeside-gazette.txt"
    fixture.parent.mkdir()
    done = run("ingest", str(page), "-o", str(fixture), cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert fixture.read_text(encoding="utf-8").startswith(
        "---\nsource: lakeside-gazette\noutlet: Lakeside Gazette\n"
        "url: https://gazette.example/world/minsk-frees-prisoners\ndate: '2025-09-11'\n"
        "title: Minsk frees 52 prisoners after US talks\n---\nBelarus released 52 prisoners")
    from_page = json.loads(check(page, tmp_path).stdout)["results"]
    from_fixture = json.loads(check(fixture, tmp_path).stdout)["results"]
    assert from_page == from_fixture  # same body: same verdicts, evidence and offsets


def test_cli_inputs_ingest_other_encodings_and_pages_without_text(tmp_path: Path):
    done = run("ingest", str(INPUTS / "cyrillic-cp1251.txt"), "--source", "md", cwd=tmp_path)
    assert done.returncode == 0
    assert "Минск освободил 52 заключённых" in done.stdout
    assert done.stderr.strip().endswith("read as windows-1251 (Cyrillic), the encoding "
                                        "detected; convert it to UTF-8 to silence this")
    done = run("ingest", str(INPUTS / "no-text.html"), cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"error: {INPUTS / 'no-text.html'}: no article text in the "
                                  "page") and len(done.stderr.splitlines()) == 1
