"""Combining sentence findings: precedence and evidence."""

import pytest

from verifier.model import Evidence, Finding, Verdict
from verifier.verdicts import decide


def _finding(verdict, start):
    return Finding(Verdict(verdict), Evidence(f"s{start}", start, start + 2), f"r{start}")


@pytest.mark.parametrize("verdicts,winner", [
    ([], "silent"),
    (["hedged"], "hedged"),
    (["hedged", "supported"], "supported"),
    (["supported", "contradicted", "hedged"], "contradicted"),
])
def test_verdicts_precedence(verdicts, winner):
    verdict, _, _ = decide(_finding(v, n * 10) for n, v in enumerate(verdicts))
    assert verdict == winner


def test_verdicts_list_every_deciding_sentence_in_article_order():
    verdict, evidence, reason = decide([_finding("supported", 30), _finding("hedged", 0),
                                        _finding("supported", 10), _finding("supported", 30)])
    assert verdict == "supported"
    assert [e.start for e in evidence] == [10, 30]
    assert reason == "r10; r30"
