"""The anchor prefilter: it skips only articles the matcher would find no anchor in."""

from pathlib import Path

import pytest

from tests.helpers import claim_text
from verifier.articles import load_articles
from verifier.claims import load_claim_files, parse_claim_file
from verifier.engine import Verifier
from verifier.model import Article
from verifier.text.prefilter import AnchorFilter
from verifier.text.reading import Reader, slot_key

ROOT = Path(__file__).resolve().parents[2]
FREED = {"id": "freed-52", "claim": "52 prisoners were freed.", "kind": "quantity",
         "count": 52, "counted": ["prisoner"], "context": ["free"]}


def _claims(anchors):
    claim_file, problems = parse_claim_file(claim_text(FREED, anchors=anchors), "t.claims.yaml")
    assert not problems
    return claim_file.claims


@pytest.mark.parametrize("anchors,text,may", [
    (("Lorvania", "Amsel"), "Police in Amsel counted 45,000.", True),
    (("Lorvania", "Amsel"), "Lorvanian unions marched.", True),  # a longer word holds it
    (("Lorvania", "Amsel"), "Floods in Sarn killed nine people.", False),
    (("Statkevič",), "Mikola Statkevich stayed behind.", True),  # transliterated alike
    (("U.S.",), "The U.S. envoy arrived.", True),
    (("Case 12-345",), "Case 12-345 was heard today.", True),
    (("Vell",), "DORIAN VELL SENTENCED", True),  # case folded
])
def test_prefilter_words(anchors, text, may):
    assert AnchorFilter(_claims(anchors)).may_name(text) is may


def test_prefilter_off_when_a_claim_has_no_anchors_or_a_common_word():
    assert not AnchorFilter(_claims(())).active
    assert not AnchorFilter(_claims(("earthquake",))).active  # could match through a lemma
    assert AnchorFilter(_claims(("Ardelan",))).active


def test_prefilter_never_skips_an_article_the_matcher_finds_an_anchor_in():
    """Over every claim file and every fixture article of the project."""
    files, _ = load_claim_files([ROOT / "claims"])
    articles = [a for a in load_articles([ROOT / "fixtures" / "articles"])
                if isinstance(a, Article)]
    checked = 0
    for claim_file in files:
        claims = claim_file.claims
        prefilter = AnchorFilter(claims)
        if not prefilter.active:
            continue
        reader = Reader(claims)
        for article in articles:
            if not prefilter.may_name(article.body):
                reading = reader.read(article.body)
                assert not any(reading.has(slot_key(i, "anchors")) for i in range(len(claims)))
                checked += 1
    assert checked > 100  # articles of other events, skipped


def test_prefilter_gives_the_verdicts_of_a_full_reading(monkeypatch):
    claims = _claims(("Lorvania",))
    text = "Minsk freed 51 prisoners on Thursday."
    skipped = Verifier(claims).check(Article(source="a", body=text))
    monkeypatch.setattr(AnchorFilter, "may_name", lambda self, text: True)
    read = Verifier(claims).check(Article(source="a", body=text))
    assert skipped == read
