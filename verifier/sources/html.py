"""HTML pages: the article's main text and its metadata, extracted by trafilatura.

trafilatura (an optional extra, ``pip install 'claim-verifier[html]'``) drops menus,
teasers, comments and footers, and reads title, date, canonical URL and site name from
the page's metadata (meta tags, JSON-LD, ``<time>``); failing those, an ISO date written
in the page (htmldate's extensive search of the running text, which turns "in 2019" into
2019-01-01, is off). No date is too late, so a page reads the same on any day. A heading
that repeats the title is dropped from the body, as `ingest` does. A page whose extract
holds no sentence of four words or more has no article text: an error.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from functools import cache

from ..errors import ArticleError
from .fields import parse_date, text_value

INSTALL_HINT = "pip install 'claim-verifier[html]'"
MIN_SENTENCE_WORDS = 4
_SENTENCE = re.compile(r"[.!?…。][\"”’')\]]*(\s|$)")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# What browsers read instead of the labels pages use for Windows-1252 (WHATWG Encoding).
_BROWSER_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                    "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252"}
_DATES = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d",
          "max_date": "9999-12-31"}


@dataclass(frozen=True)
class Page:
    """What a page gives an article: body paragraphs and metadata."""

    paragraphs: tuple[str, ...]
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    outlet: str | None = None

    @property
    def body(self) -> str:
        """Return the article body: the paragraphs, a blank line apart."""
        return "\n\n".join(self.paragraphs) + "\n"


def declared_charset(raw: bytes) -> str | None:
    """Return the encoding a page's ``<meta>`` names in its first 4 KiB, as browsers read it."""
    found = _CHARSET.search(raw[:4096])
    if not found:
        return None
    label = found[1].decode("ascii").lower()
    return _BROWSER_ALIASES.get(label, label)


def _trafilatura(shown: str):
    try:
        import trafilatura
    except ImportError as err:
        missing = err.name or "trafilatura"
        raise ArticleError(f"reading HTML needs the optional extra [html] ({missing} is not "
                           f"installed); install it with {INSTALL_HINT}", shown) from None
    _quiet_logs()
    return trafilatura


@cache
def _quiet_logs() -> None:
    """Keep the extractors' log lines off stderr: each page gets one message, ours."""
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).addHandler(logging.NullHandler())


def _is_sentence(line: str) -> bool:
    return len(line.split()) >= MIN_SENTENCE_WORDS and bool(_SENTENCE.search(line))


def extract_page(html: str, shown: str) -> Page:
    """Return the article a page holds; raise ArticleError when it holds none."""
    trafilatura = _trafilatura(shown)
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          date_extraction_params=_DATES)
    except Exception as err:  # a third-party parser on any input a user gives
        raise ArticleError(f"could not be read as HTML ({type(err).__name__}: {err}); check "
                           "that the file is a saved web page", shown) from None
    text = (doc.text if doc is not None else None) or ""
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    title = text_value(doc.title) if doc is not None else None
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs.pop(0)
    if not any(_is_sentence(p) for p in paragraphs):
        raise ArticleError("no article text in the page (no sentence of four words or more "
                           "once menus and boilerplate are removed); check that it is the "
                           "article's page, not an index, consent or error page", shown)
    try:
        date = parse_date(doc.date) if doc.date else None
    except ValueError:
        date = None
    return Page(tuple(paragraphs), title, date, text_value(doc.url), text_value(doc.sitename))
