"""The approved matrix: cell changes found by a merge join, and merged updates."""

import pytest

from verifier.errors import UsageError
from verifier.model import Claim, ClaimKind, Result, Run, SourceInfo, Verdict
from verifier.reports import write_reports
from verifier.reports.review import approved_cells, changes, describe, merge, summarize
from verifier.reports.store import ResultStore


def _run(cells: dict[tuple[str, str], str], claims=("b-claim", "a-claim"), infos=()) -> Run:
    store = ResultStore.of([Result(c, s, Verdict(v)) for (c, s), v in cells.items()], claims)
    return Run(store, tuple(Claim(id=c, text=c, kind=ClaimKind.STATUS, slots=(), path="x",
                                  line=n) for n, c in enumerate(claims)),
               store.sources(), articles=tuple(infos))


def _cells(cells: dict[tuple[str, str], str]) -> list[tuple[str, str, str]]:
    return [(claim, source, verdict) for (claim, source), verdict in cells.items()]


OLD = {("a-claim", "s1"): "supported", ("a-claim", "s2"): "silent",
       ("b-claim", "s1"): "hedged", ("b-claim", "s3"): "silent"}


def test_approved_changes_are_moved_and_new_cells_only():
    new = dict(OLD) | {("a-claim", "s2"): "contradicted", ("b-claim", "s4"): "supported"}
    del new[("b-claim", "s3")]  # a cell the run did not produce is not a change
    found = [(c.claim, c.source, c.old, c.new) for c in changes(_cells(OLD), _run(new))]
    assert found == [("b-claim", "s4", None, Verdict.SUPPORTED),  # the run's claim order
                     ("a-claim", "s2", Verdict.SILENT, Verdict.CONTRADICTED)]


def test_approved_without_an_approved_matrix_every_cell_is_new():
    summary = summarize(changes([], _run(OLD)))
    assert (summary.total, summary.new_total, summary.moved_total) == (4, 4, 0)
    assert describe(summary) == ["  4 new cell(s) for 3 source(s): s1, s2, s3"]


def test_approved_nothing_changed_is_falsy():
    assert not summarize(changes(_cells(OLD), _run(dict(OLD))))


def test_approved_cells_stream_from_the_reports_folder(tmp_path):
    assert list(approved_cells(tmp_path)) == []  # no approved matrix yet
    write_reports(_run(OLD), tmp_path)
    assert sorted(approved_cells(tmp_path)) == sorted(_cells(OLD))
    (tmp_path / "results.json").write_text("{", encoding="utf-8")
    with pytest.raises(UsageError, match="results.json: cannot read the results"):
        list(approved_cells(tmp_path))


def test_approved_merge_keeps_cells_and_articles_the_run_did_not_touch():
    old = _run(OLD, infos=[SourceInfo("s3", "Old outlet")])
    current = _run({("a-claim", "s1"): "contradicted"}, infos=[SourceInfo("s1", "New")])
    merged = merge(old, current)
    cells = {(r.claim, r.source): r.verdict.value for r in merged.results}
    assert cells == OLD | {("a-claim", "s1"): "contradicted"}
    assert [r.claim for r in merged.results][:2] == ["b-claim", "b-claim"]  # claim order kept
    assert merged.sources == ("s1", "s2", "s3")
    assert [a.source for a in merged.articles] == ["s1", "s3"]
    assert merged.results.tally.total == 4
