"""Combine what the sentences of one article say about a claim into one verdict."""

from __future__ import annotations

from collections.abc import Iterable

from .model import Evidence, Finding, Verdict

SILENT_REASON = "no sentence addresses the claim"


def decide(findings: Iterable[Finding]) -> tuple[Verdict, tuple[Evidence, ...], str]:
    """Return the winning verdict, every sentence that decided it, and their reasons.

    Precedence: contradicted > supported > hedged > silent. Evidence is listed in
    article order, each sentence once.
    """
    findings = list(findings)
    if not findings:
        return Verdict.SILENT, (), SILENT_REASON
    verdict = max((f.verdict for f in findings), key=lambda v: v.rank)
    winners = sorted((f for f in findings if f.verdict is verdict),
                     key=lambda f: (f.evidence.start, f.evidence.end))
    evidence = tuple(dict.fromkeys(f.evidence for f in winners))
    reason = "; ".join(dict.fromkeys(f.reason for f in winners))
    return verdict, evidence, reason
