"""Contradiction needs proof: what a "contradicted" finding must show before it counts.

A false "contradicted" is the costliest error of a published matrix, so every
checker's contradictions pass through `require_proof`. A contradiction that is not
proven is dropped (the pair may still be supported, hedged or silent by other
sentences); it never becomes a weaker verdict by itself. It must be:

- **about the same time**: an article dated more than `LATER_GRACE_DAYS` after the
  claim file's `as_of` may report a later change, and one dated more than
  `EARLIER_GRACE_DAYS` before it an earlier state ("released in March" against "still
  held as of January"); that is not a contradiction;
- **of the final moment**: a paragraph that opens with a time of day ("14:05 —",
  "By noon") or a sentence that dates its figure to one ("160,000 by 5 pm") gives a
  figure of that moment, which a later report may supersede;
- **about the same event**: when the claim file names the event's `anchors` (places,
  people, ships, case numbers), the sentence or the one before it names one of them,
  so coverage of another event with the same vocabulary is never read as this one;
  when only the sentence before names the event, the sentence must name no other
  place or body unless it names the claim's own names ("Bialiatski", "Boeing")
  (quote claims of four words or more are exempt: their phrase is specific to the
  event already);
- **asserted**: a question ("Could Vell be released?") asserts nothing;
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from ..lexicon import lexicon_terms
from ..model import Claim, ClaimKind, Finding, Verdict
from ..text.nlp import CUT_STARTS, fold
from ..text.reading import Reading, slot_key

# Coverage within a week of as_of (next-day wire copy, weekend explainers) still reports
# the same moment; a later follow-up may report a legitimate change.
LATER_GRACE_DAYS = 7
# An article this long before as_of reports an earlier state of things (a live blog of
# the event's day is not: its stale figures stated as final are errors).
EARLIER_GRACE_DAYS = 30
# A live blog's entries open with a clock time ("14:05 —", "By noon"): their figures are
# of that moment and may be superseded later the same day.
_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}\b")
# A time of day inside a sentence ("counted 160,000 by 5 pm", "as of 17:00").
_TIME_OF_DAY = re.compile(r"\b(by|at|as of|until)\s+(\d{1,2}([:.]\d{2})?\s*(a\.?m\.?|p\.?m\.?)"
                          r"|\d{1,2}[:.]\d{2}|noon|midday|nightfall|lunchtime)\b",
                          re.IGNORECASE)
# A quoted phrase this long is specific to its event; a shorter one ("not back down")
# may be anyone's words in any story.
QUOTE_SPECIFIC_WORDS = 4
_TIMES_OF_DAY = frozenset({"noon", "midday", "morning", "afternoon", "evening", "midnight",
                           "nightfall", "dawn", "lunchtime", "mid-afternoon", "mid-morning"})


def why_unproven(claim: Claim, index: int, reading: Reading, sent: int) -> str | None:
    """Return why a contradiction found in sentence `sent` is not proven, or None."""
    if reading.date is not None and claim.as_of is not None:
        days = (reading.date - claim.as_of).days
        if days > LATER_GRACE_DAYS:
            return (f"the article is dated {reading.date.isoformat()}, after the claim's as_of "
                    f"{claim.as_of.isoformat()}: a later change is not a contradiction")
        if days < -EARLIER_GRACE_DAYS:
            return (f"the article is dated {reading.date.isoformat()}, long before the claim's "
                    f"as_of {claim.as_of.isoformat()}: it reports an earlier state")
    first = reading.sents[_paragraph_start(reading, sent)]
    if _CLOCK.match(reading.body[first.start_char:first.start_char + 8].strip()) or (
            reading.doc[first.start].norm_ == "by" and first.start + 1 < len(reading.doc)
            and reading.doc[first.start + 1].norm_ in _TIMES_OF_DAY):
        return "a time of day opens the sentence: a figure of that moment, not the final one"
    cuts = reading.doc.user_data.get(CUT_STARTS, ())
    span = reading.sents[sent]
    if span.start in cuts or span.end in cuts:
        return ("the sentence is a piece cut from text without punctuation: its hedges and "
                "negations may stand in the next piece")
    text = reading.evidence(sent).text
    if text.rstrip(" \"'”’)").endswith("?"):
        return "a question asserts nothing"
    label = _claim_label(text) or _claim_label(reading.evidence(
        _paragraph_start(reading, sent)).text)
    if label:
        return f"'{label}:' quotes a claim in order to check it, it does not assert it"
    if _TIME_OF_DAY.search(text):
        return "a time of day dates the figure to that moment, not the final one"
    phrase = max((len(t.split()) for t in claim.terms("phrase")), default=0)
    if claim.terms("anchors") and not (claim.kind is ClaimKind.QUOTE
                                       and phrase >= QUOTE_SPECIFIC_WORDS):
        # A quote's own phrase is specific enough; any other term may belong to
        # another event with the same vocabulary.
        key = slot_key(index, "anchors")
        if not reading.spans(key, sent):
            if not (sent > 0 and reading.spans(key, sent - 1)):
                return "neither this sentence nor the one before names the event (anchors)"
            own = claim_tokens(claim, index, reading, sent)
            named = any(reading.doc[i].text[:1].isupper() and not reading.doc[i].is_sent_start
                        for i in own)
            other = None if named else other_name(reading, sent, own)
            if other:
                return (f"the sentence names '{other}' but not the event; it may be about "
                        "something else")
    return None


@cache
def _claim_labels() -> re.Pattern[str]:
    labels = sorted(lexicon_terms("claim_labels"), key=len, reverse=True)
    return re.compile(r"^\W*(" + "|".join(re.escape(t) for t in labels) + r")\s*:",
                      re.IGNORECASE)


def _claim_label(text: str) -> str | None:
    """Return the fact-check label ("CLAIM") that opens a text, if one does."""
    found = _claim_labels().match(text)
    return found.group(1) if found else None


def _paragraph_start(reading: Reading, sent: int) -> int:
    """Return the first sentence of the paragraph that holds sentence `sent`."""
    while sent > 0:
        between = reading.body[reading.sents[sent - 1].end_char:reading.sents[sent].start_char]
        if "\n" in between or reading.body[reading.sents[sent - 1].end_char - 1:
                                            reading.sents[sent - 1].end_char] == "\n":
            break
        sent -= 1
    return sent


# Capitalised words that are not names of another place or body.
_NOT_NAMES = frozenset({"mr", "mrs", "ms", "dr", "president", "minister", "prime", "police",
                        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                        "sunday", "january", "february", "march", "april", "may", "june",
                        "july", "august", "september", "october", "november", "december",
                        "i", "the", "a", "an", "it", "he", "she", "they", "we"})
NOT_NAMES = _NOT_NAMES  # capitalised words that name no one: titles, days, months


def claim_tokens(claim: Claim, index: int, reading: Reading, sent: int,
                 anchors: bool = True) -> set[int]:
    """Return the tokens of a sentence that the claim's own terms matched (and, unless
    told otherwise, its event's anchors)."""
    keys = [slot_key(index, slot) for slot, _ in claim.slots if anchors or slot != "anchors"]
    keys += [slot_key(index, "name"), slot_key(index, "surname")]
    covered: set[int] = set()
    for key in keys:
        for start, end in reading.spans(key, sent):
            covered.update(range(start, end))
    return covered


def other_name(reading: Reading, sent: int, own: set[int]) -> str | None:
    """Return a proper name in a sentence that is none of the claim's own words, if any."""
    span = reading.sents[sent]
    for token in reading.doc[span.start + 1:span.end]:
        if (token.i not in own and token.is_alpha and token.text[:1].isupper()
                and not token.is_sent_start and token.norm_ not in _NOT_NAMES
                and reading.doc[token.i - 1].text not in ('"', "“", "‘", ":", "—", "-")):
            return token.text
    return None


# An article whose first sentences name none of the event's anchors is about something
# else ("The vote came a week after the election in neighbouring Haldenia"): only its
# sentences that name the event, or follow one that does, speak of it.
LEAD_SENTENCES = 3


def names_anchor(title: str, anchors: tuple[str, ...]) -> bool:
    """Return True when a headline names one of the anchors, as a whole word."""
    if not title:
        return False
    folded = fold(title).lower()
    return any(re.search(rf"(?<!\w){re.escape(fold(a).lower())}(?!\w)", folded)
               for a in anchors)


def names_event(claim: Claim, index: int, reading: Reading) -> bool:
    """Return True when the article names the claim's event (one of its anchors, in its
    text or its headline), or the claim file names no anchors."""
    anchors = claim.terms("anchors")
    return not anchors or reading.has(slot_key(index, "anchors")) or names_anchor(
        reading.title, anchors)


def out_of_scope(claim: Claim, index: int, reading: Reading, sent: int) -> str | None:
    """Return why sentence `sent` does not speak of the claim's event, or None when it
    does (see `in_scope`)."""
    if not claim.terms("anchors"):
        return None
    key = slot_key(index, "anchors")
    if names_anchor(reading.title, claim.terms("anchors")) or any(
            reading.spans(key, s) for s in range(min(LEAD_SENTENCES, len(reading.sents)))):
        return None
    if reading.spans(key, sent) or (sent > 0 and reading.spans(key, sent - 1)):
        return None
    return ("the article is about something else (its headline and first sentences name "
            "none of the event's anchors) and neither this sentence nor the one before "
            "names the event")


def in_scope(claim: Claim, index: int, reading: Reading,
             findings: list[Finding]) -> list[Finding]:
    """Return the findings that speak of the claim's event.

    In an article about the event (its lead names an anchor) every finding does. In an
    article about something else, a finding counts only when its sentence or the one
    before names the event.
    """
    if not findings or not claim.terms("anchors"):
        return findings
    starts = [span.start_char for span in reading.sents]
    return [f for f in findings if out_of_scope(
        claim, index, reading, max(bisect_right(starts, f.evidence.start) - 1, 0)) is None]


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
