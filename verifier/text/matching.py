"""Match every claim term and lexicon cue in one pass over a document.

The term language is deliberately small and bounded (no regular expressions):

- a word in its base form matches every inflection through the lemma table
  ("release" matches "released"); an inflected word matches only itself ("largest");
- a word in capitals matches only capitalised text ("US" matches "US" and "U.S.",
  never the pronoun "us");
- case and diacritics are folded;
- in a phrase term of up to MAX_GAPPED_WORDS words, up to PHRASE_GAP words (no
  punctuation, no negation) may stand between two consecutive words; longer terms,
  names, quoted phrases and lexicon cues match word for word, and names match their
  written form only (no lemmas: "Rose" is not "rise").

How: the document's folded forms and lemmas are read into arrays once (C speed,
`Doc.to_array`); the positions where some term's first word occurs are found with
one vectorised lookup; only there are the remaining words checked. Identical terms
of many claims are matched once. The cost is bounded by
O(tokens + first-word hits × (PHRASE_GAP + 1) ** (MAX_GAPPED_WORDS - 1)) per term,
so a claim file cannot make matching run away.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, IS_UPPER, LEMMA, NORM
from spacy.language import Language
from spacy.tokens import Doc

from .nlp import fold, lemmas, term_words

PHRASE_GAP = 2
MAX_TERM_WORDS = 8
MAX_GAPPED_WORDS = 4
# A gap never swallows a negation: "be held" must not match "is not held".
GAP_EXCLUDES = ("not", "n't", "no", "never", "neither", "nor", "without")

Spans = list[tuple[int, int]]
_NORM, _LEMMA = 0, 1


@dataclass(frozen=True)
class Word:
    """One word of a term: which attribute it matches, the value's hash, capitals only."""

    attr: int
    value: int
    upper: bool


def _is_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def term_pattern(term: str, gaps: bool = True, lemma: bool = True,
                 strings=None) -> tuple[tuple[tuple[str, str, bool], ...], bool]:
    """Return a term as (words, gaps): each word is (attribute, folded value, capitals).

    `gaps` lets up to PHRASE_GAP words stand between consecutive words (for terms of
    up to MAX_GAPPED_WORDS words); `lemma` lets base-form words match inflections.
    """
    words = term_words(term)[:MAX_TERM_WORDS]
    out = []
    for word in words:
        norm = fold(word)
        if _is_capitals(word):
            out.append(("norm", norm, True))
        elif lemma and lemmas()(norm) == norm:
            out.append(("lemma", norm, False))
        else:
            out.append(("norm", norm, False))
    return tuple(out), gaps and 1 < len(words) <= MAX_GAPPED_WORDS


class TermMatcher:
    """Match many named term lists in a single pass over a document."""

    def __init__(self, nlp: Language) -> None:
        self._strings = nlp.vocab.strings
        self._patterns: dict[tuple, set[str]] = defaultdict(set)
        self._compiled: list[tuple[tuple[Word, ...], bool, tuple[str, ...]]] | None = None
        self._gap_excludes = numpy.array([self._strings.add(w) for w in GAP_EXCLUDES],
                                         dtype="uint64")

    def add(self, key: str, terms: tuple[str, ...] | list[str], gaps: bool = True,
            lemma: bool = True) -> None:
        """Add the terms that make up one key (a claim slot or a lexicon of cues)."""
        for term in terms:
            words, gapped = term_pattern(term, gaps, lemma)
            if words:
                self._patterns[(words, gapped)].add(key)
        self._compiled = None

    def _compile(self) -> None:
        compiled = []
        for (words, gapped), keys in sorted(self._patterns.items()):
            spec = tuple(Word(_NORM if attr == "norm" else _LEMMA, self._strings.add(value),
                              upper) for attr, value, upper in words)
            compiled.append((spec, gapped, tuple(sorted(keys))))
        self._compiled = compiled
        by_first: dict[tuple[int, int], list] = defaultdict(list)
        for pattern in compiled:
            first = pattern[0][0]
            by_first[(first.attr, first.value)].append(pattern)
        self._by_first = dict(by_first)
        self._first_norms = numpy.array(sorted({v for a, v in by_first if a == _NORM}),
                                        dtype="uint64")
        self._first_lemmas = numpy.array(sorted({v for a, v in by_first if a == _LEMMA}),
                                         dtype="uint64")

    def __call__(self, doc: Doc, sent_of: list[int]) -> dict[str, Spans]:
        """Return, per key, the sorted distinct spans that match within one sentence."""
        if self._compiled is None:
            self._compile()
        if not len(doc):
            return {}
        table = doc.to_array([NORM, LEMMA, IS_UPPER, IS_PUNCT, IS_SPACE])
        columns = (table[:, 0].tolist(), table[:, 1].tolist())
        upper = table[:, 2].tolist()
        no_gap = ((table[:, 3] == 1) | (table[:, 4] == 1)
                  | numpy.isin(table[:, 0], self._gap_excludes)).tolist()
        found: dict[str, set[tuple[int, int]]] = defaultdict(set)
        size = len(doc)
        for attr, firsts in ((_NORM, self._first_norms), (_LEMMA, self._first_lemmas)):
            if not len(firsts):
                continue
            column = columns[attr]
            for start in numpy.nonzero(numpy.isin(table[:, attr], firsts))[0].tolist():
                for words, gapped, keys in self._by_first[(attr, column[start])]:
                    if words[0].upper and not upper[start]:
                        continue
                    for end in _ends(words, gapped, start, columns, upper, no_gap, size):
                        if sent_of[start] == sent_of[end - 1]:
                            for key in keys:
                                found[key].add((start, end))
        return {key: sorted(spans) for key, spans in found.items()}


def _ends(words, gapped, start, columns, upper, no_gap, size) -> list[int]:
    """Return every end position of a term that starts at `start`."""
    frontier = [start + 1]
    for word in words[1:]:
        column = columns[word.attr]
        following = []
        for position in frontier:
            reach = PHRASE_GAP if gapped else 0
            for step in range(reach + 1):
                at = position + step
                if at >= size:
                    break
                if step and no_gap[at - 1]:
                    break
                if column[at] == word.value and (upper[at] or not word.upper):
                    following.append(at + 1)
        if not following:
            return []
        frontier = sorted(set(following))
    return frontier
