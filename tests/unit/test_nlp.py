"""The pipeline: sentence boundaries and folding."""

import pytest

from verifier.text.nlp import MAX_SENTENCE_TOKENS, build_pipeline


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


def test_nlp_a_sentence_without_punctuation_is_cut_into_pieces():
    words = ["word"] * 450
    words[170] = "word,"  # a comma near the limit: the first piece ends after it
    doc = build_pipeline()(" ".join(words))
    lengths = [len(s) for s in doc.sents]
    assert max(lengths) <= MAX_SENTENCE_TOKENS
    assert sum(lengths) == len(doc)
    assert list(doc.sents)[0].text.endswith("word,")
    assert len(lengths) == 3


def test_nlp_long_real_sentences_are_not_cut():
    text = "The release, " + "after long talks and many delays, " * 20 + "came on Thursday."
    doc = build_pipeline()(text)
    assert len(doc) < MAX_SENTENCE_TOKENS and len(list(doc.sents)) == 1
