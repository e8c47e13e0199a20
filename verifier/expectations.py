"""Expected verdicts: the editorial truth for (claim, source) pairs, reviewed with the claims.

``fixtures/expected/<event>.expected.yaml``::

    event: harbour-strike-2026
    expected:
      dockers-on-strike:           # claim id
        wire: supported            # source id: verdict
        gazette: {verdict: hedged, evidence: "The dockers are believed to have walked out"}

A pair that is not listed has no expectation (it is not assumed silent). A pair
the verifier gets wrong today can say why with `known_miss: "..."`: it then counts
as an expected failure, and as a mismatch again once the verifier agrees, so the
marker is removed as soon as it is no longer true.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .claims import once
from .errors import quoted
from .files import not_a_file
from .loader import format_path, parse_yaml, validate
from .model import Expectation, Problem, Verdict

EXPECTED_SUFFIX = ".expected.yaml"
MAX_EXPECTATION_FILE_BYTES = 10 * 1024 * 1024  # an event of 1,000 sources × 100 claims: 4 MB

Expectations = dict[tuple[str, str], Expectation]


def find_expectation_files(paths: Iterable[str | Path]) -> list[Path]:
    """Return the expectation files named by paths (folders searched recursively), each
    once however often it is named."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(path.rglob(f"*{EXPECTED_SUFFIX}")))
        elif path.exists():
            found.append(path)
    return once(found)


def load_expectation_file(path: str | Path, events: dict[str, set[str]] | None = None
                          ) -> tuple[Expectations, list[Problem]]:
    """Load one expectations file.

    With `events` (event id -> claim ids of the loaded claim files), a file for an
    event that is not loaded is skipped, and an unknown claim id of a loaded event
    is a problem.
    """
    shown = str(path)
    problem = not_a_file(path)
    if problem is not None:  # checked before reading: a pipe or /dev/zero never ends
        return {}, [Problem(shown, None, problem)]
    try:
        size = Path(path).stat().st_size
        if size > MAX_EXPECTATION_FILE_BYTES:
            return {}, [Problem(shown, None, f"{size / 2**20:.1f} MB, larger than the "
                                             f"{MAX_EXPECTATION_FILE_BYTES // 2**20} MB limit "
                                             "for an expectations file; split it by set")]
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return {}, [Problem(shown, None, f"cannot read the expectations file: {err}")]
    doc, problems = parse_yaml(text, shown)
    if doc is None or problems:
        return {}, problems
    if not isinstance(doc.data, dict):
        return {}, [Problem(shown, 1, "the document is not a mapping; write event and expected")]
    problems = validate(doc, "expected")
    if problems:
        return {}, problems
    out: Expectations = {}
    claim_ids = None
    if events is not None:
        if doc.data["event"] not in events:
            return {}, []
        claim_ids = events[doc.data["event"]]
    for claim, per_source in (doc.data["expected"] or {}).items():
        if claim_ids is not None and claim not in claim_ids:
            problems.append(Problem(shown, doc.line(("expected", claim)),
                                    f"{format_path(('expected', claim))}: event "
                                    f"{quoted(doc.data['event'])} has no claim "
                                    f"{quoted(claim)}; check the claim ids"))
            continue
        for source, value in (per_source or {}).items():
            verdict = value if isinstance(value, str) else value["verdict"]
            evidence = None if isinstance(value, str) else value.get("evidence")
            known_miss = None if isinstance(value, str) else value.get("known_miss")
            out[(claim, str(source))] = Expectation(
                claim, str(source), Verdict(verdict), evidence, shown,
                doc.line(("expected", claim, source)), known_miss)
    return out, problems


def load_expectations(paths: Iterable[str | Path], events: dict[str, set[str]] | None = None
                      ) -> tuple[Expectations, list[Problem]]:
    """Load every expectations file named by paths; a bad file is reported and left out."""
    merged: Expectations = {}
    problems: list[Problem] = []
    for path in find_expectation_files(paths):
        found, bad = load_expectation_file(path, events)
        problems += bad
        for key, expectation in found.items():
            if key in merged:
                problems.append(Problem(expectation.path, expectation.line,
                                        f"{format_path(('expected', *key))}: already set in "
                                        f"{merged[key].path}; keep one"))
                continue
            merged[key] = expectation
    return merged, problems
