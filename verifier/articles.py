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

What happens to files that are not like that (each is one line on stderr; the
other articles are always checked):

| the file | behaviour |
|---|---|
| UTF-8, with or without a byte order mark | read |
| UTF-16 with a byte order mark | read, with a warning |
| not UTF-8 (Latin-1, Windows-1252) | read as Windows-1252, with a warning |
| binary (a NUL byte in the first 8 KiB) | refused: error |
| empty, or only white space | refused: error |
| larger than MAX_ARTICLE_BYTES (5 MiB) | refused: error |
| no sentence punctuation | read, with a warning: each line is one sentence |
| front matter that does not parse, lacks its closing `---`, has an unknown key or a bad  |
|   date | refused: error, with the line |
| a source id already used by another article | refused: error |
| a link in an article folder that points outside it | refused: error |
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from anyascii import anyascii

from .errors import ArticleError
from .loader import parse_yaml
from .model import Article, Problem

ARTICLE_SUFFIXES = (".txt", ".md")
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
_SENTENCE_PUNCTUATION = re.compile(r"[.!?…。]")
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


def source_id(name: str) -> str:
    """Return a usable source id for a name: "Daily Mail (12 Sept)" -> "daily-mail-12-sept".

    A name that already is a source id is returned unchanged.
    """
    if _SOURCE_ID.match(name):
        return name
    folded = anyascii(name).lower()
    slug = re.sub(r"[^a-z0-9_.]+", "-", folded).strip("-._")
    return slug or "article"


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


def decode(raw: bytes, shown: str) -> tuple[str, list[Problem]]:
    """Return the text of an article file and the warnings its encoding deserves."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), [Problem(shown, None, "UTF-16 text; read as UTF-16 "
                                                  "(save it as UTF-8 to silence this)",
                                                  "warning")]
        except UnicodeDecodeError:
            raise ArticleError("starts like UTF-16 but is not; save it as UTF-8", shown) from None
    if b"\x00" in raw[:8192]:
        raise ArticleError("binary file, not text; give a UTF-8 text file", shown)
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        text = raw.decode("cp1252", errors="replace")
        return text, [Problem(shown, None, f"not UTF-8 ({err.reason} at byte {err.start}); "
                                           "read as Windows-1252 (Latin-1); convert it to UTF-8 "
                                           "to silence this", "warning")]


def load_article(path: str | Path) -> tuple[Article, list[Problem]]:
    """Read and parse one article file; return it with any warnings about how it was read."""
    shown = str(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(f"{size / 2**20:.1f} MB, larger than the "
                               f"{MAX_ARTICLE_BYTES // 2**20} MB limit for one article; "
                               "check the scrape or split it", shown)
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ArticleError("no such article file; check the path", shown) from None
    except OSError as err:
        raise ArticleError(f"cannot read the article: {err.strerror}", shown) from None
    text, warnings = decode(raw, shown)
    article = parse_article(text.replace("\r\n", "\n"), shown)
    if not _SENTENCE_PUNCTUATION.search(article.body):
        warnings.append(Problem(shown, None, "no sentence punctuation; each line is read as one "
                                             "sentence", "warning"))
    return article, warnings


def _outside(path: Path, roots: list[Path]) -> Path | None:
    """Return the folder a path was found in when it resolves outside that folder."""
    for root in roots:
        if path.is_relative_to(root) and not path.resolve().is_relative_to(root.resolve()):
            return root
    return None


def load_articles(paths: Iterable[str | Path]) -> Iterator[Article | Problem]:
    """Yield each article, or a Problem for a file that cannot be used; never stop early.

    Warnings (a file read with a fallback encoding) come just before their article.
    A second article claiming a source id already seen is a problem too.
    """
    seen: dict[str, str] = {}
    paths = list(map(Path, paths))
    roots = [p for p in paths if p.is_dir()]
    for path in find_articles(paths):
        root = _outside(path, roots)
        if root is not None:
            yield Problem(str(path), None, f"links outside {root}; refusing to read it (copy "
                                           "the article into the folder instead)")
            continue
        try:
            article, warnings = load_article(path)
        except ArticleError as err:
            yield Problem(err.path, err.line, err.message)
            continue
        yield from warnings
        if article.source in seen:
            yield Problem(str(path), None, f"source id '{article.source}' is already used by "
                                           f"{seen[article.source]}; give each article its own "
                                           "'source:'")
            continue
        seen[article.source] = str(path)
        yield article
