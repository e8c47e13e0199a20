"""Quote claims: contrast cases around a supporting sentence."""

import pytest

from tests.helpers import check

QUOTE = {"id": "human-lives", "claim": "Tsikhanouskaya called it a trade in human lives.",
         "kind": "quote", "phrase": ["trade in human lives"],
         "speaker": {"name": "Sviatlana Tsikhanouskaya",
                     "aliases": ["Svetlana Tikhanovskaya"]}}


@pytest.mark.parametrize("text,verdict", [
    ("Opposition leader Sviatlana Tsikhanouskaya called the deal a trade in human lives.",
     "supported"),
    ("Sviatlana Tsikhanouskaya spoke on Friday. “It is a trade in human lives,” "
     "Tsikhanouskaya said.", "supported"),
    ("Sviatlana Tsikhanouskaya spoke in Vilnius. “It is a trade in human lives,” she said.",
     "supported"),
    ("Svetlana Tikhanovskaya described the swap as a trade in human lives.", "supported"),
    # another person named: their words, which does not deny that she said them too
    ("“It is a trade in human lives,” Nauseda said.", "silent"),
    ("Sviatlana Tsikhanouskaya spoke first. “It is a trade in human lives,” Nauseda "
     "said.", "silent"),
    # negation inserted
    ("Sviatlana Tsikhanouskaya did not call it a trade in human lives.", "contradicted"),
    # hedge inserted
    ("Sviatlana Tsikhanouskaya reportedly called it a trade in human lives.", "hedged"),
    # no attribution at all
    ("Critics see a trade in human lives.", "hedged"),
    ("Sviatlana Tsikhanouskaya welcomed the release.", "silent"),
])
def test_quote(text, verdict):
    assert check(QUOTE, text).verdict == verdict


def test_quote_hedged_attribution_after_the_phrase():
    text = ("Sviatlana Tsikhanouskaya spoke in Vilnius. “It is a trade in human lives,” "
            "Tsikhanouskaya reportedly said.")
    assert check(QUOTE, text).verdict == "hedged"
