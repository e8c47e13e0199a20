"""Data model: claims, articles, evidence and results as frozen dataclasses."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .reports.store import ResultStore


class Verdict(StrEnum):
    """What an article commits to about one claim.

    Values are the exact strings used in YAML, JSON and reports. Precedence when
    the sentences of one article disagree: contradicted > supported > hedged > silent.
    """

    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    HEDGED = "hedged"
    SILENT = "silent"
    ERROR = "error"  # the input could not be checked (bad article or claim file)

    @property
    def rank(self) -> int:
        """Return the precedence of this verdict (higher wins)."""
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


_RANK = {
    Verdict.ERROR: 5,
    Verdict.CONTRADICTED: 4,
    Verdict.SUPPORTED: 3,
    Verdict.HEDGED: 2,
    Verdict.SILENT: 1,
}

CHECKED_VERDICTS = (Verdict.SUPPORTED, Verdict.CONTRADICTED, Verdict.HEDGED, Verdict.SILENT)


class ClaimKind(StrEnum):
    """The kinds of claim a claim file can state."""

    QUANTITY = "quantity"
    STATUS = "status"
    ROLE = "role"
    RELATION = "relation"
    MEMBERSHIP = "membership"
    QUOTE = "quote"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Entity:
    """A person, organisation or thing, with every spelling that names it."""

    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Return the name followed by its aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Count:
    """A number or an inclusive range of numbers a claim expects."""

    low: float
    high: float
    about: bool = False  # "about 9,000": an approximate figure in the text also commits to it

    def __str__(self) -> str:
        if self.about:
            return f"about {number_text((self.low + self.high) / 2)}"
        if self.high == math.inf:
            return f"at least {number_text(self.low)}"
        if self.low == self.high:
            return number_text(self.low)
        return f"{number_text(self.low)} to {number_text(self.high)}"


def number_text(value: float) -> str:
    """Return a number as a reason shows it: 1,300, 6.8, 1,800,000."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Claim:
    """One expected fact, as written in a claim file.

    `slots` maps a slot name (``subject``, ``predicate``, ``opposite``, ``object``,
    ``counted``, ``context``, ``role``, ``phrase`` ...) to the terms that fill it;
    which slots a kind uses is documented in the claim-file schema.
    """

    id: str
    text: str
    kind: ClaimKind
    slots: tuple[tuple[str, tuple[str, ...]], ...]
    entity: Entity | None = None
    count: Count | None = None
    window: int | None = None
    as_of: dt.date | None = None
    path: str = ""
    line: int = 0

    def terms(self, slot: str) -> tuple[str, ...]:
        """Return the terms of one slot, or () when the claim does not use it."""
        for name, terms in self.slots:
            if name == slot:
                return terms
        return ()


@dataclass(frozen=True)
class ClaimFile:
    """A claim file: one event and its expected facts."""

    path: str
    event: str
    title: str
    as_of: dt.date
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Article:
    """An article body and its front matter; offsets in evidence refer to `body`."""

    source: str
    body: str
    path: str = ""
    outlet: str | None = None
    url: str | None = None
    date: dt.date | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence that decided a verdict, with its character span in the article body."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Finding:
    """What one sentence says about one claim."""

    verdict: Verdict
    evidence: Evidence
    reason: str


@dataclass(frozen=True, slots=True)
class Result:
    """The verdict for one (claim, source) pair, with its deciding evidence."""

    claim: str
    source: str
    verdict: Verdict
    evidence: tuple[Evidence, ...] = ()
    reason: str = ""
    expected: Verdict | None = None
    event: str = ""
    known_miss: str | None = None

    @property
    def mentioned(self) -> bool:
        """Return True for a near miss: silent, but the article mentions what the claim is
        about (its entity, object, or counted noun with a number). The evidence lists
        those sentences; the verdict, and every score, stay silent."""
        return self.verdict is Verdict.SILENT and bool(self.evidence)

    @property
    def matches_expectation(self) -> bool:
        """Return True when the verdict is acceptable for this pair.

        With an expected verdict recorded, it must be equal, except for a recorded
        known miss, which must still differ (strict: a fixed miss must be unmarked);
        with none, anything but a contradiction or an error is acceptable.
        """
        if self.expected is not None:
            return (self.verdict == self.expected) != bool(self.known_miss)
        return self.verdict not in (Verdict.CONTRADICTED, Verdict.ERROR)


@dataclass(frozen=True)
class Problem:
    """A bad input found while loading: reported, never raised past the engine.

    `level` is "error" (the file was not used) or "warning" (it was used, as said).
    """

    path: str
    line: int | None
    message: str
    level: str = "error"

    @property
    def is_error(self) -> bool:
        """Return True when the file could not be used."""
        return self.level == "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Expectation:
    """The editorial truth for one (claim, source) pair."""

    claim: str
    source: str
    verdict: Verdict
    evidence: str | None = None
    path: str = ""
    line: int = 0
    known_miss: str | None = None


@dataclass(frozen=True)
class SourceInfo:
    """What the reports show about an article besides its verdicts."""

    source: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    path: str = ""

    @classmethod
    def of(cls, article: Article) -> SourceInfo:
        """Return the report-facing facts of an article."""
        return cls(article.source, article.outlet, article.title, article.url, article.path)


@dataclass(frozen=True)
class Run:
    """Everything one check produced: results and the problems met on the way.

    `results` is a `store.ResultStore`: on disk, iterable in claim-then-source order,
    with running totals in `results.tally`.
    """

    results: ResultStore
    claims: tuple[Claim, ...]
    sources: tuple[str, ...]
    problems: tuple[Problem, ...] = field(default=())
    articles: tuple[SourceInfo, ...] = field(default=())
