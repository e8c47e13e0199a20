"""The canonical, versioned JSON document of a run, and reading it back.

Every rendering (Markdown, CSV, HTML, tables) is made from this document's data,
so `verifier report` can re-render a stored run without re-checking anything.
Both directions stream: the document is written a result at a time from the run's
store and read back into one (ijson), so a run of any size fits in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from pathlib import Path
from typing import TextIO

import ijson

from .. import __version__
from ..errors import UsageError
from ..files import not_a_file
from ..model import Claim, ClaimKind, Evidence, Problem, Result, Run, SourceInfo, Verdict
from .store import ResultStore

RESULTS_FORMAT = "claim-verifier/results"
RESULTS_VERSION = 1


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _head(run: Run) -> list[tuple[str, object]]:
    return [
        ("format", RESULTS_FORMAT),
        ("version", RESULTS_VERSION),
        ("verifier", __version__),
        ("claims", [{"id": c.id, "kind": c.kind.value, "claim": c.text, "path": c.path,
                     "line": c.line} for c in run.claims]),
        ("sources", list(run.sources)),
        ("articles", {a.source: {"outlet": a.outlet, "title": a.title, "url": a.url,
                                 "path": a.path} for a in run.articles}),
    ]


def _json_result(r: Result) -> str:
    """Return one result as `json.dumps(indent=2)` would nest it in the results list.

    Written out by hand: json.dumps with an indent runs its pure-Python encoder, and
    this is the part of the document a run repeats (the layout is tested against it).
    """
    q = encode_basestring
    evidence = ",\n".join(f'        {{\n          "text": {q(e.text)},\n          "start": '
                          f'{e.start},\n          "end": {e.end}\n        }}'
                          for e in r.evidence)
    expected = q(r.expected.value) if r.expected else "null"
    return "".join([
        f'{{\n      "claim": {q(r.claim)},\n      "source": {q(r.source)},\n'
        f'      "event": {q(r.event)},\n      "verdict": {q(r.verdict.value)},\n'
        f'      "expected": {expected},\n',
        '      "mentioned": true,\n' if r.mentioned else "",
        f'      "evidence": [\n{evidence}\n      ],\n' if evidence else '      "evidence": [],\n',
        f'      "reason": {q(r.reason)}',
        f',\n      "known_miss": {q(r.known_miss)}\n    }}' if r.known_miss else "\n    }"])


def _tail(run: Run) -> list[tuple[str, object]]:
    tally = run.results.tally
    return [
        ("summary", {
            "sources": {s.source: {"supported": s.supported, "contradicted": s.contradicted,
                                   "hedged": s.hedged, "silent": s.silent, "errors": s.errors,
                                   "accuracy": _round(s.accuracy), "coverage": _round(s.coverage)}
                        for s in tally.source_stats()},
            "mismatches": tally.mismatched,
        }),
        ("problems", [{"path": p.path, "line": p.line, "message": p.message, "level": p.level}
                      for p in run.problems]),
    ]


def _dumps(value: object, indent: int) -> str:
    # JSON strings never hold a raw newline, so indenting every line nests the value.
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + " " * indent)


def write_json(run: Run, out: TextIO) -> None:
    """Write the JSON document (two-space indent, UTF-8, trailing newline), a result at a time.

    The bytes are those of `json.dumps(document, indent=2, ensure_ascii=False)`.
    """
    out.write("{\n")
    for key, value in _head(run):
        out.write(f"  {json.dumps(key)}: {_dumps(value, 2)},\n")
    out.write('  "results": [')
    empty = True
    for result in run.results:
        out.write(("\n    " if empty else ",\n    ") + _json_result(result))
        empty = False
    out.write("],\n" if empty else "\n  ],\n")
    tail = _tail(run)
    for n, (key, value) in enumerate(tail):
        out.write(f"  {json.dumps(key)}: {_dumps(value, 2)}"
                  + (",\n" if n < len(tail) - 1 else "\n"))
    out.write("}\n")


def _claim(c: dict) -> Claim:
    return Claim(id=c["id"], text=c["claim"], kind=ClaimKind(c["kind"]), slots=(),
                 path=c.get("path", ""), line=c.get("line", 0))


def _from_dict(r: dict) -> Result:
    return Result(
        claim=r["claim"], source=r["source"], verdict=Verdict(r["verdict"]),
        evidence=tuple(Evidence(e["text"], e["start"], e["end"]) for e in r["evidence"]),
        reason=r["reason"], expected=Verdict(r["expected"]) if r["expected"] else None,
        event=r.get("event", ""), known_miss=r.get("known_miss"))


_MISSING = object()


def _member(path: str | Path, key: str) -> object:
    """Return one top-level member of a JSON document (_MISSING when absent).

    ijson stops reading as soon as the member is built, so the members written before
    the results cost almost nothing however long the document is.
    """
    with open(path, "rb") as handle:
        return next(ijson.items(handle, key, use_float=True), _MISSING)


def _items(path: str | Path) -> Iterator[dict]:
    """Yield the objects of the document's "results" list, one at a time."""
    with open(path, "rb") as handle:
        starts = next((event for prefix, event, _ in ijson.parse(handle) if prefix == "results"),
                      None)
        if starts != "start_array":
            raise ValueError("'results' is not a list of objects")
        handle.seek(0)
        for item in ijson.items(handle, "results.item", use_float=True):
            if not isinstance(item, dict):
                raise ValueError("'results' is not a list of objects")
            yield item


@contextmanager
def _reading(path: str | Path) -> Iterator[None]:
    """Turn the errors of reading a document into one-line UsageErrors naming it."""
    try:
        yield
    except FileNotFoundError:
        raise UsageError(f"{path}: no such results file; run 'verifier check' first") from None
    except (OSError, ijson.JSONError) as err:
        # yajl reports in bytes, with a caret drawing on the lines after the first
        first = err.args[0] if err.args else ""
        text = first.decode("utf-8", "replace") if isinstance(first, bytes) else str(err)
        reason = text.strip().splitlines()[0] if text.strip() else type(err).__name__
        raise UsageError(f"{path}: cannot read the results ({reason}); re-run verifier check") \
            from None
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise UsageError(f"{path}: results document is damaged ({err!r}); "
                         "re-run verifier check") from None


MAX_DEPTH = 16  # a results document nests 5 levels deep; deeper is damage
_OPEN, _CLOSE = frozenset({"start_map", "start_array"}), frozenset({"end_map", "end_array"})


def _check_depth(path: str | Path) -> None:
    """Refuse a document nested deeper than MAX_DEPTH, in one pass and constant memory.

    ijson's prefixed readers build a prefix per level ("item.item.item..."), so a
    damaged document of 200,000 "[" would take memory quadratic in its depth.
    """
    depth = 0
    with open(path, "rb") as handle:
        try:
            for event, _ in ijson.basic_parse(handle, use_float=True):
                if event in _OPEN:
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise ValueError(f"nested deeper than {MAX_DEPTH} levels")
                elif event in _CLOSE:
                    depth -= 1
        except ijson.JSONError:
            return  # other damage: the reader meets it where it is, after the good rows


def _check_head(path: str | Path) -> None:
    """Refuse a file that is not a results document of this version, before its results."""
    problem = not_a_file(path)
    if problem is not None:  # checked before reading: a pipe or /dev/zero never ends
        raise UsageError(f"{path}: {problem}")
    _check_depth(path)
    if _member(path, "format") != RESULTS_FORMAT:
        raise UsageError(f"{path}: not a verifier results document; "
                         "write one with 'verifier check --format json'")
    version = _member(path, "version")
    if version != RESULTS_VERSION:
        shown = None if version is _MISSING else version
        raise UsageError(f"{path}: results version {shown} is not supported "
                         f"(this verifier reads version {RESULTS_VERSION}); re-run verifier check")


def read_cells(path: str | Path) -> Iterator[tuple[str, str, str, str | None, str | None]]:
    """Yield the (claim, source, verdict, expected, known miss) cells of a stored document,
    one at a time (expected and known miss are None when not recorded)."""
    with _reading(path):
        _check_head(path)
        for item in _items(path):
            expected = item.get("expected")
            yield (item["claim"], item["source"], Verdict(item["verdict"]).value,
                   Verdict(expected).value if expected else None, item.get("known_miss"))


def read_metadata(path: str | Path) -> tuple[dict[str, tuple], dict[str, tuple]]:
    """Return what a stored document says of its claims (id -> statement, kind, path,
    line) and of its articles (source -> outlet, title, url, path), without its results."""
    with _reading(path):
        _check_head(path)
        claims = {c["id"]: (c["claim"], c["kind"], c.get("path", ""), c.get("line", 0))
                  for c in _member(path, "claims")}
        articles = _member(path, "articles")
        articles = {source: (a.get("outlet"), a.get("title"), a.get("url"), a.get("path", ""))
                    for source, a in ({} if articles is _MISSING else articles).items()}
        return claims, articles


def read_document(path: str | Path) -> Run:
    """Read a stored results document into a run, streaming its results into a store."""
    with _reading(path):
        _check_head(path)
        claims = tuple(_claim(c) for c in _member(path, "claims"))
        store = ResultStore([c.id for c in claims])
        store.add(map(_from_dict, _items(path)))
        problems = _member(path, "problems")
        problems = tuple(Problem(p["path"], p["line"], p["message"], p.get("level", "error"))
                         for p in ([] if problems is _MISSING else problems))
        articles = _member(path, "articles")
        articles = tuple(SourceInfo(source, a.get("outlet"), a.get("title"), a.get("url"),
                                    a.get("path", ""))
                         for source, a in ({} if articles is _MISSING else articles).items())
        return Run(store, claims, tuple(_member(path, "sources")), problems, articles)
