"""Explaining a verdict: what matched, why nothing decided, near misses, suggestions."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from tests.helpers import check, claim_text
from verifier.articles import load_articles
from verifier.checkers.explain import MENTION_REASON, explain, near_misses
from verifier.claims import load_claim_files, parse_claim_file
from verifier.engine import Verifier
from verifier.model import Article, Verdict
from verifier.text.reading import Reader

ROOT = Path(__file__).resolve().parents[2]

FREED = {"id": "freed-52", "claim": "52 prisoners were freed.", "kind": "quantity",
         "count": 52, "counted": ["prisoner"], "context": ["free", "release"]}
HELD = {"id": "held", "claim": "Ales Bialiatski is held.", "kind": "status",
        "entity": "Ales Bialiatski"}
RELIEF = {"id": "relief", "claim": "The US eased sanctions on Belavia.", "kind": "relation",
          "subject": {"name": "United States", "aliases": ["US", "Washington"]},
          "predicate": ["lift sanctions", "ease sanctions"], "object": ["Belavia"]}
QUOTE = {"id": "quote", "claim": "Coale said the talks were good.", "kind": "quote",
         "speaker": "John Coale", "phrase": ["the talks were good"]}


@cache
def _reader(claim_yaml: str) -> tuple:
    claim_file, problems = parse_claim_file(claim_yaml, "test.claims.yaml")
    assert not problems
    return claim_file.claims[0], Reader(claim_file.claims)


def _explain(claim: dict, text: str, anchors: tuple[str, ...] = (),
             date: dt.date | None = None, title: str | None = None):
    claim_obj, reader = _reader(claim_text(claim, anchors=anchors))
    reading = reader.read(text)
    reading.date = date
    reading.title = title or ""
    return explain(claim_obj, 0, reading, "test")


@pytest.mark.parametrize("claim,text,why", [
    # quantity: each part the checker needs, missing in turn
    (FREED, "Minsk freed 52 people on Thursday.", "no counted here ('prisoner')"),
    (FREED, "The prisoners were freed on Thursday.", "'prisoners' is here, but no number"),
    (FREED, "The prisoners were freed from 52 cells.",
     "number(s) '52' not bound to 'prisoners'"),
    (FREED, "52 prisoners arrived in Vilnius.", "no context word here ('free', 'release')"),
    (FREED, "In June, 40 prisoners were freed.", "'freed' is set at another time"),
    (FREED, "Another 40 prisoners were freed.",
     "'40' counts another group ('another', 'more', 'other' ...)"),
    (FREED, "Trump asked Minsk to release 52 prisoners.",
     "the event word here belongs to a request or a cause, not to the event"),
    # status: the surname counts only after the full name
    (HELD, "Bialiatski remains in prison.", "the surname alone names Ales Bialiatski only "
     "after the full name has appeared earlier in the article"),
    (HELD, "Ales Bialiatski won the Nobel Peace Prize.",
     "no state word here ('imprison', 'jail', 'incarcerate' ...)"),
    # relation: a missing subject, a predicate too far from its object
    (RELIEF, "Brussels will lift sanctions on Belavia.", "no entity here ('United States')"),
    (RELIEF, "Washington said it would lift sanctions, in a move welcomed in Minsk by "
     "officials at the airport who had long waited for Belavia.", "word(s) from the object "
     "'Belavia': too far, or not joined, for the relation checker"),
])
def test_explain_why_nothing_decided(claim, text, why):
    explained = _explain(claim, text)
    assert explained.verdict is Verdict.SILENT
    notes = [n.why_not for n in explained.sentences if n.why_not]
    assert notes and why in notes[0], notes


def test_explain_names_what_matched_and_brackets_it():
    explained = _explain(FREED, "Belarus may have freed 52 prisoners, officials said.")
    note = explained.sentences[0]
    assert note.marked == "Belarus may have [freed] [52] [prisoners], officials said."
    assert [(p.label, p.text) for p in note.parts] == [
        ("context", "freed"), ("number", "52"), ("counted", "prisoners")]
    assert ("hedge", "may") in [(c.label, c.text) for c in note.cues]
    assert note.finding.verdict is Verdict.HEDGED and explained.verdict is Verdict.HEDGED


def test_explain_says_why_a_contradiction_was_dropped():
    explained = _explain(FREED, "Were 51 prisoners freed on Thursday?")
    note = explained.sentences[0]
    assert note.finding.verdict is Verdict.CONTRADICTED  # what the checker read
    assert note.dropped == "a question asserts nothing"  # what the proof rules said
    assert explained.verdict is not Verdict.CONTRADICTED


def test_explain_article_that_never_names_the_event():
    explained = _explain(FREED, "Minsk freed 51 prisoners on Thursday.", anchors=("Tarlen",))
    assert explained.verdict is Verdict.SILENT and not explained.mentioned
    assert explained.article.startswith("the article names none of the event's anchors "
                                        "('Tarlen')")
    assert explained.sentences[0].dropped == explained.article


@pytest.mark.parametrize("claim,text,mentioned", [
    (FREED, "Minsk handed over 52 prisoners to Lithuania.", True),  # counted + number
    (FREED, "The prisoners crossed into Lithuania.", False),  # no number
    (FREED, "In 2025 the prisoners crossed into Lithuania.", False),  # a year is no count
    (HELD, "Ales Bialiatski won the Nobel Peace Prize.", True),  # the entity
    (HELD, "The Nobel laureate won the prize in 2022.", False),
    (RELIEF, "Washington talked about Belavia for hours.", True),  # subject and object
    (RELIEF, "Washington talked about airlines for hours.", False),  # the object missing
])
def test_explain_near_misses_are_silent_pairs_that_mention_the_claim(claim, text, mentioned):
    explained = _explain(claim, text)
    assert explained.verdict is Verdict.SILENT and explained.mentioned is mentioned
    claim_obj, reader = _reader(claim_text(claim))
    assert bool(near_misses(claim_obj, 0, reader.read(text))) is mentioned
    result = Verifier([claim_obj]).check(Article(source="test", body=text))[0]
    assert result.verdict is Verdict.SILENT and result.mentioned is mentioned
    assert (result.reason == MENTION_REASON) is mentioned


def test_explain_decided_pairs_are_never_mentioned():
    explained = _explain(FREED, "Minsk freed 52 prisoners on Thursday.")
    assert explained.verdict is Verdict.SUPPORTED and not explained.mentioned


@pytest.mark.parametrize("claim,text,suggestion", [
    (FREED, "Minsk handed over 52 prisoners to Lithuania.", "add 'hand over' to context"),
    (HELD, "Ales Bialiatski still languishes in Minsk.", "add 'languish' to state"),
    (RELIEF, "Washington unfroze the assets of Belavia.", "add 'unfreeze' to predicate"),
    (FREED, "Minsk freed 52 inmates and prisoners of war.", None),  # nothing to add: decided
])
def test_explain_suggests_words_for_the_claim_file_and_never_applies_them(claim, text,
                                                                          suggestion):
    before = claim_text(claim)
    explained = _explain(claim, text)
    if suggestion is None:
        assert explained.suggestions == ()
        return
    assert suggestion in explained.suggestions, explained.suggestions
    assert len(explained.suggestions) <= 3
    assert claim_text(claim) == before and explained.verdict is Verdict.SILENT


def test_explain_quote_claims_get_no_word_suggestions():
    explained = _explain(QUOTE, "John Coale said the meeting had gone well.")
    assert explained.mentioned and explained.suggestions == ()


OTHER_LEAD = ("Floods hit Sarn on Monday. Rescue crews searched the villages. Officials "
              "counted the damage. ")


@pytest.mark.parametrize("text,title", [
    ("Officials said 52 prisoners were freed on Thursday.", "Minsk frees prisoners"),
    (OTHER_LEAD + "Minsk was not spared either. 52 prisoners were freed on Thursday.", None),
    (OTHER_LEAD + "52 prisoners were freed on Thursday. Minsk said so later.", None),
])
def test_explain_scope_by_headline_and_lead_is_the_engines(text, title):
    anchors = ("Minsk",)
    explained = _explain(FREED, text, anchors=anchors, title=title)
    assert explained.verdict == check(FREED, text, anchors=anchors, title=title).verdict
    dropped = [n.dropped for n in explained.sentences if n.dropped]
    assert explained.verdict is Verdict.SUPPORTED or any("about something else" in d
                                                         for d in dropped)


def test_explain_gives_the_engines_verdict_on_every_pair_of_a_fixture_event():
    """Explaining re-reads with one claim; the verdict must be the run's, pair by pair."""
    files, _ = load_claim_files([ROOT / "tests" / "data" / "project" / "claims"])
    claims = files[0].claims
    verifier = Verifier(claims)
    articles = [a for a in load_articles([ROOT / "tests" / "data" / "project" / "fixtures"
                                          / "articles"]) if isinstance(a, Article)]
    for article in articles:
        results = verifier.check(article)
        for index, claim in enumerate(claims):
            reading = Reader([claim]).read(article.body)
            reading.date, reading.title = article.date, article.title or ""
            explained = explain(claim, 0, reading, article.source)
            result = results[index]
            assert (explained.verdict, explained.mentioned) == (result.verdict,
                                                                result.mentioned), claim.id
            assert explained.reason == result.reason
            assert explained.evidence == result.evidence
