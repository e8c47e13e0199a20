"""Every report is safe to open: hostile strings in every field a user controls.

A string from a claim file, an article, an expectations file or a hand-edited
results document may hold terminal escape sequences (CSI, OSC 8 hyperlinks, C1
controls), bidi controls, line breaks, pipes, HTML, Markdown links and spreadsheet
formulas. Each rendering is checked for what would harm its reader:

- terminal table, `verifier explain`, messages on stderr, pytest failures: no control
  character but the line feed, shown as escapes instead; a value never spans lines;
- Markdown (`matrix.md`, `changes.md`, the job summary): the same, no raw HTML, no link,
  every table row with its header's number of cells;
- `cells.tsv`: the same, five fields a line;
- CSV: controls shown (line breaks and tabs kept), no cell a formula;
- HTML: controls shown, every string escaped, no `javascript:` link;
- GitHub annotations: one line, three properties;
- JSON: valid, and every string exact (JSON is data: escaping is its reader's job).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from verifier.checkers.explain import Explanation, Part, SentenceNote
from verifier.cli import main
from verifier.model import (
    Claim,
    ClaimKind,
    Evidence,
    Finding,
    Problem,
    Result,
    Run,
    SourceInfo,
    Verdict,
)
from verifier.reports import render
from verifier.reports.ci import annotation, summary_markdown
from verifier.reports.explanation import explanation_text
from verifier.reports.review import CellChange, changes_markdown, describe, summarize
from verifier.reports.safe import markdown, markdown_code, one_line, visible
from verifier.reports.store import ResultStore
from verifier.suite import failure_text

# One value with every kind of trouble; the markers FIRST ... FOURTH sit on four lines.
HOSTILE = ("\x1b[31mred\x1b[0m \x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\ \x9b2J "
           "\x07\x08 ok\rFAKE \u202eevil\u202c \u2066iso\u2069 \u200e\u200f\u061c "
           "<script>alert(1)</script> <img src=x onerror=alert(1)> "
           "[click](javascript:alert(1)) ![x](https://track.example/p.png) &lt;b&gt; "
           "`tick` a | b \\| c FIRST\nSECOND\r\nTHIRD\u2028FOURTH")
FORMULA = "=HYPERLINK(\"https://evil.example\",\"x\")"
# Controls a reader must never get raw: C0 and C1, DEL, bidi controls.
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _controls(text: str, allowed: str = "\n") -> list[str]:
    """Return every control character of text that is not allowed, with its context."""
    return [repr(text[max(m.start() - 20, 0):m.end() + 20]) for m in CONTROLS.finditer(text)
            if m.group() not in allowed]


def _one_line_each(text: str) -> None:
    """Assert that a value broken over FIRST...FOURTH is never split across lines."""
    for line in text.splitlines():
        for marker in ("SECOND", "THIRD", "FOURTH"):
            assert marker not in line or "FIRST" in line, line


def _unescaped(text: str) -> str:
    """Return text without its backslash-escaped characters (as a Markdown parser reads)."""
    return re.sub(r"\\.", "", text)


def _assert_markdown_safe(text: str) -> None:
    assert not _controls(text), _controls(text)
    _one_line_each(text)
    assert "<" not in text  # no tag and no autolink: every '<' is an entity
    plain = _unescaped(text)
    assert "](" not in plain and "![" not in plain  # no link, no image
    assert not re.search(r"^ {0,3}\[[^\]]*\]:", plain, re.M)  # no link definition
    rows: list[int] = []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            rows.append(_unescaped(line).count("|"))
        elif rows:
            assert len(set(rows)) == 1, f"a table row has other cells than its header: {rows}"
            rows = []


def _assert_terminal_safe(text: str) -> None:
    assert not _controls(text), _controls(text)
    _one_line_each(text)
    assert "\\x1b" in text and "[U+202E]" in text  # shown, not dropped


@pytest.fixture()
def hostile_run() -> Run:
    """A run whose every user-controlled string is hostile (a hand-edited results.json can
    hold any id; claim files and articles hold the texts)."""
    claim = Claim(id=f"c-{HOSTILE}", text=HOSTILE, kind=ClaimKind.QUANTITY, slots=(),
                  path=f"claims/{HOSTILE}.claims.yaml", line=3)
    formula = Claim(id=FORMULA, text=FORMULA, kind=ClaimKind.QUANTITY, slots=(), path="x",
                    line=9)
    source = f"s-{HOSTILE}"
    evidence = (Evidence(HOSTILE, 0, len(HOSTILE)), Evidence(FORMULA, 400, 420))
    results = [
        Result(claim.id, source, Verdict.CONTRADICTED, evidence, reason=HOSTILE,
               expected=Verdict.SUPPORTED, event=HOSTILE, known_miss=HOSTILE),
        Result(claim.id, FORMULA, Verdict.SILENT, evidence, reason=FORMULA,
               expected=Verdict.SUPPORTED),
        Result(formula.id, source, Verdict.SUPPORTED, evidence, reason=FORMULA,
               expected=Verdict.SUPPORTED, known_miss=FORMULA),
        Result(formula.id, FORMULA, Verdict.ERROR, reason=HOSTILE),
    ]
    store = ResultStore.of(results, [claim.id, formula.id])
    infos = (SourceInfo(source, HOSTILE, HOSTILE, "javascript:alert(1)", HOSTILE),
             SourceInfo(FORMULA, FORMULA, FORMULA, f"https://x.example/{HOSTILE}", FORMULA))
    problems = (Problem(HOSTILE, 4, HOSTILE), Problem(FORMULA, None, HOSTILE, "warning"))
    return Run(store, (claim, formula), store.sources(), problems, infos)


def test_output_safety_terminal_table(hostile_run):
    text = render(hostile_run, "table")
    _assert_terminal_safe(text)
    assert "FIRST SECOND THIRD FOURTH" in text  # the statement on its legend line


def test_output_safety_markdown_matrix(hostile_run):
    text = render(hostile_run, "markdown")
    _assert_markdown_safe(text)
    assert "&lt;script&gt;" in text and "\\[click\\](javascript:alert(1))" in text
    assert "\\\\x1b" in text and "\\[U+202E\\]" in text  # shown: `\x1b`, `[U+202E]`


def test_output_safety_json_is_valid_and_exact(hostile_run):
    doc = json.loads(render(hostile_run, "json"))
    assert [c["claim"] for c in doc["claims"]] == [HOSTILE, FORMULA]
    first = next(r for r in doc["results"] if r["source"] == f"s-{HOSTILE}"
                 and r["claim"] == f"c-{HOSTILE}")
    assert (first["reason"], first["known_miss"], first["evidence"][0]["text"]) == (
        HOSTILE, HOSTILE, HOSTILE)
    assert doc["articles"][f"s-{HOSTILE}"]["title"] == HOSTILE
    assert {p["message"] for p in doc["problems"]} == {HOSTILE}


def test_output_safety_csv(hostile_run):
    text = render(hostile_run, "csv")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert len(rows) == 1 + 4 and all(len(row) == len(rows[0]) for row in rows)
    for row in rows[1:]:
        for value in row:
            assert not _controls(value, "\n\r\t"), _controls(value, "\n\r\t")
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    assert any(value.startswith("'=HYPERLINK") for row in rows for value in row)
    assert "\\x1b[31m" in text and "[U+202E]" in text


def test_output_safety_html(hostile_run):
    page = render(hostile_run, "html")
    assert not _controls(page, "\n\r\t"), _controls(page, "\n\r\t")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page and "[U+202E]" in page and "\\x1b[31m" in page


def test_output_safety_cells_tsv(hostile_run):
    text = render(hostile_run, "cells")
    assert not _controls(text, "\n\t"), _controls(text, "\n\t")
    lines = text.splitlines()
    assert len(lines) == 1 + 4 and all(line.count("\t") == 4 for line in lines)
    _one_line_each(text)


def test_output_safety_changes_and_job_summary(hostile_run):
    changed = summarize([CellChange(f"c-{HOSTILE}", f"s-{HOSTILE}", Verdict.SUPPORTED,
                                    Verdict.CONTRADICTED),
                         CellChange(f"c-{HOSTILE}", "plain", None, Verdict.SILENT),
                         CellChange("plain-claim", f"s-{HOSTILE}", None, Verdict.SUPPORTED,
                                    Verdict.SUPPORTED),
                         CellChange(f"c-{HOSTILE}", FORMULA, Verdict.SILENT, None)])
    changes = changes_markdown(changed, f"Changes to the approved matrix in {HOSTILE}/")
    _assert_markdown_safe(changes)
    assert "`plain-claim`" in changes  # plain ids stay code spans
    summary = summary_markdown(hostile_run, changed, HOSTILE)
    _assert_markdown_safe(summary)
    _assert_markdown_safe(summary_markdown(hostile_run, summarize([]), HOSTILE))
    _assert_terminal_safe("\n".join(describe(changed)))


def test_output_safety_github_annotation():
    line = annotation(f"claims/{HOSTILE}.yaml", 3, f"c[{HOSTILE}]", f"{HOSTILE}\n{HOSTILE}")
    assert "\n" not in line and "\r" not in line and not _controls(line)
    empty, command, message = line.split("::", 2)
    assert empty == "" and command.startswith("error file=")
    properties = command[len("error "):].split(",")
    assert [p.split("=", 1)[0] for p in properties] == ["file", "line", "title"]
    assert all(":" not in p for p in properties)
    assert "%0A" in message and "\\x1b" in message


def test_output_safety_explain_text():
    claim = Claim(id="c1", text=HOSTILE, kind=ClaimKind.QUANTITY, slots=(),
                  path=f"claims/{HOSTILE}.claims.yaml", line=3)
    evidence = Evidence(HOSTILE, 0, len(HOSTILE))
    part = Part("entity", HOSTILE, 0, 5)
    note = SentenceNote(0, evidence, f"[{HOSTILE}]", (part,), (part,),
                        Finding(Verdict.SUPPORTED, evidence, HOSTILE), HOSTILE, HOSTILE,
                        (HOSTILE,))
    explanation = Explanation(claim, f"s-{HOSTILE}", Verdict.SUPPORTED, HOSTILE, (evidence,),
                              HOSTILE, (note,), False)
    _assert_terminal_safe(explanation_text(explanation, Verdict.SILENT))


def test_output_safety_pytest_failure_text(hostile_run):
    claim = hostile_run.claims[0]
    result = next(iter(hostile_run.results))
    _assert_terminal_safe(failure_text(claim, result, approved=None, where=HOSTILE))


def _yaml(value: str) -> str:
    return json.dumps(value)  # a JSON string is a YAML double-quoted scalar


def _hostile_project(root: Path) -> dict[str, Path]:
    """Lay out claim, article and expectations files full of hostile text, in a folder whose
    name is hostile too."""
    folder = root / "in\x1b[31m\u202efolder"
    (folder / "articles").mkdir(parents=True)
    claims = folder / "ev.claims.yaml"
    claims.write_text("event: ev\ntitle: T\nas_of: '2025-09-11'\nclaims:\n"
                      f"  - id: freed-52\n    claim: {_yaml('52 freed. ' + HOSTILE)}\n"
                      "    kind: quantity\n    count: 52\n    counted: [prisoner]\n"
                      "    context: ['@release']\n"
                      f"  - id: freed-60\n    claim: {_yaml(FORMULA)}\n"
                      "    kind: quantity\n    count: 60\n    counted: [prisoner]\n"
                      "    context: ['@release']\n", encoding="utf-8")
    (folder / "articles" / "ok.txt").write_text(
        f"---\nsource: ok\noutlet: {_yaml(HOSTILE)}\ntitle: {_yaml(HOSTILE)}\n"
        f"url: {_yaml('javascript:alert(1)')}\n---\n"
        "Minsk freed 52 prisoners \x1b[31m<b>\u202eon</b> Thursday [x](javascript:1) | a.\n",
        encoding="utf-8")
    (folder / "articles" / "bad\x1b]8;;x\x07\u202e.txt").write_text(
        f"---\ndate: {_yaml('2025-02-30 ' + HOSTILE)}\n---\nMinsk freed 52 prisoners.\n",
        encoding="utf-8")
    expected = folder / "ev.expected.yaml"
    expected.write_text("event: ev\nexpected:\n  freed-52:\n"
                        f"    ok: {{verdict: contradicted, known_miss: {_yaml(HOSTILE)}}}\n"
                        "  freed-60:\n    ok: supported\n", encoding="utf-8")
    return {"folder": folder, "claims": claims, "articles": folder / "articles",
            "expected": expected}


def test_output_safety_hostile_files_through_verifier_check(tmp_path, capsys, monkeypatch):
    paths = _hostile_project(tmp_path)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    reports = tmp_path / "reports"
    code = main(["check", "--claims", str(paths["claims"]), "--articles",
                 str(paths["articles"]), "--expected", str(paths["expected"]), "--reports",
                 str(reports), "--no-cache", "-q"])
    out, err = capsys.readouterr()
    assert code == 2  # the bad article
    _assert_terminal_safe(out)
    assert not _controls(err) and len(err.splitlines()) >= 2, err
    assert all(line.startswith(("error: ", "warning: ", "note: ", "reports", str(reports),
                                "  "))
               for line in err.splitlines()), err
    _assert_markdown_safe((reports / "matrix.md").read_text(encoding="utf-8"))
    _assert_markdown_safe((reports / "changes.md").read_text(encoding="utf-8"))
    _assert_markdown_safe(summary.read_text(encoding="utf-8"))
    cells = (reports / "cells.tsv").read_text(encoding="utf-8")
    assert not _controls(cells, "\n\t") and all(line.count("\t") == 4
                                                for line in cells.splitlines())
    page = (reports / "matrix.html").read_text(encoding="utf-8")
    assert not _controls(page, "\n\r\t") and "<script>alert" not in page
    assert 'href="javascript:' not in page
    for row in csv.reader(io.StringIO((reports / "matrix.csv").read_text(encoding="utf-8"))):
        assert all(not _controls(v, "\n\r\t") and not v.startswith(("=", "+", "-", "@"))
                   for v in row[1:])
    doc = json.loads((reports / "results.json").read_text(encoding="utf-8"))
    assert doc["articles"]["ok"]["outlet"] == HOSTILE
    assert doc["claims"][0]["claim"] == "52 freed. " + HOSTILE


def test_output_safety_hostile_files_through_verifier_explain(tmp_path, capsys):
    paths = _hostile_project(tmp_path)
    code = main(["explain", "freed-52", "ok", "--claims", str(paths["claims"]), "--articles",
                 str(paths["articles"]), "--expected", str(paths["expected"])])
    out, err = capsys.readouterr()
    assert code == 0, err
    _assert_terminal_safe(out)
    assert not _controls(err)


@pytest.mark.parametrize(("function", "text", "shown"), [
    (visible, "a\x1bb\x9bc\u202ed\ud800e\nf\tg\rh", "a\\x1bb\\x9bc[U+202E]d[U+D800]e\nf\tg\rh"),
    (one_line, "a\nb\r\nc\td\u2028e\x1b", "a b c d e\\x1b"),
    (markdown, "<b>&</b> [x](javascript:1) `c` a|b \\|", "&lt;b&gt;&amp;&lt;/b&gt; "
     "\\[x\\](javascript:1) \\`c\\` a\\|b \\\\\\|"),
    (markdown_code, "released-52", "`released-52`"),
    (markdown_code, "a`b", "a\\`b"),
    (markdown_code, "a\\|b", "a\\\\\\|b"),
    (markdown_code, "ok\u202e", "ok\\[U+202E\\]"),
])
def test_output_safety_helpers(function, text, shown):
    assert function(text) == shown
