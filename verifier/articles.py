"""Article files: UTF-8 text with an optional YAML front-matter block.

::

    ---
    source: reuters
    outlet: Reuters
    url: https://...
    date: 2025-09-11
    title: ...
    ---
    Article body. Evidence offsets count characters from the body's first character.

The source id defaults to the file name without its extension.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from .errors import ArticleError
from .loader import parse_yaml
from .model import Article, Problem

ARTICLE_SUFFIXES = (".txt", ".md")
FRONT_MATTER_KEYS = ("source", "outlet", "url", "date", "title")
_SOURCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_FENCE = "---"


def find_articles(paths: Iterable[str | Path]) -> list[Path]:
    """Return the article files named by paths: files as given, folders' .txt/.md files."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix in ARTICLE_SUFFIXES))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def split_front_matter(text: str, path: str) -> tuple[dict, str]:
    """Return (front matter, body) of an article text."""
    if not (text.startswith(_FENCE + "\n") or text.startswith(_FENCE + "\r\n")):
        return {}, text
    lines = text.splitlines(keepends=True)
    for n, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r\n") == _FENCE:
            head = "".join(lines[1:n])
            body = "".join(lines[n + 1:])
            return _front_matter(head, path), body
    raise ArticleError("front matter has no closing '---' line; end it with a line '---'",
                       path, 1)


def _front_matter(head: str, path: str) -> dict:
    doc, problems = parse_yaml(head, path)
    if problems:
        first = problems[0]
        line = first.line + 1 if first.line else 1
        raise ArticleError(f"front matter: {first.message}", path, line)
    data = doc.data if doc else {}
    if not isinstance(data, dict):
        raise ArticleError("front matter is not a mapping; write 'key: value' lines", path, 2)
    unknown = sorted(set(map(str, data)) - set(FRONT_MATTER_KEYS))
    if unknown:
        line = doc.line((unknown[0],)) + 1
        raise ArticleError(f"front matter: unknown key '{unknown[0]}'; allowed keys: "
                           f"{', '.join(FRONT_MATTER_KEYS)}", path, line)
    return data


def _date(value, path: str, line: int) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ArticleError(f"front matter: date '{value}' is not a date; write YYYY-MM-DD",
                           path, line) from None


def parse_article(text: str, path: str) -> Article:
    """Parse an article's text; raise ArticleError when it cannot be used."""
    meta, body = split_front_matter(text, path)
    source = str(meta.get("source") or Path(path).stem)
    if not _SOURCE_ID.match(source):
        raise ArticleError(f"source id '{source}' has characters other than letters, digits, "
                           "'-', '_' and '.'; set 'source:' in the front matter", path)
    if not body.strip():
        raise ArticleError("the article has no text; add the article body", path)
    date_line = 1 + next((n for n, line in enumerate(text.splitlines())
                          if line.startswith("date:")), 0)
    return Article(source=source, body=body, path=path,
                   outlet=_text(meta.get("outlet")), url=_text(meta.get("url")),
                   date=_date(meta.get("date"), path, date_line), title=_text(meta.get("title")))


def _text(value) -> str | None:
    return None if value is None else str(value)


def load_article(path: str | Path) -> Article:
    """Read and parse one article file."""
    shown = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ArticleError("no such article file; check the path", shown) from None
    except OSError as err:
        raise ArticleError(f"cannot read the article: {err.strerror}", shown) from None
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError("binary file, not text; give a UTF-8 text file", shown)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ArticleError(f"not UTF-8 text ({err.reason} at byte {err.start}); "
                           "convert it to UTF-8", shown) from None
    return parse_article(text.replace("\r\n", "\n"), shown)


def load_articles(paths: Iterable[str | Path]) -> Iterator[Article | Problem]:
    """Yield each article, or a Problem for a file that cannot be used; never stop early.

    A second article claiming a source id already seen is a problem too.
    """
    seen: dict[str, str] = {}
    for path in find_articles(paths):
        try:
            article = load_article(path)
        except ArticleError as err:
            yield Problem(err.path, err.line, err.message)
            continue
        except yaml.YAMLError as err:  # defensive: parse_yaml reports these itself
            yield Problem(str(path), None, f"front matter: {err}")
            continue
        if article.source in seen:
            yield Problem(str(path), None, f"source id '{article.source}' is already used by "
                                           f"{seen[article.source]}; give each article its own "
                                           "'source:'")
            continue
        seen[article.source] = str(path)
        yield article
