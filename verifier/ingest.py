"""Turn a scraped page (article text plus site furniture) into an article fixture.

The page is read line by line, since scrapers write one paragraph or one widget
per line. What stays is prose: lines of five words or more that end like a
sentence and are not written in Title Case. What goes:

- lines carrying a furniture cue from the `boilerplate` lexicon (captions, image
  disclaimers, bylines, update stamps, copyright and newsletter prompts);
- everything after an end marker (TRENDING, Related Article, Recent Comments ...)
  or an author box (a name line followed by a paragraph about that name);
- publisher blurbs (a paragraph opening with "Our"/"We" outside any quotation),
  lines wholly in parentheses, headings and menu items, repeated paragraphs
  (a paragraph contained in a later one goes, so a standfirst repeated in the
  body is kept once, in the body), and a wire credit such
  as "– Reuters" after a paragraph's last sentence.

The first heading of three words or more before the body is taken as the title,
without a " | Section" suffix; a leading "date YYYY-MM-DD" stamp gives the date.

A saved web page (``.html``, ``.htm``) is read by `sources.html` instead (trafilatura,
the optional extra [html]), which also gives the page's URL and site name, so that
`verifier check` on the page and on its ingested fixture read the same body. Either
file may be in any encoding `sources.encoding` detects.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import ArticleError
from .files import not_a_file
from .lexicon import load_lexicon
from .model import Problem
from .sources import html
from .sources.encoding import decode

MIN_PROSE_WORDS = 5
MAX_SCRAPE_BYTES = 20 * 1024 * 1024
MAX_TITLE_CASE = 0.6
_DATE_STAMP = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*(.*)$", re.IGNORECASE)
_ENDS_LIKE_SENTENCE = re.compile(r"[.!?…][\"”’')\]]*$|[\"”’']$")
_WIRE_CREDIT = re.compile(r"(?<=[.!?\"”’])\s+[–—-]\s*[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?\s*$")
_QUOTES = "\"“”«»"


@dataclass(frozen=True)
class Extracted:
    """What ingest keeps of a page: title, date stamp and body paragraphs (and, from a
    web page's metadata, its URL and site name)."""

    title: str | None
    date: dt.date | None
    paragraphs: tuple[str, ...]
    url: str | None = None
    outlet: str | None = None


def _words(line: str) -> list[str]:
    return [w for w in line.split() if any(c.isalpha() for c in w)]


def _title_case_share(line: str) -> float:
    words = _words(line)
    return sum(w.lstrip("\"“‘(")[:1].isupper() for w in words) / len(words) if words else 1.0


def is_prose(line: str) -> bool:
    """Return True for a line that reads like article prose."""
    return (len(_words(line)) >= MIN_PROSE_WORDS and bool(_ENDS_LIKE_SENTENCE.search(line))
            and _title_case_share(line) <= MAX_TITLE_CASE)


def _is_name_line(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and w.isalpha() for w in words)


def _is_blurb(line: str) -> bool:
    first = line.split(maxsplit=1)[0] if line.split() else ""
    return first in ("Our", "We") and not any(q in line for q in _QUOTES)


class Furniture:
    """The boilerplate lexicon, ready to test lines against."""

    def __init__(self) -> None:
        lexicon = load_lexicon("boilerplate")
        self.end_markers = frozenset(m.lower() for m in lexicon["end_markers"])
        self.line_cues = tuple(c.lower() for c in lexicon["line_cues"])

    def ends_article(self, line: str) -> bool:
        """Return True for a line after which nothing is article text."""
        return line.lower().strip(" :") in self.end_markers

    def is_furniture(self, line: str) -> bool:
        """Return True for a line that carries a furniture cue."""
        low = line.lower()
        return any(c in low for c in self.line_cues) or (
            line.startswith("(") and line.endswith(")"))


def extract(raw: str) -> Extracted:
    """Return the title, date stamp and body paragraphs of a scraped page."""
    furniture = Furniture()
    lines = [line.strip() for line in raw.replace("\r\n", "\n").split("\n")]
    date = None
    if lines and (stamp := _DATE_STAMP.match(lines[0])):
        try:
            date = dt.date.fromisoformat(stamp[1])
            lines[0] = stamp[2].strip()
        except ValueError:
            pass
    lines = [_WIRE_CREDIT.sub("", line) for line in lines if line]
    title: str | None = None
    kept: list[str] = []
    for n, line in enumerate(lines):
        if kept and furniture.ends_article(line):
            break
        nxt = lines[n + 1] if n + 1 < len(lines) else ""
        if kept and _is_name_line(line) and set(line.split()) <= set(nxt.split()[:4]):
            break  # an author box: a name line, then a paragraph about that name
        if furniture.is_furniture(line) or _is_blurb(line):
            continue
        if is_prose(line):
            kept.append(line)
        elif not kept and title is None and len(_words(line.split(" | ")[0])) >= 3:
            title = line.split(" | ")[0].strip()
    paragraphs = [p for n, p in enumerate(kept)
                  if not any(p in later for later in kept[n + 1:])]
    return Extracted(title, date, tuple(paragraphs))


def read_scrape(path: str | Path) -> tuple[Extracted, list[Problem]]:
    """Read a scraped file (text or web page, any encoding) and extract its article.

    Return it with the warnings its encoding deserves; raise ArticleError when the file
    cannot be read or holds no article prose.
    """
    shown = str(path)
    problem = not_a_file(path)
    if problem is not None:  # checked before reading: a pipe or /dev/zero never ends
        raise ArticleError(problem, shown)
    try:
        size = Path(path).stat().st_size
        if size > MAX_SCRAPE_BYTES:
            raise ArticleError(f"{size / 2**20:.1f} MB, larger than the "
                               f"{MAX_SCRAPE_BYTES // 2**20} MB limit for a page", shown)
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ArticleError("no such file; check the path", shown) from None
    except OSError as err:
        raise ArticleError(f"cannot read the file: {err.strerror}", shown) from None
    if shown.lower().endswith((".html", ".htm")):
        text, warnings = decode(raw, shown, html.declared_charset(raw))
        page = html.extract_page(text, shown)
        return Extracted(page.title, page.date, page.paragraphs, page.url, page.outlet), warnings
    text, warnings = decode(raw, shown)
    extracted = extract(text)
    if not extracted.paragraphs:
        raise ArticleError("no article prose found (no line of five words or more ending like "
                           "a sentence)", shown)
    return extracted, warnings


def render_fixture(extracted: Extracted, source: str, outlet: str | None = None,
                   url: str | None = None, date: dt.date | None = None,
                   title: str | None = None) -> str:
    """Return the article fixture text: front matter, then the paragraphs."""
    when = date or extracted.date
    meta = {"source": source, "outlet": outlet or extracted.outlet, "url": url or extracted.url,
            "date": when.isoformat() if when else None, "title": title or extracted.title}
    head = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{head}---\n" + "\n\n".join(extracted.paragraphs) + "\n"
