"""JSON Lines corpora (``.jsonl``, ``.jsonl.gz``): one article per line, streamed.

Each line is a JSON object with the article's text and metadata under the names of
`fields` (``text``/``body``/``content``/``article``/``maintext``, ``source``, ``url``/
``link``, ``date``/``published``/``published_at``, ``title``/``headline``,
``outlet``/``site_name``...). Other fields are ignored. The file is read a line at a
time, gzip-compressed or not, so its size does not matter; one line may hold up to
``MAX_LINE_BYTES``.

Every problem names the file and line. A bad line (broken JSON, no text, a bad date, a
bad source id) is an error for that article only; the other lines are read. A
truncated or corrupt gzip file keeps every line read before the damage. A record
without ``source`` gets the id ``<outlet, URL host or file name>-<line>``, and one note
per file says so.

JSON Lines are UTF-8. A file that is not (judged on its first 64 KiB) is read in the
encoding detected there, with one warning naming it.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from ..errors import ArticleError, quoted
from ..model import Article, Problem
from .encoding import choose
from .fields import (
    DATE_HINT,
    FIELDS,
    TEXT_KEYS,
    first_of,
    is_source_id,
    parse_date,
    source_id,
    text_value,
)

SUFFIXES = (".jsonl", ".jsonl.gz")
MAX_LINE_BYTES = 5 * 1024 * 1024
SAMPLE_BYTES = 64 * 1024
_DAMAGED = (EOFError, gzip.BadGzipFile, zlib.error)


def corpus_name(path: Path) -> str:
    """Return a corpus file's name without its suffixes: 'corpus.jsonl.gz' -> 'corpus'."""
    name = path.name
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[:-len(suffix)]
    return path.stem


def _open(path: Path) -> BinaryIO:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")


def _encoding(handle: BinaryIO, shown: str) -> tuple[str, list[Problem]]:
    """Return the encoding of a corpus, judged on its first bytes, and its warnings."""
    lines, size = [], 0
    try:  # whole lines, and only those before any damage (reported when reached again)
        while size < SAMPLE_BYTES and (line := handle.readline(SAMPLE_BYTES)):
            lines.append(line)
            size += len(line)
    except _DAMAGED:
        pass
    sample = b"".join(lines)
    if lines and not sample.endswith(b"\n"):  # a long line: it may end inside a character
        for cut in range(4):
            try:
                sample[:len(sample) - cut].decode("utf-8")
                return "utf-8", []
            except UnicodeDecodeError:
                pass
    encoding, warnings = choose(sample, shown)
    if encoding == "utf-16":
        raise ArticleError("UTF-16 text; JSON Lines are UTF-8: save it as UTF-8", shown)
    return ("utf-8" if encoding == "utf-8-sig" else encoding), warnings


def _skip_line(handle: BinaryIO) -> None:
    while (chunk := handle.readline(MAX_LINE_BYTES)) and not chunk.endswith(b"\n"):
        pass


class _Derived:
    """How many ids a corpus derived, and the first (for the note): no list per line."""

    def __init__(self) -> None:
        self.count, self.first = 0, ""

    def add(self, line: int, source: str) -> None:
        if not self.count:
            self.first = f"line {line}: '{source}'"
        self.count += 1


def read_corpus(path: Path, shown: str) -> Iterator[Article | Problem]:
    """Yield each line's article, or a Problem naming the line; never stop early."""
    derived = _Derived()
    number = records = 0
    try:
        with _open(path) as handle:
            encoding, warnings = _encoding(handle, shown)
            yield from warnings
            handle.seek(0)
            while raw := handle.readline(MAX_LINE_BYTES + 1):
                number += 1
                if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                    _skip_line(handle)
                    yield Problem(shown, number, f"longer than the {MAX_LINE_BYTES // 2**20} MB "
                                                 "limit for one article; check the export")
                    continue
                try:
                    article = _article(raw, encoding, shown, number, path, derived)
                except ArticleError as err:
                    records += 1
                    yield Problem(shown, number, err.message)
                    continue
                if article is not None:
                    records += 1
                    yield article
            if not records:
                yield Problem(shown, None, "no articles: the file is empty or holds only blank "
                                           "lines; write one JSON object per line")
    except gzip.BadGzipFile as err:
        yield Problem(shown, None, f"not a gzip file ({err}); name it .jsonl if it is not "
                                   "compressed")
    except _DAMAGED as err:
        yield Problem(shown, number + 1, f"the gzip file is damaged or truncated here ({err}); "
                                         f"the {number} line(s) before were read; compress it "
                                         "again or fetch it again")
    except ArticleError as err:
        yield Problem(shown, None, err.message)
    except OSError as err:
        yield Problem(shown, number + 1 if number else None,
                      f"cannot read the file: {err.strerror or err}")
    if derived.count:
        yield Problem(shown, None, f"{derived.count} article(s) without 'source' got ids from "
                                   f"their outlet, URL or file name and line ({derived.first}); "
                                   "add 'source' to choose them", "note")


def _record(raw: bytes, encoding: str, number: int) -> dict | None:
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as err:
        raise ArticleError(f"not {encoding} ({err.reason} at byte {err.start} of the line); "
                           "convert the file to UTF-8") from None
    text = text.rstrip("\r\n")  # so that JSON's columns count along this line
    if number == 1:
        text = text.removeprefix("\ufeff")
    if not text.strip():
        return None
    try:
        record = json.loads(text)
    except RecursionError:
        raise ArticleError("not valid JSON (nested too deeply); fix or remove the line") from None
    except json.JSONDecodeError as err:
        what = err.msg.removesuffix(" at")
        raise ArticleError(f"not valid JSON ({what} at column {err.colno}); fix or remove the "
                           "line") from None
    except ValueError as err:
        raise ArticleError(f"not valid JSON ({err}); fix or remove the line") from None
    if not isinstance(record, dict):
        kind = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
            type(record), "a number")
        raise ArticleError(f"{kind}, not a JSON object; write one object per line with the "
                           "article's 'text'")
    return _whole(record)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _whole(value):
    """Replace the halves of surrogate pairs JSON escapes can carry ("\\ud800" alone),
    which are no text, by U+FFFD: nothing downstream can encode them."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if not value.isascii() else value
    if isinstance(value, dict):
        return {_whole(k): _whole(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole(v) for v in value]
    return value


def _body(record: dict) -> str:
    found = first_of(record, TEXT_KEYS)
    if found is None:
        raise ArticleError("no article text (no 'text', 'body', 'content', 'article' or "
                           "'maintext' field with text); add the article's text")
    key, value = found
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "\n\n".join(v.strip() for v in value)
    if not isinstance(value, str):
        raise ArticleError(f"'{key}' is {type(value).__name__}, not text; give the article's "
                           "text as a string")
    if not value.strip():
        raise ArticleError(f"'{key}' is empty: the article has no text; add it")
    return value


def _source(record: dict, found: dict[str, Any], number: int, path: Path,
            derived: _Derived) -> str:
    given = found["source"]
    if given is not None and not isinstance(given[1], dict):
        source = str(given[1]).strip()
        if not is_source_id(source):
            raise ArticleError(f"source id {quoted(source)} has characters other than letters, "
                               f"digits, '-', '_' and '.'; fix '{given[0]}' or drop it (an id "
                               "is then derived from the outlet or URL and the line)")
        return source
    outlet = text_value(found["outlet"][1]) if found["outlet"] else None
    if outlet is None and given is not None:  # {"source": {"name": "Reuters"}} names the outlet
        outlet = text_value(given[1])
    url = text_value(found["url"][1]) if found["url"] else None
    host = (urlsplit(url).hostname or "") if url else ""
    base = outlet or host.removeprefix("www.") or corpus_name(path)
    source = f"{source_id(base)}-{number}"
    derived.add(number, source)
    return source


def _article(raw: bytes, encoding: str, shown: str, number: int, path: Path,
             derived: _Derived) -> Article | None:
    record = _record(raw, encoding, number)
    if record is None:
        return None
    found = {field: first_of(record, keys) for field, keys in FIELDS.items()}
    body = _body(record)
    date = None
    if found["date"]:
        key, value = found["date"]
        try:
            date = parse_date(value)
        except ValueError:
            raise ArticleError(f"{key} {quoted(value)} is not a date; {DATE_HINT}") from None
    outlet = text_value(found["outlet"][1]) if found["outlet"] else None
    if outlet is None and found["source"] and isinstance(found["source"][1], dict):
        outlet = text_value(found["source"][1])
    source = _source(record, found, number, path, derived)
    return Article(source=source, body=body, path=f"{shown}:{number}", outlet=outlet,
                   url=text_value(found["url"][1]) if found["url"] else None, date=date,
                   title=text_value(found["title"][1]) if found["title"] else None)
