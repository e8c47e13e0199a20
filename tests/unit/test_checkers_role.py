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


PREMIER = {"id": "rask-pm", "claim": "Pavel Rask is the sitting prime minister.",
           "kind": "role", "entity": "Pavel Rask",
           "role": ["prime minister", "caretaker prime minister"]}


@pytest.mark.parametrize("text,verdict", [
    # a link joins the name to the role it holds now
    ("Pavel Rask remains prime minister.", "supported"),
    ("Pavel Rask is still the prime minister.", "supported"),
    ("Pavel Rask will stay on as caretaker prime minister until May.", "supported"),
    ("Pavel Rask, in office since 2018, will stay on as caretaker prime minister.",
     "supported"),
    ("Pavel Rask has been prime minister since 2018.", "supported"),
    # a pronoun opening its sentence or clause, for the name opening the sentence before
    ("Pavel Rask conceded on Sunday. He remains prime minister.", "supported"),
    ("Mr Pavel Rask conceded, but he remains prime minister.", "supported"),
    # a hedge between the name and the link
    ("Pavel Rask expected to stay on as caretaker prime minister.", "hedged"),
    # must stay silent: negated, past, another subject, a pronoun with another referent
    ("Pavel Rask is no longer prime minister.", "silent"),
    ("Pavel Rask is not the prime minister.", "silent"),
    ("Pavel Rask was prime minister until 2018.", "silent"),
    ("Pavel Rask became prime minister in 2018.", "silent"),
    ("Pavel Rask said Ingrid Sollberg is prime minister.", "silent"),
    ("Ingrid Sollberg met Pavel Rask. She remains prime minister.", "silent"),
    # the sentence before names someone else too: the pronoun may be theirs
    ("Pavel Rask met Ingrid Sollberg on Monday. She is prime minister.", "silent"),
    ("Pavel Rask called Sollberg, and he remains prime minister.", "silent"),
    ("Pavel Rask's deputy is prime minister.", "silent"),
    ("Pavel Rask is the former prime minister's adviser.", "silent"),
    ("Pavel Rask is the prime minister's chief of staff.", "silent"),
])
def test_role_linked_by_a_verb_of_holding(text, verdict):
    assert check(PREMIER, text).verdict == verdict
