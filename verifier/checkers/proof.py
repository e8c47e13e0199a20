"""Contradiction needs proof: what a "contradicted" finding must show before it counts.

A false "contradicted" is the costliest error of a published matrix, so every
checker's contradictions pass through `require_proof`. A contradiction that is not
proven is dropped (the pair may still be supported, hedged or silent by other
sentences); it never becomes a weaker verdict by itself. It must be:

- **about the same time**: an article dated more than `LATER_GRACE_DAYS` after the
  claim file's `as_of` may report a later change ("released in March" against "still
  held as of January"); that is not a contradiction;
- **about the same event**: when the claim file names the event's `anchors` (places,
  people, ships, case numbers), the sentence or the one before it names one of them,
  so coverage of another event with the same vocabulary is never read as this one
  (quote claims are exempt: their phrase is specific to the event already).
"""

from __future__ import annotations

from bisect import bisect_right

from ..model import Claim, ClaimKind, Finding, Verdict
from ..reading import Reading, slot_key

# Coverage within a week of as_of (next-day wire copy, weekend explainers) still reports
# the same moment; a later follow-up may report a legitimate change.
LATER_GRACE_DAYS = 7


def why_unproven(claim: Claim, index: int, reading: Reading, sent: int) -> str | None:
    """Return why a contradiction found in sentence `sent` is not proven, or None."""
    if reading.date is not None and claim.as_of is not None and (
            reading.date - claim.as_of).days > LATER_GRACE_DAYS:
        return (f"the article is dated {reading.date.isoformat()}, after the claim's as_of "
                f"{claim.as_of.isoformat()}: a later change is not a contradiction")
    if claim.terms("anchors") and claim.kind is not ClaimKind.QUOTE:
        # A quote's own phrase is specific enough; any other term may belong to
        # another event with the same vocabulary.
        key = slot_key(index, "anchors")
        if not reading.spans(key, sent) and not (sent > 0 and reading.spans(key, sent - 1)):
            return "neither this sentence nor the one before names the event (anchors)"
    return None


def require_proof(claim: Claim, index: int, reading: Reading,
                  findings: list[Finding]) -> list[Finding]:
    """Return the findings without the contradictions that are not proven."""
    if not any(f.verdict is Verdict.CONTRADICTED for f in findings):
        return findings
    starts = [span.start_char for span in reading.sents]
    kept = []
    for finding in findings:
        if finding.verdict is Verdict.CONTRADICTED:
            sent = max(bisect_right(starts, finding.evidence.start) - 1, 0)
            if why_unproven(claim, index, reading, sent) is not None:
                continue
        kept.append(finding)
    return kept
