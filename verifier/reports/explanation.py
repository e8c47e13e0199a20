"""Render an explanation of one pair's verdict: plain text for the terminal, or JSON.

The text shows each line's strings from the inputs (claim, sentences, reasons) on one
line with their control characters escaped (`safe.one_line`); the JSON keeps them exact.
"""

from __future__ import annotations

import json

from ..checkers.explain import Explanation, SentenceNote
from ..model import Verdict
from .safe import one_line


def _verdict(explanation: Explanation) -> str:
    return explanation.verdict.value + (", mentioned" if explanation.mentioned else "")


def _parts(note: SentenceNote) -> str:
    return "; ".join(f"{p.label} '{p.text}'" for p in note.parts) or "none"


def explanation_text(explanation: Explanation, expected: Verdict | None = None) -> str:
    """Return the explanation as the terminal shows it, every line safe to print."""
    claim = explanation.claim
    lines = [f"{claim.id} [{explanation.source}]: {_verdict(explanation)}",
             f"claim    {claim.text} ({claim.kind.value}, {claim.path}:{claim.line})"]
    if expected is not None:
        lines.append(f"expected {expected.value}")
    if explanation.article:
        lines.append(f"article  {explanation.article}")
    if not explanation.sentences:
        lines.append("no sentence holds any of the claim's words")
    for note in explanation.sentences:
        e = note.evidence
        lines += ["", f"sentence {note.index + 1} [{e.start}:{e.end}]", f"  {note.marked}",
                  f"  matched  {_parts(note)}"]
        if note.cues:
            lines.append("  cues     " + "; ".join(f"{c.label} '{c.text}'" for c in note.cues))
        if note.finding is not None:
            lines.append(f"  found    {note.finding.verdict.value}: {note.finding.reason}")
        if note.dropped:
            lines.append(f"  dropped  the contradiction is not proven: {note.dropped}")
        if note.why_not:
            lines.append(f"  nothing  {note.why_not}")
        lines += [f"  suggest  {s}" for s in note.suggestions]
    lines += ["", f"verdict  {_verdict(explanation)}: {explanation.reason}"]
    lines += [f"  [{e.start}:{e.end}] {e.text}" for e in explanation.evidence]
    if explanation.suggestions:
        lines.append("the claim file could say (not applied): "
                     + "; ".join(explanation.suggestions))
    return "\n".join(map(one_line, lines)) + "\n"


def _part_dict(part) -> dict:
    return {"label": part.label, "text": part.text, "start": part.start, "end": part.end}


def explanation_json(explanation: Explanation, expected: Verdict | None = None) -> str:
    """Return the explanation as a JSON document."""
    claim = explanation.claim
    doc = {
        "claim": claim.id, "source": explanation.source, "text": claim.text,
        "kind": claim.kind.value, "path": claim.path, "line": claim.line,
        "verdict": explanation.verdict.value, "mentioned": explanation.mentioned,
        "expected": expected.value if expected else None, "reason": explanation.reason,
        "evidence": [{"text": e.text, "start": e.start, "end": e.end}
                     for e in explanation.evidence],
        "article": explanation.article,
        "sentences": [{
            "index": n.index, "text": n.evidence.text, "start": n.evidence.start,
            "end": n.evidence.end, "marked": n.marked,
            "parts": [_part_dict(p) for p in n.parts], "cues": [_part_dict(c) for c in n.cues],
            "finding": ({"verdict": n.finding.verdict.value, "reason": n.finding.reason}
                        if n.finding else None),
            "dropped": n.dropped, "why_not": n.why_not, "suggestions": list(n.suggestions),
        } for n in explanation.sentences],
        "suggestions": list(explanation.suggestions),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
