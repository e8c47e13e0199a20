"""Relation claims: a subject does something (predicate) to an object.

A claim names a predicate and an object, a subject, or both ("Vell's lawyers ...
will appeal" needs no object). When the subject is the article's topic (named in its
first sentences), a sentence with predicate and object but no subject may support
the claim ("It's official: guilty of accepting bribes."), never contradict it.
"""

from __future__ import annotations

from ..model import Claim, Finding, Verdict
from ..text.reading import Reading, cue, slot_key
from ..text.scope import attribution_aside, cover, gap, overlaps, subject_aside
from .common import judge, nearest, polar_terms
from .proof import claim_tokens, other_name

DEFAULT_WINDOW = 8  # words allowed between the predicate and its object or subject


def check_relation(claim: Claim, index: int, reading: Reading) -> list[Finding]:
    """Find predicate, object and (when the claim names one) subject close together.

    Per sentence the closest-knit candidate decides; a negated predicate or an
    `opposite` predicate contradicts.
    """
    window = claim.window or DEFAULT_WINDOW
    findings = []
    has_object = bool(claim.terms("object"))
    if (has_object and not reading.has(slot_key(index, "object"))) or (
            claim.entity and not reading.has(slot_key(index, "name"))):
        return findings  # the object, or the named subject, is not in the article
    predicate_key, opposite_key = slot_key(index, "predicate"), slot_key(index, "opposite")
    sentences = sorted(set(reading.sentences_with(predicate_key))
                       | set(reading.sentences_with(opposite_key)))
    for sent in sentences:
        objects = reading.spans(slot_key(index, "object"), sent)
        subjects = reading.referring(index, sent) if claim.entity else []
        # The article's topic may stand for an unnamed subject ("It's official: guilty
        # of accepting bribes."), for support only: never for a contradiction.
        topical = bool(claim.entity and not subjects and has_object
                       and _topic(reading, index) and not reading.spans(cue("pronouns"), sent)
                       and not other_name(reading, sent, claim_tokens(claim, index, reading,
                                                                      sent)))
        if (has_object and not objects) or (claim.entity and not subjects and not topical):
            continue
        best = None
        end = reading.sents[sent].end
        # asides about someone else: "Vell, whose brother was cleared in 2019, ...",
        # "Vell, who met Dunn, ..." (not "Coale, a lawyer who did not head the team, ...")
        asides = [(s[1], s[1] + k) for s in subjects
                  if (k := subject_aside(reading, s, (end, end))) and any(
                      reading.doc[i].norm_ == "whose" or _named(reading.doc[i].text)
                      for i in range(s[1], s[1] + k))]
        for term, positive in polar_terms(reading, sent, predicate_key, opposite_key,
                                          claim.as_of):
            obj = nearest(term, [o for o in objects if not overlaps(o, term)], window)
            if has_object and obj is None:
                continue
            subject, across = None, False
            if claim.entity:
                near = [s for s in subjects
                        if gap(term, s) - attribution_aside(reading, term, s) <= window]
                subject = nearest(term, near, len(reading.doc))
                if subject is None:  # "Vell, 58, who grew up in Vesk, was convicted"
                    near = [s for s in subjects
                            if 0 < subject_aside(reading, s, term)
                            and gap(term, s) - subject_aside(reading, s, term) <= window]
                    subject = nearest(term, near, len(reading.doc))
                    across = subject is not None
            if claim.entity and subject is None and not (topical and positive):
                continue
            parts = [term] + ([obj] if obj else []) + ([subject] if subject else [])
            spread = (gap(term, obj) if obj else 0) + (gap(term, subject) - max(
                attribution_aside(reading, term, subject), subject_aside(reading, subject, term))
                if subject else 0)
            # "Vell, whose brother was cleared in 2019, ...": a term inside an aside
            # after the subject may be about someone else; it never contradicts
            across = across or any(a <= term[0] < b for a, b in asides)
            if best is None or spread < best[0]:
                best = (spread, term, positive, parts, across)
        if best is None:
            continue
        _, term, positive, parts, across = best
        core = cover(*parts)
        words = " … ".join(reading.text(*p) for p in sorted(parts))
        what = "says it" if positive else "says the opposite"
        if topical:
            what += " of the article's subject"
        finding = judge(reading, sent, core, term, positive, f"'{words}' {what}")
        if (topical or across) and finding.verdict is Verdict.CONTRADICTED:
            continue  # a negation about an unnamed subject, or across an aside, proves nothing
        findings.append(finding)
    return findings


def _named(word: str) -> bool:
    """Return True for a word that looks like a name ("Dunn"), not an acronym ("US")."""
    return word.isalpha() and word[:1].isupper() and not word.isupper()


TOPIC_SENTENCES = 3  # the subject named in the article's first sentences is its topic


def _topic(reading: Reading, index: int) -> bool:
    """Return True when the claim's subject is named in the article's first sentences.

    A sentence that names another person or body, or has a pronoun (which refers to
    whoever was named just before), is about them, not the topic.
    """
    return any(reading.entity(index, sent)
               for sent in range(min(TOPIC_SENTENCES, len(reading.sents))))

