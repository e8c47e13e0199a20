"""Role claims: an entity holds a role; a qualifier such as "former" contradicts."""

from __future__ import annotations

from ..model import Claim, Finding, Verdict
from ..text.reading import Reading, cue, slot_key
from ..text.scope import cover, hedge_cues
from .proof import NOT_NAMES

NEGATOR_REACH = 3      # "former US President": the qualifier may stand this far before the role
APPOSITION_REACH = 5   # "Donald Trump, the US president": role this far after the name
HEDGE_REACH = 4        # "said to be President X": a hedge this close before the role hedges it


def _qualifier(reading: Reading, sent: int, index: int, role: tuple[int, int]):
    negators = reading.spans(slot_key(index, "negators"), sent) or reading.spans(
        cue("role_negators"), sent)
    for span in negators:
        between = reading.doc[span[1]:role[0]]
        if span[1] <= role[0] and len(between) < NEGATOR_REACH and not any(
                t.is_punct and t.text != "-" for t in between):
            return span
    return None


def _role_hedge(reading: Reading, sent: int, role: tuple[int, int],
                mention: tuple[int, int]):
    """Return a hedge on the role itself: right before it, or inside an apposition.

    A hedge elsewhere in the sentence ("reportedly suggested") is about the event,
    not about the title, which the article still states as fact.
    """
    for span in hedge_cues(reading, sent):
        if span[1] <= role[0] and role[0] - span[1] <= HEDGE_REACH and span[0] >= min(
                mention[1], role[0] - HEDGE_REACH):
            return span
    return None


# Words that may stand between a link and the role: "remains *the* prime minister".
_BEFORE_ROLE = frozenset({"the", "a", "an", "still", "now", "also"})


def _linked(reading: Reading, sent: int, index: int, role: tuple[int, int]):
    """Return the mention joined to `role` by a link ("Rask remains prime minister"),
    or None. The mention is the entity, or a pronoun opening the sentence when the
    entity opens the one before ("Pavel Rask conceded. He remains prime minister.").
    A negation anywhere between them ("is no longer") joins nothing."""
    doc = reading.doc
    if role[1] < len(doc) and doc[role[1]].norm_ in ("'s", "’s", "'"):
        return None  # "Rask is the prime minister's chief of staff"
    for link in reading.spans(cue("role_links"), sent):
        between = [doc[i].norm_ for i in range(link[1], role[0])]
        if link[1] > role[0] or len(between) > 2 or any(w not in _BEFORE_ROLE
                                                        for w in between):
            continue
        for mention in _subjects(reading, sent, index):
            if mention[1] <= link[0] and _joins(reading, sent, mention[1], link[0]):
                if not any(mention[0] <= n[0] < role[0]
                           for n in reading.spans(cue("negation"), sent)):
                    return mention
    return None


ASIDE_REACH = 8  # "Rask, in office since 2018, will stay on as ...": an aside this long


def _joins(reading: Reading, sent: int, start: int, end: int) -> bool:
    """Return True when nothing but an adverb ("still"), a hedge ("expected") or one
    aside set off by commas stands between a name and its link."""
    doc = reading.doc
    hedged = {i for a, b in hedge_cues(reading, sent) for i in range(a, b)}
    words = [i for i in range(start, end) if i not in hedged]
    if words and doc[words[0]].text == "," and doc[words[-1]].text == "," and (
            1 < len(words) <= ASIDE_REACH + 2):
        return all(not doc[i].is_punct for i in words[1:-1])
    return len(words) <= 1 and all(doc[i].norm_ in _BEFORE_ROLE for i in words)


def _subjects(reading: Reading, sent: int, index: int):
    """Yield the entity's mentions in a sentence, and a pronoun opening it that refers
    to the entity opening the previous sentence."""
    mentions = reading.entity(index, sent)
    yield from mentions
    first = reading.sents[sent].start
    doc = reading.doc
    for pronoun in reading.spans(cue("pronouns"), sent):
        if pronoun[0] == first:  # "Pavel Rask conceded. He remains prime minister."
            if sent > 0 and _sole_subject(reading, sent - 1, index,
                                          reading.sents[sent - 1].end):
                yield pronoun
        elif doc[pronoun[0] - 1].norm_ in _CLAUSE_OPENERS and _sole_subject(
                reading, sent, index, pronoun[0]):
            yield pronoun  # "Mr Rask conceded, but he remains prime minister."


def _sole_subject(reading: Reading, sent: int, index: int, end: int) -> bool:
    """Return True when the entity opens sentence `sent` and no other name stands in it
    before token `end`: a pronoun after it can only stand for the entity ("Pavel Rask
    met Ingrid Sollberg. She ..." is left alone: the pronoun's gender is not known)."""
    start = reading.sents[sent].start
    mentions = [m for m in reading.entity(index, sent) if m[0] - start <= SUBJECT_REACH]
    if not mentions:
        return False
    own = set(range(start, mentions[0][1]))  # "Prime Minister Pavel Rask"
    own |= {i for a, b in reading.entity(index, sent) for i in range(a, b)}
    own |= {i for a, b in reading.spans(slot_key(index, "role"), sent) for i in range(a, b)}
    doc = reading.doc
    return not any(doc[i].is_alpha and doc[i].text[:1].isupper() and i not in own
                   and doc[i].norm_ not in NOT_NAMES for i in range(start + 1, end))


SUBJECT_REACH = 2  # "Mr Rask", "Prime Minister Rask": the name opens its sentence
_CLAUSE_OPENERS = frozenset({",", ";", ":", "and", "but"})


def check_role(claim: Claim, index: int, reading: Reading) -> list[Finding]:
    """Find the role written next to the entity ("US President Donald Trump"), after it
    in apposition ("Rask, the prime minister") or joined by a link ("Rask remains prime
    minister")."""
    findings = []
    if not reading.has(slot_key(index, "name")):
        return findings  # the entity is not named in the article
    for sent in reading.sentences_with(slot_key(index, "role")):
        mentions = reading.entity(index, sent)
        for role in reading.spans(slot_key(index, "role"), sent):
            mention = next((m for m in mentions if m[0] == role[1]), None)
            if mention is None:
                mention = next((m for m in mentions if 0 < role[0] - m[1] <= APPOSITION_REACH
                                and reading.doc[m[1]].text == ","), None)
            if mention is None:
                mention = _linked(reading, sent, index, role)
            if mention is None:
                continue
            core = cover(role, mention)
            said = f"'{reading.text(*core)}'"
            qualifier = _qualifier(reading, sent, index, role)
            hedged = _role_hedge(reading, sent, role, mention)
            if hedged is not None:
                verdict = Verdict.HEDGED
                reason = f"'{reading.text(*hedged)}' hedges {said}"
            elif qualifier is not None:
                verdict = Verdict.CONTRADICTED
                reason = (f"'{reading.text(*qualifier)}' qualifies {said}: "
                          "the role is not held now")
            else:
                verdict, reason = Verdict.SUPPORTED, f"{said} names the role as held"
            findings.append(Finding(verdict, reading.evidence(sent), reason))
    return findings
