"""Errors the verifier reports to users.

Every error a user can cause is a VerifierError carrying where it happened, so
front ends print one line (``path:line: message``) and never a traceback::

    VerifierError
    ├── ClaimFileError      a claim or expectations file is not valid
    ├── ArticleError        an article cannot be read or has bad front matter
    └── UsageError          a command-line argument or path is not usable
"""

from __future__ import annotations


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
