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

import hashlib
import itertools
import pickle
import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from ..model import Evidence, Result, Verdict
from .matrix import Tally

_SCHEMA = """CREATE TABLE results (
    rank INTEGER NOT NULL, claim TEXT NOT NULL, source TEXT NOT NULL, verdict TEXT NOT NULL,
    expected TEXT, known_miss TEXT, event TEXT NOT NULL, reason TEXT NOT NULL,
    evidence BLOB NOT NULL)"""
_COLUMNS = "claim, source, verdict, expected, known_miss, event, reason, evidence"
# A cell's columns: no reason, and evidence only for a silent pair (its near-miss
# sentences, which mark it "silent, mentioned"; see Result.mentioned).
_CELL_COLUMNS = ("claim, source, verdict, expected, known_miss, '', '', "
                 "CASE WHEN verdict = 'silent' THEN evidence ELSE X'' END")
_VERDICTS = {v.value: v for v in Verdict}  # a dict lookup is several times Verdict(value)
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
        self._hash = hashlib.blake2b(digest_size=16)  # of every row, in the order added

    @classmethod
    def of(cls, results: Iterable[Result], claim_ids: Sequence[str] = ()) -> ResultStore:
        """Return a store holding the given results."""
        store = cls(claim_ids)
        store.add(results)
        return store

    def add(self, results: Iterable[Result]) -> None:
        """Store results (any order, any number: they are written in batches) and count them."""
        unknown, rank, count = len(self._rank), self._rank.get, self.tally.add
        for batch in _batched(results, 10_000):
            rows = []
            for r in batch:
                count(r)
                rows.append((rank(r.claim, unknown), r.claim, r.source, r.verdict.value,
                             r.expected.value if r.expected else None, r.known_miss or None,
                             r.event, r.reason, _pack(r.evidence)))
            self._hash.update(repr(rows).encode())
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

    @property
    def digest(self) -> str:
        """Return a digest of the results stored, in the order they were added.

        The same inputs give the same results in the same order (see `engine`), so
        equal digests mean equal runs; it costs one hash update per batch.
        """
        return f"{self._hash.hexdigest()}-{self.tally.total}"

    def __len__(self) -> int:
        return self.tally.total

    def __bool__(self) -> bool:
        return self.tally.total > 0

    def __iter__(self) -> Iterator[Result]:
        """Yield every result, by claim order then source."""
        return self._select("ORDER BY rank, claim, source, rowid")

    def by_source(self, evidence: bool = True) -> Iterator[tuple[str, dict[str, Result]]]:
        """Yield each source (sorted) with its results by claim id: one matrix row at a time.

        With `evidence=False` the results carry only their verdicts (claim, source,
        verdict, expected, known miss, and a silent pair's mentions): cheaper, and all a
        matrix cell shows.
        """
        rows = self._select("ORDER BY source, rank, claim, rowid",
                            _COLUMNS if evidence else _CELL_COLUMNS)
        for source, group in itertools.groupby(rows, key=lambda r: r.source):
            yield source, {r.claim: r for r in group}

    def by_cell(self) -> Iterator[Result]:
        """Yield every result sorted by (claim id, source): the order to compare two runs in."""
        return self._select("ORDER BY claim, source, rowid")

    def mismatches(self) -> Iterator[Result]:
        """Yield the results that do not meet their expectation, in iteration order."""
        found = self._select(f"WHERE {_MAYBE_MISMATCHED} ORDER BY rank, claim, source, rowid")
        return (r for r in found if not r.matches_expectation)

    def compare(self, cells: Iterable[tuple], removed: bool = False) -> Iterator[tuple]:
        """Compare the stored cells with approved ones, given as (claim, source, verdict,
        expected, known miss) tuples.

        Yields (claim, source, old verdict, verdict, old expected, expected, old known
        miss, known miss) for each stored cell that is new or differs in its verdict, its
        expected verdict or its known-miss note, in iteration order; then, with
        `removed`, the same for each approved cell the store does not hold (verdict,
        expected and known miss None), sorted by claim and source. Verdicts are Verdict
        members or None. The cells go to a temporary table: the comparison is one join
        on disk.
        """
        self._db.execute("DROP TABLE IF EXISTS temp.approved")
        self._db.execute("CREATE TEMP TABLE approved (claim TEXT, source TEXT, verdict TEXT, "
                         "expected TEXT, known TEXT, PRIMARY KEY (claim, source))")
        for chunk in _batched(cells, 10_000):
            self._db.executemany("INSERT OR REPLACE INTO approved VALUES (?, ?, ?, ?, ?)",
                                 chunk)
        v = _VERDICTS.get
        cursor = self._db.execute(
            "SELECT r.claim, r.source, a.verdict, r.verdict, a.expected, r.expected, a.known, "
            "r.known_miss FROM results r LEFT JOIN approved a "
            "ON a.claim = r.claim AND a.source = r.source "
            "WHERE a.verdict IS NOT r.verdict OR a.expected IS NOT r.expected "
            "OR a.known IS NOT r.known_miss ORDER BY r.rank, r.claim, r.source, r.rowid")
        for claim, source, old, new, old_expected, expected, old_known, known in cursor:
            yield (claim, source, v(old) if old else None, v(new), v(old_expected)
                   if old_expected else None, v(expected) if expected else None, old_known,
                   known)
        if removed:
            cursor = self._db.execute(
                "SELECT a.claim, a.source, a.verdict, a.expected, a.known FROM approved a "
                "LEFT JOIN results r ON a.claim = r.claim AND a.source = r.source "
                "WHERE r.claim IS NULL ORDER BY a.claim, a.source")
            for claim, source, old, old_expected, old_known in cursor:
                yield (claim, source, v(old), None, v(old_expected) if old_expected else None,
                       None, old_known, None)

    def sources(self) -> tuple[str, ...]:
        """Return the source ids, sorted."""
        return tuple(sorted(self.tally.counts))

    def close(self) -> None:
        """Drop the temporary database."""
        self._db.close()

    def _select(self, tail: str, columns: str = _COLUMNS) -> Iterator[Result]:
        cursor = self._db.execute(f"SELECT {columns} FROM results {tail}")
        for claim, source, verdict, expected, known, event, reason, evidence in cursor:
            yield Result(claim, source, _VERDICTS[verdict],
                         tuple(Evidence(*e) for e in pickle.loads(evidence)) if evidence else (),
                         reason, _VERDICTS[expected] if expected else None, event, known)


def _pack(evidence: tuple[Evidence, ...]) -> bytes:
    """Return evidence as bytes for the store (pickle: the store is private to this process,
    written and read by this code only, and deleted with it)."""
    return pickle.dumps(tuple((e.text, e.start, e.end) for e in evidence)) if evidence else b""


def _batched(items: Iterable, size: int) -> Iterator[list]:
    """Yield lists of up to `size` items (itertools.batched before Python 3.12)."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
