"""Options shared by the command line and the pytest plugin, each defined once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    """One setting: its name, default and help, used by both front ends."""

    name: str
    default: str | None
    help: str
    choices: tuple[str, ...] | None = None


CLAIMS = Option("claims", "claims", "claim file or folder")
CLAIMS_GLOB = Option("claims_glob", "claims/**/*.claims.yaml",
                     "glob (relative to the root folder) of the claim files pytest collects")
ARTICLES = Option("articles", "fixtures/articles", "article file or folder")
EXPECTED = Option("expected", "fixtures/expected", "expected-verdicts file or folder")
REPORTS = Option("reports", "reports", "folder of the approved matrix and its renderings")
SILENT = Option("silent", "skip", "what a silent pair without an expected verdict does",
                ("skip", "fail", "pass"))
UPDATE = Option("update", None, "accept the new verdicts: rewrite the approved matrix")
