"""Explain a verdict: what each sentence matched, which rule decided, why none did.

The checkers decide; this module only looks again, with the same reading and the
same rules, at every sentence that holds any of a claim's words, and says what it
found there: the claim's parts (entity, predicate, object, counted noun, event word
...), numbers and their binding, cues (negation, hedges, requests, attribution,
time), the checker's finding, a contradiction the proof rules dropped, or why
nothing was decided. For a silent pair whose article mentions what the claim is
about (a near miss), it proposes words the claim file could add; it never adds them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Claim, ClaimKind, Evidence, Finding, Verdict
from ..text.numbers import Match
from ..text.reading import Reading, cue, slot_key
from ..text.scope import cover, elsewhen, gap
from ..verdicts import decide
from . import CHECKERS
from .common import earlier
from .proof import in_scope, names_event, out_of_scope, require_proof, why_unproven
from .quantity import _bindings, _contexts, _qualified, why_not_proof

# What a claim is about, per kind: a sentence holding these (all that the claim has)
# mentions the claim. A quantity claim also needs a number in the sentence.
ABOUT: dict[ClaimKind, tuple[str, ...]] = {
    ClaimKind.QUANTITY: ("counted",),
    ClaimKind.STATUS: ("entity",),
    ClaimKind.ROLE: ("entity",),
    ClaimKind.RELATION: ("entity", "object"),
    ClaimKind.MEMBERSHIP: ("member",),
    ClaimKind.QUOTE: ("entity",),
}
# The words that state the fact itself, per kind: what a near miss lacks.
STATES: dict[ClaimKind, tuple[str, ...]] = {
    ClaimKind.QUANTITY: ("context",),
    ClaimKind.STATUS: ("state", "opposite"),
    ClaimKind.ROLE: ("role",),
    ClaimKind.RELATION: ("predicate", "opposite"),
    ClaimKind.MEMBERSHIP: ("group", "opposite"),
    ClaimKind.QUOTE: ("phrase",),
}
# Cue lexicons shown when they occur in an explained sentence.
SHOWN_CUES = ("negation", "hedge", "request", "speech", "pronouns", "subset")
# Words that finish a phrasal verb: "handed over", "set free", "carried out".
_PARTICLES = frozenset({"over", "up", "out", "down", "off", "back", "away", "free"})
MAX_NEAR_MISSES = 3  # sentences kept as a silent pair's mentions
MAX_SUGGESTIONS = 3
SUGGEST_REACH = 8  # a proposed word stands at most this many words from what the claim is about


@dataclass(frozen=True)
class Part:
    """A word or phrase of a sentence that matched: a claim slot, a cue or a number."""

    label: str  # "entity", "predicate", "object", "counted", "context", "hedge", "number" ...
    text: str
    start: int  # character offsets in the article
    end: int


@dataclass(frozen=True)
class SentenceNote:
    """What one sentence holds for a claim, and what came of it."""

    index: int
    evidence: Evidence
    marked: str  # the sentence with every matched part in [brackets]
    parts: tuple[Part, ...]
    cues: tuple[Part, ...]
    finding: Finding | None  # what the checker said, before the proof rules
    dropped: str | None  # why a contradiction found here was not proven
    why_not: str | None  # why nothing was decided here
    suggestions: tuple[str, ...]


@dataclass(frozen=True)
class Explanation:
    """A pair's verdict with every sentence that bears on it."""

    claim: Claim
    source: str
    verdict: Verdict
    reason: str
    evidence: tuple[Evidence, ...]
    article: str | None  # a note about the whole article (event never named ...)
    sentences: tuple[SentenceNote, ...]
    mentioned: bool  # silent, but the article mentions what the claim is about

    @property
    def suggestions(self) -> tuple[str, ...]:
        """The first suggestions for the claim file, each once, in sentence order."""
        found = dict.fromkeys(s for note in self.sentences for s in note.suggestions)
        return tuple(found)[:MAX_SUGGESTIONS]


def _keys(claim: Claim, index: int) -> dict[str, str]:
    """Return label -> matcher key for the claim's entity and slots (anchors excluded)."""
    keys = {"entity": slot_key(index, "name")} if claim.entity else {}
    keys.update({slot: slot_key(index, slot) for slot, _ in claim.slots if slot != "anchors"})
    return keys


def _spans(claim: Claim, index: int, reading: Reading, label: str, key: str, sent: int):
    return reading.entity(index, sent) if label == "entity" else reading.spans(key, sent)


def _part(reading: Reading, label: str, span: tuple[int, int]) -> Part:
    doc = reading.doc
    start = doc[span[0]].idx
    end = doc[span[1] - 1].idx + len(doc[span[1] - 1])
    return Part(label, reading.body[start:end], start, end)


def _about_sentences(claim: Claim, index: int, reading: Reading) -> list[int]:
    """Return the sentences that mention what the claim is about (see ABOUT)."""
    needed = [label for label in ABOUT[claim.kind]
              if (label == "entity" and claim.entity) or claim.terms(label)]
    if claim.kind is ClaimKind.MEMBERSHIP and claim.entity:
        needed = ["entity"]
    if not needed:
        return []
    keys = _keys(claim, index)
    candidates = None  # only sentences where every needed part matched somewhere
    for label in needed:
        where = set(reading.sentences_with(keys[label]))
        if label == "entity":
            where |= set(reading.sentences_with(slot_key(index, "surname")))
        candidates = where if candidates is None else candidates & where
    found = []
    for sent in sorted(candidates or ()):
        if all(_spans(claim, index, reading, label, keys[label], sent) for label in needed):
            if claim.kind is ClaimKind.QUANTITY and not _counts(reading, sent):
                continue
            found.append(sent)
    return found


def _counts(reading: Reading, sent: int) -> list:
    """Return the numbers of a sentence that are not years."""
    years = {i for i, year, _ in reading.times.get(sent, ()) if year is not None}
    return [m for m in reading.numbers.get(sent, []) if m.start not in years]


def near_misses(claim: Claim, index: int, reading: Reading) -> tuple[Evidence, ...]:
    """Return the sentences (at most MAX_NEAR_MISSES) of a silent pair that mention what
    the claim is about: where a fact may have been missed."""
    if not names_event(claim, index, reading):
        return ()
    return tuple(reading.evidence(s)
                 for s in _about_sentences(claim, index, reading)[:MAX_NEAR_MISSES])


def _marked(reading: Reading, sent: int, parts: list[Part]) -> str:
    """Return the sentence with every part bracketed (overlapping parts merged)."""
    evidence = reading.evidence(sent)
    spans: list[list[int]] = []
    for part in sorted(parts, key=lambda p: (p.start, -p.end)):
        start, end = max(part.start, evidence.start), min(part.end, evidence.end)
        if start >= end:
            continue
        if spans and start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    out, at = [], evidence.start
    for start, end in spans:
        out += [reading.body[at:start], "[", reading.body[start:end], "]"]
        at = end
    out.append(reading.body[at:evidence.end])
    return "".join(out)


def _sample(claim: Claim, label: str) -> str:
    if label == "entity":
        return f"'{claim.entity.name}'"
    terms = claim.terms(label)
    shown = ", ".join(f"'{t}'" for t in terms[:3])
    return shown + (" ..." if len(terms) > 3 else "")


def explain(claim: Claim, index: int, reading: Reading, source: str = "") -> Explanation:
    """Explain the verdict of one claim on one read article."""
    raw = CHECKERS[claim.kind](claim, index, reading)
    anchored = names_event(claim, index, reading)
    kept = require_proof(claim, index, reading, in_scope(claim, index, reading, raw)) \
        if anchored else []
    verdict, evidence, reason = decide(kept)
    article = None
    if not anchored:
        article = ("the article names none of the event's anchors ("
                   + _sample(claim, "anchors") + "): every claim of the event is silent")
    keys = _keys(claim, index)
    by_sentence = {}
    for finding in raw:
        sent = _sentence_of(reading, finding.evidence)
        current = by_sentence.get(sent)
        if current is None or finding.verdict.rank > current.verdict.rank:
            by_sentence[sent] = finding
    about = set(_about_sentences(claim, index, reading))
    notes = []
    for sent in range(len(reading.sents)):
        parts = [_part(reading, label, span) for label, key in keys.items()
                 for span in _spans(claim, index, reading, label, key, sent)]
        if not parts and sent not in by_sentence:
            continue
        if claim.kind is ClaimKind.QUANTITY:
            parts += [Part("number", m.text, reading.doc[m.start].idx,
                           reading.doc[m.start].idx + len(m.text))
                      for m in reading.numbers.get(sent, [])]
        cues = [_part(reading, name, span) for name in SHOWN_CUES
                for span in reading.spans(cue(name), sent)]
        finding = by_sentence.get(sent)
        dropped = None
        if finding is not None and anchored:
            dropped = out_of_scope(claim, index, reading, sent)
        if finding is not None and finding.verdict is Verdict.CONTRADICTED and dropped is None:
            dropped = why_unproven(claim, index, reading, sent) if anchored else article
        why = None if finding is not None else _why_not(claim, index, reading, sent, keys)
        near = verdict is Verdict.SILENT and sent in about and anchored
        suggestions = _suggest(claim, index, reading, sent, keys) if near else ()
        notes.append(SentenceNote(sent, reading.evidence(sent), _marked(reading, sent, parts),
                                  tuple(sorted(parts, key=lambda p: (p.start, p.label))),
                                  tuple(sorted(cues, key=lambda p: (p.start, p.label))),
                                  finding, dropped, why, tuple(suggestions)))
    mentioned = verdict is Verdict.SILENT and anchored and bool(about)
    if mentioned:  # as the run reports it: the mentioning sentences are the evidence
        reason, evidence = MENTION_REASON, near_misses(claim, index, reading)
    return Explanation(claim, source, verdict, reason, evidence, article, tuple(notes),
                       mentioned)


MENTION_REASON = ("no sentence decides the claim, but the article mentions what it is about "
                  "(silent, mentioned: see verifier explain)")


def _sentence_of(reading: Reading, evidence: Evidence) -> int:
    for n, span in enumerate(reading.sents):
        if span.start_char <= evidence.start < span.end_char:
            return n
    return 0


def _why_not(claim: Claim, index: int, reading: Reading, sent: int,
             keys: dict[str, str]) -> str:
    """Return why a sentence holding some of a claim's words decided nothing."""
    present = {label: _spans(claim, index, reading, label, key, sent)
               for label, key in keys.items()}
    needed = [label for label in ABOUT[claim.kind] if label in keys]
    if claim.kind is ClaimKind.MEMBERSHIP:
        needed = ["entity"] if "entity" in keys else ["member"]
    missing = [label for label in needed if not present.get(label)]
    if claim.entity and not present.get("entity") and reading.spans(
            slot_key(index, "surname"), sent):
        return (f"the surname alone names {claim.entity.name} only after the full name "
                "has appeared earlier in the article")
    if missing:
        return "; ".join(f"no {label} here ({_sample(claim, label)})" for label in missing)
    states = [label for label in STATES[claim.kind] if label in keys]
    if not any(present.get(label) for label in states):
        return f"no {states[0]} word here ({_sample(claim, states[0])})"
    for label in states:
        for span in present.get(label, []):
            if elsewhen(reading, sent, span, claim.as_of) or earlier(reading, sent, span):
                return (f"'{reading.text(*span)}' is set at another time than the claim "
                        f"(as of {claim.as_of.isoformat() if claim.as_of else 'its date'})")
    if claim.kind is ClaimKind.QUANTITY:
        return _why_not_count(claim, index, reading, sent, present)
    return _why_not_near(claim, reading, present, states)


def _why_not_count(claim: Claim, index: int, reading: Reading, sent: int,
                   present: dict) -> str:
    counted = reading.text(*present["counted"][0])
    mentions = reading.numbers.get(sent, [])
    if not mentions:
        return f"'{counted}' is here, but no number"
    bound = list(_bindings(reading, sent, present["counted"], mentions))
    if not bound:
        shown = ", ".join(f"'{m.text}'" for m in mentions)
        return (f"number(s) {shown} not bound to '{counted}' (not right before it, not "
                f"'N of the {counted}', not linked by 'of', 'was', 'at' ...)")
    contexts = _contexts(reading, sent, index, claim)
    actual = [span for span, is_actual, _ in contexts if is_actual]
    if not actual:
        return "the event word here belongs to a request or a cause, not to the event"
    for mention, span, form in bound:
        phrase = cover((mention.start, mention.end), span)
        qualified = _qualified(reading, sent, index, claim, phrase)
        unproven = why_not_proof(reading, sent, mention, span, actual[0], form, qualified,
                                 as_of=claim.as_of)
        if unproven is not None:
            return unproven
    return (f"the number bound to '{counted}' is not the claim's event here (a subset, a "
            "request, another time, or a coordinated group)")


def _why_not_near(claim: Claim, reading: Reading, present: dict, states: list[str]) -> str:
    """Name the part that stands farthest from the claim's state or predicate words."""
    words = [span for label in states for span in present.get(label, [])]
    others = {label: spans for label, spans in present.items()
              if label not in states and spans and label in ABOUT[claim.kind]}
    if not words or not others:
        return "the claim's words are here, but not in a form its checker reads"
    nearest = {label: min((gap(w, o), w, o) for w in words for o in spans)
               for label, spans in others.items()}
    label, (distance, word, other) = max(nearest.items(), key=lambda kv: (kv[1][0], kv[0]))
    return (f"'{reading.text(*word)}' is {distance} word(s) from the {label} "
            f"'{reading.text(*other)}': too far, or not joined, for the {claim.kind.value} "
            "checker")


def _suggest(claim: Claim, index: int, reading: Reading, sent: int,
             keys: dict[str, str]) -> list[str]:
    """Propose words that would have made a near-miss sentence decide (never applied)."""
    if claim.kind is ClaimKind.QUOTE:
        return []  # a quote is verbatim: no word can be added to it
    target = STATES[claim.kind][0]
    if any(_spans(claim, index, reading, label, keys[label], sent)
           for label in STATES[claim.kind] if label in keys):
        if claim.kind is ClaimKind.QUANTITY:
            return _suggest_counted(claim, index, reading, sent, keys)
        return []  # the words are all there: distance or form, not vocabulary
    doc = reading.doc
    covered = {i for label, key in keys.items()
               for a, b in _spans(claim, index, reading, label, key, sent) for i in range(a, b)}
    anchors = [s for label in ABOUT[claim.kind] if label in keys
               for s in _spans(claim, index, reading, label, keys[label], sent)]
    span = reading.sents[sent]
    candidates = []
    for i in range(span.start, span.end):
        token = doc[i]
        if (i in covered or not token.is_alpha or token.is_stop or len(token) < 3
                or (token.text[:1].isupper() and i != span.start)):
            continue
        distance = min((gap((i, i + 1), a) for a in anchors), default=len(doc))
        if distance > SUGGEST_REACH:
            continue
        word = token.lemma_ or token.norm_
        if i + 1 < span.end and doc[i + 1].norm_ in _PARTICLES:
            word = f"{word} {doc[i + 1].norm_}"  # "handed over" -> "hand over"
        elif (i + 2 < span.end and doc[i + 1].norm_ == "of" and doc[i + 2].is_alpha
              and not doc[i + 2].is_stop):
            word = f"{word} of {doc[i + 2].norm_}"  # "deprivation of liberty"
        candidates.append((distance, i, word))
    words = list(dict.fromkeys(w for _, _, w in sorted(candidates)))[:MAX_SUGGESTIONS]
    return [f"add '{w}' to {target}" for w in words]


def _suggest_counted(claim: Claim, index: int, reading: Reading, sent: int,
                     keys: dict[str, str]) -> list[str]:
    """A number with no counted noun bound: propose the noun written right after it."""
    doc = reading.doc
    counted = {i for a, b in reading.spans(keys["counted"], sent) for i in range(a, b)}
    out = []
    for mention in _counts(reading, sent):
        if mention.end < len(doc) and mention.end not in counted:
            token = doc[mention.end]
            if (token.is_alpha and not token.is_stop
                    and mention.compare(claim.count) is not Match.DIFFERENT):
                out.append(f"add '{token.lemma_ or token.norm_}' to counted")
    return list(dict.fromkeys(out))[:MAX_SUGGESTIONS]


__all__ = ["Explanation", "Part", "SentenceNote", "MENTION_REASON", "explain", "near_misses"]
