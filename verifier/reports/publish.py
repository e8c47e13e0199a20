"""Write reports to disk: atomically, all of a run's files or none, with a digest that
says whether a rendering would come out the same."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
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


def write_reports(run: Run, folder: str | Path) -> list[Path]:
    """Write results.json and its renderings (Markdown, CSV, HTML) into a folder.

    Every rendering is streamed to a temporary file before the first report is
    replaced, and each is replaced by a rename: a failure or an interruption
    leaves every previous report whole. Temporary files left by a killed run are
    removed by the next one.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(".*.tmp"):
        stale.unlink(missing_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for fmt, name in REPORT_FILES.items():
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
            staged.append((name, Path(tmp)))
            _publishable(fd)
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                write(run, fmt, handle)
        for name, tmp in staged:
            os.replace(tmp, folder / name)
    finally:
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)
    return [folder / name for name in REPORT_FILES.values()]
