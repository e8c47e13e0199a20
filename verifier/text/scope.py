"""Scope of negation, hedge, request and causal cues within a sentence.

These are the general mechanisms every checker shares. Spans are token offsets
``(start, end)`` into the article's document; all functions look at one sentence.
"""

from __future__ import annotations

from .matching import Spans
from .reading import Reading, cue

NEGATION_REACH = 4   # a negation cue reaches a word at most this many tokens after it ends
REQUEST_REACH = 8    # a request cue frames an event word at most this far away
CAUSAL_REACH = 3     # a causal marker introduces a request cue at most this far after it


def _inside(span: tuple[int, int], others: Spans) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in others)


def _broken(reading: Reading, sent: int, start: int, end: int) -> bool:
    """Return True when a scope break stands between token offsets start and end."""
    return any(start <= a and b <= end for a, b in reading.spans(cue("scope_breaks"), sent))


def hedge_cues(reading: Reading, sent: int) -> Spans:
    """Return the hedge cues of a sentence; the month May is not the verb "may"."""
    return [span for span in reading.spans(cue("hedge"), sent) if not _month_may(reading, span)]


def _month_may(reading: Reading, span: tuple[int, int]) -> bool:
    """Return True for "May" the month: capitalised inside a sentence, or next to a number."""
    doc = reading.doc
    if span[1] - span[0] != 1 or doc[span[0]].text != "May":
        return False
    i = span[0]
    beside = [doc[j] for j in (i - 1, i + 1) if 0 <= j < len(doc)]
    return not doc[i].is_sent_start or any(t.like_num for t in beside)


def negation(reading: Reading, sent: int, target: tuple[int, int],
             own: Spans = ()) -> tuple[int, int] | None:
    """Return the negation cue that negates `target`, if any.

    A cue negates a target when it ends at most NEGATION_REACH tokens before the
    target starts (or stands inside it), with no scope break between. Cues inside
    `own` (the matched words themselves, e.g. "there are no" in a denial) and
    inside hedge cues ("not immediately clear") are not negations.
    """
    hedges = hedge_cues(reading, sent)
    start = target[0]
    for span in reading.spans(cue("negation"), sent):
        if _inside(span, own) or _inside(span, hedges):
            continue
        if span[1] <= start and start - span[1] < NEGATION_REACH and not _broken(
                reading, sent, span[1], start):
            return span
    return None


def hedge(reading: Reading, sent: int, core: tuple[int, int],
          own: Spans = ()) -> tuple[int, int] | None:
    """Return the hedge cue whose scope covers `core`, if any.

    A cue covers the deciding words when it starts before they end, in the same
    clause: "believed to be X", "it is unclear whether ... X". A cue after the
    deciding words ("... and appears to be a gesture") does not.
    """
    for span in hedge_cues(reading, sent):
        if _inside(span, own):
            continue
        if span[0] < core[1] and not _broken(reading, sent, span[1], core[0]):
            return span
    return None


def causal(reading: Reading, sent: int, span: tuple[int, int]) -> bool:
    """Return True when a causal marker introduces `span` ("after an appeal from ...")."""
    return any(m[1] <= span[0] and span[0] - m[1] < CAUSAL_REACH
               for m in reading.spans(cue("causal"), sent))


def requests(reading: Reading, sent: int) -> Spans:
    """Return the request cues of a sentence that are not introduced as a cause."""
    return [s for s in reading.spans(cue("request"), sent) if not causal(reading, sent, s)]


def request_frame(reading: Reading, sent: int, span: tuple[int, int]) -> tuple[int, int] | None:
    """Return the request cue that turns an event word into a request, if any.

    "the 1,300 prisoners whose release Trump had requested": "release" is a request.
    """
    for req in requests(reading, sent):
        if req == span:
            continue
        gap = span[0] - req[1] if req[1] <= span[0] else req[0] - span[1]
        if 0 <= gap < REQUEST_REACH and not _broken(reading, sent, min(req[1], span[1]),
                                                    max(req[0], span[0])):
            return req
    return None


TIME_REACH = 3  # a date this close to an event word moves it to another time
_OPENING_TIME_WORDS = frozenset({"in", "on", "since", "during", "until", "by", "last",
                                 "earlier", "early", "late"})


def elsewhen(reading: Reading, sent: int, span: tuple[int, int], as_of) -> str | None:
    """Return the date words that place `span` at another time than `as_of`, if any.

    "jailed in 2020", "In June, Belarus freed 14 prisoners", "last year's quake": a
    year, a month more than one month from the as-of date, or a relative date ("last
    year", "last month", "two years ago", "next year") within TIME_REACH tokens of the
    event word moves the event word out of the claim's event. Months and relative
    dates are resolved against the article's own date when it has one (a follow-up
    of January 2027 that says "last year" speaks of 2026), else against `as_of`. A
    date does not reach across punctuation ("sentenced in 2021, also walked free"),
    unless it opens the sentence ("In June, ..."). Dates are found once per article
    (Reading.times); relative dates are read around the span.
    """
    if as_of is None:
        return None
    first = reading.sents[sent].start
    today = reading.date or as_of
    for i, year, month in list(reading.times.get(sent, ())) + _relative_dates(reading, sent, span,
                                                                        today):
        # "In June, ..." and "Last year ..." open the sentence with a date that covers it;
        # "Sentenced in 2021, ..." does not.
        opens = (i - first <= 2 and i < span[0]
                 and (reading.doc[first].norm_ in _OPENING_TIME_WORDS
                      or (i == first and i + 1 < len(reading.doc)
                          and reading.doc[i + 1].norm_ in _RELATIVE_UNITS)))
        if span[0] <= i < span[1] or not (
                opens or span[0] - TIME_REACH - 1 <= i < span[1] + TIME_REACH):
            continue
        if month is not None and year is None:
            year = today.year if month <= today.month else today.year - 1
        if not ((year is not None and month is None and year != as_of.year)
                or (month is not None and abs((year * 12 + month)
                                              - (as_of.year * 12 + as_of.month)) > 1)):
            continue
        between = range(i + 1, span[0]) if i < span[0] else range(span[1], i)
        if opens or not any(reading.punct[j] for j in between):
            return reading.doc[i].text
    return None


_RELATIVE_UNITS = {"year": 12, "years": 12, "month": 1, "months": 1}


def _relative_dates(reading: Reading, sent: int, span: tuple[int, int], today) -> list:
    """Return (token, year, month) for "last year", "next month", "two years ago" near a span."""
    doc = reading.doc
    sentence = reading.sents[sent]
    low = max(sentence.start, span[0] - TIME_REACH - 3)
    high = min(sentence.end, span[1] + TIME_REACH + 3)
    found = []
    for j in range(low, high - 1):
        word, unit = doc[j].norm_, doc[j + 1].norm_
        months = None
        if word in ("last", "next", "previous") and unit in ("year", "month"):
            months = _RELATIVE_UNITS[unit] * (1 if word == "next" else -1)
        elif unit in _RELATIVE_UNITS and j + 2 < high and doc[j + 2].norm_ == "ago":
            count = 1 if word in ("a", "one") else (
                int(word) if word.isascii() and word.isdigit() and len(word) < 4 else None)
            if count is None:
                count = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10}.get(
                    word)
            if count is not None:
                months = -count * _RELATIVE_UNITS[unit]
        if months is None:
            continue
        index = today.year * 12 + (today.month - 1) + months
        year, month = divmod(index, 12)
        # a year-sized step names a year; a month-sized one names a month
        found.append((j, year, None) if abs(months) >= 12 else (j, year, month + 1))
    return found


# Spans further apart than this are never brought together by an aside; the bound keeps
# a sentence of thousands of words (scraped text without punctuation) linear.
ASIDE_SCAN = 40


def attribution_aside(reading: Reading, a: tuple[int, int], b: tuple[int, int]) -> int:
    """Return how many tokens between two spans sit in an attribution aside.

    ", according to the information of the agency," between a subject and its verb
    says where the news comes from, not who acted; it does not push them apart.
    """
    start, end = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    if end - start > ASIDE_SCAN:
        return 0  # too far apart for any aside to bring them within a window
    texts = [reading.doc[i].norm_ for i in range(start, end)]
    skipped, i = 0, 0
    while i < len(texts):
        if texts[i] == "," and i + 1 < len(texts) and texts[i + 1] == "according":
            j = i + 1
            while j < len(texts) and texts[j] != ",":
                j += 1
            if j < len(texts):
                skipped += j - i
                i = j
                continue
        i += 1
    return skipped


# Words that open an aside set off by commas right after a name: an age ("Vell, 58,"),
# a relative clause ("who grew up in Vesk"), an apposition ("the party's leader").
_ASIDE_OPENERS = frozenset({"who", "whose", "which", "where", "whom", "the", "a", "an",
                            "his", "her", "its", "their", "according", "like", "once",
                            "now", "then", "still", "already", "himself", "herself"})


def subject_aside(reading: Reading, subject: tuple[int, int], term: tuple[int, int]) -> int:
    """Return how many tokens after `subject` and before `term` are asides set off by
    commas: "Vell, 58, who grew up on Mill Street, was convicted" -> the 12 tokens
    from the first comma to the last. Each aside opens with a number or a word of
    _ASIDE_OPENERS, holds no other punctuation but its commas, and all of them fit in
    ASIDE_SCAN tokens. 0 when there is none or `term` does not follow `subject`."""
    doc, i = reading.doc, subject[1]
    if not subject[1] <= term[0] or term[0] - subject[1] > ASIDE_SCAN:
        return 0
    skipped = 0
    while i + 1 < term[0] and doc[i].text == "," and (doc[i + 1].like_num
                                                      or doc[i + 1].norm_ in _ASIDE_OPENERS):
        j = i + 1
        while j < term[0] and not (doc[j].is_punct and doc[j].text not in "-'"):
            j += 1
        if j >= term[0] or doc[j].text != ",":
            break
        skipped = j + 1 - subject[1]
        i = j  # its closing comma may open the next aside: "Vell, 58, who ..., was"
    return skipped


def gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Return how many tokens stand between two spans (0 when they touch or overlap)."""
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Return True when two spans share a token."""
    return a[0] < b[1] and b[0] < a[1]


def cover(*spans: tuple[int, int]) -> tuple[int, int]:
    """Return the smallest span covering all the given spans."""
    return min(s[0] for s in spans), max(s[1] for s in spans)


# Concessive prepositions grant background wherever they stand ("he remains held
# despite hopes that he would be freed"); a concessive conjunction does so only opening
# the sentence: "X was freed, though Y remains held" states both facts.
_ANYWHERE = frozenset({"despite", "spite"})


def concessive_clauses(reading: Reading, sent: int) -> Spans:
    """Return the concessive clauses of a sentence: from "despite" anywhere, or from
    "although" opening the sentence, to the next comma or semicolon (or its end)."""
    doc, start, end = reading.doc, reading.sents[sent].start, reading.sents[sent].end
    opening = start + (start < end and doc[start].is_quote)
    out = []
    for span in reading.spans(cue("concessive"), sent):
        if span[0] != opening and not any(doc[i].norm_ in _ANYWHERE
                                          for i in range(*span)):
            continue
        k = span[1]
        while k < end and doc[k].text not in ",;":
            k += 1
        out.append((span[0], k))
    return out
