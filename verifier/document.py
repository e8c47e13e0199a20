"""The canonical, versioned JSON document of a run, and reading it back.

Every rendering (Markdown, CSV, HTML, tables) is made from this document's data,
so `verifier report` can re-render a stored run without re-checking anything.
Both directions stream: the document is written a result at a time from the run's
store and read back into one (ijson), so a run of any size fits in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

import ijson
from ijson.common import ObjectBuilder

from . import __version__
from .errors import UsageError
from .model import Claim, ClaimKind, Evidence, Problem, Result, Run, SourceInfo, Verdict
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


def _result(r: Result) -> dict:
    return {
        "claim": r.claim, "source": r.source, "event": r.event,
        "verdict": r.verdict.value,
        "expected": r.expected.value if r.expected else None,
        "evidence": [{"text": e.text, "start": e.start, "end": e.end} for e in r.evidence],
        "reason": r.reason,
        **({"known_miss": r.known_miss} if r.known_miss else {}),
    }


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
        out.write(("\n    " if empty else ",\n    ") + _dumps(_result(result), 4))
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


def _members(handle: BinaryIO) -> Iterator[tuple[str, object]]:
    """Yield the top-level members of a JSON object; "results" is yielded once per item."""
    key, builder, item = None, None, None
    for prefix, event, value in ijson.parse(handle, use_float=True):
        if prefix == "":
            if key is not None and builder is not None:
                yield key, builder.value
            if event == "map_key":
                key, builder = value, (None if value == "results" else ObjectBuilder())
            elif event not in ("start_map", "end_map"):
                raise ValueError("the document is not a JSON object")
            continue
        if builder is not None:
            builder.event(event, value)
        elif prefix == "results.item" and event == "start_map":
            item = ObjectBuilder()
            item.event(event, value)
        elif prefix.startswith("results.item") and item is not None:
            item.event(event, value)
            if prefix == "results.item" and event == "end_map":
                yield "results", item.value
                item = None
        elif prefix != "results" or event not in ("start_array", "end_array"):
            raise ValueError("'results' is not a list of objects")


def read_document(path: str | Path) -> Run:
    """Read a stored results document into a run, streaming its results into a store."""
    try:
        with open(path, "rb") as handle:
            return _read(handle, str(path))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such results file; run 'verifier check' first") from None
    except (OSError, ijson.JSONError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise UsageError(f"{path}: cannot read the results ({reason}); re-run verifier check") \
            from None


def _read(handle: BinaryIO, path: str) -> Run:
    fields: dict = {}
    store: ResultStore | None = None
    ranked = False  # the claims came before the results, so the store knows their order
    try:
        for key, value in _members(handle):
            if key != "results":
                fields[key] = value
                _check_format(fields, path)
                continue
            if store is None:
                ranked = "claims" in fields
                store = ResultStore([c["id"] for c in fields.get("claims") or []])
            store.add([_from_dict(value)])
        _check_format(fields, path, complete=True)
        claims = tuple(_claim(c) for c in fields["claims"])
        if store is None:
            store = ResultStore([c.id for c in claims])
        elif not ranked:
            store.order_claims([c.id for c in claims])
        problems = tuple(Problem(p["path"], p["line"], p["message"], p.get("level", "error"))
                         for p in fields.get("problems", []))
        articles = tuple(SourceInfo(source, a.get("outlet"), a.get("title"), a.get("url"),
                                    a.get("path", ""))
                         for source, a in fields.get("articles", {}).items())
        return Run(store, claims, tuple(fields["sources"]), problems, articles)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise UsageError(f"{path}: results document is damaged ({err!r}); "
                         "re-run verifier check") from None


def _check_format(fields: dict, path: str, complete: bool = False) -> None:
    """Refuse a document that is not ours, or of another version, as early as it shows."""
    if ("format" in fields or complete) and fields.get("format") != RESULTS_FORMAT:
        raise UsageError(f"{path}: not a verifier results document; "
                         "write one with 'verifier check --format json'")
    if ("version" in fields or complete) and fields.get("version") != RESULTS_VERSION:
        raise UsageError(f"{path}: results version {fields.get('version')} is not supported "
                         f"(this verifier reads version {RESULTS_VERSION}); re-run verifier check")
