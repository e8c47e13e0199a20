"""Quantity claims: a number counting something in the context of an event.

A number counts the claimed thing when it stands right before a counted noun
("52 political prisoners") with no other number or punctuation between them. It
supports or hedges the claim on that binding alone; to contradict it, the binding
must be unambiguous (`why_not_proof`): not a part or whole of a partitive ("187 of
the 190"), not a remainder or another group ("more than 800 remain", "another 12"),
not a coordinated group ("180 passengers and crew"), not a vague amount ("dozens",
"one"), and the event word must be closer to it than to any other number of the
sentence. A sentence that states the claimed number outweighs other numbers for the
same thing in the article (a live blog's earlier figures, an explainer's history).
"""

from __future__ import annotations

from functools import cache

from ..lexicon import lexicon_terms
from ..model import Claim, Finding, Verdict
from ..text.matching import Spans
from ..text.numbers import Match, NumberMention
from ..text.reading import Reading, cue, slot_key
from ..text.scope import causal, cover, elsewhen, gap, hedge, negation, overlaps, request_frame
from .common import nearest
from .proof import claim_tokens

COUNT_REACH = 3  # words allowed between a number and the counted noun ("52 political prisoners")
CONTEXT_REACH = 6  # a contradiction needs its event word this close to the number
# Words before a number that make it another group or a remainder ("another 12",
# "a further 30", "the remaining 800") and words after the counted noun that do
# ("800 prisoners remain", "12 people still missing").
_OTHER_BEFORE = frozenset({"another", "other", "more", "further", "additional", "remaining",
                           "extra", "last", "first", "latest", "previous", "earlier", "next"})
# Verbs of change before a number: "gained 17 seats", "lost 12" is a difference.
_CHANGE_LEMMAS = frozenset({"gain", "lose", "add", "drop", "shed", "pick", "increase", "fall",
                            "rise", "grow", "decline", "win back", "up", "down"})
_OTHER_AFTER = frozenset({"remain", "remained", "remaining", "still", "more", "others", "left"})
_COORDINATORS = frozenset({"and", "or", "&", "plus"})
SUBSET_REACH = 5  # "among those released were three ...": a subset cue this far before the number


def _contexts(reading: Reading, sent: int, index: int, claim: Claim) -> list[tuple]:
    """Return the event words of a sentence: (span, speaks of the event itself, is a request).

    An event word that is itself a request ("had requested") is the event unless it
    is introduced as a cause ("after an appeal"); any other event word is the event
    unless a request frames it ("whose release Trump had requested"). Event words
    placed at another time ("in June") are left out.
    """
    requests = reading.spans(cue("request"), sent)
    out = []
    for span in reading.spans(slot_key(index, "context"), sent):
        if elsewhen(reading, sent, span, claim.as_of):
            continue
        if any(overlaps(span, r) for r in requests):
            out.append((span, not causal(reading, sent, span), True))
        else:
            out.append((span, request_frame(reading, sent, span) is None, False))
    return out


def _subset(reading: Reading, sent: int, start: int, contexts: Spans) -> tuple[int, int] | None:
    """Return a subset cue ("among", "including") introducing the number at `start`."""
    for span in reading.spans(cue("subset"), sent):
        if span[1] <= start and start - span[1] <= SUBSET_REACH and not any(
                overlaps(span, c) for c in contexts):
            return span
    return None


_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
PLACE_REACH = 3  # "45,000 protesters in Amsel": a place this close after the counted noun


@cache
def _place_nouns() -> frozenset[str]:
    return frozenset(lexicon_terms("place_nouns"))


def _region(reading: Reading, the: int, end: int):
    """Return the place noun of "the (northern) province" starting at `the`, or None:
    at most two lower-case modifiers, then a noun of the `place_nouns` lexicon."""
    doc, nouns = reading.doc, _place_nouns()
    for k in range(the + 1, min(the + 4, end)):
        if doc[k].norm_ in nouns:
            return doc[k]
        if not (doc[k].is_alpha and doc[k].is_lower):
            return None
    return None


def place_scope(reading: Reading, sent: int, phrase: tuple[int, int],
                own: frozenset[int] = frozenset()) -> str | None:
    """Return the named place a figure is scoped to, when the claim does not name it.

    "In Amsel, police counted 45,000" or "45,000 marched in Amsel": a count for one
    place may be a part of the claim's total (a national count), so it never proves a
    different total wrong. The place is "in" and a capitalised word (not a month or a
    weekday), or "in the" and a place noun ("the capital", "the northern province":
    lexicon `place_nouns`), opening the number's clause or right after the
    counted noun; a place among the claim's own words (its qualifier, say) is the
    claim's own scope.
    """
    doc = reading.doc
    start, end = reading.sents[sent].start, reading.sents[sent].end
    months = {i for i, _, month in reading.times.get(sent, ()) if month is not None}
    clause = start  # the clause of the figure opens after the last ";" or ":" before it
    for k in range(start, phrase[0]):
        if doc[k].text in ";:":
            clause = k + 1
    # "In Amsel, police counted ..." (the clause opens with the place) or "... 45,000
    # protesters in Amsel" (right after the counted phrase); a place elsewhere ("the
    # earthquake in Ardelan, which killed 87") names where the event was, not a part.
    for j in (clause, *range(phrase[1], min(phrase[1] + PLACE_REACH, end))):
        if doc[j].norm_ != "in" or j + 1 >= end:
            continue
        place = doc[j + 1]
        region = _region(reading, j + 1, end) if place.norm_ == "the" else None
        if region is not None:
            place = region
        elif not (place.text[:1].isupper() and place.is_alpha) or place.i in months \
                or place.norm_ in _WEEKDAYS:
            continue
        if place.i not in own:
            return place.text
    return None


YEAR_REACH = 8  # a year this close, in the same clause, may date a figure: not proof


def _other_year(reading: Reading, sent: int, core: tuple[int, int], as_of) -> str | None:
    """Return a year other than the claim's (and the article's) standing in the clause of
    `core`, within YEAR_REACH tokens and no punctuation between: "51 prisoners were freed
    by Minsk in 2019" may speak of 2019. Closer years are already another time
    (`elsewhen`); this reach only keeps such figures from proving a contradiction."""
    if as_of is None:
        return None
    doc = reading.doc
    own = {as_of.year, reading.date.year if reading.date else as_of.year}
    for i, year, _ in reading.times.get(sent, ()):
        if year is None or year in own or core[0] <= i < core[1]:
            continue
        a, b = (i + 1, core[0]) if i < core[0] else (core[1], i)
        if b - a <= YEAR_REACH and not any(reading.punct[j] for j in range(a, b)):
            return doc[i].text
    return None


def why_not_proof(reading: Reading, sent: int, mention: NumberMention, counted: tuple[int, int],
                  context: tuple[int, int], form: str = "before",
                  claim_qualified: bool = True, own: frozenset[int] = frozenset(),
                  as_of=None) -> str | None:
    """Return why a differing number does not prove a contradiction, or None when it does."""
    doc = reading.doc
    if mention.vague:
        return f"'{mention.text}' is a vague amount"
    if any(i == mention.start or (mention.start <= i < mention.end and year is not None)
           for i, year, _ in reading.times.get(sent, ())):
        return f"'{mention.text}' is a year"
    other_year = _other_year(reading, sent, cover(cover((mention.start, mention.end), counted),
                                                  context), as_of)
    if other_year is not None:
        return f"'{other_year}' in the same clause may date the figure to another year"
    before = doc[mention.start - 1].norm_ if mention.start > 0 else ""
    after = doc[mention.end].norm_ if mention.end < len(doc) else ""
    two_before = doc[mention.start - 2].norm_ if mention.start > 1 else ""
    phrase = cover((mention.start, mention.end), counted)
    if form == "partitive" or after == "of" or before == "but" or _whole(reading, sent, mention):
        return f"'{mention.text}' is a part or a whole of a partitive"
    if (before in _OTHER_BEFORE or two_before in ("another", "further", "other")
            or any(doc[j].norm_ in _OTHER_BEFORE for j in range(mention.end, counted[0]))):
        return f"'{mention.text}' counts another group ('another', 'more', 'other' ...)"
    if any(doc[j].norm_ in ("per", "each", "apiece", "every")
           for j in range(max(phrase[0] - 3, 0), min(phrase[1] + 2, len(doc)))):
        return "a figure per unit ('per', 'each'), not a total"
    lemma_before = doc[mention.start - 1].lemma_ if mention.start > 0 else ""
    if lemma_before in _CHANGE_LEMMAS or before in _CHANGE_LEMMAS:
        return f"'{doc[mention.start - 1].text}' makes '{mention.text}' a change, not a total"
    if claim_qualified is False:
        return "the number is not bound to the claim's qualifier"
    place = place_scope(reading, sent, phrase, own)
    if place is not None:
        return f"the figure is scoped to '{place}', which the claim does not name: it may be a part"
    end = counted[1] if form != "linked" else mention.end
    if end < len(doc) and (doc[end].norm_ in _OTHER_AFTER or doc[end].lemma_ == "remain"):
        return f"'{doc[end].text}' makes it a remainder"
    # Stricter than `_coordinated` (which drops the binding altogether): any group
    # joined to the counted noun, bar "170 passengers and 10 crew", denies proof.
    if end + 1 < len(doc) and doc[end].norm_ in _COORDINATORS and not any(
            m.start == end + 1 for m in reading.numbers.get(sent, [])):
        return "the counted noun is coordinated with another group"
    distance = gap(phrase, context)
    if distance > CONTEXT_REACH:
        return f"the event word '{reading.text(*context)}' is {distance} words away"
    for other in reading.numbers.get(sent, []):
        if other is not mention and gap((other.start, other.end), context) < distance:
            return f"'{other.text}' is closer to the event word '{reading.text(*context)}'"
    return None


# Words after "and" that start a new clause or verb phrase, not a second group:
# "52 prisoners and was the biggest", "52 prisoners and then crossed".
_CLAUSE_WORDS = frozenset({"was", "were", "is", "are", "be", "been", "has", "have", "had",
                           "will", "would", "could", "can", "may", "might", "should", "must",
                           "did", "do", "does", "then", "also", "later", "now", "so", "that",
                           "the", "a", "an", "their", "they", "it", "he", "she", "we",
                           "its", "his", "her", "not", "still", "in", "on", "at", "to",
                           "for", "with", "from", "by"})


_PARTS = frozenset({"out", "one", "all", "none", "some", "most", "many", "each", "several",
                    "both", "half", "few"})


def _whole(reading: Reading, sent: int, mention: NumberMention) -> bool:
    """Return True for the whole of a partitive: "187 of the 190", "out of 52"."""
    doc, start = reading.doc, mention.start
    of = start - 1 if start > 0 and doc[start - 1].norm_ == "of" else (
        start - 2 if start > 1 and doc[start - 2].norm_ == "of"
        and doc[start - 1].norm_ in ("the", "its", "their", "all") else None)
    if of is None:
        return False
    if of > 0 and doc[of - 1].norm_ in _PARTS:
        return True  # "out of 52", "all but one of the 15", "most of the 190"
    return any(0 <= of - m.end <= 1 for m in reading.numbers.get(sent, []))


def _coordinated(reading: Reading, counted: tuple[int, int]) -> bool:
    """Return True for "180 passengers and crew": the number counts a combined group."""
    doc, end = reading.doc, counted[1]
    if not (end + 1 < len(doc) and doc[end].norm_ in _COORDINATORS):
        return False
    word = doc[end + 1]
    return (word.is_alpha and word.is_lower and not word.like_num
            and word.norm_ not in _CLAUSE_WORDS and not word.norm_.endswith(("ed", "ing")))


# Words that link a counted noun to a number after it: "a death toll of 112", "the toll
# stood at 75", "turnout was 71 percent", "put the figure at 600,000".
_LINKS = frozenset({"of", "at", "was", "is", "were", "are", "stood", "stands", "reached",
                    "rose", "risen", "climbed", "to", "hit", "now", "has", "had", "been",
                    "totalled", "totaled", "made", "up", ":", "-", "—", "–", "put"})
LINK_REACH = 3
# An elliptical count ("the Greens 17", "took 41") is read when the counted noun was said
# in this sentence or up to this many sentences before, and the number stands at most
# ELLIPSIS_REACH words after a context word or qualifier.
ELLIPSIS_SENTENCES = 2
ELLIPSIS_REACH = 4
# Determiners allowed in a partitive: "14 of the dead", "9 of his schoolmates".
_PARTITIVE_DETERMINERS = frozenset({"the", "his", "her", "their", "its", "our", "those",
                                    "these"})


_QUOTE_MARKS = frozenset('"“”‘’«»')


def _joined(reading: Reading, a: int, b: int, quotes: bool = False) -> bool:
    """Return True when no punctuation but a word-internal hyphen stands in tokens
    a..b-1; with `quotes`, a quotation mark may too (the one closing a quoted number:
    '"more than 400" flights')."""
    doc = reading.doc
    for j in range(a, b):
        if reading.punct[j] and not (doc[j].text in "-‐" and j > 0
                                     and not doc[j - 1].whitespace_ and not doc[j].whitespace_
                                     ) and not (quotes and doc[j].text in _QUOTE_MARKS):
            return False
    return True


# A number opening its sentence, then one of these, then a noun: the lines of a "by
# the numbers" box ("180,000 - protesters nationwide on the police count").
_FIGURE_DASHES = frozenset({"-", "—", "–", ":"})


FIGURE_LINES = 3  # a "by the numbers" box has at least this many figure lines


def _figure_lines(reading: Reading) -> frozenset[int]:
    """Return the sentences that are lines of a "by the numbers" box: each opens with a
    number and a dash, and the article has FIGURE_LINES of them that are not a numbered
    list ("1 - ...", "2 - ...", "3 - ...")."""
    memo = reading._memo.get("figure_lines")
    if memo is None:
        doc, lines = reading.doc, {}
        for sent, mentions in reading.numbers.items():
            first = mentions[0]
            if (first.start == reading.sents[sent].start and first.end < len(doc)
                    and doc[first.end].text in _FIGURE_DASHES):
                lines[sent] = first.low
        values = sorted(lines.values())
        numbered = values == list(range(1, len(values) + 1))
        memo = frozenset(lines) if len(lines) >= FIGURE_LINES and not numbered else frozenset()
        reading._memo["figure_lines"] = memo
    return memo


def _bindings(reading: Reading, sent: int, counted_spans, mentions):
    """Yield (mention, counted span, form) for every number that counts a counted noun.

    Forms: "before" ("52 prisoners", "a nine-year sentence"), "partitive" ("14 of
    the dead": the part), "linked" ("a toll of 112", "turnout was 71 percent").
    """
    doc = reading.doc
    used = set()
    opening = reading.sents[sent].start
    box = sent in _figure_lines(reading)
    for counted in counted_spans:
        for m in mentions:
            # a figure line: "180,000 - protesters nationwide", "9 — years behind bars"
            lead = 1 if (box and m.start == opening and m.end < counted[0]
                         and doc[m.end].text in _FIGURE_DASHES) else 0
            # a quoted number ('"more than 400" flights'): its closing mark joins it
            quoted = m.start > 0 and doc[m.start - 1].text in _QUOTE_MARKS
            if (0 <= counted[0] - m.end - lead <= COUNT_REACH
                    and _joined(reading, m.end + lead, counted[0], quotes=quoted)
                    and not any(m.end <= o.start < counted[0] for o in mentions)
                    and (m.unit is None or counted[0] == m.end)):
                used.add(id(m))
                yield m, counted, "before"
                break
            if (m.end < counted[0] and doc[m.end].norm_ == "of" and counted[0] - m.end <= 2
                    and (counted[0] - m.end == 1
                         or doc[m.end + 1].norm_ in _PARTITIVE_DETERMINERS)):
                used.add(id(m))
                yield m, counted, "partitive"
                break
        else:
            for m in mentions:
                between = range(counted[1], m.start)
                if (id(m) not in used and 0 <= m.start - counted[1] <= LINK_REACH
                        and all(doc[j].norm_ in _LINKS for j in between)):
                    used.add(id(m))
                    yield m, counted, "linked"
                    break


def _apposition(reading: Reading, mention: NumberMention) -> bool:
    """Return True for a number set off by commas after a name: "Lena Moss, 49, ..."."""
    doc = reading.doc
    return (mention.start > 0 and doc[mention.start - 1].text == ","
            and (mention.end >= len(doc) or doc[mention.end].text in ",;"))


QUALIFIER_REACH = 40  # a qualifier is bound to a number at most this many tokens away


def _qualified(reading: Reading, sent: int, index: int, claim: Claim,
               phrase: tuple[int, int]) -> bool:
    """Return True when a claim's qualifier is bound to the number phrase, or it has none.

    A qualifier ("Social Democrats", "police", "Vell") is bound when it stands in the
    same clause as the number with no other number and no other name between them:
    "Vell was jailed for nine years, Dunn for five" binds Vell to nine only.
    """
    if not claim.terms("qualifier"):
        return True
    doc = reading.doc
    mentions = reading.numbers.get(sent, [])
    first = reading.sents[sent].start
    qualifiers = reading.spans(slot_key(index, "qualifier"), sent)
    for q in qualifiers:
        a, b = (q[1], phrase[0]) if q[1] <= phrase[0] else (phrase[1], q[0])
        if b - a > QUALIFIER_REACH:
            continue  # too far to be bound in one clause
        if any(doc[j].text in ";:" or doc[j].norm_ in ("while", "whereas", "but")
               for j in range(a, b)):
            continue
        if any(a <= m.start < b and not _apposition(reading, m) for m in mentions):
            continue
        if any(doc[j].text[:1].isupper() and doc[j].is_alpha and j != first
               and not any(x[0] <= j < x[1] for x in qualifiers) for j in range(a, b)):
            continue  # another name stands between: it is more likely the one counted
        return True
    return False


def check_quantity(claim: Claim, index: int, reading: Reading) -> list[Finding]:
    """Compare every number that counts the claimed thing in the event's context."""
    findings = []
    counted_key = slot_key(index, "counted")
    for sent in reading.sentences_with(counted_key):
        mentions = reading.numbers.get(sent, [])
        if not mentions:
            continue
        contexts = _contexts(reading, sent, index, claim)
        if not contexts:
            continue
        spans = [span for span, _, _ in contexts]
        kinds = {span: (actual, is_request) for span, actual, is_request in contexts}
        for mention, counted, form in _bindings(reading, sent,
                                                reading.spans(counted_key, sent), mentions):
            if form == "before" and _coordinated(reading, counted):
                continue
            phrase = cover((mention.start, mention.end), counted)
            # A qualifier decides only contradictions: the claimed number said of
            # the article's subject supports, but a differing one must be bound.
            qualified = _qualified(reading, sent, index, claim, phrase)
            context = nearest(phrase, spans, len(reading.doc))
            actual, is_request = kinds[context]
            core = cover(phrase, context)
            if not actual or _subset(reading, sent, mention.start, spans) or (
                    not is_request and request_frame(reading, sent, core) is not None):
                continue  # the number belongs to a request, or counts a subset
            if elsewhen(reading, sent, core, claim.as_of):
                continue
            said = f"{mention.text} {reading.text(*counted)} ({reading.text(*context)})"
            match = mention.compare(claim.count)
            own = [context]
            negated = negation(reading, sent, context, own)
            hedged = hedge(reading, sent, core, own)
            # the claim's own words, not the event's anchors: "In Amsel" scopes a national
            # count even though Amsel names the event
            claim_words = frozenset(claim_tokens(claim, index, reading, sent, anchors=False))
            if negated is not None:
                if match is not Match.EQUAL or why_not_proof(
                        reading, sent, mention, counted, context, form, qualified,
                        claim_words, claim.as_of) is not None:
                    continue  # "at least 3 were not released" does not deny that 52 were
                verdict = Verdict.CONTRADICTED
                reason = f"'{reading.text(*negated)}' negates: {said}"
            elif match is Match.DIFFERENT:
                unproven = why_not_proof(reading, sent, mention, counted, context, form,
                                         qualified, claim_words, claim.as_of)
                if unproven is not None:
                    continue  # a number of something else: not evidence either way
                verdict, reason = Verdict.CONTRADICTED, f"{said} ≠ {claim.count}"
            elif match is Match.COMPATIBLE:
                verdict = Verdict.HEDGED
                reason = f"{said} is compatible with {claim.count} but does not commit to it"
            else:
                verdict, reason = Verdict.SUPPORTED, f"{said} = {claim.count}"
            if hedged is not None:
                verdict, reason = Verdict.HEDGED, f"'{reading.text(*hedged)}' hedges it: {reason}"
            findings.append(Finding(verdict, reading.evidence(sent), reason))
    findings += _elliptical(claim, index, reading, findings)
    findings += _carried(claim, index, reading, findings)
    findings += _subgroups(claim, index, reading, findings)
    findings += _parts_of_a_whole(claim, index, reading, findings)
    if any(f.verdict is Verdict.SUPPORTED for f in findings):
        # The article states the claimed number; its other numbers for the same thing
        # are earlier figures, other moments or other groups, not a denial.
        findings = [f for f in findings if f.verdict is not Verdict.CONTRADICTED]
    return findings


# "600,000 according to the unions": a bare number credited to a qualifier.
_ACCORDING = ("according", "to")
# Words after which a number opens its clause: "the unions say 600,000 took part".
_CLAUSE_OPENERS = frozenset({",", ";", ":", "that", "and", "but", "while", "whereas",
                             "say", "says", "said", "estimate", "estimates", "estimated"})


def _attributed(reading: Reading, mention: NumberMention, qualifiers) -> bool:
    """Return True for "600,000 according to the unions": the number, then "according
    to", then one of the claim's qualifiers, then the end of the clause."""
    doc, end = reading.doc, mention.end
    if [t.norm_ for t in doc[end:end + 2]] != list(_ACCORDING):
        return False
    start = end + 2 + (end + 2 < len(doc) and doc[end + 2].norm_ == "the")
    return any(q[0] == start and (q[1] >= len(doc) or doc[q[1]].is_punct
                                  or doc[q[1]].norm_ == "and") for q in qualifiers)


def _subject_count(reading: Reading, sent: int, mention: NumberMention, contexts) -> bool:
    """Return True for "600,000 took part": a bare number opening its clause, right
    before one of the claim's context words, counts who did it."""
    doc, start = reading.doc, mention.start
    opens = start == reading.sents[sent].start or doc[start - 1].norm_ in _CLAUSE_OPENERS
    return opens and any(c[0] == mention.end for c in contexts)


_OF_THEM = (("of", "them"), ("of", "whom"), ("of", "those"))


def _subgroups(claim: Claim, index: int, reading: Reading,
               found: list[Finding]) -> list[Finding]:
    """Read "180,000 people marched, 45,000 of them in the capital" for a claim whose
    qualifier ("capital") is bound to the part: the part counts the claimed group.

    Only claims with a qualifier read a part this way (without one, a part is only a
    part). Such a reading may support or hedge; it never contradicts.
    """
    if not claim.terms("qualifier"):
        return []
    decided = {f.evidence for f in found}
    counted_key = slot_key(index, "counted")
    doc, out = reading.doc, []
    for sent in reading.sentences_with(counted_key):
        if reading.evidence(sent) in decided or not _contexts(reading, sent, index, claim):
            continue
        counted = reading.spans(counted_key, sent)
        for mention in reading.numbers.get(sent, []):
            after = tuple(t.norm_ for t in doc[mention.end:mention.end + 2])
            if (mention.vague or after not in _OF_THEM
                    or not any(c[1] <= mention.start for c in counted)):
                continue
            phrase = (mention.start, mention.end + 2)
            match = mention.compare(claim.count)
            if match is Match.DIFFERENT or not _qualified(reading, sent, index, claim, phrase) \
                    or elsewhen(reading, sent, phrase, claim.as_of):
                continue
            said = f"{reading.text(*phrase)} (a part bound to the qualifier)"
            out.append(_support_only(reading, sent, phrase, said, match, claim))
            break
    return out


def _parts_of_a_whole(claim: Claim, index: int, reading: Reading,
                      found: list[Finding]) -> list[Finding]:
    """Read "Fourteen of the 15 children were killed": the part counts the noun.

    The whole ("15") is never the claimed count; the part may support or hedge, and it
    never contradicts (other children may have died elsewhere).
    """
    decided = {f.evidence for f in found}
    counted_key = slot_key(index, "counted")
    doc, out = reading.doc, []
    for sent in reading.sentences_with(counted_key):
        if reading.evidence(sent) in decided or not any(
                actual and not is_request
                for _, actual, is_request in _contexts(reading, sent, index, claim)):
            continue
        numbers = reading.numbers.get(sent, [])
        starts = {m.start: m for m in numbers}
        for mention in numbers:
            j = mention.end
            if mention.vague or j + 1 >= len(doc) or doc[j].norm_ != "of":
                continue
            j += 1 + (doc[j + 1].norm_ in _PARTITIVE_DETERMINERS)
            whole = starts.get(j)
            if whole is None or not any(c[0] == whole.end for c in
                                        reading.spans(counted_key, sent)):
                continue
            counted = next(c for c in reading.spans(counted_key, sent) if c[0] == whole.end)
            phrase = cover((mention.start, mention.end), counted)
            match = mention.compare(claim.count)
            if match is Match.DIFFERENT or elsewhen(reading, sent, phrase, claim.as_of) \
                    or negation(reading, sent, phrase) is not None or any(
                        negation(reading, sent, c) is not None
                        for c in reading.spans(slot_key(index, "context"), sent)):
                continue
            if claim.terms("qualifier") and not _qualified(reading, sent, index, claim, phrase):
                continue  # "41 of the 101 seats" of another party
            said = f"{reading.text(*phrase)} (the part of a whole)"
            out.append(_support_only(reading, sent, phrase, said, match, claim))
            break
    return out


def _support_only(reading: Reading, sent: int, phrase: tuple[int, int], said: str,
                  match: Match, claim: Claim) -> Finding:
    """Return the support (or hedge) of a reading that may never contradict: a part
    read as the claimed count, or a count whose event word is in the sentence before."""
    verdict, reason = (Verdict.SUPPORTED, f"{said} = {claim.count}") \
        if match is Match.EQUAL else (
            Verdict.HEDGED, f"{said} is compatible with {claim.count} but does not "
                            "commit to it")
    hedged = hedge(reading, sent, phrase, [])
    if hedged is not None:
        verdict, reason = Verdict.HEDGED, f"'{reading.text(*hedged)}' hedges it: {reason}"
    return Finding(verdict, reading.evidence(sent), reason)


def _carried(claim: Claim, index: int, reading: Reading,
             found: list[Finding]) -> list[Finding]:
    """Read a count in a sentence without an event word, when the sentence before, in
    the same paragraph, has one: "Vell took bribes from two firms. Money changed hands
    over all seven contracts." The event is carried over, so the reading may support
    or hedge; it never contradicts (the number may count something else).
    """
    decided = {f.evidence for f in found}
    counted_key = slot_key(index, "counted")
    out = []
    for sent in reading.sentences_with(counted_key):
        mentions = reading.numbers.get(sent, [])
        if (sent == 0 or not mentions or reading.evidence(sent) in decided
                or reading.spans(slot_key(index, "context"), sent)
                or "\n" in reading.body[reading.idx[reading.sents[sent - 1].end - 1]:
                                         reading.idx[reading.sents[sent].start]]
                or not any(actual and not is_request for _, actual, is_request
                           in _contexts(reading, sent - 1, index, claim))):
            continue
        for mention, counted, form in _bindings(reading, sent,
                                                reading.spans(counted_key, sent), mentions):
            if (form == "before" and _coordinated(reading, counted)) or mention.vague or (
                    form == "partitive" and _whole(reading, sent, mention)):
                continue
            phrase = cover((mention.start, mention.end), counted)
            match = mention.compare(claim.count)
            if match is Match.DIFFERENT or elsewhen(reading, sent, phrase, claim.as_of) \
                    or request_frame(reading, sent, phrase) is not None \
                    or negation(reading, sent, phrase) is not None:
                continue
            said = f"{mention.text} {reading.text(*counted)} (event said the sentence before)"
            out.append(_support_only(reading, sent, phrase, said, match, claim))
            break
    return out


def _elliptical(claim: Claim, index: int, reading: Reading,
                found: list[Finding]) -> list[Finding]:
    """Read a bare number right after a context word as a count of the claimed thing.

    "Social Democrats 64, Conservative Union 41, Greens 17" or "the Greens took 17":
    the counted noun is said in the sentence or the one before, the number stands
    within two words after a context word (or its qualifier), with nothing after it
    but punctuation. Such a reading may support or hedge; it never contradicts.
    """
    decided = {f.evidence for f in found}
    counted_key = slot_key(index, "counted")
    near = set()
    for sent in reading.sentences_with(counted_key):
        near.update(range(sent, sent + ELLIPSIS_SENTENCES + 1))
    # A results line names the claim's qualifier and its event word: "preliminary
    # result: Social Democrats 64, Conservative Union 41" needs no counted noun nearby.
    listed = set(reading.sentences_with(slot_key(index, "qualifier"))) & set(
        reading.sentences_with(slot_key(index, "context")))
    doc, out = reading.doc, []
    for sent in sorted(near | listed):
        if sent >= len(reading.sents) or reading.evidence(sent) in decided:
            continue
        anchors = reading.spans(slot_key(index, "context"), sent) + reading.spans(
            slot_key(index, "qualifier"), sent)
        numbers = reading.numbers.get(sent, [])
        qualifiers = reading.spans(slot_key(index, "qualifier"), sent)
        contexts = reading.spans(slot_key(index, "context"), sent)
        for mention in reading.numbers.get(sent, []):
            if mention.vague or mention.unit is not None:
                continue
            end = mention.end
            after = end >= len(doc) or doc[end].is_punct or doc[end].norm_ in ("and", "in")
            if sent not in near:
                read = after and any(q[1] == mention.start for q in qualifiers)
            else:
                read = (after and any(0 <= mention.start - a[1] <= ELLIPSIS_REACH
                                      and _joined(reading, a[1], mention.start)
                                      and not any(a[1] <= o.start < mention.start
                                                  for o in numbers)
                                      for a in anchors)) \
                    or _attributed(reading, mention, qualifiers) \
                    or _subject_count(reading, sent, mention, contexts)
            if not read:
                continue
            match = mention.compare(claim.count)
            if match is Match.DIFFERENT or elsewhen(reading, sent, (mention.start, mention.end),
                                                   claim.as_of):
                continue
            hedged = hedge(reading, sent, (mention.start, mention.end), [])
            verdict = Verdict.SUPPORTED if match is Match.EQUAL else Verdict.HEDGED
            how = "counted noun said nearby" if sent in near else "after the qualifier"
            reason = f"{mention.text} ({how}) = {claim.count}"
            if hedged is not None:
                verdict, reason = Verdict.HEDGED, f"'{reading.text(*hedged)}' hedges it: {reason}"
            out.append(Finding(verdict, reading.evidence(sent), reason))
    return out
