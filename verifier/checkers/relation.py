"""Relation claims: a subject does something (predicate) to an object.

A claim names a predicate and an object, a subject, or both ("Vell's lawyers ...
will appeal" needs no object).
"""

from __future__ import annotations

from ..model import Claim, Finding
from ..text.reading import Reading, slot_key
from ..text.scope import attribution_aside, cover, gap, overlaps
from .common import judge, nearest, polar_terms

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
        if (has_object and not objects) or (claim.entity and not subjects):
            continue
        best = None
        for term, positive in polar_terms(reading, sent, predicate_key, opposite_key,
                                          claim.as_of):
            obj = nearest(term, [o for o in objects if not overlaps(o, term)], window)
            if has_object and obj is None:
                continue
            subject = None
            if claim.entity:
                near = [s for s in subjects
                        if gap(term, s) - attribution_aside(reading, term, s) <= window]
                subject = nearest(term, near, len(reading.doc))
            if claim.entity and subject is None:
                continue
            parts = [term] + ([obj] if obj else []) + ([subject] if subject else [])
            spread = (gap(term, obj) if obj else 0) + (gap(term, subject) - attribution_aside(
                reading, term, subject) if subject else 0)
            if best is None or spread < best[0]:
                best = (spread, term, positive, parts)
        if best is None:
            continue
        _, term, positive, parts = best
        core = cover(*parts)
        words = " … ".join(reading.text(*p) for p in sorted(parts))
        what = "says it" if positive else "says the opposite"
        findings.append(judge(reading, sent, core, term, positive, f"'{words}' {what}"))
    return findings

