"""Show text from the inputs safely: on a terminal, in text files and in Markdown.

Claim files, articles and stored results documents are user input. Any of their
strings may hold terminal escape sequences (ESC, CSI, OSC 8 hyperlinks), other control
characters, bidirectional controls that reorder the text around them, line breaks and
pipes that break a table, or Markdown and HTML that a renderer would run. Every
rendering but JSON passes such strings through one of these:

- `visible` (every text rendering: terminal, CSV, cells.tsv, HTML): C0 and C1 controls
  and DEL as ``\\x1b``, bidi controls as ``[U+202E]``, lone surrogates as ``[U+D800]``;
- `one_line` (terminal lines, table cells): line breaks and tabs as a space, then `visible`;
- `markdown` (Markdown text and table cells): `one_line`, ``&``, ``<``, ``>`` as entities,
  then ``\\``, backticks, ``[``, ``]`` and ``|`` backslash-escaped: no HTML, no link,
  no broken cell;
- `markdown_code` (ids in Markdown): a code span when the text is plain, else `markdown`.

JSON keeps the exact text: it is data, and escaping it for a screen is its reader's job.
"""

from __future__ import annotations

import re
from functools import cache

# Bidirectional controls (the Arabic letter mark, LRM, RLM, the embeddings, overrides and
# isolates) let a string reorder the text around it: "evil\u202etxt.exe".
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_BREAKS = re.compile("\r\n|[\n\r\t\x0b\x0c\x85\u2028\u2029]")
_MARKDOWN = re.compile(r"[\\`\[\]|]")
_PLAIN_CODE = re.compile(r"[^`|\\\s]+")


@cache
def _unsafe(keep: str) -> re.Pattern[str]:
    controls = "".join(f"\\x{n:02x}" for n in (*range(0x20), *range(0x7f, 0xa0))
                       if chr(n) not in keep)
    return re.compile(f"[{controls}{BIDI}\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0xa0 else f"[U+{code:04X}]"


def visible(text: str, keep: str = "\n\r\t") -> str:
    """Return text with control characters shown as escapes: ESC as ``\\x1b``, a bidi
    control as ``[U+202E]``; the characters in `keep` (line breaks and tab) stay."""
    if text.isprintable():  # the common case, at C speed: nothing to show
        return text
    return _unsafe(keep).sub(_escape, text)


def one_line(text: str) -> str:
    """Return text as one line: line breaks and tabs as a space, controls shown."""
    if text.isprintable():
        return text
    return visible(_BREAKS.sub(" ", text), keep="")


def markdown(text: str) -> str:
    """Return text for Markdown (a paragraph or a table cell): one line, no HTML, no link.

    `&`, `<` and `>` become entities, so no tag or autolink can form; `\\`, backticks,
    brackets and pipes are backslash-escaped, so no code span, link (``[x](javascript:
    ...)``) or extra table cell can form either.
    """
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(lambda m: "\\" + m.group(), text)


def markdown_code(text: str) -> str:
    """Return an id as a Markdown code span, or as escaped text when it is not plain (a
    code span cannot escape a backtick, and a backslash before a pipe would end a cell)."""
    if _PLAIN_CODE.fullmatch(text) and visible(text, keep="") == text:
        return f"`{text}`"
    return markdown(text)
