"""Membership claims: contrast cases around a supporting sentence."""

import pytest

from tests.helpers import check

EU = {"id": "eu-employee", "claim": "An EU employee was among those freed.",
      "kind": "membership", "member": ["EU employee", "EU staff member"]}
POLES = {"id": "three-poles", "claim": "Three Polish nationals were among those freed.",
         "kind": "membership", "member": ["Polish national", "Polish citizen"], "count": 3}
JOURNALIST = {"id": "losik", "claim": "Ihar Losik was among those freed.",
              "kind": "membership", "entity": {"name": "Ihar Losik", "aliases": ["Igor Losik"]}}


@pytest.mark.parametrize("text,verdict", [
    ("Among those freed was an EU employee.", "supported"),
    ("The released group included an EU staff member.", "supported"),
    ("Minsk released 20 people, including an EU employee, on Friday.", "supported"),
    ("An EU employee was not among those released.", "contradicted"),
    ("An EU employee remains in custody.", "contradicted"),
    ("It is unclear whether an EU employee was among those released.", "hedged"),
    ("A UN employee was among those released.", "silent"),
])
def test_membership(text, verdict):
    assert check(EU, text).verdict == verdict


@pytest.mark.parametrize("text,verdict", [
    ("Among those released were three Polish nationals.", "supported"),
    ("Among those released were 3 Polish citizens.", "supported"),
    ("Among those released were two Polish nationals.", "contradicted"),
    ("Among those released were Polish nationals.", "hedged"),
])
def test_membership_with_count(text, verdict):
    assert check(POLES, text).verdict == verdict


@pytest.mark.parametrize("text,verdict", [
    ("Among those freed was the blogger Ihar Losik, jailed in 2020.", "supported"),
    ("Igor Losik walked free on Thursday.", "supported"),
    ("Ihar Losik was not among those freed.", "contradicted"),
    ("Ihar Losik, believed to be among those released, has not spoken.", "hedged"),
    ("Ihar Loban was among those freed.", "silent"),
])
def test_membership_of_a_person(text, verdict):
    assert check(JOURNALIST, text).verdict == verdict


def test_membership_dates_do_not_reach_across_commas():
    text = "Journalist Ihar Losik, handed a 15-year sentence in 2021, also walked free."
    assert check(JOURNALIST, text).verdict == "supported"


def test_membership_among_them_refers_back_to_those_freed():
    text = "Minsk freed 20 people on Friday. Among them was the blogger Ihar Losik."
    assert check(JOURNALIST, text).verdict == "supported"
