"""Role claims: contrast cases around a supporting sentence."""

import pytest

from tests.helpers import check

PRESIDENT = {"id": "trump-president", "claim": "Donald Trump is the US president.",
             "kind": "role", "entity": "Donald Trump", "role": ["president", "US president"]}


@pytest.mark.parametrize("text,verdict", [
    ("The appeal came from US President Donald Trump.", "supported"),
    ("The appeal came from President Donald Trump.", "supported"),
    ("The appeal came from U.S. president Donald Trump.", "supported"),
    ("Donald Trump, the US president, made the appeal.", "supported"),
    # "former" added, and its variants
    ("The appeal came from former US President Donald Trump.", "contradicted"),
    ("The appeal came from ex-President Donald Trump.", "contradicted"),
    ("The appeal came from then-President Donald Trump.", "contradicted"),
    ("Donald Trump, the former US president, made the appeal.", "contradicted"),
    # hedge inserted
    ("The appeal came from a man said to be President Donald Trump.", "hedged"),
    # another person named, or no role
    ("The appeal came from US President Joe Biden.", "silent"),
    ("The appeal came from Donald Trump.", "silent"),
    ("He and then President Donald Trump spoke.", "supported"),
])
def test_role(text, verdict):
    assert check(PRESIDENT, text).verdict == verdict


def test_role_reason_names_the_qualifier():
    result = check(PRESIDENT, "The appeal came from former President Donald Trump.")
    assert "'former'" in result.reason


@pytest.mark.parametrize("text,verdict", [
    ("Donald Trump, believed to be the US president, made the appeal.", "hedged"),
    ("President Donald Trump reportedly made the appeal.", "supported"),
    ("It is unclear whether Minsk heeded the appeal from US President Donald Trump.",
     "supported"),
])
def test_role_hedges_reach_only_the_title(text, verdict):
    assert check(PRESIDENT, text).verdict == verdict
