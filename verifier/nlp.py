"""The spaCy pipeline: blank English, a sentencizer and a folding lemmatizer.

No trained model is loaded: the pipeline is ``spacy.blank("en")`` with rule-based
components, and lemmas come from the lookup table of ``spacy-lookups-data``.
Components are registered here, in one place, by `build_pipeline`.
"""

from __future__ import annotations

import re
from functools import cache

import spacy
from anyascii import anyascii
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.tokens import Doc

PIPELINE_VERSION = "3"
_DOTS = re.compile(r"(?<=\w)\.(?=\w|$)")


# Slavic and Baltic letters whose usual English transliteration is a digraph, so that
# "Statkevič" and "Statkevich" fold alike (anyascii alone would give "statkevic").
_DIGRAPHS = str.maketrans({"č": "ch", "Č": "Ch", "š": "sh", "Š": "Sh", "ž": "zh", "Ž": "Zh"})


def fold(text: str) -> str:
    """Return text lower-cased, transliterated to ASCII and with abbreviation dots removed.

    "Statkevič" -> "statkevich", "Białacki" -> "bialacki", "U.S." -> "us", "’s" -> "'s".
    """
    if not text.isascii():
        text = anyascii(text.translate(_DIGRAPHS))
    folded = text.lower()
    if "." in folded and len(folded) > 1 and not any(c.isdigit() for c in folded):
        return _DOTS.sub("", folded)
    return folded


class Lemmas:
    """Look up lemmas of folded words in the spacy-lookups-data English table."""

    def __init__(self) -> None:
        self._table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
        self._cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        """Return the lemma of a folded word (the word itself when the table has none)."""
        lemma = self._cache.get(word)
        if lemma is None:
            lemma = fold(self._table.get(word, word))
            self._cache[word] = lemma
        return lemma


@cache
def lemmas() -> Lemmas:
    """Return the shared lemma lookup."""
    return Lemmas()


class FoldingLemmatizer:
    """Set `norm_` to the folded form and `lemma_` to the folded lookup lemma of each token."""

    def __init__(self) -> None:
        self.lemmas = lemmas()

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            # A character that folds to nothing (a soft hyphen) keeps its own text, so
            # every token has a lemma and the matcher can run on any input.
            norm = fold(token.text) or token.text
            token.norm_ = norm
            token.lemma_ = self.lemmas(norm) or norm
        return doc


_OPENING_QUOTES = frozenset({"“", "‘", "«", '"'})
_CLOSING_QUOTES = frozenset({"”", "’", "»", '"', "'"})
_SENTENCE_ENDS = frozenset({".", "!", "?", "…"})


class SentenceBoundaries:
    """Fix three sentencizer habits: start a sentence after every paragraph break
    (even after "X." or "U.S."); move an opening quote mark left at the end of a
    sentence to the start of the next one; keep "“... behind!” he said." whole."""

    def __call__(self, doc: Doc) -> Doc:
        for i in range(1, len(doc) - 1):
            token = doc[i]
            if token.is_space and "\n" in token.text:
                doc[i + 1].is_sent_start = True
            elif (token.is_sent_start and token.text[:1].islower()
                    and doc[i - 1].text in _CLOSING_QUOTES):
                token.is_sent_start = False
            elif (token.text in _OPENING_QUOTES and doc[i - 1].text in _SENTENCE_ENDS
                    and not token.is_sent_start and doc[i + 1].is_sent_start
                    and not token.whitespace_):
                token.is_sent_start = True
                doc[i + 1].is_sent_start = False
        return doc


@Language.factory("verifier_sentence_boundaries")
def _make_sentence_boundaries(nlp: Language, name: str) -> SentenceBoundaries:
    return SentenceBoundaries()


@Language.factory("verifier_folding_lemmatizer")
def _make_folding_lemmatizer(nlp: Language, name: str) -> FoldingLemmatizer:
    return FoldingLemmatizer()


@cache
def build_pipeline() -> Language:
    """Return the shared pipeline: tokenizer, sentencizer, boundary fix-ups, folding lemmatizer."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("verifier_sentence_boundaries")
    nlp.add_pipe("verifier_folding_lemmatizer")
    return nlp


def term_words(term: str) -> list[str]:
    """Split a claim-file term into the tokens the pipeline would make of it."""
    return [t.text for t in build_pipeline().make_doc(term) if not t.is_space]
