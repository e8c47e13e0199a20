"""The engine: check every claim against every article. CLI and pytest plugin both call it.

Articles are streamed: each is read, checked and its results written to the run's
`ResultStore` (on disk, with running totals) before the next is read, so memory
does not grow with the number of articles. Cached verdicts are reused (see
`cache`); `jobs` > 1 checks articles in worker processes. spaCy is imported only
when some pair needs checking.
"""

from __future__ import annotations

import collections
import multiprocessing
import signal
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path

from .articles import find_articles, load_articles
from .cache import ResultCache, article_key, claim_key
from .claims import load_claim_files
from .errors import VerifierError, quoted
from .expectations import load_expectations
from .model import Article, Claim, Problem, Result, Run, SourceInfo, Verdict
from .reports.store import ResultStore


class Verifier:
    """Check a fixed set of claims against articles, one pipeline pass per article."""

    def __init__(self, claims: Iterable[Claim], events: dict[str, str] | None = None) -> None:
        from .checkers import check
        from .checkers.explain import MENTION_REASON, near_misses
        from .text.prefilter import AnchorFilter
        from .text.reading import Reader
        from .verdicts import SILENT_REASON, decide

        self._check, self._decide = check, decide
        self._near_misses, self._mention_reason = near_misses, MENTION_REASON
        self.claims = tuple(claims)
        self.events = events or {}
        self.reader = Reader(self.claims)
        self.prefilter = AnchorFilter(self.claims)
        self._silent_reason = SILENT_REASON

    def check(self, article: Article, only: set[str] | None = None) -> list[Result]:
        """Return one result per claim (or per claim id in `only`), in claim order.

        An article that cannot name any claim's anchors is silent on every claim and
        is not read at all (see `text.prefilter`): the verdicts are the same.
        """
        if not self.prefilter.may_name(article.body) and not self.prefilter.may_name(
                article.title or ""):
            return [Result(claim=c.id, source=article.source, verdict=Verdict.SILENT,
                           reason=self._silent_reason, event=self.events.get(c.id, ""))
                    for c in self.claims if only is None or c.id in only]
        reading = self.reader.read(article.body)
        reading.date = article.date
        reading.title = article.title or ""
        results = []
        for index, claim in enumerate(self.claims):
            if only is not None and claim.id not in only:
                continue
            findings = self._check(claim, index, reading)
            verdict, evidence, reason = self._decide(findings)
            if verdict is Verdict.SILENT:
                # A near miss: silent, but the article mentions what the claim is about.
                # Its sentences are the evidence; the verdict stays silent.
                evidence = self._near_misses(claim, index, reading)
                if evidence:
                    reason = self._mention_reason
            results.append(Result(claim=claim.id, source=article.source, verdict=verdict,
                                  evidence=evidence, reason=reason,
                                  event=self.events.get(claim.id, "")))
        return results


def _batches(items, size: int):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def error_results(claims: Iterable[Claim], events: dict[str, str], source: str,
                  message: str) -> list[Result]:
    """Return an error result per claim for an article that could not be read."""
    return [Result(claim=c.id, source=source, verdict=Verdict.ERROR, reason=message,
                   event=events.get(c.id, "")) for c in claims]


# The verifier of a run, set before worker processes fork so they share it.
_WORKER_VERIFIER: Verifier | None = None


def _check_in_worker(batch: list[tuple[int, Article, set[str] | None]]
                     ) -> list[tuple[int, list[Result]]]:
    return [(number, _WORKER_VERIFIER.check(article, only)) for number, article, only in batch]


def _worker_signals() -> None:
    """Leave Ctrl-C to the main process, which stops the workers and says so once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


BATCH = 16  # articles sent to a worker at once
WINDOW = 4  # batches in flight per worker: memory stays flat however many articles stream


class _Checker:
    """Check articles against claims, using the cache and worker processes when asked."""

    def __init__(self, claims: list[Claim], events: dict[str, str], jobs: int,
                 cache: ResultCache | None) -> None:
        self.claims, self.events, self.jobs, self.cache = claims, events, jobs, cache
        self.keys = {c.id: claim_key(c) for c in claims}
        self._verifier: Verifier | None = None
        self._pool = None

    def verifier(self) -> Verifier:
        if self._verifier is None:
            self._verifier = Verifier(self.claims, self.events)
        return self._verifier

    def run(self, articles: Iterator[Article]) -> Iterator[list[Result]]:
        """Yield each article's results, in article order."""
        tasks = (self._task(a) for a in articles)
        if self.jobs > 1:
            yield from self._parallel(tasks)
        else:
            for article, hashed, cached, missing in tasks:
                checked = self.verifier().check(article, missing) if missing != set() else []
                yield self._merge(article, hashed, cached, checked)

    def _task(self, article: Article):
        if self.cache is None:
            return article, None, {}, None
        hashed = article_key(article.body, article.date, article.title)
        cached = self.cache.get(hashed, self.keys, article.source, self.events)
        missing = {c.id for c in self.claims if c.id not in cached}
        return article, hashed, cached, missing

    def _parallel(self, tasks) -> Iterator[list[Result]]:
        """Check articles in worker processes as they stream in, keeping article order.

        Each task is numbered and filed in `waiting` as it is read; the articles that need
        checking go to the workers in batches, a bounded number at a time, and come back
        in order, so every task up to the one just checked is yielded. A worker that dies
        stops the run with a clear error instead of a hang.
        """
        global _WORKER_VERIFIER
        _WORKER_VERIFIER = self.verifier()  # built before the fork: workers share it
        waiting: dict[int, tuple] = {}

        def to_check():
            for number, task in enumerate(tasks):
                waiting[number] = task
                if task[3] != set():
                    yield number, task[0], task[3]

        done = 0
        try:
            for number, checked in self._checked(to_check()):
                while done < number:  # fully cached articles before this one
                    yield self._merge(*waiting.pop(done)[:3], [])
                    done += 1
                yield self._merge(*waiting.pop(number)[:3], checked)
                done = number + 1
        except BrokenProcessPool:
            raise VerifierError("a worker process died (killed, or out of memory) and the run "
                                "stopped; run it again: the verdicts checked so far are "
                                "cached") from None
        while done in waiting:
            yield self._merge(*waiting.pop(done)[:3], [])
            done += 1

    def _checked(self, tasks) -> Iterator[tuple[int, list[Result]]]:
        """Yield (task number, results) in task order, with a bounded number in flight."""
        context = multiprocessing.get_context("fork")
        pending: collections.deque = collections.deque()
        pool = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_worker_signals)
        try:
            for batch in _batches(tasks, BATCH):
                pending.append(pool.submit(_check_in_worker, batch))
                if len(pending) >= self.jobs * WINDOW:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BaseException:
            # Ctrl-C, a dead worker, a failing write: stop at once, do not wait for the
            # batches in flight.
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()

    def _merge(self, article: Article, hashed: str | None, cached: dict[str, Result],
               checked: list[Result]) -> list[Result]:
        if self.cache is not None and checked:
            self.cache.put(hashed, [(self.keys[r.claim], r) for r in checked])
        if not checked:
            return [cached[claim.id] for claim in self.claims]
        fresh = {r.claim: r for r in checked}
        return [fresh.get(claim.id) or cached[claim.id] for claim in self.claims]


def check_run(claim_paths: Iterable[str | Path], article_paths: Iterable[str | Path],
              expected_paths: Iterable[str | Path] = (), jobs: int | None = 1,
              cache: ResultCache | None = None, progress: bool = False,
              engine: str = "local", scheduler: str | None = None) -> Run:
    """Load claims, expectations and articles, check every pair and return the run.

    Bad files never stop the run: they become problems, and a bad article becomes
    an `error` row for each claim, so the good files' results are all kept.
    `engine="dask"` checks on a Dask cluster (see `distributed`): the one at
    `scheduler`, or a local one of `jobs` worker processes (None: one per core).
    """
    claim_files, problems = load_claim_files(claim_paths)
    claims = [c for f in claim_files for c in f.claims]
    event_of = {c.id: f.event for f in claim_files for c in f.claims}
    claims_of: dict[str, set[str]] = {}
    for claim_file in claim_files:
        claims_of.setdefault(claim_file.event, set()).update(c.id for c in claim_file.claims)
    expectations, bad = load_expectations(expected_paths, claims_of)
    problems += bad
    article_paths = list(article_paths)
    results = ResultStore([c.id for c in claims])
    infos: list[SourceInfo] = []
    if engine == "dask":
        from .distributed import DaskChecker  # a UsageError when Dask is not installed

        checker = DaskChecker(claims, event_of, cache, scheduler, jobs)
    else:
        checker = _Checker(claims, event_of, jobs or 1, cache)
    rows_of: dict[str, str] = {}  # source id -> the file its rows come from: one row a pair

    def articles() -> Iterator[Article]:
        for item in load_articles(article_paths):
            if isinstance(item, Problem):
                problems.append(item)
                source = Path(item.path).stem
                if item.is_error and source not in rows_of:
                    rows_of[source] = item.path
                    results.add(_with_expectation(expectations, r) for r in
                                error_results(claims, event_of, source, str(item)))
                continue
            if item.source in rows_of:  # the error rows of an unreadable file hold the id
                problems.append(Problem(item.path, None, f"source id {quoted(item.source)} is "
                                                         f"already used by {rows_of[item.source]}"
                                                         "; give each article its own 'source:'"))
                continue
            rows_of[item.source] = item.path
            infos.append(SourceInfo.of(item))
            yield item

    bar = _progress(len(find_articles(article_paths)) if progress else 0)
    for article_results in checker.run(articles()):
        results.add(_with_expectation(expectations, r) for r in article_results)
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    infos.sort(key=lambda info: info.source)
    return Run(results, tuple(claims), results.sources(), tuple(problems), tuple(infos))


def _progress(total: int):
    """Return a progress bar on a terminal for long runs, or None."""
    if total < 50 or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="article", file=sys.stderr, leave=False)


def _with_expectation(expectations, result: Result) -> Result:
    found = expectations.get((result.claim, result.source))
    if found is None:
        return result
    return replace(result, expected=found.verdict, known_miss=found.known_miss)
