"""The Dask engine's pure parts: batch sizes, the claim-set digest, the worker's verifiers."""

import itertools
from importlib.util import find_spec

import pytest

from tests.helpers import claim_text
from verifier.claims import parse_claim_file

if find_spec("distributed") is None:
    pytest.skip("Dask is not installed: pip install -e '.[dask]'", allow_module_level=True)

from verifier import distributed  # noqa: E402

CLAIM = {"id": "released-52", "claim": "52 were released.", "kind": "quantity", "count": 52,
         "counted": ["prisoner"], "context": ["release"]}
OTHER = {**CLAIM, "id": "released-53", "count": 53}


def _claims(*mappings):
    claim_file, problems = parse_claim_file(claim_text(*mappings), "test.claims.yaml")
    assert not problems
    return claim_file.claims


def test_distributed_batches_double_from_one_to_the_last_size():
    sizes = list(itertools.islice(distributed._sizes(), 8))
    assert sizes == [1, 2, 4, 8, 16, 32, 32, 32]
    assert (distributed.FIRST_BATCH, distributed.LAST_BATCH) == (1, 32)


@pytest.mark.parametrize(("left", "right", "same"), [
    ((CLAIM, OTHER), (CLAIM, OTHER), True),
    ((CLAIM, OTHER), (OTHER, CLAIM), False),  # the order is part of the verifier
    ((CLAIM,), (CLAIM, OTHER), False),
    ((CLAIM,), ({**CLAIM, "count": 51},), False),
], ids=["equal", "reordered", "one-more", "changed"])
def test_distributed_claims_digest(left, right, same):
    first, second = _claims(*left), _claims(*right)
    assert (distributed.claims_digest(first, {}) == distributed.claims_digest(second, {})) is same


def test_distributed_claims_digest_covers_the_events():
    claims = _claims(CLAIM)
    assert distributed.claims_digest(claims, {"released-52": "a"}) != \
        distributed.claims_digest(claims, {"released-52": "b"})


def test_distributed_worker_keeps_the_verifiers_of_its_last_claim_sets(monkeypatch):
    built = []
    monkeypatch.setattr(distributed, "_VERIFIERS", {})
    monkeypatch.setattr(distributed, "Verifier",
                        lambda claims, events: built.append(claims) or object())
    one = distributed._verifier_for("one", (), {})
    assert distributed._verifier_for("one", (), {}) is one  # built once
    distributed._verifier_for("two", (), {})
    distributed._verifier_for("one", (), {})  # "one" is now the most recent
    distributed._verifier_for("three", (), {})  # "two" goes
    assert list(distributed._VERIFIERS) == ["one", "three"] and len(built) == 3
