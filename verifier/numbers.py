"""Numbers in article text: digits, separators, words, ranges, "or" pairs, approximations.

A mention is read into a closed interval [low, high] plus how it was said:

- exact: "52", "fifty-two", "1,300 or 1,400" (both values said), "52-53" (a range);
- approximate: "about 50" (within 10%), "nearly 1,200" (90% up to the number),
  "more than 50" / "over 50" (above), "at least 50", "fewer than 50", "up to 50".

`compare` tells whether a mention supports, contradicts or only approaches a
claimed count (see its docstring). "one" is not read as a number: in news copy it
is mostly a determiner or pronoun ("one released prisoner", "one of them").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum

from spacy.tokens import Doc
from text_to_num import text2num

from .model import Count

_UNITS = ("zero two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
          "eighty ninety").split()
_SCALES = ("hundred", "thousand", "million", "billion")
_NUMBER_WORDS = frozenset(_UNITS) | frozenset(_SCALES)
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")
_DIGIT_RANGE = re.compile(r"^(\d[\d,]*)[-–](\d[\d,]*)$")
_RANGE_JOINERS = frozenset({"or", "to", "-", "–", "—"})

# Approximation cues before a number, longest first; each maps to how the interval is built.
_APPROX = (
    (("more", "than"), "above"), (("greater", "than"), "above"), (("over",), "above"),
    (("in", "excess", "of"), "above"), (("upwards", "of"), "above"),
    (("at", "least"), "at_least"),
    (("fewer", "than"), "below"), (("less", "than"), "below"), (("under",), "below"),
    (("up", "to"), "at_most"), (("at", "most"), "at_most"), (("no", "more", "than"), "at_most"),
    (("about",), "about"), (("around",), "about"), (("approximately",), "about"),
    (("roughly",), "about"), (("some",), "about"), (("an", "estimated"), "about"),
    (("estimated",), "about"), (("close", "to"), "nearly"),
    (("nearly",), "nearly"), (("almost",), "nearly"), (("just", "under"), "nearly"),
)


class Match(StrEnum):
    """How a mentioned number relates to a claimed count."""

    EQUAL = "equal"            # the mention commits to the claimed count
    COMPATIBLE = "compatible"  # an approximation or wider range that admits it
    DIFFERENT = "different"    # no value of the mention fits the claim


@dataclass(frozen=True)
class NumberMention:
    """A number said in the text: token span, interval and the words that said it."""

    start: int
    end: int
    low: float
    high: float
    values: tuple[int, ...]
    approx: str | None
    text: str

    def compare(self, count: Count) -> Match:
        """Compare with a claimed count.

        Exact values (one, an "or" pair, a range) all inside the claimed range are
        EQUAL; an interval that overlaps the claimed range without committing to it
        is COMPATIBLE; an interval that misses it is DIFFERENT.
        """
        if self.high < count.low or self.low > count.high:
            return Match.DIFFERENT
        if self.approx is None and count.low <= self.low and self.high <= count.high:
            return Match.EQUAL
        return Match.COMPATIBLE


def _word_value(words: list[str]) -> int | None:
    """Return the value of a run of number words, or None when it is not a number."""
    phrase = " ".join(w for w in words if w != "-")
    if phrase in ("", "and") or phrase.endswith(" and") or phrase.startswith("and "):
        return None
    try:
        return int(text2num(phrase.replace(" - ", "-"), "en"))
    except (ValueError, TypeError):
        return None


def _single(doc: Doc, i: int) -> tuple[int, tuple[int, ...]] | None:
    """Read one number starting at token i: return (end token, values) or None."""
    norm = doc[i].norm_
    if _DIGITS.match(norm):
        return i + 1, (int(norm.replace(",", "")),)
    ranged = _DIGIT_RANGE.match(norm)
    if ranged:
        return i + 1, (int(ranged[1].replace(",", "")), int(ranged[2].replace(",", "")))
    if norm not in _NUMBER_WORDS:
        return None
    j = i
    words: list[str] = []
    while j < len(doc) and (doc[j].norm_ in _NUMBER_WORDS
                            or (doc[j].norm_ in ("-", "and") and j + 1 < len(doc)
                                and doc[j + 1].norm_ in _NUMBER_WORDS)):
        words.append(doc[j].norm_)
        j += 1
    value = _word_value(words)
    return (j, (value,)) if value is not None else None


_APPROX_BY_LAST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _kind in _APPROX:
    _APPROX_BY_LAST.setdefault(_words[-1], []).append((_words, _kind))


def _approx_before(doc: Doc, i: int, floor: int) -> tuple[int, str | None]:
    """Return (start token, approximation kind) of the cue ending right before token i."""
    if i <= floor:
        return i, None
    for words, kind in _APPROX_BY_LAST.get(doc[i - 1].norm_, ()):
        start = i - len(words)
        if start >= floor and tuple(t.norm_ for t in doc[start:i]) == words:
            return start, kind
    return i, None


def _interval(values: tuple[int, ...], approx: str | None) -> tuple[float, float]:
    low, high = float(min(values)), float(max(values))
    if approx == "above":
        return high + 1, math.inf
    if approx == "at_least":
        return low, math.inf
    if approx == "below":
        return -math.inf, low - 1
    if approx == "at_most":
        return -math.inf, high
    if approx == "about":
        return low * 0.9, high * 1.1
    if approx == "nearly":
        return low * 0.9, high
    return low, high


def could_start_number(text: str) -> bool:
    """Return True for a token text that may start a number ("52", "1,300", "fifty")."""
    low = text.lower()
    return bool(_DIGITS.match(low) or _DIGIT_RANGE.match(low) or low in _NUMBER_WORDS)


def find_numbers(doc: Doc, start: int = 0, end: int | None = None,
                 candidates: list[int] | None = None) -> list[NumberMention]:
    """Return every number mention in doc[start:end], ranges and "or" pairs as one mention.

    `candidates`, when given, lists the only positions where a number may start
    (see `could_start_number`), so the scan skips every other token.
    """
    end = len(doc) if end is None else end
    found: list[NumberMention] = []
    positions = range(start, end) if candidates is None else candidates
    done = start
    for i in positions:
        if i < done:
            continue
        first = _single(doc, i) if doc[i].norm_ != "one" else None
        if first is None:
            continue
        j, values = first
        between = doc[i - 1].norm_ == "between" if i > start else False
        if j + 1 < end and (doc[j].norm_ in _RANGE_JOINERS or (between and doc[j].norm_ == "and")):
            second = _single(doc, j + 1)
            if second is not None:
                j, values = second[0], values + second[1]
        cue_start, approx = _approx_before(doc, i - 1 if between else i, start)
        if between:
            cue_start = min(cue_start, i - 1)
        if doc[j].norm_ in ("%", "percent", "per") if j < end else False:
            done = j
            continue
        low, high = _interval(values, approx)
        found.append(NumberMention(cue_start, j, low, high, values, approx,
                                   doc[cue_start:j].text))
        done = j
    return found
