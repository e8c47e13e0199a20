"""Article metadata: field names (with the synonyms of CMS and scraper exports), ids, dates.

Front matter, JSON Lines records and HTML pages all name the same five things; this
module says which key means which, turns a name into a safe source id and reads dates.
Keys are matched case-insensitively, with '-', ' ' and camelCase read as '_'. When
several synonyms of one field are present, the first in the order below wins.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Mapping
from typing import Any

from anyascii import anyascii

# field -> the keys that give it, in order of precedence.
FIELDS: dict[str, tuple[str, ...]] = {
    "source": ("source", "source_id"),
    "outlet": ("outlet", "site_name", "sitename", "site", "publisher", "publication",
               "source_name", "newspaper", "source_domain", "domain"),
    "url": ("url", "link", "canonical_url", "canonical", "source_url", "permalink", "href",
            "uri"),
    "date": ("date", "published", "published_at", "publish_date", "published_date",
             "date_published", "date_publish", "pubdate", "datetime"),
    "title": ("title", "headline"),
}
# Where a JSON Lines record keeps the article itself (news-please calls it maintext).
TEXT_KEYS = ("text", "body", "content", "article", "article_text", "maintext", "full_text",
             "fulltext", "story")
FIELD_OF = {key: field for field, keys in FIELDS.items() for key in keys}
SOURCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def normal_key(key: Any) -> str:
    """Return a key as this module compares it: 'Published-At', 'publishedAt' -> 'published_at'."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", str(key).strip())
    return re.sub(r"[-\s]+", "_", spaced.lower())


def first_of(record: Mapping[str, Any], keys: tuple[str, ...]) -> tuple[str, Any] | None:
    """Return (key as written, value) of the first key present with a value, or None."""
    present = {normal_key(k): k for k in record}
    for key in keys:
        written = present.get(key)
        if written is not None and record[written] not in (None, "", [], {}):
            return written, record[written]
    return None


def is_source_id(name: str) -> bool:
    """Return True when a name can serve as a source id as it is."""
    return bool(SOURCE_ID.fullmatch(name))  # fullmatch: '$' also matches before a '\n'


def source_id(name: str) -> str:
    """Return a usable source id for a name: "Daily Mail (12 Sept)" -> "daily-mail-12-sept".

    A name that already is a source id is returned unchanged.
    """
    if is_source_id(name):
        return name
    folded = anyascii(name).lower()
    slug = re.sub(r"[^a-z0-9_.]+", "-", folded).strip("-._")
    return slug or "article"


def parse_date(value: Any) -> dt.date:
    """Return the date a value gives: YYYY-MM-DD, an ISO 8601 or RFC 2822 date-time.

    A date-time keeps the calendar date it was written with (no time-zone shift).
    Raise ValueError for anything else.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(value)
    text = value.strip()
    for parse in (dt.date.fromisoformat, lambda t: dt.datetime.fromisoformat(t).date()):
        try:
            return parse(text)
        except ValueError:
            pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        raise ValueError(value) from None


DATE_HINT = "write YYYY-MM-DD"


def text_value(value: Any) -> str | None:
    """Return a metadata value as text: a {name: ...} object gives its name."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        inner = first_of(value, ("name", "title", "id"))
        return None if inner is None else text_value(inner[1])
    return str(value).strip() or None
