"""Property-based tests: random YAML to the claim loader, random text to the verifier.

Neither may raise: the loader returns a claim file or problems, the verifier a
verdict per claim with evidence offsets that point at the quoted text. How many
cases ran is printed at the end of the test session (see tests/conftest.py).
"""

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verifier.claims import load_claim_files, parse_claim_file
from verifier.engine import Verifier
from verifier.model import CHECKED_VERDICTS, Article

ROOT = Path(__file__).resolve().parents[2]
CLAIMS = tuple(c for f in load_claim_files([ROOT / "claims"])[0] for c in f.claims)
VERIFIER = Verifier(CLAIMS)
EXAMPLES = 150

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(
    max_size=30)
documents = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.sampled_from(["event", "title", "as_of", "claims", "id", "claim", "kind", "count",
                     "counted", "context", "entity", "name", "aliases", "phrase", "x"])
    | st.text(max_size=8), inner, max_size=5), max_leaves=25)
claim_like = st.fixed_dictionaries({
    "event": st.sampled_from(["ev", "Bad Event", ""]), "title": st.text(max_size=10),
    "as_of": st.sampled_from(["2025-09-11", "2025-13-01", "yesterday"]),
    "claims": st.lists(st.fixed_dictionaries({
        "id": st.from_regex(r"[a-z]{1,5}(-[a-z0-9]{1,3})?", fullmatch=True),
        "claim": st.text(min_size=1, max_size=20),
        "kind": st.sampled_from(["quantity", "status", "role", "relation", "membership",
                                 "quote", "other"]),
        "count": st.integers(-5, 5) | st.text(max_size=3),
        "counted": st.lists(st.text(max_size=12), max_size=3),
        "context": st.lists(st.sampled_from(["@release", "@nope", "free", ""]), max_size=2),
    }), max_size=3)})
words = st.sampled_from(["Minsk", "freed", "52", "fifty-two", "prisoners", "not", "reportedly",
                         "former", "President", "Donald", "Trump", "Ales", "Bialiatski",
                         "remains", "imprisoned", "Belavia", "sanctions", "lifted", "US", ",",
                         ".", "“", "”", "\n\n", "among", "those", "released", "1,300", "or",
                         "In", "June", "2020", "she", "said", "trade", "in", "human", "lives"])
texts = st.lists(words, max_size=60).map(" ".join) | st.text(max_size=300)


def _count(request, name):
    request.node.user_properties.append(("hypothesis_cases", f"{name}:1"))


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(document=documents | claim_like)
def test_properties_claim_loader_never_raises(request, document):
    _count(request, "random YAML documents")
    claim_file, problems = parse_claim_file(yaml.safe_dump(document), "random.claims.yaml")
    assert (claim_file is None) == bool(problems)
    for problem in problems:
        assert str(problem).startswith("random.claims.yaml")


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=st.text(max_size=200))
def test_properties_claim_loader_takes_any_text(request, text):
    _count(request, "random claim-file texts")
    claim_file, problems = parse_claim_file(text, "random.claims.yaml")
    assert claim_file is None or not problems


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=texts)
def test_properties_verifier_answers_every_claim_with_true_offsets(request, text):
    _count(request, "random article texts")
    results = VERIFIER.check(Article(source="random", body=text))
    assert [r.claim for r in results] == [c.id for c in CLAIMS]
    for result in results:
        assert result.verdict in CHECKED_VERDICTS
        # evidence decides every verdict but silence; a silent pair may list the
        # sentences that mention the claim (a near miss)
        assert bool(result.evidence) == (result.verdict != "silent" or result.mentioned)
        for evidence in result.evidence:
            assert text[evidence.start:evidence.end] == evidence.text
