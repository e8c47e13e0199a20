"""Quantity claims: contrast cases around a supporting sentence."""

import pytest

from tests.helpers import check

RELEASED_52 = {"id": "freed-52", "claim": "52 prisoners were freed.", "kind": "quantity",
               "count": 52, "counted": ["prisoner", "detainee"], "context": ["@release"]}
REQUESTED = {"id": "asked-1300-1400", "claim": "Washington asked for 1,300 to 1,400.",
             "kind": "quantity", "count": {"min": 1300, "max": 1400},
             "counted": ["prisoner", "detainee"], "context": ["@request"]}


@pytest.mark.parametrize("text,verdict", [
    ("Minsk freed 52 detainees on Thursday.", "supported"),
    ("Authorities released fifty-two prisoners overnight.", "supported"),
    ("Fifty-two prisoners were released on Thursday.", "supported"),
    ("Minsk freed 52 political detainees after an appeal from Washington.", "supported"),
    ("Minsk pardoned 52 prisoners, officials said.", "supported"),
    # number changed
    ("Minsk freed 51 detainees on Thursday.", "contradicted"),
    ("Minsk freed more than 60 detainees on Thursday.", "contradicted"),
    # negation inserted
    ("Minsk did not free 52 detainees on Thursday.", "contradicted"),
    # hedge inserted
    ("Minsk reportedly freed 52 detainees on Thursday.", "hedged"),
    ("It was unclear whether Minsk freed 52 detainees.", "hedged"),
    # an approximation that admits the number commits to nothing exact
    ("Minsk freed about 50 detainees on Thursday.", "hedged"),
    ("Minsk freed more than 50 detainees on Thursday.", "hedged"),
    # another counted thing, no event, or a request rather than the event
    ("Minsk freed 52 journalists on Thursday.", "silent"),
    ("The ministry said 52 detainees remain in the camp.", "silent"),
    ("Washington had asked Minsk to free 1,300 detainees.", "silent"),
    ("It fell short of the 1,300 prisoners whose release Washington had requested.", "silent"),
    ("Washington said 4% of all prisoners were freed.", "silent"),
])
def test_quantity_released(text, verdict):
    assert check(RELEASED_52, text).verdict == verdict


@pytest.mark.parametrize("text,verdict", [
    ("Washington had asked for the release of 1,300 or 1,400 detainees.", "supported"),
    ("Washington had called for the release of 1,350 prisoners.", "supported"),
    ("It fell short of the 1,300 or 1,400 prisoners whose release Washington requested.",
     "supported"),
    ("Washington had asked for the release of 2,000 detainees.", "contradicted"),
    ("Washington had asked for the release of between 1,000 and 2,000 detainees.", "hedged"),
    ("Minsk freed 52 detainees after an appeal from Washington.", "silent"),
])
def test_quantity_requested_range(text, verdict):
    assert check(REQUESTED, text).verdict == verdict


def test_quantity_reason_names_both_numbers():
    result = check(RELEASED_52, "Minsk freed 51 detainees on Thursday.")
    assert "51" in result.reason and "52" in result.reason and "≠" in result.reason


def test_quantity_evidence_offsets_point_at_the_sentence():
    text = "Talks went on. Minsk freed 52 detainees on Thursday. Nothing else."
    result = check(RELEASED_52, text)
    (evidence,) = result.evidence
    assert text[evidence.start:evidence.end] == evidence.text == (
        "Minsk freed 52 detainees on Thursday.")


@pytest.mark.parametrize("text", [
    "In June, Minsk freed 14 detainees.",
    "Minsk freed 16 detainees in 2024.",
])
def test_quantity_other_times_are_background(text):
    assert check(RELEASED_52, text).verdict == "silent"


@pytest.mark.parametrize("text,verdict", [
    ("Among those released were three detainees from Poland.", "silent"),
    ("Minsk freed 52 prisoners, including 3 detainees from Poland.", "supported"),
    ("Washington asked Minsk last month to free 1,300 prisoners, far more than were let go.",
     "silent"),
])
def test_quantity_subsets_and_framed_numbers_are_not_the_total(text, verdict):
    assert check(RELEASED_52, text).verdict == verdict
