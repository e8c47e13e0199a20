"""The approved matrix: new, moved and removed cells, merged updates, the changes file."""

import io

import pytest

from verifier.errors import UsageError
from verifier.model import Claim, ClaimKind, Result, Run, SourceInfo, Verdict
from verifier.reports import write_reports
from verifier.reports.cells import write_cells
from verifier.reports.review import (
    CellChange,
    ChangeKind,
    approved_cells,
    changes,
    changes_markdown,
    describe,
    everything_gone,
    merge,
    summarize,
)
from verifier.reports.store import ResultStore


def _run(cells: dict[tuple[str, str], str], claims=("b-claim", "a-claim"), infos=()) -> Run:
    store = ResultStore.of([Result(c, s, Verdict(v)) for (c, s), v in cells.items()], claims)
    return Run(store, tuple(Claim(id=c, text=c, kind=ClaimKind.STATUS, slots=(), path="x",
                                  line=n) for n, c in enumerate(claims)),
               store.sources(), articles=tuple(infos))


def _cells(cells: dict[tuple[str, str], str]) -> list[tuple]:
    return [(claim, source, verdict, None, None) for (claim, source), verdict in cells.items()]


OLD = {("a-claim", "s1"): "supported", ("a-claim", "s2"): "silent",
       ("b-claim", "s1"): "hedged", ("b-claim", "s3"): "silent"}


def test_approved_changes_are_moved_and_new_cells_only():
    new = dict(OLD) | {("a-claim", "s2"): "contradicted", ("b-claim", "s4"): "supported"}
    del new[("b-claim", "s3")]  # a cell the run did not produce is not a change
    found = [(c.claim, c.source, c.old, c.new) for c in changes(_cells(OLD), _run(new))]
    assert found == [("b-claim", "s4", None, Verdict.SUPPORTED),  # the run's claim order
                     ("a-claim", "s2", Verdict.SILENT, Verdict.CONTRADICTED)]


def test_approved_removed_cells_are_the_ones_gone_for_good():
    new = dict(OLD)
    del new[("b-claim", "s3")]
    del new[("a-claim", "s2")]
    gone = lambda claim, source: source == "s3"  # noqa: E731 - s3's article was deleted
    found = [(c.claim, c.source, c.old, c.new, c.kind)
             for c in changes(_cells(OLD), _run(new), gone)]
    assert found == [("b-claim", "s3", Verdict.SILENT, None, ChangeKind.REMOVED)]
    assert len(list(changes(_cells(OLD), _run(new), everything_gone))) == 2


def test_approved_without_an_approved_matrix_every_cell_is_new():
    summary = summarize(changes([], _run(OLD)))
    assert (summary.total, summary.counts[ChangeKind.NEW]) == (4, 4)
    assert summary.headline() == "0 moved, 4 new, 0 removed, 0 relabelled"
    assert describe(summary) == [  # the run's claim order: b-claim first
        "  b-claim [s1]: (new) → hedged", "  a-claim [s1]: (new) → supported",
        "  2 new silent cell(s) with no expected verdict, for 2 claim(s)"]


def test_approved_describe_caps_each_kind_and_counts_the_rest():
    moved = [CellChange(f"c{n}", "s", Verdict.SUPPORTED, Verdict.HEDGED) for n in range(30)]
    new = [CellChange("c", f"new{n}", None, Verdict.SILENT) for n in range(3)]
    removed = [CellChange("gone", "s", Verdict.SUPPORTED, None)]
    lines = describe(summarize(moved + new + removed, limit=25))
    assert lines[0] == "  c0 [s]: supported → hedged"
    assert lines[25] == "  ... and 5 more moved cell(s)"
    assert lines[26:] == ["  3 new silent cell(s) with no expected verdict, for 1 claim(s)",
                          "  gone [s]: supported → (removed)"]


def test_approved_changes_markdown_is_a_table_per_kind_ready_for_a_review():
    changed = summarize([
        CellChange("released-52", "reuters", Verdict.SUPPORTED, Verdict.CONTRADICTED),
        CellChange("new-claim", "reuters", None, Verdict.SUPPORTED, Verdict.SUPPORTED),
        CellChange("new-claim", "wire", None, Verdict.SILENT),
        CellChange("old-claim", "wire", Verdict.HEDGED, None)])
    text = changes_markdown(changed, "Changes")
    assert text.startswith("## Changes\n\n1 moved, 2 new, 1 removed, 0 relabelled cell(s).\n")
    assert "| `released-52` | `reuters` | ✔ supported | ✘ contradicted | none |" in text
    assert "| `new-claim` | `reuters` | ✔ supported | ✔ supported |" in text
    assert ("1 new silent cell(s) with no expected verdict, for 1 claim(s): `new-claim` 1."
            in text)
    assert "### Removed (1)" in text and "| `old-claim` | `wire` | ~ hedged | none |" in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_approved_changes_markdown_caps_long_lists():
    changed = summarize([CellChange(f"c{n}", "s", Verdict.SUPPORTED, Verdict.HEDGED)
                         for n in range(5)], limit=2)
    text = changes_markdown(changed, "Changes")
    assert text.count("| `c") == 2 and "... and 3 more;" in text


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


def test_approved_merge_of_a_partial_run_keeps_the_full_runs_claim_order():
    # "pytest --verifier-update -k a-claim" re-checks only a-claim (line 1 of its file)
    old = _run(OLD)
    only = Claim(id="a-claim", text="a-claim", kind=ClaimKind.STATUS, slots=(), path="x",
                 line=1)
    store = ResultStore.of([Result("a-claim", "s1", Verdict.CONTRADICTED)], ("a-claim",))
    merged = merge(old, Run(store, (only,), store.sources()))
    assert [c.id for c in merged.claims] == ["b-claim", "a-claim"]
    assert [r.claim for r in merged.results] == ["b-claim"] * 2 + ["a-claim"] * 2


def test_approved_merge_drops_cells_gone_for_good_and_their_claims():
    old = _run(OLD, infos=[SourceInfo("s3", "Old outlet")])
    current = _run({("a-claim", "s1"): "contradicted"}, claims=("a-claim",))
    merged = merge(old, current, gone=lambda claim, source: claim == "b-claim")
    assert {(r.claim, r.source) for r in merged.results} == {("a-claim", "s1"), ("a-claim", "s2")}
    assert [c.id for c in merged.claims] == ["a-claim"]
    assert merged.articles == ()  # s3 had only cells of the deleted claim


def test_cells_file_is_one_line_per_cell_sorted_by_claim_and_source():
    out = io.StringIO()
    write_cells(_run(OLD), out)
    assert out.getvalue().splitlines() == [
        "claim\tsource\tverdict\texpected\tknown_miss",
        "a-claim\ts1\tsupported\t\t", "a-claim\ts2\tsilent\t\t",
        "b-claim\ts1\thedged\t\t", "b-claim\ts3\tsilent\t\t"]


def test_cells_file_inserting_a_claim_or_source_only_adds_lines():
    before, after = io.StringIO(), io.StringIO()
    write_cells(_run(OLD), before)
    grown = dict(OLD) | {("aa-claim", "s1"): "supported", ("a-claim", "s0"): "silent"}
    write_cells(_run(grown, claims=("b-claim", "aa-claim", "a-claim")), after)
    old_lines, new_lines = before.getvalue().splitlines(), after.getvalue().splitlines()
    assert set(old_lines) <= set(new_lines) and len(new_lines) == len(old_lines) + 2


def test_approved_relabelled_cells_are_changes_too():
    """An expected verdict or known miss edited since the approved matrix: the reports
    must follow, so it is a change even when no verdict moved."""
    approved = [("a-claim", "s1", "supported", None, None),
                ("a-claim", "s2", "silent", "hedged", "reads 'may' as a hedge")]
    current = _run({("a-claim", "s1"): "supported", ("a-claim", "s2"): "silent"},
                   claims=("a-claim",))
    assert list(changes(approved, current)) != []
    found = {c.source: c for c in changes(approved, current)}
    assert found["s2"].kind is ChangeKind.RELABELLED
    assert found["s2"].labels() == "expected hedged → none, known miss removed"
    assert str(found["s2"]) == "a-claim [s2]: expected hedged → none, known miss removed"
    assert "s1" not in found


def test_approved_removed_silent_cells_are_counted_per_source_not_listed():
    removed = [CellChange(f"c{n}", "deleted", Verdict.SILENT, None) for n in range(40)]
    removed.append(CellChange("c-labelled", "deleted", Verdict.SUPPORTED, None,
                              old_expected=Verdict.SUPPORTED))
    summary = summarize(removed, limit=5)
    assert describe(summary) == [
        "  c-labelled [deleted]: supported → (removed)",
        "  40 removed silent cell(s) with no expected verdict, for 1 source(s)"]
