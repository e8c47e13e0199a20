"""Read an article once for every claim: sentences, term matches, cues and numbers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .lexicon import lexicon_terms
from .matching import Spans, TermMatcher
from .model import Claim, Evidence
from .nlp import build_pipeline
from .numbers import NumberMention, find_numbers

# Lexicons of cues matched in every article; cues match word for word, through lemmas.
CUE_LEXICONS = ("negation", "hedge", "request", "causal", "role_negators", "pronouns",
                "scope_breaks", "speech", "subset")
# Claim slots whose terms match word for word (a quote is a verbatim phrase).
EXACT_SLOTS = frozenset({"phrase", "negators"})
_TRIM = " \t\r\n\"“‘«"


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

    def spans(self, key: str, sent: int | None = None) -> Spans:
        """Return the spans matched for a key, optionally only in one sentence."""
        spans = self.matches.get(key, [])
        if sent is None:
            return spans
        return [s for s in spans if self.sent_of[s[0]] == sent]

    def sentences_with(self, key: str) -> list[int]:
        """Return the indexes of the sentences where a key matched, in order."""
        return sorted({self.sent_of[s] for s, _ in self.matches.get(key, [])})

    def entity(self, index: int, sent: int) -> Spans:
        """Return the mentions of a claim's entity in one sentence.

        A full name or alias counts anywhere; a surname alone counts only after
        a full mention earlier in the article.
        """
        full = self.spans(slot_key(index, "name"))
        mentions = [s for s in full if self.sent_of[s[0]] == sent]
        if full:
            first = full[0][0]
            mentions += [s for s in self.spans(slot_key(index, "surname"), sent)
                         if s[0] > first and not any(a <= s[0] < b for a, b in mentions)]
        return sorted(mentions)

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
        """Return the text of a token span."""
        return self.doc[start:end].text

    def evidence(self, sent: int) -> Evidence:
        """Return one sentence as evidence, trimmed of spaces and dangling quote marks."""
        span = self.sents[sent]
        text = span.text
        lead = len(text) - len(text.lstrip(" \t\r\n"))
        body = text.rstrip(_TRIM)
        start = span.start_char + lead
        return Evidence(text=body[lead:], start=start, end=span.start_char + len(body))


class Reader:
    """Read articles for a fixed set of claims: one pipeline run and one matcher pass each."""

    def __init__(self, claims: tuple[Claim, ...] | list[Claim]) -> None:
        self.nlp = build_pipeline()
        self.claims = tuple(claims)
        self.matcher = TermMatcher(self.nlp)
        for name in CUE_LEXICONS:
            self.matcher.add(cue(name), lexicon_terms(name), gaps=False)
        for index, claim in enumerate(self.claims):
            if claim.entity is not None:
                names = claim.entity.names
                self.matcher.add(slot_key(index, "name"), names, gaps=False, lemma=False)
                self.matcher.add(slot_key(index, "surname"), surnames(names), gaps=False,
                                 lemma=False)
            for slot, terms in claim.slots:
                exact = slot in EXACT_SLOTS
                self.matcher.add(slot_key(index, slot), terms, gaps=not exact,
                                 lemma=slot != "phrase")

    def read(self, text: str) -> Reading:
        """Run the pipeline and the matcher over one article body."""
        return self.read_doc(self.nlp(text))

    def read_doc(self, doc: Doc) -> Reading:
        """Match a document that the pipeline has already processed."""
        sents = list(doc.sents)
        sent_of = [0] * len(doc)
        for n, sent in enumerate(sents):
            for i in range(sent.start, sent.end):
                sent_of[i] = n
        numbers: dict[int, list[NumberMention]] = defaultdict(list)
        for n, sent in enumerate(sents):
            mentions = find_numbers(doc, sent.start, sent.end)
            if mentions:
                numbers[n] = mentions
        return Reading(doc, sents, sent_of, self.matcher(doc, sent_of), dict(numbers))
