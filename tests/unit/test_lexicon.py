"""Lexicons are documented data; the package code names no source, claim or sentence."""

import re
from pathlib import Path

import pytest

from verifier.articles import find_articles, load_article
from verifier.claims import load_claim_files
from verifier.lexicon import expand_terms, lexicon_names, load_lexicon
from verifier.text.matching import term_pattern

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", lexicon_names())
def test_lexicon_is_documented_and_compiles(name):
    lexicon = load_lexicon(name)
    assert lexicon["description"].strip()
    assert name in (ROOT / "verifier" / "lexicons" / "README.md").read_text(encoding="utf-8")
    for term in lexicon.get("terms", []):
        assert term_pattern(term)[0], term


def test_lexicon_references_expand_in_order():
    assert expand_terms(["jail", "@custody"])[:2] == ("jail", "imprison")


def test_lexicon_code_names_no_seed_source_claim_or_sentence():
    files, _ = load_claim_files([ROOT / "claims"])
    names = {c.id for f in files for c in f.claims}
    names |= {load_article(p)[0].source for p in find_articles([ROOT / "fixtures" / "articles"])}
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "verifier").rglob("*.py"))
    found = sorted(n for n in names if re.search(rf"['\"]{re.escape(n)}['\"]", code))
    assert found == []


def test_lexicon_nominalizations_are_added_to_single_verbs_only():
    from verifier.lexicon import with_nominalizations
    assert with_nominalizations(("acquit", "clear")) == ("acquit", "clear", "acquittal")
    assert with_nominalizations(("acquit the defendant",)) == ("acquit the defendant",)
    assert with_nominalizations(("acquittal", "acquit")) == ("acquittal", "acquit")


def test_lexicon_without_a_term_list_cannot_be_named_in_a_claim():
    from verifier.errors import ClaimFileError
    with pytest.raises(ClaimFileError, match="unknown lexicon '@nominalizations'") as err:
        expand_terms(["@nominalizations"])
    assert "@nominalizations" not in str(err.value).split("the lexicons are")[1]
