"""Quantity claims: a number counting something in the context of an event."""

from __future__ import annotations

from ..matching import Spans
from ..model import Claim, Finding, Verdict
from ..numbers import Match
from ..reading import Reading, cue, slot_key
from ..scope import causal, cover, elsewhen, hedge, negation, overlaps, request_frame
from .common import nearest

COUNT_REACH = 3  # words allowed between a number and the counted noun ("52 political prisoners")
SUBSET_REACH = 5  # "among those released were three ...": a subset cue this far before the number


def _contexts(reading: Reading, sent: int, index: int, claim: Claim) -> list[tuple]:
    """Return the event words of a sentence: (span, speaks of the event itself, is a request).

    An event word that is itself a request ("had requested") is the event unless it
    is introduced as a cause ("after an appeal"); any other event word is the event
    unless a request frames it ("whose release Trump had requested"). Event words
    placed at another time ("in June") are left out.
    """
    requests = reading.spans(cue("request"), sent)
    out = []
    for span in reading.spans(slot_key(index, "context"), sent):
        if elsewhen(reading, sent, span, claim.as_of):
            continue
        if any(overlaps(span, r) for r in requests):
            out.append((span, not causal(reading, sent, span), True))
        else:
            out.append((span, request_frame(reading, sent, span) is None, False))
    return out


def _subset(reading: Reading, sent: int, start: int, contexts: Spans) -> tuple[int, int] | None:
    """Return a subset cue ("among", "including") introducing the number at `start`."""
    for span in reading.spans(cue("subset"), sent):
        if span[1] <= start and start - span[1] <= SUBSET_REACH and not any(
                overlaps(span, c) for c in contexts):
            return span
    return None


def check_quantity(claim: Claim, index: int, reading: Reading) -> list[Finding]:
    """Compare every number that counts the claimed thing in the event's context."""
    findings = []
    counted_key = slot_key(index, "counted")
    for sent in reading.sentences_with(counted_key):
        mentions = reading.numbers.get(sent, [])
        if not mentions:
            continue
        contexts = _contexts(reading, sent, index, claim)
        if not contexts:
            continue
        spans = [span for span, _, _ in contexts]
        kinds = {span: (actual, is_request) for span, actual, is_request in contexts}
        for counted in reading.spans(counted_key, sent):
            mention = next((m for m in mentions
                            if 0 <= counted[0] - m.end <= COUNT_REACH
                            and not any(reading.punct[m.end:counted[0]])), None)
            if mention is None:
                continue
            phrase = (mention.start, counted[1])
            context = nearest(phrase, spans, len(reading.doc))
            actual, is_request = kinds[context]
            core = cover(phrase, context)
            if not actual or _subset(reading, sent, mention.start, spans) or (
                    not is_request and request_frame(reading, sent, core) is not None):
                continue  # the number belongs to a request, or counts a subset
            if elsewhen(reading, sent, core, claim.as_of):
                continue
            said = f"{mention.text} {reading.text(*counted)} ({reading.text(*context)})"
            match = mention.compare(claim.count)
            own = [context]
            negated = negation(reading, sent, context, own)
            hedged = hedge(reading, sent, core, own)
            if negated is not None:
                verdict = Verdict.CONTRADICTED
                reason = f"'{reading.text(*negated)}' negates: {said}"
            elif match is Match.DIFFERENT:
                verdict, reason = Verdict.CONTRADICTED, f"{said} ≠ {claim.count}"
            elif match is Match.COMPATIBLE:
                verdict = Verdict.HEDGED
                reason = f"{said} is compatible with {claim.count} but does not commit to it"
            else:
                verdict, reason = Verdict.SUPPORTED, f"{said} = {claim.count}"
            if hedged is not None:
                verdict, reason = Verdict.HEDGED, f"'{reading.text(*hedged)}' hedges it: {reason}"
            findings.append(Finding(verdict, reading.evidence(sent), reason))
    return findings
