"""The result store: results on disk, in a fixed order, with running totals."""

import random

import pytest

from verifier.model import Evidence, Result, Verdict
from verifier.reports.matrix import source_stats
from verifier.reports.quality import measure
from verifier.reports.store import ResultStore

CLAIMS = ["released-52", "belavia", "alpha"]  # claim order is not alphabetical


def _results():
    verdicts = list(Verdict)
    rows = []
    for n, source in enumerate(["zeta", "alpha-news", "mid", "Ünïcode"]):
        for k, claim in enumerate(CLAIMS):
            verdict = verdicts[(n + k) % len(verdicts)]
            expected = verdicts[(n * k) % 4] if (n + k) % 2 else None
            rows.append(Result(claim, source, verdict,
                               evidence=(Evidence(f"Sentence «{n}{k}» – here.", n, n + 20),
                                         Evidence("Second.", 30, 37)) if k else (),
                               reason=f"reason {n}{k}", expected=expected, event="ev",
                               known_miss="postposed passive" if n == k == 1 else None))
    return rows


def test_store_iterates_by_claim_order_then_source_whatever_the_insert_order():
    rows = _results()
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    store = ResultStore(CLAIMS)
    store.add(shuffled[:5])
    store.add(shuffled[5:])
    rank = {c: n for n, c in enumerate(CLAIMS)}
    assert list(store) == sorted(rows, key=lambda r: (rank[r.claim], r.source))
    assert len(store) == len(rows) and bool(store)


def test_store_keeps_every_field_of_a_result():
    rows = _results()
    assert set(ResultStore.of(rows, CLAIMS)) == set(rows)


def test_store_groups_one_matrix_row_per_source():
    rows = _results()
    groups = list(ResultStore.of(rows, CLAIMS).by_source())
    assert [source for source, _ in groups] == sorted({r.source for r in rows})
    for source, cells in groups:
        assert cells == {r.claim: r for r in rows if r.source == source}


def test_store_by_cell_is_sorted_by_claim_id_and_source():
    rows = _results()
    assert list(ResultStore.of(rows, CLAIMS).by_cell()) == sorted(
        rows, key=lambda r: (r.claim, r.source))


def test_store_mismatches_are_exactly_the_results_failing_their_expectation():
    rows = _results()
    store = ResultStore.of(rows, CLAIMS)
    wanted = [r for r in store if not r.matches_expectation]
    assert wanted and list(store.mismatches()) == wanted
    assert store.tally.mismatched == len(wanted)


def test_store_tally_matches_a_second_pass():
    rows = _results()
    store = ResultStore.of(rows, CLAIMS)
    assert store.tally.source_stats() == source_stats(rows)
    assert store.tally.confusion == measure(rows).confusion
    assert store.sources() == tuple(sorted({r.source for r in rows}))
    assert store.tally.known_misses == sum(1 for r in rows
                                           if r.known_miss and r.matches_expectation)


def test_store_claims_ordered_after_the_results_arrived():
    rows = _results()
    store = ResultStore()  # order unknown: claims sort by id
    store.add(rows)
    assert [r.claim for r in store][:4] == ["alpha"] * 4
    store.order_claims(CLAIMS)
    assert [r.claim for r in store][:4] == ["released-52"] * 4


@pytest.mark.parametrize("claims", [CLAIMS, []])
def test_store_empty(claims):
    store = ResultStore(claims)
    assert list(store) == [] and len(store) == 0 and not store
    assert list(store.by_source()) == [] and store.sources() == ()


def test_store_claims_it_was_not_told_of_come_last():
    rows = _results() + [Result("unlisted", "mid", Verdict.SILENT)]
    assert list(ResultStore.of(rows, CLAIMS))[-1].claim == "unlisted"
