"""The pipeline: sentence boundaries and folding."""

import pytest

from verifier.text.nlp import build_pipeline


@pytest.mark.parametrize("text,sentences", [
    ("He posted on X.\n\nThe release came later.", ["He posted on X.", "The release came later."]),
    ("Mr. Coale left. “No man left behind!” he said.",
     ["Mr. Coale left.", "“No man left behind!” he said."]),
    ("Talks with the U.S. delegation ended.", ["Talks with the U.S. delegation ended."]),
])
def test_nlp_sentence_boundaries(text, sentences):
    assert [s.text.strip() for s in build_pipeline()(text).sents] == sentences


def test_nlp_lemmas_are_folded_and_lower_case():
    doc = build_pipeline()("Prisoners were Freed")
    assert [t.lemma_ for t in doc] == ["prisoner", "be", "free"]


@pytest.mark.parametrize("text", ["", "\xad", " \n ", "\u200b\u200b"])
def test_nlp_any_text_reads_without_error(text):
    from tests.helpers import check

    claim = {"id": "c", "claim": "C.", "kind": "status", "entity": "Ales Bialiatski"}
    assert check(claim, text).verdict == "silent"


def test_nlp_paragraph_breaks_make_no_empty_sentences():
    doc = build_pipeline()("First paragraph ends here.\n\nSecond one starts.\n\nThird.")
    assert [s.text.strip() for s in doc.sents] == [
        "First paragraph ends here.", "Second one starts.", "Third."]


@pytest.mark.parametrize("plural,singular", [
    ("russians", "russian"), ("americans", "american"), ("belarusians", "belarusian"),
    ("londoners", "londoner"),
    # common nouns keep the table's lemma
    ("others", "other"), ("seats", "seat"),
])
def test_nlp_plural_names_of_peoples_lose_their_s(plural, singular):
    from verifier.text.nlp import lemmas
    assert lemmas()(plural) == singular


def test_nlp_dash_glued_between_words_splits_them():
    doc = build_pipeline()("aboard—170 people, 52–53 freed, Belarus-based")
    assert [t.text for t in doc][:4] == ["aboard", "—", "170", "people"]
