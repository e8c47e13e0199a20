"""Verifier quality and per-source statistics."""

import pytest

from verifier.model import Result, Verdict
from verifier.reports.matrix import source_stats, wilson
from verifier.reports.quality import measure


def _r(verdict, expected=None, source="s", claim="c"):
    return Result(claim, source, Verdict(verdict), expected=Verdict(expected) if expected else None)


def test_quality_confusion_and_macro_f1():
    quality = measure([_r("supported", "supported"), _r("hedged", "supported"),
                       _r("silent", "silent"), _r("contradicted"), _r("error", "silent")])
    assert quality.compared == 3 and quality.agreed == 2
    assert quality.confusion[(Verdict.SUPPORTED, Verdict.HEDGED)] == 1
    scores = {s.verdict: s for s in quality.scores}
    assert scores[Verdict.SUPPORTED].recall == 0.5 and scores[Verdict.SUPPORTED].precision == 1
    assert scores[Verdict.HEDGED].f1 == 0
    assert quality.macro_f1 == pytest.approx((2 / 3 + 0 + 1) / 3)


@pytest.mark.parametrize("k,n,low,high", [(10, 10, 0.7225, 1.0), (0, 10, 0.0, 0.2775),
                                          (5, 10, 0.2366, 0.7634)])
def test_quality_wilson_interval(k, n, low, high):
    assert wilson(k, n) == pytest.approx((low, high), abs=1e-3)
    assert wilson(0, 0) is None


def test_quality_source_stats():
    (stats,) = source_stats([_r("supported"), _r("contradicted"), _r("silent"), _r("hedged")])
    assert (stats.accuracy, stats.coverage, stats.small_sample) == (0.5, 0.75, True)
