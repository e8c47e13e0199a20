"""Numbers: digits, words, ranges, "or" pairs and approximations."""

import math

import pytest

from verifier.model import Count
from verifier.nlp import build_pipeline
from verifier.numbers import Match, find_numbers


def _numbers(text):
    return find_numbers(build_pipeline()(text))


@pytest.mark.parametrize("text,values,low,high,approx", [
    ("They freed 52 people.", (52,), 52, 52, None),
    ("They freed fifty-two people.", (52,), 52, 52, None),
    ("They freed fourteen people.", (14,), 14, 14, None),
    ("They freed 1,300 people.", (1300,), 1300, 1300, None),
    ("They asked for 1,300 or 1,400 people.", (1300, 1400), 1300, 1400, None),
    ("They asked for 1,300 to 1,400 people.", (1300, 1400), 1300, 1400, None),
    ("They asked for between 10 and 20 people.", (10, 20), 10, 20, None),
    ("They freed 52-53 people.", (52, 53), 52, 53, None),
    ("They freed one thousand three hundred people.", (1300,), 1300, 1300, None),
    ("They freed more than 50 people.", (50,), 51, math.inf, "above"),
    ("They freed at least 50 people.", (50,), 50, math.inf, "at_least"),
    ("They freed about 50 people.", (50,), 45, 55, "about"),
    ("They freed nearly 1,200 people.", (1200,), 1080, 1200, "nearly"),
    ("They freed fewer than 10 people.", (10,), -math.inf, 9, "below"),
])
def test_numbers_read(text, values, low, high, approx):
    (mention,) = _numbers(text)
    assert (mention.values, mention.approx) == (values, approx)
    assert mention.low == pytest.approx(low) and mention.high == pytest.approx(high)


@pytest.mark.parametrize("text", ["It covers 4% of them.", "One released prisoner stayed.",
                                  "It covers 4 percent of them."])
def test_numbers_ignored(text):
    assert _numbers(text) == []


@pytest.mark.parametrize("text,count,match", [
    ("52 people", Count(52, 52), Match.EQUAL),
    ("51 people", Count(52, 52), Match.DIFFERENT),
    ("about 50 people", Count(52, 52), Match.COMPATIBLE),
    ("more than 60 people", Count(52, 52), Match.DIFFERENT),
    ("1,300 or 1,400 people", Count(1300, 1400), Match.EQUAL),
    ("1,350 people", Count(1300, 1400), Match.EQUAL),
    ("between 1,000 and 2,000 people", Count(1300, 1400), Match.COMPATIBLE),
    ("2,000 people", Count(1300, 1400), Match.DIFFERENT),
])
def test_numbers_compare_with_a_claimed_count(text, count, match):
    (mention,) = _numbers(text)
    assert mention.compare(count) is match
