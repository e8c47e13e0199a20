"""Small runs for the report tests: built from the project's fixtures or by hand."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from verifier.engine import check_run
from verifier.model import Claim, ClaimKind, Evidence, Result, Run, SourceInfo, Verdict
from verifier.reports.store import ResultStore

ROOT = Path(__file__).resolve().parents[1]
HOSTILE_SOURCE = "zz-hostile"
# Each would run script if it reached the page unescaped; the browser test checks
# that window.__pwned stays undefined.
HOSTILE = {
    "evidence": '<img src=x onerror="window.__pwned=1">',
    "reason": '"onmouseover="window.__pwned=2" x="',
    "outlet": "<script>window.__pwned=3</script>",
    "title": "\u202eexe.gnp \u2066report\u2069",
    "url": "javascript:window.__pwned=4",
}


def claim(claim_id: str, text: str = "A claim.") -> Claim:
    """Return a bare claim (no slots): all a report needs."""
    return Claim(id=claim_id, text=text, kind=ClaimKind.QUANTITY, slots=())


def make_run(results: Iterable[Result], claims: Iterable[Claim],
             articles: Iterable[SourceInfo] = ()) -> Run:
    """Return a run of the given results, its sources sorted as the engine sorts them."""
    results, claims, articles = list(results), tuple(claims), tuple(articles)
    store = ResultStore.of(results, [c.id for c in claims])
    sources = tuple(sorted({r.source for r in results} | {a.source for a in articles}))
    return Run(store, claims, sources, (), tuple(sorted(articles, key=lambda a: a.source)))


def belarus_run() -> Run:
    """Return the Belarus claims checked against the seed, story and contrast articles."""
    articles = ROOT / "fixtures" / "articles"
    return check_run([ROOT / "claims" / "belarus-2025-09.claims.yaml"],
                     [articles / "seeds", articles / "stories", articles / "contrast"],
                     sorted((ROOT / "fixtures" / "expected").glob("belarus-2025-09*.yaml")))


def with_markers(run: Run) -> Run:
    """Return the run with one mismatch (released-52 at reuters) and a hostile source."""
    results = [dataclasses.replace(r, expected=Verdict.HEDGED)
               if (r.claim, r.source) == ("released-52", "reuters") else r for r in run.results]
    first, *rest = run.claims
    text = HOSTILE["evidence"]
    results.append(Result(first.id, HOSTILE_SOURCE, Verdict.SUPPORTED,
                          (Evidence(text, 10, 10 + len(text)),), HOSTILE["reason"]))
    results += [Result(c.id, HOSTILE_SOURCE, Verdict.SILENT, reason="nothing") for c in rest]
    hostile = SourceInfo(HOSTILE_SOURCE, HOSTILE["outlet"], HOSTILE["title"], HOSTILE["url"])
    return make_run(results, run.claims, (*run.articles, hostile))
