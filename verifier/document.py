"""The canonical, versioned JSON document of a run, and reading it back.

Every rendering (Markdown, CSV, HTML, tables) is made from this document's data,
so `verifier report` can re-render a stored run without re-checking anything.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import __version__
from .errors import UsageError
from .matrix import mismatches, source_stats
from .model import Claim, ClaimKind, Evidence, Problem, Result, Run, SourceInfo, Verdict

RESULTS_FORMAT = "claim-verifier/results"
RESULTS_VERSION = 1


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def to_document(run: Run) -> dict:
    """Return the canonical JSON document of a run."""
    stats = source_stats(run.results)
    return {
        "format": RESULTS_FORMAT,
        "version": RESULTS_VERSION,
        "verifier": __version__,
        "claims": [{"id": c.id, "kind": c.kind.value, "claim": c.text, "path": c.path,
                    "line": c.line} for c in run.claims],
        "sources": list(run.sources),
        "articles": {a.source: {"outlet": a.outlet, "title": a.title, "url": a.url,
                                "path": a.path} for a in run.articles},
        "results": [{
            "claim": r.claim, "source": r.source, "event": r.event,
            "verdict": r.verdict.value,
            "expected": r.expected.value if r.expected else None,
            "evidence": [{"text": e.text, "start": e.start, "end": e.end} for e in r.evidence],
            "reason": r.reason,
            **({"known_miss": r.known_miss} if r.known_miss else {}),
        } for r in run.results],
        "summary": {
            "sources": {s.source: {"supported": s.supported, "contradicted": s.contradicted,
                                   "hedged": s.hedged, "silent": s.silent, "errors": s.errors,
                                   "accuracy": _round(s.accuracy), "coverage": _round(s.coverage)}
                        for s in stats},
            "mismatches": len(mismatches(run.results)),
        },
        "problems": [{"path": p.path, "line": p.line, "message": p.message, "level": p.level}
                     for p in run.problems],
    }


def render_json(run: Run) -> str:
    """Return the JSON document as text (two-space indent, UTF-8, trailing newline)."""
    return json.dumps(to_document(run), indent=2, ensure_ascii=False) + "\n"


def from_document(doc: dict, path: str = "results.json") -> Run:
    """Rebuild a run from its JSON document; raise UsageError when it is not one."""
    if not isinstance(doc, dict) or doc.get("format") != RESULTS_FORMAT:
        raise UsageError(f"{path}: not a verifier results document; "
                         "write one with 'verifier check --format json'")
    if doc.get("version") != RESULTS_VERSION:
        raise UsageError(f"{path}: results version {doc.get('version')} is not supported "
                         f"(this verifier reads version {RESULTS_VERSION}); re-run verifier check")
    try:
        claims = tuple(Claim(id=c["id"], text=c["claim"], kind=ClaimKind(c["kind"]), slots=(),
                             path=c.get("path", ""), line=c.get("line", 0))
                       for c in doc["claims"])
        results = tuple(Result(
            claim=r["claim"], source=r["source"], verdict=Verdict(r["verdict"]),
            evidence=tuple(Evidence(e["text"], e["start"], e["end"]) for e in r["evidence"]),
            reason=r["reason"], expected=Verdict(r["expected"]) if r["expected"] else None,
            event=r.get("event", ""), known_miss=r.get("known_miss"))
            for r in doc["results"])
        problems = tuple(Problem(p["path"], p["line"], p["message"], p.get("level", "error"))
                         for p in doc.get("problems", []))
        articles = tuple(SourceInfo(source, a.get("outlet"), a.get("title"), a.get("url"),
                                    a.get("path", ""))
                         for source, a in doc.get("articles", {}).items())
        return Run(results, claims, tuple(doc["sources"]), problems, articles)
    except (KeyError, TypeError, ValueError) as err:
        raise UsageError(f"{path}: results document is damaged ({err!r}); "
                         "re-run verifier check") from None


def read_document(path: str | Path) -> Run:
    """Read a stored results document."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such results file; run 'verifier check' first") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise UsageError(f"{path}: cannot read the results ({err}); re-run verifier check") \
            from None
    return from_document(doc, str(path))
