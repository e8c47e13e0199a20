"""Errors the verifier reports to users.

Every error a user can cause is a VerifierError carrying where it happened, so
front ends print one line (``path:line: message``) and never a traceback::

    VerifierError
    ├── ClaimFileError      a claim or expectations file is not valid
    ├── ArticleError        an article cannot be read or has bad front matter
    └── UsageError          a command-line argument or path is not usable
"""

from __future__ import annotations

import datetime as dt
import reprlib


class VerifierError(Exception):
    """Report a bad input: what is wrong, where, and how to fix it."""

    def __init__(self, message: str, path: str = "", line: int | None = None,
                 claim: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.claim = claim

    def __str__(self) -> str:
        if self.path and self.line:
            return f"{self.path}:{self.line}: {self.message}"
        if self.path:
            return f"{self.path}: {self.message}"
        return self.message


class ClaimFileError(VerifierError):
    """Report a claim file (or expectations file) that cannot be used."""


class ArticleError(VerifierError):
    """Report an article file that cannot be read."""


class UsageError(VerifierError):
    """Report a command-line argument that cannot be used."""


QUOTED_LIMIT = 60  # characters of a user's value a message quotes


def shortened(text: str, limit: int = 200) -> str:
    """Return text cut to `limit` characters, with '...' when cut (paths, library words)."""
    return text if len(text) <= limit else text[:limit - 3] + "..."


def quoted(value: object, limit: int = QUOTED_LIMIT) -> str:
    """Return a user's value as a message quotes it: repr-like, cut to a short prefix.

    Only a prefix of a long value is ever formatted, so a value of megabytes or an
    integer of thousands of digits costs no more than a short one, and the message
    stays one line: line breaks and control characters are escaped as in a repr.
    """
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        digits = int((abs(value).bit_length() - 1) * 0.30103) + 1 if value else 1
        if digits > limit:
            digits += abs(value) >= 10 ** digits  # the estimate can be one short
            return f"a number of {digits:,} digits"
        return repr(value)
    if isinstance(value, str):
        return _quoted_text(value, limit)
    if isinstance(value, bytes | bytearray):
        return f"!!binary data ({len(value):,} bytes)"
    if isinstance(value, dt.date):  # a datetime too
        return f"!!timestamp {value.isoformat()}"
    text = _SHORT.repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _quoted_text(value: str, limit: int) -> str:
    pieces, size = [], 0
    for char in value[:limit]:
        piece = "\\'" if char == "'" else repr(char)[1:-1]
        size += len(piece)
        if size > limit:
            break
        pieces.append(piece)
    cut = "..." if len(pieces) < len(value) else ""
    return f"'{''.join(pieces)}{cut}'"


class _ShortRepr(reprlib.Repr):
    """reprlib's limits, and integers of any length (repr refuses past 4,300 digits)."""

    def repr_int(self, x: int, level: int) -> str:
        return quoted(x)


_SHORT = _ShortRepr()
_SHORT.maxlevel, _SHORT.maxdict, _SHORT.maxlist = 2, 4, 4
_SHORT.maxstring = _SHORT.maxother = QUOTED_LIMIT
