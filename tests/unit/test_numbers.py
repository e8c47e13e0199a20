"""Numbers: digits, words, ranges, "or" pairs and approximations."""

import math

import pytest

from verifier.model import Count
from verifier.text.nlp import build_pipeline
from verifier.text.numbers import Match, find_numbers


def _numbers(text):
    return find_numbers(build_pipeline()(text))


@pytest.mark.parametrize("text,values,low,high,approx", [
    ("They freed 52 people.", (52,), 52, 52, None),
    ("They freed fifty-two people.", (52,), 52, 52, None),
    # dozens of a number are round figures; "or so" after a number approximates it
    ("Two dozen or so people are missing.", (24,), 21.6, 26.4, "about"),
    ("They freed a dozen people.", (12,), 10.8, 13.2, "about"),
    ("They freed 40 or so people.", (40,), 36, 44, "about"),
    # "one" is a digit after a tens word, hyphenated or not
    ("They won forty-one seats.", (41,), 41, 41, None),
    ("Forty-one seats went to them.", (41,), 41, 41, None),
    ("They won twenty one seats.", (21,), 21, 21, None),
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


@pytest.mark.parametrize("text,unit,vague", [
    ("It covers 4% of them.", "percent", False),
    ("It covers 4 percent of them.", "percent", False),
    ("One released prisoner stayed.", None, True),  # "one" may count; it never contradicts
    ("Two dozen prisoners stayed.", None, True),    # a round figure: "a dozen" may be ten
    ("Half a dozen prisoners stayed.", None, True),
])
def test_numbers_units_and_vague_counts_are_marked(text, unit, vague):
    (mention,) = _numbers(text)
    assert (mention.unit, mention.vague) == (unit, vague)


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


@pytest.mark.parametrize("text,low,high", [
    ("A magnitude 6.8 earthquake struck.", 6.8, 6.8),
    ("He took 1.8 million euros in bribes.", 1_800_000, 1_800_000),
    ("He took 1.8 mln euro in bribes.", 1_800_000, 1_800_000),
    ("Some 180 thousand persons took part.", 162_000, 198_000),
    ("About 9 000 persons need shelter.", 8_100, 9_900),  # spaced thousands
    ("A hundred and twelve people are dead.", 112, 112),
    ("It cost a million dollars.", 1_000_000, 1_000_000),
    ("There were 170 people aboard—170 of them passengers.", 170, 170),  # em dash glued
])
def test_numbers_decimals_scales_and_spaced_thousands(text, low, high):
    first = _numbers(text)[0]
    assert (first.low, first.high) == pytest.approx((low, high))


@pytest.mark.parametrize("text", [
    "They paid million euros.",      # a bare scale word is not a number
    "One of them was freed.",        # "one of" is a part, not a count
    "No one was hurt.",
])
def test_numbers_words_that_are_not_counts(text):
    assert [m for m in _numbers(text) if not m.vague] == []
    assert all(m.text.lower() != "one" for m in _numbers(text) if "one of" in text.lower())


@pytest.mark.parametrize("text,low,high", [
    ("Dozens were killed.", 24, 199),
    ("Hundreds were evacuated.", 200, 1_999),
    ("The sole survivor was found.", 1, 1),
    ("A single survivor was found.", 1, 1),
])
def test_numbers_vague_amounts_are_intervals_that_never_contradict(text, low, high):
    mention = _numbers(text)[0]
    assert mention.vague and (mention.low, mention.high) == (low, high)


def test_numbers_percentages_keep_their_unit():
    mentions = _numbers("Turnout was 71 percent, or 71% and 40 per cent elsewhere.")
    assert [(m.low, m.unit) for m in mentions] == [(71, "percent"), (71, "percent"),
                                                    (40, "percent")]


def test_numbers_age_then_count_is_not_a_descending_range():
    assert [m.low for m in _numbers("Lena Moss, 49 - three years, suspended.")] == [49, 3]


@pytest.mark.parametrize("text,match", [
    ("about 9,000 people", Match.EQUAL),
    ("some 9,000 people", Match.EQUAL),
    ("9,000 people", Match.EQUAL),
    ("8,800 people", Match.EQUAL),
    ("thousands of people", Match.COMPATIBLE),
    ("about 5,000 people", Match.DIFFERENT),
])
def test_numbers_approximate_claims_accept_approximate_figures(text, match):
    claimed = Count(8_100, 9_900, about=True)
    assert _numbers(text)[0].compare(claimed) is match


def test_numbers_one_after_anything_but_a_tens_word_stays_apart():
    assert [m.text for m in _numbers("Of the twenty, one was freed.")] == ["twenty", "one"]
    assert [m.text for m in _numbers("one hundred and one")] == ["one hundred", "one"]
