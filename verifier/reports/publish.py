"""Write reports to disk: atomically, all of a run's files or none, with a digest that
says whether a rendering would come out the same."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import astuple
from importlib import resources
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..model import Run
from .formats import REPORT_FILES, write

RENDERER_SUFFIXES = (".py",)


def run_digest(run: Run, fmt: str = "") -> str:
    """Return a digest of everything a rendering of the run is made from.

    That is the run (claims, sources, articles, problems and the results' own digest)
    and the renderers' source, so equal digests mean byte-identical reports.
    """
    digest = hashlib.sha256(json.dumps([
        fmt, __version__, [[c.id, c.text, c.kind.value, c.path, c.line] for c in run.claims],
        list(run.sources), [astuple(a) for a in run.articles],
        [astuple(p) for p in run.problems], run.results.digest], ensure_ascii=False).encode())
    folder = resources.files("verifier.reports")
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if item.is_file() and item.name.endswith(RENDERER_SUFFIXES):
            digest.update(item.name.encode() + b"\0" + item.read_bytes())
    templates = folder / "templates"
    if templates.is_dir():
        for item in sorted(templates.iterdir(), key=lambda i: i.name):
            digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return digest.hexdigest()


def _publishable(fd: int) -> None:
    """Give a staged file the mode a plain ``open()`` would: mkstemp makes it 0600."""
    mask = os.umask(0)
    os.umask(mask)
    os.fchmod(fd, 0o666 & ~mask)


def write_atomic(path: str | Path, content: str | Callable[[TextIO], None]) -> None:
    """Write a file through a temporary file and a rename, so it is never half-written.

    `content` is the text, or a function that writes it to the open file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        _publishable(fd)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            if callable(content):
                content(handle)
            else:
                handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


JOURNAL = ".publish.json"  # the renames a publication still owes, while it runs


def recover(folder: str | Path) -> None:
    """Finish a publication a killed run left half done, or clear what it left.

    A publication stages every report, writes the journal (the list of renames), then
    renames. Killed before the journal, nothing was published: the staged files go.
    Killed after it, the staged files are complete: the renames are done now, so the
    folder holds one run's reports, never a mix.
    """
    folder = Path(folder)
    journal = folder / JOURNAL
    if journal.exists():
        try:
            pending = json.loads(journal.read_text(encoding="utf-8"))
            for tmp, name in pending:
                staged = folder / Path(tmp).name
                if staged.exists():
                    os.replace(staged, folder / Path(name).name)
        except (ValueError, TypeError):
            pass  # a journal cut short: its publication never started renaming
        journal.unlink(missing_ok=True)
    for stale in folder.glob(".*.tmp"):
        stale.unlink(missing_ok=True)


@contextmanager
def locked(folder: str | Path, wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold a folder's lock (an advisory lock on the folder itself) while inside.

    Two runs writing the same reports folder take turns: the second waits, calling
    `wait` once first so it can say why.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if wait is not None:
                wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def write_reports(run: Run, folder: str | Path) -> list[Path]:
    """Write results.json and its renderings into a folder, all of them or none.

    Every rendering is streamed to a temporary file before the first report is
    replaced; then a journal lists the renames, and each report is replaced by a
    rename. A failure before the journal leaves every previous report whole; a kill
    after it is finished by the next run (`recover`). Call it under `locked` when
    other runs may write the same folder.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    recover(folder)
    staged: list[tuple[str, Path]] = []
    try:
        for fmt, name in REPORT_FILES.items():
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
            staged.append((name, Path(tmp)))
            _publishable(fd)
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                write(run, fmt, handle)
                handle.flush()
                os.fsync(handle.fileno())
        write_atomic(folder / JOURNAL, json.dumps([[tmp.name, name] for name, tmp in staged]))
        for name, tmp in staged:
            os.replace(tmp, folder / name)
        (folder / JOURNAL).unlink()
    finally:
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)
    return [folder / name for name in REPORT_FILES.values()]
