"""The engine: check every claim against every article. CLI and pytest plugin both call it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from .articles import load_articles
from .checkers import CHECKERS
from .claims import load_claim_files
from .expectations import load_expectations
from .model import Article, Claim, Problem, Result, Run, SourceInfo, Verdict
from .reading import Reader
from .verdicts import decide


class Verifier:
    """Check a fixed set of claims against articles, one pipeline pass per article."""

    def __init__(self, claims: Iterable[Claim], events: dict[str, str] | None = None) -> None:
        self.claims = tuple(claims)
        self.events = events or {}
        self.reader = Reader(self.claims)

    def check(self, article: Article) -> list[Result]:
        """Return one result per claim for one article, in claim order."""
        reading = self.reader.read(article.body)
        results = []
        for index, claim in enumerate(self.claims):
            findings = CHECKERS[claim.kind](claim, index, reading)
            verdict, evidence, reason = decide(findings)
            results.append(Result(claim=claim.id, source=article.source, verdict=verdict,
                                  evidence=evidence, reason=reason,
                                  event=self.events.get(claim.id, "")))
        return results

    def error_results(self, source: str, message: str) -> list[Result]:
        """Return an error result per claim for an article that could not be read."""
        return [Result(claim=c.id, source=source, verdict=Verdict.ERROR, reason=message,
                       event=self.events.get(c.id, "")) for c in self.claims]

    def check_all(self, articles: Iterable[Article]) -> Iterator[Result]:
        """Yield the results of every article, article by article."""
        for article in articles:
            yield from self.check(article)


def check_run(claim_paths: Iterable[str | Path], article_paths: Iterable[str | Path],
              expected_paths: Iterable[str | Path] = ()) -> Run:
    """Load claims, expectations and articles, check every pair and return the run.

    Bad files never stop the run: they become problems, and a bad article becomes
    an `error` row for each claim, so the good files' results are all kept.
    """
    claim_files, problems = load_claim_files(claim_paths)
    claims = [c for f in claim_files for c in f.claims]
    event_of = {c.id: f.event for f in claim_files for c in f.claims}
    claims_of: dict[str, set[str]] = {}
    for claim_file in claim_files:
        claims_of.setdefault(claim_file.event, set()).update(c.id for c in claim_file.claims)
    expectations, bad = load_expectations(expected_paths, claims_of)
    problems += bad
    verifier = Verifier(claims, event_of)
    results: list[Result] = []
    infos: list[SourceInfo] = []
    for item in load_articles(article_paths):
        if isinstance(item, Problem):
            problems.append(item)
            if not item.is_error:
                continue
            source = Path(item.path).stem
            if any(r.source == source for r in results):
                continue
            results.extend(verifier.error_results(source, str(item)))
        else:
            results.extend(verifier.check(item))
            infos.append(SourceInfo.of(item))
    results = [_with_expectation(expectations, r) for r in results]
    sources = tuple(sorted({r.source for r in results}))
    order = {c.id: n for n, c in enumerate(claims)}
    results.sort(key=lambda r: (order[r.claim], r.source))
    infos.sort(key=lambda info: info.source)
    return Run(tuple(results), tuple(claims), sources, tuple(problems), tuple(infos))


def _with_expectation(expectations, result: Result) -> Result:
    found = expectations.get((result.claim, result.source))
    if found is None:
        return result
    return replace(result, expected=found.verdict, known_miss=found.known_miss)
