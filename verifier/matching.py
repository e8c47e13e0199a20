"""Compile claim terms and lexicon cues into one spaCy Matcher, run once per article.

The term language is deliberately small and bounded (no regular expressions):

- a word in its base form matches every inflection through the lemma table
  ("release" matches "released"); an inflected word matches only itself ("largest");
- a word in capitals matches only capitalised text ("US" matches "US" and "U.S.",
  never the pronoun "us");
- case and diacritics are folded;
- in a phrase term, up to ``PHRASE_GAP`` words (no punctuation, no negation) may
  stand between two consecutive words; names, quoted phrases and lexicon cues match word for word,
  and names match their written form only (no lemmas: "Rose" is not "rise").

Each pattern is a fixed sequence with bounded gaps. Only terms of up to
MAX_GAPPED_WORDS words get gaps (longer ones match word for word), so matching costs
at most O(tokens × patterns × (PHRASE_GAP + 1) ** (MAX_GAPPED_WORDS - 1)), that is 27
partial matches per token and pattern, and a claim file cannot make it run away.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from .nlp import fold, lemmas, term_words

PHRASE_GAP = 2
MAX_TERM_WORDS = 8
MAX_GAPPED_WORDS = 4
# A gap never swallows a negation: "be held" must not match "is not held".
GAP_EXCLUDES = ["not", "n't", "no", "never", "neither", "nor", "without"]

Spans = list[tuple[int, int]]


def _is_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _word_pattern(word: str, lemma: bool) -> dict:
    norm = fold(word)
    if _is_capitals(word):
        return {"NORM": norm, "IS_UPPER": True}
    if lemma and lemmas()(norm) == norm:
        return {"LEMMA": norm}
    return {"NORM": norm}


def term_pattern(term: str, gaps: bool = True, lemma: bool = True) -> list[dict]:
    """Return the token pattern for one term (see the module docstring for the rules).

    `gaps` lets up to PHRASE_GAP words stand between consecutive words; `lemma`
    lets base-form words match their inflections. Names use neither.
    """
    words = term_words(term)[:MAX_TERM_WORDS]
    gaps = gaps and len(words) <= MAX_GAPPED_WORDS
    pattern: list[dict] = []
    for n, word in enumerate(words):
        if n and gaps:
            pattern.append({"IS_PUNCT": False, "IS_SPACE": False,
                            "NORM": {"NOT_IN": GAP_EXCLUDES}, "OP": f"{{0,{PHRASE_GAP}}}"})
        pattern.append(_word_pattern(word, lemma))
    return pattern


class TermMatcher:
    """Match many named term lists in a single pass over a document."""

    def __init__(self, nlp: Language) -> None:
        self._matcher = Matcher(nlp.vocab)
        self._strings = nlp.vocab.strings

    def add(self, key: str, terms: tuple[str, ...] | list[str], gaps: bool = True,
            lemma: bool = True) -> None:
        """Add the terms that make up one key (a claim slot or a lexicon of cues)."""
        patterns = [p for p in (term_pattern(t, gaps, lemma) for t in terms) if p]
        if patterns:
            self._matcher.add(key, patterns)

    def __call__(self, doc: Doc, sent_of: list[int]) -> dict[str, Spans]:
        """Return, per key, the sorted distinct spans that match within one sentence."""
        found: dict[str, set[tuple[int, int]]] = defaultdict(set)
        if not len(doc):
            return {}
        for match_id, start, end in self._matcher(doc):
            if sent_of[start] == sent_of[end - 1]:
                found[self._strings[match_id]].add((start, end))
        return {key: sorted(spans) for key, spans in found.items()}
