"""The fact-checking suite behind the pytest plugin: files, items and the run they make.

Each (claim, source) pair is an item. Items carry their result on
`user_properties`, so the matrix is rebuilt from test reports alone and comes out
the same with or without pytest-xdist.
"""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from . import options
from .articles import load_articles
from .cache import CACHE_DIR, ResultCache, article_key, claim_key
from .claims import CLAIM_SUFFIX, load_claim_file
from .engine import Verifier, error_results
from .errors import VerifierError
from .expectations import EXPECTED_SUFFIX, load_expectation_file, load_expectations
from .model import (
    Article,
    Claim,
    ClaimKind,
    Evidence,
    Expectation,
    Problem,
    Result,
    Run,
    SourceInfo,
    Verdict,
)
from .reports import render_table, write_atomic, write_reports
from .reports.ci import annotation, append_step_summary, in_github_actions, summary_markdown
from .reports.document import read_metadata
from .reports.publish import locked
from .reports.review import (
    APPROVED_FILE,
    CHANGES_FILE,
    CellChange,
    Changes,
    approved_cells,
    changes,
    changes_markdown,
    describe,
    has_approved,
    load_approved,
    merge,
    summarize,
)
from .reports.safe import one_line
from .reports.store import ResultStore

RESULT_PROPERTY = "verifier_result"


def _ini(config: pytest.Config, option: options.Option) -> str:
    return config.getini(f"verifier_{option.name}") or option.default


@dataclass
class SuiteConfig:
    """The plugin's settings, read once from the command line and the ini file."""

    root: Path
    claims_glob: str
    articles: list[Path]
    expected: list[Path]
    reports: Path
    silent: str
    update: bool
    custom_articles: bool
    no_cache: bool = False

    @classmethod
    def from_pytest(cls, config: pytest.Config) -> SuiteConfig:
        """Read the settings of a pytest run."""
        root = Path(config.rootpath)
        given = config.getoption("verifier_articles")
        articles = [Path(p) for p in given] if given else [root / _ini(config, options.ARTICLES)]
        return cls(root=root, claims_glob=_ini(config, options.CLAIMS_GLOB),
                   articles=[p if p.is_absolute() else root / p for p in articles],
                   expected=[root / _ini(config, options.EXPECTED)],
                   reports=root / _ini(config, options.REPORTS),
                   silent=config.getoption("verifier_silent"),
                   update=config.getoption("verifier_update"), custom_articles=bool(given),
                   no_cache=config.getoption("verifier_no_cache"))


@dataclass
class Suite:
    """Per-process state: articles read once, results checked once per claim file."""

    settings: SuiteConfig
    _articles: list[Article | Problem] | None = None
    _results: dict[tuple[str, str], dict[str, Result]] = field(default_factory=dict)
    _verifiers: dict[str, Verifier] = field(default_factory=dict)
    _cache: ResultCache | None = None
    _expected: dict | None = None
    # (claim, source) -> (verdict, expected, known miss) of the approved matrix
    _approved: dict[tuple[str, str], tuple] | None = None
    approved_problem: str | None = None  # the approved matrix could not be read
    bad_inputs: int = 0  # claim or expectation files that did not load, bad articles
    checks_approved: bool = False  # the up-to-date item survived -k and -m
    _existing: tuple[set[str], set[str]] | None = None
    rows: list[dict] = field(default_factory=list)
    refused: str | None = None  # why an update was not written
    broken_claim_files: int = 0
    annotations: list[str] = field(default_factory=list)
    cache_warnings: list[str] = field(default_factory=list)
    changed: Changes | None = None
    run: Run | None = None
    written: bool = False

    def wants(self, path: Path) -> bool:
        """Return True for a claim file the suite collects."""
        try:
            rel = path.relative_to(self.settings.root).as_posix()
        except ValueError:
            return False
        pattern = self.settings.claims_glob
        return fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, pattern.replace("**/", ""))

    def wants_expectations(self, path: Path) -> bool:
        """Return True for an expected-verdicts file under the configured folder."""
        return path.name.endswith(EXPECTED_SUFFIX) and any(
            path.is_relative_to(folder) for folder in self.settings.expected)

    @property
    def compares(self) -> bool:
        """Return True when items are compared with the approved matrix: the configured
        articles, not an update, and a readable approved matrix to compare with."""
        return (not self.settings.custom_articles and not self.settings.update
                and has_approved(self.settings.reports) and self._read_approved() is not None)

    def _read_approved(self) -> dict[tuple[str, str], tuple] | None:
        """Read the approved cells once; a damaged file is a problem, said by one item."""
        if self._approved is None and self.approved_problem is None:
            try:
                self._approved = {(c, s): (Verdict(v), Verdict(e) if e else None, k)
                                  for c, s, v, e, k in approved_cells(self.settings.reports)}
            except VerifierError as err:
                self.approved_problem = str(err)
        return self._approved

    def approved(self, claim: str, source: str) -> tuple | None:
        """Return the approved (verdict, expected, known miss) of a pair, None when new."""
        return (self._read_approved() or {}).get((claim, source))

    def gone(self, claim: str, source: str) -> bool:
        """Return True when an approved cell's claim or article no longer exists."""
        if self._existing is None:
            claims = {c for ids in self.events().values() for c in ids}
            self._existing = claims, set(self.sources())
        claims, sources = self._existing
        return claim not in claims or source not in sources

    def removed(self) -> list[CellChange]:
        """Return the approved cells whose claim or article is gone, sorted."""
        approved = self._read_approved() or {}
        return [CellChange(c, s, v, None, old_expected=e, old_known=k)
                for (c, s), (v, e, k) in sorted(approved.items()) if self.gone(c, s)]

    def stale_details(self) -> list[str]:
        """Return what the approved matrix says of claims and articles that no longer holds
        (a claim's statement or place, an article's outlet, title or address)."""
        try:
            claims, articles = read_metadata(self.settings.reports / APPROVED_FILE)
        except VerifierError:
            return []
        current_claims = {}
        for path in sorted(self.settings.root.rglob(f"*{CLAIM_SUFFIX}")):
            if self.wants(path):
                claim_file, _ = load_claim_file_as(path, self._shown(str(path)))
                for claim in claim_file.claims if claim_file else ():
                    current_claims[claim.id] = (claim.text, claim.kind.value, claim.path,
                                                claim.line)
        found = [f"claim {cid}: {what}" for cid, old in sorted(claims.items())
                 if cid in current_claims and current_claims[cid] != old
                 for what in [_differs(("statement", "kind", "file", "line"), old,
                                       current_claims[cid])]]
        for source, old in sorted(articles.items()):
            info = self.info(source)
            if info is not None:
                new = (info.outlet, info.title, info.url, info.path)
                if new != old:
                    found.append(f"article {source}: "
                                 + _differs(("outlet", "title", "url", "file"), old, new))
        return found

    def events(self) -> dict[str, set[str]]:
        """Return event id -> claim ids of every claim file the suite collects."""
        found: dict[str, set[str]] = {}
        self.broken_claim_files = 0
        for path in sorted(self.settings.root.rglob(f"*{CLAIM_SUFFIX}")):
            if self.wants(path):
                claim_file, _ = load_claim_file(path)
                if claim_file is None:
                    self.broken_claim_files += 1
                else:
                    found.setdefault(claim_file.event, set()).update(
                        c.id for c in claim_file.claims)
        return found

    def articles(self) -> list[Article | Problem]:
        """Return the articles (or their problems), read once per process."""
        if self._articles is None:
            self._articles = list(load_articles(self.settings.articles))
        return self._articles

    def sources(self) -> list[str]:
        """Return the source ids, sorted, bad articles included."""
        return sorted({a.source if isinstance(a, Article) else Path(a.path).stem
                       for a in self.articles() if isinstance(a, Article) or a.is_error})

    def expectation(self, claim: str, source: str) -> Expectation | None:
        """Return the recorded expectation of a pair, if any."""
        if self._expected is None:
            found, _ = load_expectations([p for p in self.settings.expected if p.exists()])
            self._expected = found
        return self._expected.get((claim, source))

    def info(self, source: str) -> SourceInfo | None:
        """Return the report-facing facts of a source's article, if it was read."""
        for item in self.articles():
            if isinstance(item, Article) and item.source == source:
                return replace(SourceInfo.of(item), path=self._shown(item.path))
        return None

    def _shown(self, path: str) -> str:
        resolved = Path(path)
        if resolved.is_absolute() and resolved.is_relative_to(self.settings.root):
            return resolved.relative_to(self.settings.root).as_posix()
        return path

    def result(self, path: str, claims: tuple[Claim, ...], claim: str, source: str) -> Result:
        """Return the result of a pair, checking its article against its claim file once.

        Results are computed per (claim file, source), so pytest-xdist workers only
        read the articles of the items they run, and cached verdicts are reused.
        """
        cells = self._results.get((path, source))
        if cells is None:
            cells = {r.claim: r for r in self._check(path, claims, source)}
            self._results[(path, source)] = cells
        return cells[claim]

    def _check(self, path: str, claims: tuple[Claim, ...], source: str) -> list[Result]:
        for item in self.articles():
            if isinstance(item, Problem) and item.is_error and Path(item.path).stem == source:
                return error_results(claims, {}, source, str(item))
            if isinstance(item, Article) and item.source == source:
                article = item
                break
        else:
            return error_results(claims, {}, source, "the article is gone")
        keys = {c.id: claim_key(c) for c in claims}
        hashed = article_key(article.body, article.date, article.title)
        cache = self.cache()
        cached = cache.get(hashed, keys, source) if cache else {}
        missing = {c.id for c in claims if c.id not in cached}
        checked = self.verifier(path, claims).check(article, missing) if missing else []
        if cache is not None and checked:
            cache.put(hashed, [(keys[r.claim], r) for r in checked])
            cache.commit()
        fresh = {r.claim: r for r in checked}
        return [fresh.get(c.id) or cached[c.id] for c in claims]

    def verifier(self, path: str, claims: tuple[Claim, ...]) -> Verifier:
        """Return the verifier of one claim file, built once per process."""
        if path not in self._verifiers:
            self._verifiers[path] = Verifier(claims)
        return self._verifiers[path]

    def cache(self) -> ResultCache | None:
        """Return the verdict cache, unless the run was asked not to use one."""
        if self.settings.no_cache:
            return None
        if self._cache is None:
            self._cache = ResultCache(self.settings.root / CACHE_DIR)
        return self._cache

    def record(self, report: pytest.TestReport) -> None:
        """Keep the result a finished item carried on its user properties, and, on GitHub
        Actions, an annotation on the claim's line for a failed one."""
        if report.when != "call" and not (report.when == "setup" and report.skipped):
            return
        for name, value in report.user_properties:
            if name == RESULT_PROPERTY:
                row = json.loads(value)
                self.rows.append(row)
                if report.failed and in_github_actions():
                    self.annotations.append(_annotation(row, report))

    def close(self) -> None:
        """Close the verdict cache, if one was opened, keeping what it had to say."""
        if self._cache is not None:
            self._cache.close()
            self.cache_warnings += self._cache.warnings
            self._cache = None

    def finish(self) -> None:
        """Build the run from the recorded rows; compare with or update the approved matrix."""
        if not self.rows:
            return
        self.run = run_from_rows(self.rows)
        if self.settings.custom_articles:
            return
        folder = self.settings.reports
        approved = self._read_approved() if has_approved(folder) else {}
        cells = [(c, s, v.value, e.value if e else None, k)
                 for (c, s), (v, e, k) in (approved or {}).items()]
        # Cells of deleted claims and articles count only when the up-to-date item ran
        # (not deselected by -k), and never while a claim file or an input is broken.
        self.bad_inputs += sum(row["verdict"] == Verdict.ERROR.value for row in self.rows) > 0
        gone = self.gone if self.checks_approved and not self.bad_inputs else None
        if self.settings.update and self.bad_inputs:
            self.refused = (f"{self.bad_inputs} input(s) could not be used (see the errors "
                            f"above): {self._where()}/ was left as it was")
        elif self.settings.update:
            self.changed = summarize(changes(cells, self.run, gone))
            previous = None if approved is None else load_approved(folder)
            with locked(folder):
                write_reports(merge(previous, self.run, gone), folder)
                if self.changed:
                    write_atomic(folder / CHANGES_FILE, changes_markdown(
                        self.changed, f"Changes to the approved matrix in {self._where()}/"))
            self.written = True
        elif approved is not None and has_approved(folder):
            self.changed = summarize(changes(cells, self.run, gone))
        append_step_summary(summary_markdown(self.run, self.changed, f"{self._where()}/"))

    def _where(self) -> str:
        where = self.settings.reports
        if where.is_relative_to(self.settings.root):
            return where.relative_to(self.settings.root).as_posix()
        return str(where)

    def summary(self) -> list[str]:
        """Return the lines the terminal summary prints."""
        if self.run is None:
            return []
        lines = render_table(self.run).splitlines()
        lines += [one_line(f"{p.level}: {p}") for p in self.articles() if isinstance(p, Problem)]
        lines += [f"warning: {w}" for w in self.cache_warnings]
        where = self._where()
        if self.refused:
            lines.append(f"error: {self.refused}")
        elif self.written:
            lines.append(f"approved matrix updated in {where}/ ({self.changed.headline()})"
                         + (f"; the changes are in {where}/{CHANGES_FILE}"
                            if self.changed else ""))
        elif self.changed:
            lines.append(f"{self.changed.total} cell(s) differ from the approved matrix in "
                         f"{where}/ ({self.changed.headline()}); run pytest "
                         "--verifier-update to accept:")
        elif not self.settings.custom_articles and not has_approved(self.settings.reports):
            lines.append(f"no approved matrix in {where}/ to compare with; run pytest "
                         "--verifier-update (or verifier check) to write one")
        if self.changed and not self.written:
            lines += describe(self.changed)
        return lines + self.annotations


def _annotation(row: dict, report: pytest.TestReport) -> str:
    """Return the GitHub annotation of a failed pair, on its claim's line."""
    detail = report.longreprtext.strip().splitlines()
    message = "; ".join(" ".join(line.split()) for line in detail if line.startswith(
        ("expected", "actual", "approved", "reason", "labels")))
    return annotation(row["path"], row["line"], f"{row['claim']}[{row['source']}]",
                      message or f"{row['verdict']}")


def result_row(claim: Claim, order: tuple[str, int], result: Result,
               info: SourceInfo | None = None) -> dict:
    """Return the JSON-safe record an item puts on its user properties."""
    return {"article": [info.outlet, info.title, info.url, info.path] if info else None,
            "claim": claim.id, "kind": claim.kind.value, "text": claim.text, "path": claim.path,
            "line": claim.line, "order": list(order), "source": result.source,
            "event": result.event, "verdict": result.verdict.value,
            "expected": result.expected.value if result.expected else None,
            "evidence": [[e.text, e.start, e.end] for e in result.evidence],
            "reason": result.reason, "known_miss": result.known_miss}


def run_from_rows(rows: list[dict]) -> Run:
    """Rebuild a run from item records, in a fixed order whatever order they came in."""
    claims: dict[str, tuple] = {}
    results = []
    for row in rows:
        claims[row["claim"]] = (tuple(row["order"]), Claim(
            id=row["claim"], text=row["text"], kind=ClaimKind(row["kind"]), slots=(),
            path=row["path"], line=row["line"]))
        results.append(Result(
            claim=row["claim"], source=row["source"], verdict=Verdict(row["verdict"]),
            evidence=tuple(Evidence(*e) for e in row["evidence"]), reason=row["reason"],
            expected=Verdict(row["expected"]) if row["expected"] else None, event=row["event"],
            known_miss=row.get("known_miss")))
    ordered = [c for _, c in sorted(claims.values(), key=lambda oc: oc[0])]
    store = ResultStore.of(results, [c.id for c in ordered])
    infos = {row["source"]: SourceInfo(row["source"], *row["article"])
             for row in rows if row.get("article")}
    return Run(store, tuple(ordered), store.sources(),
               articles=tuple(infos[s] for s in sorted(infos)))


class VerdictMismatch(Exception):
    """An item's verdict is not the one it needed."""


class ApprovedMatrixDamaged(Exception):
    """The approved matrix cannot be read."""


class ClaimFileNode(pytest.File):
    """A claim file: one item per (claim, source)."""

    def collect(self):
        suite: Suite = self.config.stash[SUITE_KEY]
        shown = self.path.relative_to(self.config.rootpath).as_posix()
        claim_file, problems = load_claim_file_as(self.path, shown)
        if claim_file is None:
            raise self.CollectError("\n".join(one_line(str(p)) for p in problems))
        for n, claim in enumerate(claim_file.claims):
            for source in suite.sources():
                # The id given whole, so pytest parses "[source]" as it parses the ids
                # it stores (--lf, --ff and --sw compare the two).
                name = f"{claim.id}[{source}]"
                item = ClaimItem.from_parent(self, name=name, nodeid=f"{self.nodeid}::{name}",
                                             claim=claim, source=source,
                                             claims=claim_file.claims, order=(shown, n),
                                             event=claim_file.event)
                # With `pytest -n 2 --dist loadgroup`, one worker reads each article.
                item.add_marker(pytest.mark.xdist_group(source))
                yield item


class ExpectationsFileNode(pytest.File):
    """An expected-verdicts file: collected only to report its problems, no items."""

    def collect(self):
        suite: Suite = self.config.stash[SUITE_KEY]
        shown = self.path.relative_to(self.config.rootpath).as_posix()
        _, problems = load_expectation_file(self.path, suite.events())
        if not problems:  # a pair set in another file as well is this file's problem too
            _, across = load_expectations([p for p in suite.settings.expected if p.exists()],
                                          suite.events())
            problems = [p for p in across if Path(p.path).resolve() == self.path.resolve()]
        if problems:
            raise self.CollectError("\n".join(one_line(str(replace(p, path=shown)))
                                              for p in problems))
        return []


def load_claim_file_as(path: Path, shown: str):
    """Load a claim file, reporting it under the path the user sees."""
    claim_file, problems = load_claim_file(path)
    problems = [Problem(shown, p.line, p.message) for p in problems]
    if claim_file is None:
        return None, problems
    claims = tuple(replace(c, path=shown) for c in claim_file.claims)
    return replace(claim_file, path=shown, claims=claims), problems


class ClaimItem(pytest.Item):
    """One (claim, source) pair, checked like a fact-check."""

    def __init__(self, *, claim: Claim, source: str, claims: tuple[Claim, ...],
                 order: tuple[str, int], event: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.claim, self.source, self.claims, self.order, self.event = (
            claim, source, claims, order, event)
        self.result: Result | None = None
        self.approved: Verdict | None | bool = False  # False: not compared
        self.relabelled = ""  # how the expected verdict or known miss changed

    def runtest(self) -> None:
        suite: Suite = self.config.stash[SUITE_KEY]
        result = suite.result(self.claim.path, self.claims, self.claim.id, self.source)
        expectation = suite.expectation(self.claim.id, self.source)
        result = replace(result, event=self.event,
                         expected=expectation.verdict if expectation else None,
                         known_miss=expectation.known_miss if expectation else None)
        self.result = result
        self.user_properties.append((RESULT_PROPERTY, json.dumps(
            result_row(self.claim, self.order, result, suite.info(self.source)),
            ensure_ascii=False)))
        self.user_properties.append(("verdict", result.verdict.value))
        if suite.compares:
            approved = suite.approved(self.claim.id, self.source)
            self.approved = approved[0] if approved else None
            if self.approved != result.verdict:
                raise VerdictMismatch()  # drift from the approved matrix, whatever else
            if approved[1:] != (result.expected, result.known_miss):
                self.relabelled = CellChange(
                    self.claim.id, self.source, approved[0], result.verdict, result.expected,
                    approved[1], result.known_miss, approved[2]).labels()
                raise VerdictMismatch()  # the labels changed: the reports must follow
        if result.expected is not None:
            if result.known_miss and result.verdict != result.expected:
                pytest.xfail(f"known miss: {result.known_miss}")
            if result.verdict != result.expected or result.known_miss:
                raise VerdictMismatch()
            return
        if result.verdict in (Verdict.CONTRADICTED, Verdict.ERROR):
            raise VerdictMismatch()
        if result.verdict is Verdict.SILENT and suite.settings.silent != "skip":
            if suite.settings.silent == "fail":
                raise VerdictMismatch()
            return
        if result.verdict in (Verdict.HEDGED, Verdict.SILENT):
            pytest.skip(f"{result.verdict.value}: {result.reason}")

    def repr_failure(self, excinfo, style=None):
        if not isinstance(excinfo.value, VerdictMismatch) or self.result is None:
            return super().repr_failure(excinfo, style)
        where = self.config.stash[SUITE_KEY]._where()
        text = failure_text(self.claim, self.result, self.approved, where)
        if self.relabelled:
            text += (f"\nlabels   {self.relabelled} since the approved matrix in {where}/: "
                     "accept with pytest --verifier-update, so the committed reports follow")
        return text

    def reportinfo(self):
        return self.path, max(self.claim.line - 1, 0), f"{self.claim.id}[{self.source}]"


def failure_text(claim: Claim, result: Result, approved: Verdict | None | bool = False,
                 where: str = "reports") -> str:
    """Return a failure as a fact-check reads: claim, source, verdicts, evidence, reason.

    `approved` is the approved matrix's verdict when the pair was compared with it (None
    for a new cell, False when not compared).
    """
    drift = approved is not False and approved != result.verdict
    wanted = result.expected.value if result.expected else "anything but contradicted"
    lines = [f"known miss now agrees: remove known_miss ({result.known_miss}) from the "
             "expected verdicts"] if result.known_miss and not drift else []
    lines += [f"claim    {claim.id}: {claim.text}",
              f"source   {result.source}",
              f"expected {wanted}"]
    if drift:
        lines.append(f"approved {approved.value if approved else '(new cell)'}")
    lines.append(f"actual   {result.verdict.value}")
    if result.evidence:
        lines.append("evidence")
        lines += [f"  [{e.start}:{e.end}] {e.text}" for e in result.evidence]
    lines.append(f"reason   {result.reason}")
    lines.append(f"explain  verifier explain {claim.id} {result.source}")
    if drift:
        lines.append(f"the verdict differs from the approved matrix in {where}/: review it, "
                     "then accept with pytest --verifier-update")
    return "\n".join(map(one_line, lines))


class ApprovedMatrixFile(pytest.File):
    """The approved matrix, collected for the check no pair can make: is it up to date
    with the claims and articles that exist?"""

    def collect(self):
        yield UpToDateItem.from_parent(self, name=UP_TO_DATE)


UP_TO_DATE = "up-to-date"


class UpToDateItem(pytest.Item):
    """Fails while the approved matrix holds cells of deleted claims or articles, or
    details of claims and articles (statements, lines, outlets) that changed since."""

    def runtest(self) -> None:
        suite: Suite = self.config.stash[SUITE_KEY]
        if suite.settings.update:
            return  # the update drops them, or replaces a damaged file
        suite.events()  # counts the claim files that do not load
        if suite.approved_problem or suite._read_approved() is None:
            raise ApprovedMatrixDamaged(suite.approved_problem)
        if suite.broken_claim_files:
            pytest.skip(f"{suite.broken_claim_files} claim file(s) do not load: removed "
                        "cells are not judged until they do")
        self.removed = suite.removed()
        self.stale = suite.stale_details()
        if self.removed or self.stale:
            raise VerdictMismatch()

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ApprovedMatrixDamaged):
            return (f"{excinfo.value}; no pair was compared with the approved matrix: "
                    "replace it with pytest --verifier-update (or verifier check)")
        if not isinstance(excinfo.value, VerdictMismatch):
            return super().repr_failure(excinfo, style)
        lines = []
        if self.removed:
            summary = summarize(self.removed)
            lines.append(f"{len(self.removed)} approved cell(s) belong to a claim or article "
                         "that is gone:")
            lines += describe(summary)
        if self.stale:
            lines.append(f"{len(self.stale)} claim or article detail(s) changed since the "
                         "approved matrix:")
            lines += [f"  {one_line(line)}" for line in self.stale[:25]]
            if len(self.stale) > 25:
                lines.append(f"  ... and {len(self.stale) - 25} more")
        lines.append("accept with pytest --verifier-update (or verifier check), so the "
                     "committed reports follow")
        return "\n".join(lines)

    def reportinfo(self):
        return self.path, 0, UP_TO_DATE


def add_up_to_date_item(session: pytest.Session, items: list[pytest.Item]) -> None:
    """Add the up-to-date check when the run collected pairs to compare with an approved
    matrix (every process adds it the same way, so pytest-xdist agrees)."""
    suite: Suite = session.config.stash[SUITE_KEY]
    if (suite.settings.custom_articles or not has_approved(suite.settings.reports)
            or not any(isinstance(item, ClaimItem) for item in items)):
        return
    node = ApprovedMatrixFile.from_parent(session, path=suite.settings.reports / APPROVED_FILE)
    items.extend(node.collect())


def note_selection(session: pytest.Session, items: list[pytest.Item]) -> None:
    """Remember whether the up-to-date item is still selected after -k and -m: removed
    cells are reported, and dropped by an update, only when it is."""
    suite: Suite = session.config.stash[SUITE_KEY]
    suite.checks_approved = any(isinstance(item, UpToDateItem) for item in items)


def _differs(names: tuple[str, ...], old: tuple, new: tuple) -> str:
    return ", ".join(f"{name} {a!r} → {b!r}" for name, a, b in zip(names, old, new, strict=True)
                     if a != b)


SUITE_KEY = pytest.StashKey[Suite]()

__all__ = ["SUITE_KEY", "ClaimFileNode", "ClaimItem", "ExpectationsFileNode", "Suite",
           "SuiteConfig", "add_up_to_date_item", "note_selection"]
