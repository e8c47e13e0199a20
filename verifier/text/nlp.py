"""The spaCy pipeline: blank English, a sentencizer and a folding lemmatizer.

No trained model is loaded: the pipeline is ``spacy.blank("en")`` with rule-based
components, and lemmas come from the lookup table of ``spacy-lookups-data``.
Components are registered here, in one place, by `build_pipeline`.
"""

from __future__ import annotations

import re
from functools import cache

import numpy
import spacy
from anyascii import anyascii
from spacy.attrs import LEMMA, NORM, ORTH, SENT_START
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.tokens import Doc

PIPELINE_VERSION = "4"
MAX_TEXT_CHARS = 6_000_000  # above the loader's 5 MB limit on an article file
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


# Plural endings of names of peoples and members, for words the lemma table lacks.
_MEMBER_PLURALS = ("ians", "ans", "eans", "ites", "ers", "ists")


class Lemmas:
    """Look up lemmas of folded words in the spacy-lookups-data English table."""

    def __init__(self) -> None:
        self._table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
        self._cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        """Return the lemma of a folded word (the word itself when the table has none).

        The table lists few plurals of names of peoples and members ("Russians",
        "Belarusians", "Haldenians", "Londoners"): those missing from it lose their
        plural "s" by rule, so a term "Russian" matches "Russians" as the README says.
        """
        lemma = self._cache.get(word)
        if lemma is None:
            lemma = self._table.get(word)
            if lemma is None and len(word) > 4 and word.endswith(_MEMBER_PLURALS):
                lemma = word[:-1]
            lemma = fold(lemma or word)
            self._cache[word] = lemma
        return lemma


@cache
def lemmas() -> Lemmas:
    """Return the shared lemma lookup."""
    return Lemmas()


class FoldingLemmatizer:
    """Set `norm_` to the folded form and `lemma_` to the folded lookup lemma of each token.

    Work is done once per distinct word (cached by its orth id) and written back in
    one `Doc.from_array` call, so the cost per token is a dictionary lookup.
    """

    def __init__(self) -> None:
        self.lemmas = lemmas()
        self._by_orth: dict[int, tuple[int, int]] = {}

    def _keys(self, doc: Doc, orth: int) -> tuple[int, int]:
        strings = doc.vocab.strings
        text = strings[orth]
        # A character that folds to nothing (a soft hyphen) keeps its own text, so
        # every token has a lemma and the matcher can run on any input.
        norm = fold(text) or text
        keys = (strings.add(norm), strings.add(self.lemmas(norm) or norm))
        self._by_orth[orth] = keys
        return keys

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        orths = doc.to_array([ORTH])
        by_orth = self._by_orth
        keys = [by_orth.get(o) or self._keys(doc, o) for o in orths.tolist()]
        doc.from_array([NORM, LEMMA], numpy.array(keys, dtype="uint64"))
        return doc


_OPENING_QUOTES = frozenset({"“", "‘", "«", '"'})
_CLOSING_QUOTES = frozenset({"”", "’", "»", '"', "'"})
_SENTENCE_ENDS = frozenset({".", "!", "?", "…"})


class SentenceBoundaries:
    """Fix three sentencizer habits: start a sentence after every paragraph break
    (even after "X." or "U.S."); move an opening quote mark left at the end of a
    sentence to the start of the next one; keep "“... behind!” he said." whole.

    Only tokens that can matter (quote marks, line breaks, and the first token after
    a closing quote) are looked at; they are found through a per-orth cache.
    """

    def __init__(self) -> None:
        self._special: set[int] = set()
        self._plain: set[int] = set()

    def _classify(self, text: str, orth: int) -> bool:
        if text in _OPENING_QUOTES or text in _CLOSING_QUOTES or (
                "\n" in text and not text.strip()):
            self._special.add(orth)
            return True
        self._plain.add(orth)
        return False

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) < 3:
            return doc
        strings = doc.vocab.strings
        orths = doc.to_array([ORTH]).tolist()
        special = self._special
        found = [i for i, o in enumerate(orths) if o in special or (
            o not in self._plain and self._classify(strings[o], o))]
        # Boundaries are edited in one array and written back once: spaCy's
        # `token.is_sent_start` setter checks the whole document on every call, which
        # made long articles quadratic.
        first = doc.to_array([SENT_START]).astype("int64")  # 1 starts, -1 does not
        first[0] = 1
        for i in found:
            if not 0 < i < len(doc) - 1:
                continue
            token = doc[i]
            if token.is_space:
                # The break ends the sentence before it (no white-space-only sentence,
                # so "the previous sentence" is the previous paragraph's last one).
                first[i], first[i + 1] = -1, 1
                continue
            if (token.text in _OPENING_QUOTES and doc[i - 1].text in _SENTENCE_ENDS
                    and first[i] != 1 and first[i + 1] == 1 and not token.whitespace_):
                first[i], first[i + 1] = 1, -1
            elif (token.text in _CLOSING_QUOTES and first[i + 1] == 1
                    and doc[i + 1].text[:1].islower()):
                first[i + 1] = -1
        changed = bool(found)
        starts = numpy.flatnonzero(first == 1)
        if numpy.any(numpy.diff(numpy.append(starts, len(doc))) > MAX_SENTENCE_TOKENS):
            # the checkers may tell a piece from a sentence (a piece proves nothing)
            doc.user_data[CUT_STARTS] = _cut_long_sentences(first, orths, strings)
            changed = True
        if changed:
            doc.from_array([SENT_START], first.astype("uint64").reshape(-1, 1))
        return doc


# A "sentence" longer than this is scraped text that lost its punctuation (news
# sentences rarely pass 80 words). It is cut into pieces of at most this many tokens,
# each ending after a comma or dash where one is near the limit, so that every rule
# comparing pairs of words within a sentence stays linear in the article's length.
MAX_SENTENCE_TOKENS = 200
_CUT_AFTER = frozenset({",", ";", ":", "—", "–", "-"})
_CUT_LOOKBACK = 60  # tokens before the limit searched for a comma to cut after


CUT_STARTS = "verifier_cut_starts"  # Doc.user_data key: the tokens that start a cut piece


def _cut_long_sentences(first, orths: list[int], strings) -> frozenset[int]:
    """Mark a sentence start in `first` so that no sentence passes MAX_SENTENCE_TOKENS;
    return the tokens where a piece was cut."""
    cuts = set()
    start = 0
    for i in range(1, len(first)):
        if first[i] == 1:
            start = i
        elif i - start >= MAX_SENTENCE_TOKENS:
            cut = i
            for j in range(i - 1, max(start, i - _CUT_LOOKBACK), -1):
                if strings[orths[j]] in _CUT_AFTER:
                    cut = j + 1
                    break
            first[cut] = 1
            cuts.add(cut)
            start = cut
    return frozenset(cuts)


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
    # A dash glued between words or numbers separates them ("aboard—170", "52–53"):
    # news copy often drops the spaces around an em dash.
    infixes = [*nlp.Defaults.infixes, r"(?<=[\w])[—–](?=[\w])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    # The pipeline only tokenizes and splits sentences (no parser or tagger, whose memory
    # spaCy's 1,000,000-character limit protects), so any article the loader accepts
    # (at most 5 MB) is read whole.
    nlp.max_length = MAX_TEXT_CHARS
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("verifier_sentence_boundaries")
    nlp.add_pipe("verifier_folding_lemmatizer")
    return nlp


def term_words(term: str) -> list[str]:
    """Split a claim-file term into the tokens the pipeline would make of it."""
    return [t.text for t in build_pipeline().make_doc(term) if not t.is_space]
