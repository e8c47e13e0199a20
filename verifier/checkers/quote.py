"""Quote claims: a speaker said a phrase, named in the sentence or just before it."""

from __future__ import annotations

from ..model import Claim, Finding, Verdict
from ..text.reading import Reading, cue, slot_key
from ..text.scope import cover, overlaps
from .common import judge

_TITLES = frozenset({"mr", "ms", "mrs", "dr", "sir", "president", "minister"})


def _speaker(claim: Claim, index: int, reading: Reading, sent: int):
    """Return the span naming the speaker: a mention in the sentence, or a pronoun that
    refers back to one and is the subject of a speech verb ("..., she said")."""
    mentions = reading.entity(index, sent)
    if mentions:
        return mentions[0]
    verbs = reading.spans(cue("speech"), sent)
    for span in reading.referring(index, sent):
        if any(v[0] == span[1] or v[1] == span[0] for v in verbs):
            return span
    return None


def _other_speaker(reading: Reading, sent: int, phrase: tuple[int, int]) -> str | None:
    """Return a capitalised name standing next to a speech verb, outside the phrase."""
    doc = reading.doc
    sentence = reading.sents[sent]
    for verb in reading.spans(cue("speech"), sent):
        if overlaps(verb, phrase):
            continue
        for i in (verb[0] - 1, verb[1]):
            if not sentence.start < i < sentence.end:
                continue
            j = i
            while j + 1 < sentence.end and doc[j].norm_ in _TITLES:
                j += 1
            if doc[j].text[:1].isupper() and doc[j].is_alpha and doc[j].norm_ not in _TITLES:
                return doc[j].text
    return None


def check_quote(claim: Claim, index: int, reading: Reading) -> list[Finding]:
    """Find the phrase and check who it is attributed to."""
    findings = []
    if not reading.has(slot_key(index, "phrase")):
        return findings
    for sent in reading.sentences_with(slot_key(index, "phrase")):
        phrase = reading.spans(slot_key(index, "phrase"), sent)[0]
        speaker = _speaker(claim, index, reading, sent)
        name = claim.entity.name
        if speaker is not None:
            says = f"'{reading.text(*phrase)}' attributed to {reading.text(*speaker)}"
            # The attribution belongs to the deciding words: "..., she reportedly said".
            core = cover(phrase, (speaker[0], min(speaker[1] + 2, reading.sents[sent].end)))
            findings.append(judge(reading, sent, core, phrase, True, says))
            continue
        if _other_speaker(reading, sent, phrase) is not None:
            # The words are someone else's here; that does not deny that the claim's
            # speaker said them too (two people may say the same thing): not proof.
            continue
        else:
            findings.append(Finding(Verdict.HEDGED, reading.evidence(sent),
                                    f"'{reading.text(*phrase)}' appears without "
                                    f"attribution to {name}"))
    return findings
