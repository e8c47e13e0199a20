"""Numbers in article text: digits, separators, words, ranges, "or" pairs, approximations.

A mention is read into a closed interval [low, high] plus how it was said:

- exact: "52", "fifty-two", "1,300 or 1,400" (both values said), "52-53" (a range);
- approximate: "about 50" (within 10%), "nearly 1,200" (90% up to the number),
  "more than 50" / "over 50" (above), "at least 50", "fewer than 50", "up to 50".

- decimals and scales: "6.8", "1.8 million", "3.2bn", "a million", "9 000" (spaced
  thousands);
- percentages keep their unit ("71 percent", "71%"): they count only a claim's
  percent term, never the noun after them ("40 percent of voters");
- vague amounts: "dozens", "scores", "hundreds", "thousands" (an interval, `vague`);
- "one", "a single", "a lone", "the sole", "the only": 1, but `vague`, because in
  news copy "one" is mostly a determiner or pronoun ("one released prisoner").
  A vague mention may support or hedge a claim; it is never proof of a contradiction.

`compare` tells whether a mention supports, contradicts or only approaches a
claimed count (see its docstring).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum

from spacy.tokens import Doc
from text_to_num import text2num

from ..model import Count

_UNITS = ("zero two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
          "eighty ninety").split()
_SCALES = ("hundred", "thousand", "million", "billion")
_NUMBER_WORDS = frozenset(_UNITS) | frozenset(_SCALES)
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")
MAX_DIGITS = 20  # longer digit strings are codes or identifiers, never counts
_DECIMAL = re.compile(r"^\d+\.\d+$")
# A scale glued to the number, as money figures are written: "3.2bn", "450k", "1.8mln".
_GLUED_SCALE = re.compile(r"^(\d+(?:\.\d+)?)(bn|mln|bln|m|k)$")
_THOUSANDS_GROUP = re.compile(r"^\d{3}$")
_SCALE_VALUES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000,
                 "billion": 1_000_000_000, "bn": 1_000_000_000, "m": 1_000_000,
                 "mln": 1_000_000, "bln": 1_000_000_000, "k": 1_000}
_CURRENCY_SIGNS = frozenset("$€£¥₽")
_PERCENT = frozenset({"%", "percent", "per"})
# Vague amounts: the plural of a scale word, read as an interval.
_VAGUE = {"dozens": (24, 199), "scores": (40, 199), "hundreds": (200, 1_999),
          "thousands": (2_000, 99_999), "tens": (20, 99)}
# Words that make "one" a count of one ("a single survivor", "the sole survivor").
_ONE_WORDS = {("a", "single"): 1, ("a", "lone"): 1, ("the", "sole"): 1, ("the", "lone"): 1,
              ("the", "only"): 1, ("a", "sole"): 1}
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
    values: tuple[float, ...]
    approx: str | None
    text: str
    unit: str | None = None  # "percent" for "71 percent", "71%"
    vague: bool = False      # "dozens", "one": may support or hedge, never contradict

    def compare(self, count: Count) -> Match:
        """Compare with a claimed count.

        Exact values (one, an "or" pair, a range) all inside the claimed range are
        EQUAL; an interval that overlaps the claimed range without committing to it
        is COMPATIBLE; an interval that misses it is DIFFERENT.
        """
        if self.high < count.low or self.low > count.high:
            return Match.DIFFERENT
        if count.about:
            # An approximate claim ("about 9,000") is met by any figure near it that
            # does not claim more precision than "about" allows.
            middle = (count.low + count.high) / 2
            near = self.low <= middle <= self.high if self.approx else (
                count.low <= self.low and self.high <= count.high)
            return Match.EQUAL if near and not self.vague else Match.COMPATIBLE
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


def _scaled(doc: Doc, j: int, value: float) -> tuple[int, float]:
    """Apply a scale word right after a number: "1.8 million" -> 1,800,000."""
    if j < len(doc) and doc[j].norm_ in _SCALE_VALUES and not (
            doc[j].norm_ == "m" and doc[j].whitespace_ == "" and j + 1 < len(doc)
            and doc[j + 1].is_alpha):
        return j + 1, value * _SCALE_VALUES[doc[j].norm_]
    return j, value


_TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())


def _tens_one(doc: Doc, j: int, words: list[str]) -> bool:
    """Return True for the "one" of "forty-one" or "forty one": "one" alone is not a
    number word (it is mostly a determiner), but after a tens word it is a digit."""
    return (doc[j].norm_ == "one" and bool(words)
            and (words[-1] in _TENS or (words[-1] == "-" and len(words) > 1
                                        and words[-2] in _TENS)))


def _single(doc: Doc, i: int) -> tuple[int, tuple[float, ...]] | None:
    """Read one number starting at token i: return (end token, values) or None."""
    norm = doc[i].norm_
    if len(norm) > MAX_DIGITS:
        return None  # a code or an identifier, not a count: and int() would refuse it
    if _DIGITS.match(norm):
        value, j = int(norm.replace(",", "")), i + 1
        # "9 000": thousands separated by a space, as agency copy writes them
        while (len(norm) <= 3 and "," not in norm and j < len(doc)
               and doc[j - 1].whitespace_ == " " and _THOUSANDS_GROUP.match(doc[j].norm_)):
            value, j = value * 1000 + int(doc[j].norm_), j + 1
        j, scaled = _scaled(doc, j, value)
        return j, (scaled,)
    if _DECIMAL.match(norm):
        j, scaled = _scaled(doc, i + 1, float(norm))
        return j, (scaled,)
    glued = _GLUED_SCALE.match(norm)
    if glued:
        return i + 1, (float(glued[1]) * _SCALE_VALUES[glued[2]],)
    ranged = _DIGIT_RANGE.match(norm)
    if ranged:
        return i + 1, (int(ranged[1].replace(",", "")), int(ranged[2].replace(",", "")))
    words: list[str] = []
    j = i
    if norm in ("a", "one") and i + 1 < len(doc) and doc[i + 1].norm_ == "dozen":
        return i + 2, (12,)  # "a dozen"
    if norm == "half" and [t.norm_ for t in doc[i + 1:i + 3]] == ["a", "dozen"]:
        return i + 3, (6,)  # "half a dozen"
    if norm in ("a", "one") and i + 1 < len(doc) and doc[i + 1].norm_ in _SCALES:
        words, j = ["one"], i + 1  # "a hundred and twelve", "one thousand three hundred"
    elif norm not in _NUMBER_WORDS or norm in _SCALES:
        return None  # a bare "million" is not a number: "1.8 million" is read above
    while j < len(doc) and (doc[j].norm_ in _NUMBER_WORDS or _tens_one(doc, j, words)
                            or (doc[j].norm_ in ("-", "and") and j + 1 < len(doc)
                                and (doc[j + 1].norm_ in _NUMBER_WORDS
                                     or _tens_one(doc, j + 1, words)))):
        words.append(doc[j].norm_)
        j += 1
    value = _word_value(words)
    return (j, (value,)) if value is not None else None


_APPROX_BY_LAST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _kind in _APPROX:
    _APPROX_BY_LAST.setdefault(_words[-1], []).append((_words, _kind))
for _cues in _APPROX_BY_LAST.values():
    _cues.sort(key=lambda cue: -len(cue[0]))  # "no more than" before "more than"


def _approx_before(doc: Doc, i: int, floor: int) -> tuple[int, str | None]:
    """Return (start token, approximation kind) of the cue ending right before token i."""
    if i <= floor:
        return i, None
    for words, kind in _APPROX_BY_LAST.get(doc[i - 1].norm_, ()):
        start = i - len(words)
        if start >= floor and tuple(t.norm_ for t in doc[start:i]) == words:
            return start, kind
    return i, None


def _interval(values: tuple[float, ...], approx: str | None) -> tuple[float, float]:
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
    return bool(_DIGITS.match(low) or _DIGIT_RANGE.match(low) or _DECIMAL.match(low)
                or _GLUED_SCALE.match(low)
                or low in _NUMBER_WORDS or low in _VAGUE
                or low in ("one", "single", "lone", "sole", "only", "a", "half"))


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
        norm = doc[i].norm_
        if norm in _VAGUE:
            low, high = _VAGUE[norm]
            found.append(NumberMention(i, i + 1, low, high, (low, high), "about", doc[i].text,
                                       vague=True))
            done = i + 1
            continue
        if norm in ("one", "single", "lone", "sole", "only") and not (
                norm == "one" and i + 1 < end and doc[i + 1].norm_ in _NUMBER_WORDS):
            one = _one(doc, i, start)
            if one is not None:
                found.append(one)
                done = i + 1
            continue
        first = _single(doc, i)
        if first is None:
            continue
        j, values = first
        between = doc[i - 1].norm_ == "between" if i > start else False
        if j + 1 < end and (doc[j].norm_ in _RANGE_JOINERS or (between and doc[j].norm_ == "and")):
            second = _single(doc, j + 1)
            # "49 - three years" is an age and a count, not a range: a range rises
            if second is not None and (doc[j].norm_ == "or" or second[1][0] >= values[-1]):
                j, values = second[0], values + second[1]
        # "two dozen" is 24, and like "a dozen" a round figure: about 24
        if j < end and doc[j].norm_ == "dozen" and doc[j - 1].norm_ != "dozen":
            j, values = j + 1, tuple(v * 12 for v in values)
        rounded = doc[j - 1].norm_ == "dozen"
        # "40 or so": the cue stands after the number
        loosely = j + 1 < end and doc[j].norm_ == "or" and doc[j + 1].norm_ == "so"
        if loosely:
            j += 2
        # "about $3 billion": the cue stands before the currency symbol
        cue_at = i - 1 if between or (i > start and doc[i - 1].text in _CURRENCY_SIGNS) else i
        cue_start, approx = _approx_before(doc, cue_at, start)
        if cue_at != i and not between:
            cue_start = i  # the mention starts at the number; the symbol is its noun
        if between:
            cue_start = min(cue_start, i - 1)
        unit = None
        if j < end and doc[j].norm_ in _PERCENT:
            if doc[j].norm_ == "per" and not (j + 1 < end and doc[j + 1].norm_ == "cent"):
                done = j
                continue
            unit = "percent"
        if approx is None and (rounded or loosely):
            approx = "about"
        low, high = _interval(values, approx)
        # "a dozen", "two dozen or so": a round figure that may support or hedge, never
        # contradict ("a dozen" may well be ten)
        found.append(NumberMention(cue_start, j, low, high, values, approx,
                                   doc[cue_start:j].text, unit=unit, vague=rounded))
        done = j
    return found


def _one(doc: Doc, i: int, floor: int) -> NumberMention | None:
    """Read "one" as a count only where it cannot be a determiner of something else.

    "a single/lone survivor", "the sole/only survivor", and a bare "one" that is not
    "one of", "one another" or "one-" compound; every such reading is vague.
    """
    norm = doc[i].norm_
    if norm == "one":
        nxt = doc[i + 1].norm_ if i + 1 < len(doc) else ""
        if nxt in ("of", "another", "-", "day", "time", "way", "thing") or (
                i > floor and doc[i - 1].norm_ in ("no", "the", "this", "that", "each",
                                                     "every", "any", "which", "another")):
            return None
        return NumberMention(i, i + 1, 1, 1, (1,), None, doc[i].text, vague=True)
    if i > floor and (doc[i - 1].norm_, norm) in _ONE_WORDS:
        return NumberMention(i - 1, i + 1, 1, 1, (1,), None, doc[i - 1:i + 1].text, vague=True)
    return None
