"""A run's results as flat rows, for notebooks and data-frame libraries.

    import pandas
    from verifier import read_rows

    frame = pandas.DataFrame.from_records(read_rows("reports/results.json"))
    # polars: polars.DataFrame(read_rows(path), schema=list(verifier.results.COLUMNS))

`read_rows` streams the results document (`verifier check` writes it to
`reports/results.json`, `--format json` prints it) a result at a time, as the
`report` command does, so a run of any size is never held whole in memory: the data
frame built from it is the only copy. Every row has the same keys, in `COLUMNS`
order, with plain values (str, int, bool or None).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .reports.document import _check_head, _items, _reading

COLUMNS = ("claim", "source", "event", "verdict", "expected", "agree", "known_miss",
           "mentioned", "reason", "evidence_count", "evidence_text", "evidence_start",
           "evidence_end")


def read_rows(path: str | Path) -> Iterator[dict[str, object]]:
    """Yield each result of a results document as a flat dict (keys: `COLUMNS`).

    `agree` is whether the verdict equals the expected one (None when none is recorded,
    as the CSV's empty cell); `mentioned` marks a near miss (silent, with the sentences
    that mention the claim as evidence); `evidence_*` describe the first evidence
    sentence (None without evidence) and `evidence_count` how many there are.
    A file that is not a results document raises `UsageError` naming it.
    """
    with _reading(path):
        _check_head(path)
        for item in _items(path):
            yield _row(item)


def _row(item: dict) -> dict[str, object]:
    evidence = item["evidence"]
    first = evidence[0] if evidence else {}
    expected = item["expected"]
    return {
        "claim": item["claim"],
        "source": item["source"],
        "event": item.get("event", ""),
        "verdict": item["verdict"],
        "expected": expected,
        "agree": None if expected is None else item["verdict"] == expected,
        "known_miss": item.get("known_miss"),
        "mentioned": bool(item.get("mentioned", False)),
        "reason": item["reason"],
        "evidence_count": len(evidence),
        "evidence_text": first.get("text"),
        "evidence_start": first.get("start"),
        "evidence_end": first.get("end"),
    }
