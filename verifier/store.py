"""The results of a run, kept in a private temporary SQLite database instead of memory.

A run over ten thousand articles and a hundred claims makes a million results, each
with its evidence sentences; holding them as objects would make memory grow with the
corpus. The store writes them to an on-disk temporary database (SQLite deletes it
when the store is closed or collected) and counts them as they arrive (a `Tally`),
so reports stream from it and their totals need no extra pass.

Order is fixed whatever order results arrive in: iteration is by claim (in the
order given) then source; `by_source` groups one row of the matrix at a time.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from .matrix import Tally
from .model import Evidence, Result, Verdict

_SCHEMA = """CREATE TABLE results (
    rank INTEGER NOT NULL, claim TEXT NOT NULL, source TEXT NOT NULL, verdict TEXT NOT NULL,
    expected TEXT, known_miss TEXT, event TEXT NOT NULL, reason TEXT NOT NULL,
    evidence TEXT NOT NULL)"""
_COLUMNS = "claim, source, verdict, expected, known_miss, event, reason, evidence"
# Rows that may fail their expectation (see Result.matches_expectation); the
# rows found are checked again in Python, so this only has to be wide enough.
_MAYBE_MISMATCHED = ("(expected IS NULL AND verdict IN ('contradicted', 'error')) OR "
                     "(expected IS NOT NULL AND (verdict = expected) = (known_miss IS NOT NULL))")


class ResultStore:
    """A run's results on disk, with running totals; iterate it like a sequence."""

    def __init__(self, claim_ids: Sequence[str] = ()) -> None:
        self._rank = {claim: n for n, claim in enumerate(claim_ids)}
        # An empty file name is SQLite's private temporary database: pages beyond its
        # small cache go to a temporary file, removed when the connection closes.
        self._db = sqlite3.connect("")
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute(_SCHEMA)
        self.tally = Tally()

    @classmethod
    def of(cls, results: Iterable[Result], claim_ids: Sequence[str] = ()) -> ResultStore:
        """Return a store holding the given results."""
        store = cls(claim_ids)
        store.add(results)
        return store

    def add(self, results: Iterable[Result]) -> None:
        """Store results (any order) and count them."""
        unknown = len(self._rank)
        rows = []
        for r in results:
            self.tally.add(r)
            rows.append((self._rank.get(r.claim, unknown), r.claim, r.source, r.verdict.value,
                         r.expected.value if r.expected else None, r.known_miss or None,
                         r.event, r.reason,
                         json.dumps([[e.text, e.start, e.end] for e in r.evidence],
                                    ensure_ascii=False) if r.evidence else ""))
        self._db.executemany(f"INSERT INTO results VALUES (?, {', '.join('?' * 8)})", rows)

    def order_claims(self, claim_ids: Sequence[str]) -> None:
        """Set the claim order after the results were stored (claims named later)."""
        self._rank = {claim: n for n, claim in enumerate(claim_ids)}
        self._db.execute("CREATE TEMP TABLE ranks (claim TEXT PRIMARY KEY, rank INTEGER)")
        self._db.executemany("INSERT INTO ranks VALUES (?, ?)", self._rank.items())
        self._db.execute("UPDATE results SET rank = coalesce("
                         "(SELECT rank FROM ranks WHERE ranks.claim = results.claim), ?)",
                         (len(self._rank),))
        self._db.execute("DROP TABLE ranks")

    def __len__(self) -> int:
        return self.tally.total

    def __bool__(self) -> bool:
        return self.tally.total > 0

    def __iter__(self) -> Iterator[Result]:
        """Yield every result, by claim order then source."""
        return self._select("ORDER BY rank, claim, source, rowid")

    def by_source(self) -> Iterator[tuple[str, dict[str, Result]]]:
        """Yield each source (sorted) with its results by claim id: one matrix row at a time."""
        rows = self._select("ORDER BY source, rank, claim, rowid")
        for source, group in itertools.groupby(rows, key=lambda r: r.source):
            yield source, {r.claim: r for r in group}

    def by_cell(self) -> Iterator[Result]:
        """Yield every result sorted by (claim id, source): the order to compare two runs in."""
        return self._select("ORDER BY claim, source, rowid")

    def mismatches(self) -> Iterator[Result]:
        """Yield the results that do not meet their expectation, in iteration order."""
        found = self._select(f"WHERE {_MAYBE_MISMATCHED} ORDER BY rank, claim, source, rowid")
        return (r for r in found if not r.matches_expectation)

    def sources(self) -> tuple[str, ...]:
        """Return the source ids, sorted."""
        return tuple(sorted(self.tally.counts))

    def close(self) -> None:
        """Drop the temporary database."""
        self._db.close()

    def _select(self, tail: str) -> Iterator[Result]:
        cursor = self._db.execute(f"SELECT {_COLUMNS} FROM results {tail}")
        for claim, source, verdict, expected, known, event, reason, evidence in cursor:
            yield Result(claim=claim, source=source, verdict=Verdict(verdict),
                         evidence=tuple(Evidence(*e) for e in json.loads(evidence))
                         if evidence else (),
                         reason=reason, expected=Verdict(expected) if expected else None,
                         event=event, known_miss=known)
