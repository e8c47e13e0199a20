"""CI's dialect: the GitHub Actions job summary and failure annotations.

`GITHUB_STEP_SUMMARY` names a Markdown file the job page shows; a line
`::error file=F,line=N,title=T::message` on standard output becomes an annotation on
line N of file F in the pull request. Both front ends use these, so a drift or a
failed fact-check shows where reviewers look.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

from ..model import Run, Verdict
from .quality import score
from .review import Changes, changes_markdown
from .safe import markdown, markdown_code, visible

STEP_SUMMARY = "GITHUB_STEP_SUMMARY"
SHOWN = 20  # pairs that differ from their expected verdict, listed in the job summary


def in_github_actions() -> bool:
    """Return True when running as a GitHub Actions step."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _escape(text: str, properties: bool = False) -> str:
    """Escape text as the workflow-command syntax requires (%, CR, LF; also : and , in
    properties), with other control characters shown (the log renders ANSI escapes)."""
    text = visible(text, keep="\r\n")
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if properties:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def annotation(path: str, line: int, title: str, message: str) -> str:
    """Return a GitHub Actions error annotation for a line of a file."""
    return (f"::error file={_escape(path, True)},line={max(line, 1)},"
            f"title={_escape(title, True)}::{_escape(message)}")


def summary_markdown(run: Run, changed: Changes | None, where: str) -> str:
    """Return the job summary of a run: its counts, its agreement with the expected
    verdicts, and how it moved from the approved matrix in `where`."""
    tally = run.results.tally
    given = {v: 0 for v in Verdict}
    for stats in tally.source_stats():
        given[Verdict.SUPPORTED] += stats.supported
        given[Verdict.CONTRADICTED] += stats.contradicted
        given[Verdict.HEDGED] += stats.hedged
        given[Verdict.SILENT] += stats.silent
        given[Verdict.ERROR] += stats.errors
    counts = ", ".join(f"{n} {v.value}" for v, n in given.items() if n)
    lines = ["## Claim verification", "",
             f"{len(run.sources)} source(s) × {len(run.claims)} claim(s): {tally.total} pairs "
             f"({counts or 'none'}).", ""]
    quality = score(tally.confusion)
    if quality.compared:
        macro = "n/a" if quality.macro_f1 is None else f"{quality.macro_f1:.3f}"
        lines += [f"Agreement with the expected verdicts: {quality.agreed} of "
                  f"{quality.compared} labelled pairs (macro-F1 {macro}).", ""]
    if tally.mismatched:
        lines += [f"**{tally.mismatched} pair(s) differ from their expected verdict:**", ""]
        for r in itertools.islice(run.results.mismatches(), SHOWN):
            wanted = r.expected.value if r.expected else "not contradicted"
            lines.append(f"- {markdown_code(r.claim)} [{markdown_code(r.source)}]: "
                         f"{r.verdict.value}, expected {wanted}")
        if tally.mismatched > SHOWN:
            lines.append(f"- ... and {tally.mismatched - SHOWN} more")
    else:
        lines.append("Every pair meets its expected verdict"
                     + (f" ({tally.known_misses} recorded known miss(es) excepted)."
                        if tally.known_misses else "."))
    lines.append("")
    if changed:
        lines.append(changes_markdown(changed, f"Changes to the approved matrix in {where}"))
    elif changed is not None:
        lines += [f"No cell differs from the approved matrix in {markdown(where)}.", ""]
    return "\n".join(lines).rstrip() + "\n"


def append_step_summary(text: str) -> bool:
    """Append Markdown to the job summary when one is configured; return True if written.

    A summary file that cannot be written is not a reason to fail the run: the same
    text is on the terminal.
    """
    target = os.environ.get(STEP_SUMMARY)
    if not target:
        return False
    try:
        with Path(target).open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError:
        return False
    return True
