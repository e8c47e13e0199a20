"""Read an article once for every claim: sentences, term matches, cues and numbers."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IDX, IS_PUNCT, LENGTH, ORTH, SENT_START
from spacy.tokens import Doc, Span

from ..lexicon import lexicon_terms
from ..model import Claim, Evidence
from .matching import Spans, TermMatcher
from .nlp import build_pipeline
from .numbers import NumberMention, could_start_number, find_numbers

# Lexicons of cues matched in every article; cues match word for word, through lemmas.
CUE_LEXICONS = ("negation", "hedge", "request", "causal", "role_negators", "role_links",
                "pronouns", "scope_breaks", "speech", "subset", "group_anaphora",
                "concessive")
# Claim slots whose terms match word for word (a quote is a verbatim phrase).
EXACT_SLOTS = frozenset({"phrase", "negators"})
_TRIM = " \t\r\n\"“‘«"
_MONTHS = ("january february march april may june july august september october november "
           "december").split()
_TIME_PREPOSITIONS = frozenset({"in", "since", "until", "during", "of", "on", "by"})


def cue(name: str) -> str:
    """Return the matcher key of a cue lexicon."""
    return f"cue:{name}"


def slot_key(index: int, slot: str) -> str:
    """Return the matcher key of one slot of the claim at `index`."""
    return f"{index}:{slot}"


def surnames(names: tuple[str, ...]) -> tuple[str, ...]:
    """Return the last word of every multi-word name ("Ales Bialiatski" -> "Bialiatski")."""
    out = []
    for name in names:
        words = name.split()
        if len(words) > 1 and len(words[-1]) >= 3 and words[-1][0].isupper():
            out.append(words[-1])
    return tuple(dict.fromkeys(out))


@dataclass
class Reading:
    """One article as the checkers see it."""

    doc: Doc
    sents: list[Span]
    sent_of: list[int]
    matches: dict[str, Spans]
    numbers: dict[int, list[NumberMention]] = field(default_factory=dict)
    punct: list[bool] = field(default_factory=list)
    times: dict[int, list[tuple[int, int | None, int | None]]] = field(default_factory=dict)
    alias: dict[str, str] = field(default_factory=dict)
    idx: list[int] = field(default_factory=list)
    length: list[int] = field(default_factory=list)
    _sentences: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _entities: dict[tuple, Spans] = field(default_factory=dict, repr=False)
    _by_sentence: dict[str, dict[int, Spans]] = field(default_factory=dict, repr=False)
    _evidence: dict[int, Evidence] = field(default_factory=dict, repr=False)
    _memo: dict[str, object] = field(default_factory=dict, repr=False)  # per-article facts
    body: str = ""
    date: dt.date | None = None  # the article's publication date, when it has one
    title: str = ""  # the article's headline, when it has one

    def has(self, key: str) -> bool:
        """Return True when a key matched anywhere in the article."""
        return bool(self.matches.get(self.alias.get(key, key)))

    def spans(self, key: str, sent: int | None = None) -> Spans:
        """Return the spans matched for a key, optionally only in one sentence."""
        key = self.alias.get(key, key)
        if sent is None:
            return self.matches.get(key, [])
        by_sentence = self._by_sentence.get(key)
        if by_sentence is None:
            by_sentence = {}
            for span in self.matches.get(key, ()):
                by_sentence.setdefault(self.sent_of[span[0]], []).append(span)
            self._by_sentence[key] = by_sentence
        return by_sentence.get(sent, [])

    def sentences_with(self, key: str) -> list[int]:
        """Return the indexes of the sentences where a key matched, in order."""
        key = self.alias.get(key, key)
        found = self._sentences.get(key)
        if found is None:
            found = sorted({self.sent_of[s] for s, _ in self.matches.get(key, [])})
            self._sentences[key] = found
        return found

    def entity(self, index: int, sent: int) -> Spans:
        """Return the mentions of a claim's entity in one sentence.

        A full name or alias counts anywhere; a surname alone counts only after
        a full mention earlier in the article.
        """
        name_key = self.alias.get(slot_key(index, "name"))
        cache_key = (name_key, sent)
        if name_key is None or not self.matches.get(name_key):
            return []
        found = self._entities.get(cache_key)
        if found is not None:
            return found
        full = self.matches[name_key]
        mentions = list(self.spans(name_key, sent))
        first = full[0][0]
        mentions += [s for s in self.spans(slot_key(index, "surname"), sent)
                     if s[0] > first and not any(a <= s[0] < b for a, b in mentions)]
        found = sorted(mentions)
        self._entities[cache_key] = found
        return found

    def referring(self, index: int, sent: int) -> Spans:
        """Return the entity's mentions in a sentence, plus pronouns that refer back to it.

        A pronoun ("it", "she") refers back when the entity was named earlier in the
        same sentence or in the previous one.
        """
        mentions = self.entity(index, sent)
        earlier = self.entity(index, sent - 1) if sent > 0 else []
        pronouns = [p for p in self.spans(cue("pronouns"), sent)
                    if earlier or any(m[1] <= p[0] for m in mentions)]
        return sorted(set(mentions) | set(pronouns))

    def text(self, start: int, end: int) -> str:
        """Return the text of a token span (without trailing white space)."""
        if end <= start:
            return ""
        return self.body[self.idx[start]:self.idx[end - 1] + self.length[end - 1]]

    def evidence(self, sent: int) -> Evidence:
        """Return one sentence as evidence, trimmed of spaces and dangling quote marks."""
        cached = self._evidence.get(sent)
        if cached is not None:
            return cached
        span = self.sents[sent]
        text = self.body[span.start_char:span.end_char]
        lead = len(text) - len(text.lstrip(" \t\r\n"))
        body = text.rstrip(_TRIM)
        start = span.start_char + lead
        evidence = Evidence(text=body[lead:], start=start, end=span.start_char + len(body))
        self._evidence[sent] = evidence
        return evidence


class Reader:
    """Read articles for a fixed set of claims: one pipeline run and one matcher pass each."""

    def __init__(self, claims: tuple[Claim, ...] | list[Claim]) -> None:
        self.nlp = build_pipeline()
        self.claims = tuple(claims)
        self._kinds: dict[int, tuple[bool, int | None, int | None]] = {}
        self._plain: set[int] = set()
        self.matcher = TermMatcher(self.nlp)
        for name in CUE_LEXICONS:
            self.matcher.add(cue(name), lexicon_terms(name), gaps=False)
        # Identical term lists (the same lexicon in many claims, variants of one claim)
        # share one key: matched, indexed and memoised once per article.
        self.alias: dict[str, str] = {}
        self._added: set[str] = set()
        for index, claim in enumerate(self.claims):
            if claim.entity is not None:
                names = claim.entity.names
                self._add(slot_key(index, "name"), names, gaps=False, lemma=False)
                self._add(slot_key(index, "surname"), surnames(names), gaps=False,
                          lemma=False)
            for slot, terms in claim.slots:
                exact = slot in EXACT_SLOTS
                self._add(slot_key(index, slot), terms, gaps=not exact, lemma=slot != "phrase")

    def _add(self, key: str, terms: tuple[str, ...], gaps: bool, lemma: bool) -> None:
        canonical = f"terms:{gaps}:{lemma}:{chr(31).join(terms)}"
        if canonical not in self._added:
            self._added.add(canonical)
            self.matcher.add(canonical, terms, gaps=gaps, lemma=lemma)
        self.alias[key] = canonical

    def read(self, text: str) -> Reading:
        """Run the pipeline and the matcher over one article body."""
        return self.read_doc(self.nlp(text))

    def read_doc(self, doc: Doc) -> Reading:
        """Match a document that the pipeline has already processed."""
        sents = list(doc.sents)
        if not len(doc):
            return Reading(doc, sents, [], {}, body=doc.text, alias=self.alias)
        table = doc.to_array([ORTH, SENT_START, IS_PUNCT, IDX, LENGTH])
        starts = table[:, 1] == 1
        starts[0] = True
        sent_of = (numpy.cumsum(starts) - 1).tolist()
        kinds = self._kinds
        orths = table[:, 0].tolist()
        marked = [(i, kinds[o] if o in kinds else self._kind(o)) for i, o in enumerate(orths)
                  if o not in self._plain]
        numbers: dict[int, list[NumberMention]] = {}
        by_sentence: dict[int, list[int]] = defaultdict(list)
        for i, kind in marked:
            if kind[0]:
                by_sentence[sent_of[i]].append(i)
        for n, candidates in by_sentence.items():
            mentions = find_numbers(doc, sents[n].start, sents[n].end, candidates)
            if mentions:
                numbers[n] = mentions
        times: dict[int, list[tuple[int, int | None, int | None]]] = defaultdict(list)
        for i, (_, year, month) in marked:
            if year is not None or (month is not None and (month != 5 or (
                    i > 0 and doc[i - 1].norm_ in _TIME_PREPOSITIONS))):
                times[sent_of[i]].append((i, year, month))
        return Reading(doc, sents, sent_of, self.matcher(doc, sent_of), numbers,
                       (table[:, 2] == 1).tolist(), dict(times), body=doc.text,
                       alias=self.alias, idx=table[:, 3].tolist(), length=table[:, 4].tolist())

    def _kind(self, orth: int) -> tuple[bool, int | None, int | None]:
        """Classify a word once: may it start a number, is it a year, is it a month."""
        text = self.nlp.vocab.strings[orth]
        number = could_start_number(text)
        year = int(text) if text.isdigit() and len(text) == 4 and 1900 <= int(
            text) <= 2100 else None
        month = (_MONTHS.index(text.lower()) + 1
                 if text.lower() in _MONTHS and text[:1].isupper() else None)
        if not (number or year or month):
            self._plain.add(orth)
            return (False, None, None)
        self._kinds[orth] = (number, year, month)
        return self._kinds[orth]
