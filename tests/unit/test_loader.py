"""The YAML loader: short messages for huge values, refused values, the nesting estimate."""

from __future__ import annotations

import contextlib
import io
import time
import tracemalloc

import pytest

from verifier.articles import parse_article
from verifier.claims import parse_claim_file
from verifier.cli import main
from verifier.errors import ArticleError, quoted
from verifier.expectations import load_expectation_file
from verifier.loader import format_path, nesting_depth, parse_yaml

BIG = "x" * 10_000_000  # 10 MB
DIGITS = "7" * 5_000
MESSAGE_LIMIT = 300
HEAD = "event: ev\ntitle: T\nas_of: '2025-09-11'\nclaims:\n"


def _claim(**fields: str) -> str:
    """Return a claim file of one quantity claim, its fields replaced or added as given."""
    claim = {"id": "a", "claim": "c", "kind": "quantity", "count": "1", "counted": "[p]",
             "context": "[q]", **fields}
    return HEAD + "  - " + "\n    ".join(f"{k}: {v}" if not k.startswith("?") else k
                                        for k, v in claim.items()) + "\n"


CLAIM_FILES = {
    "claim text": _claim(claim=BIG),
    "id": _claim(id=BIG),
    "count word": _claim(count=BIG),
    "count of 5,000 digits": _claim(count=DIGITS),
    "range of 5,000 digits": _claim(count=f"{{min: 1, max: {DIGITS}}}"),
    "unknown key": _claim(**{f"? {BIG}": "", ": 1": ""}),
    "duplicate key": _claim(**{f"? {BIG}": "", ": 1": "", f"? {BIG} ": "", ": 2": ""}),
    "undefined alias": HEAD + f"  - *{BIG}\n",
    "tag": HEAD + f"  - !{BIG} x\n",
    "date": f"event: ev\ntitle: T\nas_of: '2025-13-{BIG}'\nclaims: [1]\n",
    # Every problem inside a mapping under a 10 MB key names that key in its path.
    "many problems under a huge key": HEAD + _claim(**{
        f'"{BIG}"': "{" + ", ".join(f"k{i}: [{i}]" for i in range(30)) + "}"})[len(HEAD):],
    "lexicon": _claim(context=f"['@{BIG}']"),
}


def _measured(load):
    """Run a load; return its problems and the peak memory it allocated, in MB."""
    tracemalloc.start()
    try:
        problems = load()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    return problems, peak


@pytest.mark.parametrize("text", CLAIM_FILES.values(), ids=CLAIM_FILES)
def test_loader_claim_file_messages_quote_a_short_prefix(text):
    problems, peak = _measured(lambda: parse_claim_file(text, "x.claims.yaml")[1])
    assert problems
    assert all(len(str(p)) < MESSAGE_LIMIT and "\n" not in str(p) for p in problems), [
        str(p)[:400] for p in problems]
    assert peak < 8 * len(text) / 2**20 + 10, f"{peak:.0f} MB"  # the text, a few copies


EXPECTATION_FILES = {
    "claim key": f"event: ev\nexpected:\n  ? {BIG}\n  : {{ok: supported}}\n",
    "source key": f"event: ev\nexpected:\n  a:\n    ? {BIG}!\n    : supported\n",
    "verdict": f"event: ev\nexpected:\n  a:\n    ok: {BIG}\n",
    "known miss of 5,000 digits": f"event: ev\nexpected:\n  a:\n    ok: {{verdict: silent, "
                                  f"known_miss: {DIGITS}}}\n",
    "event": f"event: {BIG}!\nexpected:\n  a:\n    ok: silent\n",
    "many problems under a huge key": f"event: ev\nexpected:\n  \"{BIG}\":\n" + "".join(
        f"    s{i}: maybe\n" for i in range(30)),
}


@pytest.mark.parametrize("text", EXPECTATION_FILES.values(), ids=EXPECTATION_FILES)
def test_loader_expectation_file_messages_quote_a_short_prefix(text, tmp_path):
    path = tmp_path / "ev.expected.yaml"
    path.write_text(text, encoding="utf-8")
    problems, peak = _measured(lambda: load_expectation_file(path, {"ev": {"a"}})[1])
    assert problems
    assert all(len(str(p)) < MESSAGE_LIMIT + len(str(path)) and "\n" not in str(p)
               for p in problems), [str(p)[:400] for p in problems]
    assert peak < 8 * len(text) / 2**20 + 10, f"{peak:.0f} MB"


@pytest.mark.parametrize("head", [f"date: {'2025-' + BIG[:4_000_000]}",
                                  f"source: {BIG[:4_000_000]}!",
                                  f"sorce: x\n{'x' * 4_000_000}: 1"])
def test_loader_front_matter_messages_quote_a_short_prefix(head):
    with pytest.raises(ArticleError) as raised:
        parse_article(f"---\n{head}\n---\nMinsk freed 52 prisoners.\n", "a.txt")
    assert len(str(raised.value)) < MESSAGE_LIMIT, str(raised.value)[:400]


@pytest.mark.parametrize("argv", [
    ["check", "--format", BIG],
    ["check", "--jobs", DIGITS],
    ["check", "--claims", "x" * 100_000],
    ["explain", BIG, BIG, "--claims", "tests/data/good", "--articles", "tests/data/good"],
    ["explain", "freed-52", BIG, "--claims", "tests/data/good", "--articles",
     "tests/data/good/ok.txt"],
    ["ingest", "tests/data/good/ok.txt", "--date", BIG],
], ids=["format", "jobs", "path", "claim", "source", "date"])
def test_loader_command_line_errors_quote_a_short_prefix(argv, monkeypatch):
    monkeypatch.chdir(__file__.rsplit("/tests/", 1)[0])
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse's own errors
            code = exit_.code
    assert code == 2
    line = err.getvalue().splitlines()[-1]
    assert line.startswith(("error: ", "verifier ")) and len(line) < MESSAGE_LIMIT, line[:400]


@pytest.mark.parametrize(("value", "shown"), [
    ("fifty", "'fifty'"),
    ("it's", "'it\\'s'"),
    ("a\nb\x1b\u202e", "'a\\nb\\x1b\\u202e'"),
    ("x" * 100, "'" + "x" * 60 + "...'"),
    (10 ** 5000, "a number of 5,001 digits"),
    (-3, "-3"),
    (True, "True"),
    ([1, 2, 3, 4, 5, 6], "[1, 2, 3, 4, ...]"),
    (b"hello", "!!binary data (5 bytes)"),
], ids=["word", "quote", "controls", "long", "digits", "negative", "bool", "list", "bytes"])
def test_loader_quoted(value, shown):
    assert quoted(value) == shown


def test_loader_format_path_quotes_keys_that_are_not_words():
    assert format_path(("expected", "freed-52", "ok")) == "expected.freed-52.ok"
    assert format_path(("claims", 3, "count")) == "claims[3].count"
    assert format_path(("expected", "ok\n")) == "expected['ok\\n']"
    assert format_path(("expected", BIG)) == "expected['" + "x" * 40 + "...']"


@pytest.mark.parametrize(("text", "message"), [
    ("? [a, b]\n: 1\n", "1: a list as a key"),
    ("a:\n  ? {b: 1}\n  : 1\n", "2: a: a mapping as a key"),
    (f"a: {DIGITS}\n", "1: a: a number 5,000 digits long"),
    (f"a: {DIGITS}.5\n", "1: a: a number 5,001 digits long"),
    (f"? {DIGITS}\n: a\n", "1: ['7777777777"),
    # libyaml refuses the escape itself; PyYAML's own parser reads it, and the loader then
    # refuses the value (it could not be written to any report)
    ('a: "x\\ud800"\n', "1: "),
])
def test_loader_refuses_values_no_file_can_use(text, message):
    doc, problems = parse_yaml(text, "x.yaml")
    assert doc is None and len(problems) == 1
    assert str(problems[0]).startswith(f"x.yaml:{message}"), str(problems[0])


def test_loader_nesting_estimate_is_linear_on_long_lines():
    hostile = ["a: " + "x" * 2_000_000, "a: [" + ",'a'" * 500_000 + "]",
               "- " * 1_000_000 + "a", "a: " + " '" * 1_000_000]
    for text in hostile:
        started = time.perf_counter()
        nesting_depth(text)
        assert time.perf_counter() - started < 5, text[:40]
    assert nesting_depth("- " * 1_000_000 + "a") > 64
    assert nesting_depth("a: [[['x', \"]]]\"]]]  # ]]]") == 4
