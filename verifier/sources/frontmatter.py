"""Text articles: an optional YAML front-matter block, then the body.

::

    ---
    source: reuters
    outlet: Reuters
    url: https://...
    date: 2025-09-11
    title: ...
    author: Jane Roe        # any other key (CMS exports have many) is accepted and ignored
    ---
    Article body. Evidence offsets count characters from the body's first character.

Keys are read through `fields` (so `published:` or `link:` work too). A key that looks
like a misspelt field (`sorce:`) is refused, since it would silently drop what it meant.
Without `source:` the source id comes from the file name, made safe when it has to be.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from ..errors import ArticleError, quoted
from ..loader import parse_yaml
from ..model import Article, Problem
from .fields import (
    DATE_HINT,
    FIELD_OF,
    FIELDS,
    first_of,
    is_source_id,
    normal_key,
    parse_date,
    source_id,
    text_value,
)

FENCE = "---"
NEAR_MISS = 0.8  # difflib ratio above which an unknown key reads as a misspelt field


def _read(text: str, path: str) -> tuple[dict, dict[Any, int], str]:
    """Return (front matter, line of each key, body) of an article text."""
    if not (text.startswith(FENCE + "\n") or text.startswith(FENCE + "\r\n")):
        return {}, {}, text
    lines = text.splitlines(keepends=True)
    for n, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r\n") == FENCE:
            meta, key_lines = _front_matter("".join(lines[1:n]), path)
            return meta, key_lines, "".join(lines[n + 1:])
    raise ArticleError("front matter has no closing '---' line; end it with a line '---'",
                       path, 1)


def split_front_matter(text: str, path: str) -> tuple[dict, str]:
    """Return (front matter, body) of an article text."""
    meta, _, body = _read(text, path)
    return meta, body


def _front_matter(head: str, path: str) -> tuple[dict, dict[Any, int]]:
    doc, problems = parse_yaml(head, path)
    if problems:
        first = problems[0]
        line = first.line + 1 if first.line else 1
        raise ArticleError(f"front matter: {first.message}", path, line)
    data = doc.data if doc else {}
    if not isinstance(data, dict):
        raise ArticleError("front matter is not a mapping; write 'key: value' lines", path, 2)
    key_lines = {key: doc.line((key,)) + 1 for key in data}
    for key in data:
        name = normal_key(key)
        if name in FIELD_OF:
            continue
        close = difflib.get_close_matches(name, list(FIELD_OF), n=1, cutoff=NEAR_MISS)
        if close:
            raise ArticleError(f"front matter: unknown key {quoted(key)} (did you mean "
                               f"'{close[0]}'?); the keys read are {', '.join(FIELDS)} "
                               "(others, such as author or tags, are ignored)",
                               path, key_lines[key])
    return data, key_lines


def parse_text(text: str, path: str) -> tuple[Article, list[Problem]]:
    """Parse an article's text; return it with notes, or raise ArticleError."""
    meta, key_lines, body = _read(text, path)
    found = {field: first_of(meta, keys) for field, keys in FIELDS.items()}
    notes = []
    if found["source"]:
        source = str(found["source"][1])
        if not is_source_id(source):
            raise ArticleError(f"source id {quoted(source)} has characters other than letters, "
                               "digits, '-', '_' and '.'; set 'source:' in the front matter",
                               path)
    else:
        name = Path(path).stem
        source = source_id(name)
        if source != name:
            notes.append(Problem(path, None, f"file name '{name}' gives the source id "
                                             f"'{source}'; set 'source:' in the front matter "
                                             "to choose another", "note"))
    if not body.strip():
        raise ArticleError("the article has no text; add the article body", path)
    date = None
    if found["date"]:
        key, value = found["date"]
        try:
            date = parse_date(value)
        except ValueError:
            raise ArticleError(f"front matter: {key} {quoted(value)} is not a date; {DATE_HINT}",
                               path, key_lines.get(key)) from None
    values = {f: text_value(found[f][1]) if found[f] else None for f in ("outlet", "url", "title")}
    return Article(source=source, body=body, path=path, date=date, **values), notes
