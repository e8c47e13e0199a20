"""Article files: find them, read each by its form, and report what cannot be used.

An article is a text file with optional YAML front matter (``.txt``, ``.md``), a saved
web page (``.html``, ``.htm``), or a line of a JSON Lines corpus (``.jsonl``,
``.jsonl.gz``); suffixes are matched in any case. The forms themselves live in
`verifier.sources`. The source id defaults to the file name without its extension.

What happens to files that are not as expected (each is one line on stderr; the other
articles are always checked):

| the file | behaviour |
|---|---|
| UTF-8, with or without a byte order mark | read |
| UTF-16 with a byte order mark | read, warning |
| not UTF-8 (windows-1252, windows-1251, KOI8-R ...) | read as detected, warning naming it |
| binary, bytes no encoding reads, empty, white space | refused |
| over 5 MiB (a web page: 20 MiB) | refused |
| no sentence punctuation | read, warning: each line is one sentence |
| front matter: no closing `---`, bad YAML or date, misspelt key | refused, with the line |
| front matter: other keys (`author`, `tags`) | read; the keys are ignored |
| file name not a source id ("Daily Mail (12 Sept).txt") | read as `daily-mail-12-sept`, note |
| web page with no article text, or without the [html] extra | refused |
| JSON Lines: a broken line, no text, bad date or source id | that line refused, with its number |
| JSON Lines: truncated or corrupt gzip | lines before the damage read; error |
| a source id already used, a link out of its folder | refused |
| other files in an article folder (`.pdf`, `.json`) | skipped, one warning per folder |
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import ArticleError
from .files import not_a_file
from .model import Article, Problem
from .sources import html, jsonl
from .sources.encoding import decode
from .sources.fields import source_id
from .sources.frontmatter import parse_text, split_front_matter

__all__ = ["ARTICLE_SUFFIXES", "CORPUS_SUFFIXES", "MAX_ARTICLE_BYTES", "MAX_PAGE_BYTES",
           "decode", "find_articles", "load_article", "load_articles", "parse_article",
           "source_id", "split_front_matter"]

TEXT_SUFFIXES = (".txt", ".md")
PAGE_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + PAGE_SUFFIXES  # one article per file
CORPUS_SUFFIXES = jsonl.SUFFIXES  # one article per line
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
MAX_PAGE_BYTES = 20 * 1024 * 1024  # pages carry scripts and styles besides the article
_SENTENCE_PUNCTUATION = re.compile(r"[.!?…。]")


def _form(path: Path) -> str:
    """Return 'corpus', 'page', 'text', or '' for a file that is not an article."""
    name = path.name.lower()
    if name.endswith(CORPUS_SUFFIXES):
        return "corpus"
    if name.endswith(PAGE_SUFFIXES):
        return "page"
    return "text" if name.endswith(TEXT_SUFFIXES) else ""


def _walk(paths: Iterable[Path]) -> tuple[list[Path], dict[Path, Counter], list[Problem]]:
    """Return the article files named by paths, per folder the suffixes skipped, and the
    problems met on the way: folders that cannot be read, links to nothing or in a loop,
    linked folders (not followed), and files that are not regular files (a named pipe,
    a device, a socket), each by name."""
    found: list[Path] = []
    skipped: dict[Path, Counter] = {}
    problems: list[Problem] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue

        def unreadable(err: OSError, path: Path = path) -> None:
            problems.append(Problem(shown_path(err.filename or path), None,
                                    f"cannot read this folder ({err.strerror}); its articles "
                                    "were not checked: fix its permissions"))

        here_found: list[Path] = []
        for folder, dirs, files in os.walk(path, onerror=unreadable):
            dirs.sort()
            here = Path(folder)
            for name in list(dirs):
                if (here / name).is_symlink():
                    problems.append(Problem(shown_path(here / name), None, "a linked folder is "
                                            "not followed; copy its articles into the folder",
                                            "warning"))
            for name in sorted(files):
                item = here / name
                hidden = any(part.startswith(".") for part in item.relative_to(path).parts)
                problem = not_a_file(item)
                if problem is not None:
                    if not hidden:
                        problems.append(Problem(shown_path(item), None, problem))
                elif _form(item):
                    here_found.append(item)
                elif not hidden:
                    skipped.setdefault(path, Counter())[item.suffix.lower() or item.name] += 1
        found.extend(sorted(here_found))  # the order of the paths, as before
    problems.sort(key=lambda p: p.path)
    unique: dict[str, Path] = {}  # a file named twice (folder and file, ./a and a) read once
    for item in found:
        unique.setdefault(os.path.realpath(item), item)
    return list(unique.values()), skipped, problems


def shown_path(path: str | Path) -> str:
    """Return a path as text that is always valid UTF-8: a file name in another encoding
    keeps its bytes as escapes ("caf\\xe9.txt"), so reports and terminals can show it."""
    text = os.fspath(path)
    if text.isascii():
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def find_articles(paths: Iterable[str | Path]) -> list[Path]:
    """Return the article files named by paths: files as given, folders' article files."""
    return _walk(map(Path, paths))[0]


def parse_article(text: str, path: str) -> Article:
    """Parse a text article (front matter and body); raise ArticleError when unusable."""
    return parse_text(text, path)[0]


def _read_bytes(path: Path, shown: str, limit: int) -> bytes:
    problem = not_a_file(path)
    if problem is not None:  # checked before reading: a pipe or /dev/zero never ends
        raise ArticleError(problem, shown)
    try:
        size = path.stat().st_size
        if size > limit:
            raise ArticleError(f"{size / 2**20:.1f} MB, larger than the {limit // 2**20} MB "
                               "limit for one article; check the scrape or split it", shown)
        return path.read_bytes()
    except FileNotFoundError:
        raise ArticleError("no such article file; check the path", shown) from None
    except OSError as err:
        raise ArticleError(f"cannot read the article: {err.strerror}", shown) from None


def _page(path: Path, shown: str) -> tuple[Article, list[Problem]]:
    raw = _read_bytes(path, shown, MAX_PAGE_BYTES)
    text, warnings = decode(raw, shown, html.declared_charset(raw))
    if not text.strip():
        raise ArticleError("the article has no text; add the article body", shown)
    page = html.extract_page(text, shown)
    name = path.stem
    source = source_id(name)
    if source != name:
        warnings.append(Problem(shown, None, f"file name '{name}' gives the source id "
                                             f"'{source}'; rename the file to choose another",
                                "note"))
    return Article(source=source, body=page.body, path=shown, outlet=page.outlet,
                   url=page.url, date=page.date, title=page.title), warnings


def load_article(path: str | Path) -> tuple[Article, list[Problem]]:
    """Read and parse one article file (text or web page); return it with its warnings.

    A JSON Lines corpus holds many articles: read it with `load_articles`.
    """
    path, shown = Path(path), shown_path(path)
    form = _form(path)
    if form == "corpus":
        raise ArticleError("a JSON Lines corpus holds many articles; read it with "
                           "load_articles", shown)
    if form == "page":
        article, warnings = _page(path, shown)
    else:
        text, warnings = decode(_read_bytes(path, shown, MAX_ARTICLE_BYTES), shown)
        article, notes = parse_text(text.replace("\r\n", "\n"), shown)
        warnings += notes
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


def _read(path: Path) -> Iterator[Article | Problem]:
    """Yield the articles of one file (many for a corpus), or the problems met."""
    if _form(path) == "corpus":
        if not path.exists():
            yield Problem(shown_path(path), None, "no such article file; check the path")
            return
        problem = not_a_file(path)
        if problem is not None:
            yield Problem(shown_path(path), None, problem)
            return
        yield from jsonl.read_corpus(path, shown_path(path))
        return
    try:
        article, warnings = load_article(path)
    except ArticleError as err:
        yield Problem(err.path, err.line, err.message)
        return
    yield from warnings
    yield article


def load_articles(paths: Iterable[str | Path]) -> Iterator[Article | Problem]:
    """Yield each article, or a Problem for one that cannot be used; never stop early.

    Warnings and notes (a file read in a detected encoding) come just before their
    article. A second article claiming a source id already seen is a problem too.
    """
    seen: dict[str, str] = {}
    paths = list(map(Path, paths))
    roots = [p for p in paths if p.is_dir()]
    found, skipped, problems = _walk(paths)
    yield from problems
    for folder, suffixes in skipped.items():
        listed = ", ".join(sorted(suffixes))
        yield Problem(str(folder), None, f"{sum(suffixes.values())} file(s) skipped, not "
                                         f"articles ({listed}); articles are "
                                         f"{', '.join(ARTICLE_SUFFIXES + CORPUS_SUFFIXES)} "
                                         "files", "warning")
    for path in found:
        root = _outside(path, roots)
        if root is not None:
            yield Problem(shown_path(path), None, f"links outside {root}; refusing to read it "
                                                  "(copy the article into the folder instead)")
            continue
        for item in _read(path):
            if isinstance(item, Article):
                if item.source in seen:
                    line = item.path.rsplit(":", 1)[1] if item.path != shown_path(path) else None
                    yield Problem(shown_path(path), int(line) if line else None,
                                  f"source id '{item.source}' is already used by "
                                  f"{seen[item.source]}; give each article its own "
                                  + ("'source:'" if line is None else _SOURCE_HINT))
                    continue
                seen[item.source] = item.path
            yield item


_SOURCE_HINT = ("'source' (if 'source' names the outlet in this export, rename it 'outlet': "
                "ids are then derived from it and the line)")
