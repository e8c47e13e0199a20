"""The term language: lemmas, exact forms, capitals, folding and bounded gaps."""

import pytest

from verifier.text.matching import TermMatcher
from verifier.text.nlp import build_pipeline, fold


def _matches(terms, text, gaps=True, lemma=True):
    nlp = build_pipeline()
    matcher = TermMatcher(nlp)
    matcher.add("k", terms, gaps=gaps, lemma=lemma)
    doc = nlp(text)
    sent_of = [0] * len(doc)
    return [doc[a:b].text for a, b in matcher(doc, sent_of).get("k", [])]


@pytest.mark.parametrize("terms,text,found", [
    (["release"], "They released him.", ["released"]),
    (["release"], "Releases continue.", ["Releases"]),
    (["largest"], "a large group", []),
    (["largest"], "the largest group", ["largest"]),
    (["US"], "trust us", []),
    (["US"], "the U.S. said", ["U.S."]),
    (["US"], "the US said", ["US"]),
    (["lift sanctions"], "lifting certain sanctions", ["lifting certain sanctions"]),
    (["lift sanctions"], "lift, then sanctions", []),
    (["lift sanctions"], "lift all of the sanctions", []),
    (["Statkevich"], "Mikola Statkevič spoke", ["Statkevič"]),
    (["Statkevič"], "Mikola Statkevich spoke", ["Statkevich"]),
    (["Statkevičius"], "Statkevicius spoke", []),
    (["be held"], "he is not held", []),
])
def test_matching_term_rules(terms, text, found):
    assert _matches(terms, text) == found


def test_matching_names_do_not_use_lemmas():
    assert _matches(["Rose"], "Prices rise.", gaps=False, lemma=False) == []


@pytest.mark.parametrize("text,folded", [
    ("Statkevič", "statkevich"), ("Białacki", "bialacki"), ("U.S.", "us"), ("3.5", "3.5"),
    ("’s", "'s"),
])
def test_matching_fold(text, folded):
    assert fold(text) == folded
