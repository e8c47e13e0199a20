"""Every bad input in tests/data/bad/ gives its one exact line, via the CLI and via pytest.

The table is tests/data/bad/cases.yaml. The good claim file and article of
tests/data/good/ are checked alongside each bad file: their results must survive.
"""

import json
import shutil
from pathlib import Path

import pytest
import yaml

from verifier.cli import main

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad"
GOOD = ROOT / "tests" / "data" / "good"
SHOWN_GOOD = Path("tests/data/good")  # as a user in the project folder would write it
# The inner runs need only the verifier plugin: hypothesis' header costs a second each.
QUIET_PLUGINS = ("-p", "no:hypothesispytest", "-p", "no:xdist", "-p", "no:anyio")
CASES = yaml.safe_load((BAD / "cases.yaml").read_text(encoding="utf-8"))


def _matches(line: str, pattern: str) -> bool:
    """Match a line against a case's pattern: "…" stands for words a library owns.

    The project owns the rest of the line (file, line number, what to do); a library's
    wording, such as a YAML parser's description of a syntax error, may change by release.
    """
    parts = pattern.split("…")
    if len(parts) == 1:
        return line == pattern
    if not (line.startswith(parts[0]) and line.endswith(parts[-1])):
        return False
    position = len(parts[0])
    for part in parts[1:-1]:
        position = line.find(part, position)
        if position < 0:
            return False
        position += len(part)
    return len(line) - len(parts[-1]) >= position


def _kind(name: str) -> str:
    if name.endswith(".claims.yaml"):
        return "claims"
    if name.endswith(".expected.yaml"):
        return "expected"
    return "articles"


def _check_args(path: Path) -> list[str]:
    kind = _kind(path.name)
    claims = ["--claims", str(path)] if kind == "claims" else []
    articles = ["--articles", str(path)] if kind == "articles" else []
    expected = str(path) if kind == "expected" else str(SHOWN_GOOD)
    return ["check", *claims, "--claims", str(SHOWN_GOOD / "ev.claims.yaml"), "--articles",
            str(SHOWN_GOOD / "ok.txt"), *articles, "--expected", expected, "--no-reports",
            "--format", "json"]


def test_bad_inputs_table_is_large_and_complete():
    files = {p.name for p in BAD.iterdir() if p.name != "cases.yaml"}
    assert len(CASES) >= 40
    assert {c["file"] for c in CASES} == files


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["file"])
def test_bad_inputs_via_verifier_check(case, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code = main(_check_args(Path("tests/data/bad") / case["file"]))
    out, err = capsys.readouterr()
    lines = [line for line in err.splitlines() if line != "error: no usable claims; fix the "
             "claim files above"]
    assert len(lines) == 1 and _matches(lines[0], case["line"]), lines
    assert code == case["exit"]
    results = json.loads(out)["results"]
    assert {"claim": "freed-52", "source": "ok", "verdict": "supported"}.items() <= next(
        r for r in results if r["source"] == "ok").items()


def _pytest_project(pytester: pytest.Pytester, name: str) -> tuple[str, str]:
    """Lay out a project with the good files and one bad file; return (shown path, text)."""
    (pytester.path / "claims").mkdir()
    (pytester.path / "fixtures" / "articles" / "z").mkdir(parents=True)
    (pytester.path / "fixtures" / "expected").mkdir()
    shutil.copy(GOOD / "ev.claims.yaml", pytester.path / "claims" / "ev.claims.yaml")
    shutil.copy(GOOD / "ok.txt", pytester.path / "fixtures" / "articles" / "ok.txt")
    kind = _kind(name)
    if kind == "claims":
        shown = f"claims/{name}"
    elif kind == "expected":
        shown = f"fixtures/expected/{name}"
    else:
        shown = str(pytester.path / "fixtures" / "articles" / "z" / name)
    shutil.copy(BAD / name, pytester.path / (shown if kind != "articles" else
                                             f"fixtures/articles/z/{name}"))
    return shown


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["file"])
def test_bad_inputs_via_pytest(case, pytester):
    shown = _pytest_project(pytester, case["file"])
    result = pytester.runpytest("claims", "fixtures/expected", "-v", *QUIET_PLUGINS,
                                "--continue-on-collection-errors")
    expected = case["line"].replace(f"tests/data/bad/{case['file']}", shown).replace(
        "tests/data/good/ok.txt", str(pytester.path / "fixtures" / "articles" / "ok.txt"))
    text = result.stdout.str()
    owned = expected.split(": ", 1)[1].split("…")
    assert all(part in text for part in owned), text
    assert "Traceback" not in text
    assert "claims/ev.claims.yaml::freed-52[ok] PASSED" in text


def test_bad_inputs_huge_article_is_refused_and_the_rest_checked(tmp_path, capsys):
    huge = tmp_path / "huge.txt"
    with huge.open("w", encoding="utf-8") as handle:
        sentence = "Minsk freed 52 prisoners on Thursday, officials said again. " * 1000
        for _ in range(50 * 1024 * 1024 // len(sentence) + 1):
            handle.write(sentence)
    code = main(["check", "--claims", str(GOOD / "ev.claims.yaml"), "--articles",
                 str(GOOD / "ok.txt"), "--articles", str(huge), "--expected", str(GOOD),
                 "--no-reports", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.strip() == (f"error: {huge}: 50.0 MB, larger than the 5 MB limit for one "
                           "article; check the scrape or split it")
    assert any(r["source"] == "ok" and r["verdict"] == "supported"
               for r in json.loads(out)["results"])


def test_bad_inputs_links_outside_the_article_folder_are_refused(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("Minsk freed 52 prisoners.", encoding="utf-8")
    (folder / "link.txt").symlink_to(tmp_path / "secret.txt")
    shutil.copy(GOOD / "ok.txt", folder / "ok.txt")
    code = main(["check", "--claims", str(GOOD / "ev.claims.yaml"), "--articles", str(folder),
                 "--expected", str(GOOD), "--no-reports"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip() == (f"error: {folder / 'link.txt'}: links outside {folder}; refusing to "
                           "read it (copy the article into the folder instead)")


def _rows(out: str) -> list[tuple[str, str, str]]:
    return [(r["claim"], r["source"], r["verdict"]) for r in json.loads(out)["results"]]


def test_bad_inputs_a_file_named_twice_is_read_once(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    again = [str(GOOD / "ok.txt"), "tests/data/good/../good/ok.txt", "./tests/data/good/ok.txt"]
    code = main(["check", "--claims", "tests/data/good", "--claims", str(GOOD / "ev.claims.yaml"),
                 "--articles", "tests/data/good/ok.txt", *(a for p in again
                                                          for a in ("--articles", p)),
                 "--expected", "tests/data/good", "--expected", str(GOOD), "--no-reports",
                 "--format", "json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert _rows(out) == [("freed-52", "ok", "supported")]


def test_bad_inputs_one_source_id_in_two_folders_is_one_error_and_one_row(tmp_path, capsys):
    first, second, broken = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for folder in (first, second, broken):
        folder.mkdir()
    shutil.copy(GOOD / "ok.txt", first / "ok.txt")
    shutil.copy(GOOD / "ok.txt", second / "ok.txt")
    (broken / "ok.txt").write_bytes(b"\x00binary")
    args = ["check", "--claims", str(GOOD / "ev.claims.yaml"), "--expected", str(GOOD),
            "--no-reports", "--format", "json"]
    code = main([*args, "--articles", str(first), "--articles", str(second)])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.strip() == (f"error: {second / 'ok.txt'}: source id 'ok' is already used by "
                           f"{first / 'ok.txt'}; give each article its own 'source:'")
    assert _rows(out) == [("freed-52", "ok", "supported")]
    # An unreadable file holds its name as a source id: the good one is refused, not doubled.
    code = main([*args, "--articles", str(broken), "--articles", str(second)])
    out, err = capsys.readouterr()
    assert code == 2 and err.splitlines()[1] == (
        f"error: {second / 'ok.txt'}: source id 'ok' is already used by {broken / 'ok.txt'}; "
        "give each article its own 'source:'")
    assert _rows(out) == [("freed-52", "ok", "error")]
