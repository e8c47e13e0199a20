"""Scope of negation, hedge, request, causal and date cues, one mechanism at a time."""

import datetime as dt

import pytest

from verifier.text.reading import Reader
from verifier.text.scope import (
    ASIDE_SCAN,
    attribution_aside,
    causal,
    elsewhen,
    hedge,
    negation,
    request_frame,
    subject_aside,
)

READER = Reader(())
AS_OF = dt.date(2025, 9, 11)


def _span(reading, word: str) -> tuple[int, int]:
    """Return the token span of the first occurrence of a word."""
    index = next(t.i for t in reading.doc if t.text == word)
    return index, index + 1


@pytest.mark.parametrize("text,target,negated", [
    ("He was not among those released.", "released", "not"),
    ("They did not lift the ban.", "lift", "not"),
    ("Minsk refused to release him.", "release", "refused"),
    ("He is no longer held.", "held", "no"),
    ("Nobody said so, but he was released.", "released", None),
    ("He was released, and it was not a surprise.", "released", None),
    ("It was not immediately clear whether he was released.", "released", None),
    ("Not a single word was said before he was finally released.", "released", None),
])
def test_scope_negation_reach(text, target, negated):
    reading = READER.read(text)
    found = negation(reading, 0, _span(reading, target))
    assert (reading.doc[found[0]].text if found else None) == negated


@pytest.mark.parametrize("text,target,hedged", [
    ("It was unclear whether he was released.", "released", True),
    ("He was reportedly released.", "released", True),
    ("One prisoner, believed to be Losik, stayed.", "Losik", True),
    ("He was released and appears to be well.", "released", False),
    ("It is unclear when talks resume, but he was released.", "released", False),
    # unconfirmed, expected or probable: not committed to
    ("According to reports not officially confirmed, he was released.", "released", True),
    ("The ministry has yet to confirm that he was released.", "released", True),
    ("She is understood to want talks with the Greens.", "Greens", True),
    ("She would probably call the Greens first.", "Greens", True),
    ("The Front looks set to enter the assembly.", "assembly", True),
    # the same words in another sense, or after the decided words, do not hedge
    ("He was released; the ministry has yet to confirm the date of his trial.", "released",
     False),
    ("The set was built for the film about the assembly.", "assembly", False),
])
def test_scope_hedge_covers_only_what_follows(text, target, hedged):
    reading = READER.read(text)
    span = _span(reading, target)
    assert (hedge(reading, 0, span) is not None) == hedged


@pytest.mark.parametrize("text,target,framed", [
    ("the 1,300 prisoners whose release Trump had requested", "release", True),
    ("Trump asked for the release of 1,300 prisoners", "release", True),
    ("Belarus released 52 prisoners after an appeal from Trump", "released", False),
    ("Belarus released 52 prisoners in response to an appeal", "released", False),
])
def test_scope_request_frames_and_causes(text, target, framed):
    reading = READER.read(text)
    assert (request_frame(reading, 0, _span(reading, target)) is not None) == framed


def test_scope_causal_marker_introduces_a_request():
    reading = READER.read("Belarus released them following appeals from Trump.")
    assert causal(reading, 0, _span(reading, "appeals"))


@pytest.mark.parametrize("text,target,moved", [
    ("In June, Belarus freed 14 prisoners.", "freed", "June"),
    ("He was jailed in 2020 for his blog.", "jailed", "2020"),
    ("He was freed in September 2025.", "freed", None),
    ("Sentenced in 2021, he also walked free.", "walked", None),
    ("Freed on Thursday, he spoke in May 2024 in Vilnius.", "Freed", None),
])
def test_scope_dates_of_other_times(text, target, moved):
    reading = READER.read(text)
    assert elsewhen(reading, 0, _span(reading, target), AS_OF) == moved


@pytest.mark.parametrize("text,hedged", [
    ("On 14 May the dam was inspected and found undamaged.", False),
    ("The quake struck in May, and the dam was found undamaged.", False),
    ("May 14: the dam was found undamaged.", False),
    ("The dam may have been damaged.", True),
])
def test_scope_the_month_may_is_not_a_hedge(text, hedged):
    from tests.helpers import check
    claim = {"id": "dam", "claim": "The dam was not damaged.", "kind": "relation",
             "predicate": ["undamaged", "damage"], "object": ["dam"]}
    assert (check(claim, text).verdict == "hedged") is hedged


@pytest.mark.parametrize("aside,skipped", [
    (", according to the court's ruling,", 7),
    (", prosecutors said,", 0),                 # only "according to" is an aside here
    (", according to " + "the long ruling " * 14 + ",", 0),  # beyond ASIDE_SCAN
])
def test_scope_attribution_aside_within_reach(aside, skipped):
    reading = READER.read(f"Vell{aside} was convicted.")
    verb = _span(reading, "was")
    assert attribution_aside(reading, (0, 1), verb) == skipped
    assert attribution_aside(reading, verb, (0, 1)) == skipped
    assert skipped == 0 or verb[0] - 1 <= ASIDE_SCAN


@pytest.mark.parametrize("text,skipped", [
    ("Vell, 58, who grew up in Vesk, was convicted.", 9),   # ", 58, who grew up in Vesk,"
    ("Vell, the former minister, was convicted.", 5),
    ("Vell, Dunn and Moss were convicted.", 0),              # a list, not an aside
    ("Vell was convicted.", 0),
    ("Vell, who (as ever) smiled, was convicted.", 0),       # other punctuation: not read
])
def test_scope_subject_aside(text, skipped):
    reading = READER.read(text)
    verb = _span(reading, "convicted")
    assert subject_aside(reading, (0, 1), verb) == skipped
