"""A cache of verdicts, keyed by article content, claim content and verifier version.

A cached verdict is reused only when all three keys match: the article body's
SHA-256, the claim's own fields (not its place in the file) and a fingerprint of
the verifier (package version, pipeline version, the lexicons and the matching
limits). Changing one article re-checks its pairs; changing one claim re-checks
that claim's pairs; changing the verifier re-checks everything.

The cache is one SQLite file (standard library) in a git-ignored folder,
`.verifier-cache/` by default; `--no-cache` bypasses it. It also stamps the reports
it saw written (digest of the run, size and mtime of each file), so a re-run whose
reports would come out the same leaves them alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Iterable
from functools import cache
from importlib import metadata, resources
from pathlib import Path

from . import __version__
from .model import Claim, Evidence, Result, Verdict

CACHE_DIR = ".verifier-cache"
# One row per (verifier, article): a JSON object of claim key -> [verdict, evidence,
# reason], so a warm run reads and decodes one row per article.
_SCHEMA = """CREATE TABLE IF NOT EXISTS articles (
    verifier TEXT NOT NULL, article TEXT NOT NULL, results TEXT NOT NULL,
    PRIMARY KEY (verifier, article))"""
# What a report file was last written from: target (a reports folder or an output file)
# -> digest of the run and renderers, and the size and mtime of every file written.
_STAMPS = """CREATE TABLE IF NOT EXISTS stamps (
    target TEXT PRIMARY KEY, digest TEXT NOT NULL, files TEXT NOT NULL)"""


# Libraries whose release can change a verdict: the tokenizer and sentencizer, the lemma
# tables, number words, transliteration, and the YAML reading of claim files and lexicons.
VERDICT_LIBRARIES = ("spacy", "spacy-lookups-data", "text2num", "anyascii", "PyYAML")
# Modules that only present results: editing them never changes a verdict.
# The whole of `reports/` (aggregation and renderings) is presentation too, and so are
# the Dask engine (it runs the same Verifier) and the notebook reader.
_PRESENTATION = {"__main__.py", "cli.py", "plugin.py", "suite.py", "cache.py", "ingest.py",
                 "distributed.py", "results.py", "reports"}


def library_versions() -> dict[str, str]:
    """Return the installed version of every library in ``VERDICT_LIBRARIES``."""
    versions = {}
    for name in VERDICT_LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "missing"
    return versions


@cache
def verifier_fingerprint() -> str:
    """Return a hash of everything besides claims and articles that decides a verdict."""
    # The source of every module that reads or decides, every lexicon and schema, and
    # the versions of the libraries that read the text are all part of the key
    # (without importing spaCy: a fully cached run never loads it).
    digest = hashlib.sha256(__version__.encode())
    for name, version in sorted(library_versions().items()):
        digest.update(f"{name}=={version}\n".encode())
    root = resources.files("verifier")
    for relative, item in sorted(_package_files(root, "")):
        digest.update(relative.encode() + b"\0" + item.read_bytes())
    return digest.hexdigest()[:32]


def _package_files(folder, prefix: str):
    for item in folder.iterdir():
        relative = f"{prefix}{item.name}"
        if item.is_dir():
            if item.name != "__pycache__" and relative not in _PRESENTATION:
                yield from _package_files(item, relative + "/")
        elif item.name.endswith((".py", ".yaml", ".json")) and relative not in _PRESENTATION:
            yield relative, item


def article_key(body: str, date: dt.date | None = None, title: str | None = None) -> str:
    """Return the cache key of an article: its body, its date (dates decide time words)
    and its headline (a headline naming the event puts the article in its scope)."""
    dated = f"{date.isoformat() if date else ''}\0{title or ''}\0{body}"
    return hashlib.sha256(dated.encode("utf-8")).hexdigest()


def claim_key(claim: Claim) -> str:
    """Return the cache key of a claim: its fields, not where it stands in its file."""
    fields = [claim.id, claim.text, claim.kind.value, claim.slots,
              claim.entity.names if claim.entity else None,
              (claim.count.low, claim.count.high, claim.count.about) if claim.count else None,
              claim.window,
              claim.as_of.isoformat() if claim.as_of else None]
    return hashlib.sha256(json.dumps(fields, default=list).encode()).hexdigest()


def _stat(path: str | Path) -> list[int] | None:
    try:
        found = Path(path).stat()
    except OSError:
        return None
    return [found.st_size, found.st_mtime_ns]


def _write_ahead(db: sqlite3.Connection, patience: float = 60.0) -> None:
    """Put a cache database in WAL mode (readers never wait for the writer).

    Switching needs the database to itself, and SQLite does not wait for that: two
    processes opening a new cache at once (`pytest -n 2`, two terminals) would see
    "database is locked". Retry for a while; a database already in WAL mode needs no
    switch.
    """
    deadline = time.monotonic() + patience
    delay = 0.01
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


# What a damaged or unusable cache raises: SQLite's errors, a row that is not the JSON
# this module writes, a folder that is a file or cannot be written.
_FAULTS = (sqlite3.Error, ValueError, TypeError, KeyError, IndexError, OSError,
           RecursionError)
DB_NAME = "verdicts.sqlite3"
BUSY_TIMEOUT = 60.0  # seconds to wait for another run that is writing the cache


class ResultCache:
    """Read and write cached verdicts for one verifier fingerprint.

    The cache only ever saves time: whatever goes wrong with it (a damaged file, a
    folder that is a file or read-only, a full disk, another run holding it too long,
    rows of the wrong type) is a cache miss, said once in `warnings`, never a failed
    run. A file that is not a database is set aside and rebuilt.
    """

    def __init__(self, folder: str | Path = CACHE_DIR) -> None:
        self.folder = Path(folder)
        self.fingerprint = verifier_fingerprint()
        self.warnings: list[str] = []
        self.hits = 0
        self.misses = 0
        # `--jobs` reads the cache from the worker pool's feeder thread and writes it from
        # the main thread: one connection, used under a lock.
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._writable = True
        try:
            self._db = self._open()
        except _FAULTS as err:
            if not _damaged(err):
                self._give_up(f"cannot use the cache ({_why(err)}); checking without it")
                return
            self._rebuild(err)

    def _open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        gitignore = self.folder / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text("*\n", encoding="utf-8")
        db = sqlite3.connect(self.folder / DB_NAME, timeout=BUSY_TIMEOUT,
                             check_same_thread=False)
        try:
            _write_ahead(db)
            db.execute(_SCHEMA)
            db.execute(_STAMPS)
            db.execute("SELECT count(*) FROM articles LIMIT 1").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def _rebuild(self, err: Exception) -> None:
        """Set a damaged database aside and start an empty one."""
        path = self.folder / DB_NAME
        try:
            for suffix in ("", "-wal", "-shm"):
                damaged = Path(f"{path}{suffix}")
                if damaged.exists():
                    damaged.replace(Path(f"{path}{suffix}.damaged"))
            self._db = self._open()
        except _FAULTS as again:
            self._give_up(f"the cache is damaged ({_why(err)}) and cannot be rebuilt "
                          f"({_why(again)}); checking without it")
            return
        self._warn(f"the cache was damaged ({_why(err)}); set it aside as {DB_NAME}.damaged "
                   "and started a new one")

    def _warn(self, message: str) -> None:
        line = f"{self.folder}: {message}"
        if line not in self.warnings:
            self.warnings.append(line)

    def _give_up(self, message: str) -> None:
        """Stop using the cache for the rest of the run."""
        self._warn(message)
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None

    def _stored(self, article: str) -> dict[str, list]:
        if self._db is None:
            return {}
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT results FROM articles WHERE verifier = ? AND article = ?",
                    (self.fingerprint, article)).fetchone()
            stored = json.loads(row[0]) if row else {}
            if not isinstance(stored, dict):
                raise ValueError("a row is not a mapping")
            return stored
        except _FAULTS as err:
            self._warn(f"damaged entries in the cache ({_why(err)}); they are checked again")
            return {}

    def get(self, article: str, claims: dict[str, str], source: str = "",
            events: dict[str, str] | None = None) -> dict[str, Result]:
        """Return the cached results of an article, by claim id (claims: id -> claim key)."""
        stored = self._stored(article)
        events = events or {}
        found = {}
        for claim_id, key in claims.items():
            row = stored.get(key)
            if row is None:
                continue
            try:
                found[claim_id] = Result(
                    claim=claim_id, source=source, verdict=Verdict(row[0]),
                    evidence=tuple(Evidence(str(e[0]), int(e[1]), int(e[2])) for e in row[1]),
                    reason=str(row[2]), event=events.get(claim_id, ""))
            except _FAULTS as err:
                self._warn(f"damaged entries in the cache ({_why(err)}); they are checked "
                           "again")
        self.hits += len(found)
        self.misses += len(claims) - len(found)
        return found

    def put(self, article: str, results: Iterable[tuple[str, Result]]) -> None:
        """Store results of an article (pairs of claim key and result)."""
        if self._db is None or not self._writable:
            return
        stored = self._stored(article)
        stored.update({key: [r.verdict.value, [[e.text, e.start, e.end] for e in r.evidence],
                             r.reason]
                       for key, r in results if r.verdict is not Verdict.ERROR})
        try:
            with self._lock:
                self._db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?)",
                                 (self.fingerprint, article,
                                  json.dumps(stored, ensure_ascii=False)))
        except _FAULTS as err:
            self._stop_writing(err)

    def _stop_writing(self, err: Exception) -> None:
        self._writable = False
        self._warn(f"cannot write the cache ({_why(err)}); this run's verdicts are not "
                   "cached")
        try:
            with self._lock:
                self._db.rollback()
        except _FAULTS:
            pass

    def is_current(self, target: str | Path, digest: str) -> bool:
        """Return True when `target` was written from a run of this digest and its files
        have not been touched since (same size and modification time, as git's index)."""
        if self._db is None:
            return False
        try:
            with self._lock:
                row = self._db.execute("SELECT digest, files FROM stamps WHERE target = ?",
                                       (str(Path(target).resolve()),)).fetchone()
            if row is None or row[0] != digest:
                return False
            return all(_stat(path) == stat for path, stat in json.loads(row[1]).items())
        except _FAULTS:
            return False

    def stamp(self, target: str | Path, digest: str, files: Iterable[str | Path]) -> None:
        """Record that `target` (its `files`) was just written from a run of this digest."""
        if self._db is None or not self._writable:
            return
        stats = {str(Path(f).resolve()): _stat(f) for f in files}
        try:
            with self._lock:
                self._db.execute("INSERT OR REPLACE INTO stamps VALUES (?, ?, ?)",
                                 (str(Path(target).resolve()), digest, json.dumps(stats)))
        except _FAULTS as err:
            self._stop_writing(err)

    def commit(self) -> None:
        """Make what was stored so far visible to other processes."""
        if self._db is None or not self._writable:
            return
        try:
            with self._lock:
                self._db.commit()
        except _FAULTS as err:
            self._stop_writing(err)

    def close(self) -> None:
        """Commit and close the database."""
        if self._db is None:
            return
        self.commit()
        try:
            with self._lock:
                self._db.close()
        except _FAULTS:
            pass
        self._db = None


def _damaged(err: Exception) -> bool:
    """Return True for a cache file that exists but is not a sound database."""
    text = str(err).lower()
    return isinstance(err, sqlite3.DatabaseError) and not isinstance(
        err, sqlite3.OperationalError) or "malformed" in text or "not a database" in text


def _why(err: Exception) -> str:
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    return str(err) or type(err).__name__
