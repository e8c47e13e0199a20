"""Helpers shared by the tests: build a verifier from claim mappings, check a text."""

from __future__ import annotations

import datetime as dt
from functools import cache

import yaml

from verifier.claims import parse_claim_file
from verifier.engine import Verifier
from verifier.model import Article, Result

HEADER = {"event": "test-event", "title": "Test event", "as_of": "2025-09-11"}


@cache
def _verifier(claim_yaml: str) -> Verifier:
    claim_file, problems = parse_claim_file(claim_yaml, "test.claims.yaml")
    assert not problems, [str(p) for p in problems]
    return Verifier(claim_file.claims)


def claim_text(*claims: dict, anchors: tuple[str, ...] = ()) -> str:
    """Return a claim file holding the given claim mappings (and the event's anchors)."""
    header = {**HEADER, "anchors": list(anchors)} if anchors else HEADER
    return yaml.safe_dump({**header, "claims": list(claims)}, sort_keys=False,
                          allow_unicode=True)


def check(claim: dict, text: str, date: dt.date | None = None,
          anchors: tuple[str, ...] = (), title: str | None = None) -> Result:
    """Check one claim against one article text (dated `date`, headed `title`) and
    return its result."""
    verifier = _verifier(claim_text(claim, anchors=anchors))
    return verifier.check(Article(source="test", body=text, date=date, title=title))[0]
