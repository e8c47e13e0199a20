"""Contradiction needs proof: dates, event anchors, live-blog clock times, other events."""

import datetime as dt

import pytest

from tests.helpers import check

DEATHS = {"id": "deaths-112", "claim": "The earthquake killed 112 people.", "kind": "quantity",
          "count": 112, "counted": ["people", "dead"], "context": ["@casualty"]}
ANCHORS = ("Ardelan", "Molvar")
AS_OF = dt.date(2025, 9, 11)  # tests/helpers.py HEADER


@pytest.mark.parametrize("text,verdict", [
    # the event named in the sentence, or in the one before with nothing else named
    ("The Ardelan earthquake killed 98 people.", "contradicted"),
    ("The quake hit Ardelan at dawn. It killed 98 people.", "contradicted"),
    # another event: no anchor near, or another place named
    ("The Ardelan quake was deadly. Far away, floods in Sarn killed 98 people.", "silent"),
    # a live blog's entry opening with a clock time is a figure of that moment
    ("Ardelan update.\n\n14:05 - The toll in Ardelan rises: 98 people dead.", "silent"),
    ("Ardelan update.\n\nBy noon, the Ardelan quake had killed 98 people.", "silent"),
    # support needs no anchor in the sentence, only somewhere in the article
    ("Ardelan is mourning. The quake killed 112 people.", "supported"),
    # an article that never names the event says nothing about it
    ("The quake killed 112 people.", "silent"),
    ("The quake killed 98 people.", "silent"),
])
def test_proof_anchors_and_clock_times(text, verdict):
    assert check(DEATHS, text, anchors=ANCHORS).verdict == verdict


@pytest.mark.parametrize("days,verdict", [
    (0, "contradicted"), (7, "contradicted"),   # within a week: the same moment
    (8, "silent"), (60, "silent"),              # a follow-up may report a later change
])
def test_proof_later_articles_do_not_contradict(days, verdict):
    text = "The Ardelan earthquake killed 114 people."
    assert check(DEATHS, text, date=AS_OF + dt.timedelta(days=days),
                 anchors=ANCHORS).verdict == verdict


def test_proof_later_articles_still_support():
    text = "The Ardelan earthquake killed 112 people."
    assert check(DEATHS, text, date=AS_OF + dt.timedelta(days=60),
                 anchors=ANCHORS).verdict == "supported"


def test_proof_long_quotes_are_exempt_from_anchors():
    quote = {"id": "q", "claim": "Vidal called it a trade in human lives.", "kind": "quote",
             "speaker": "Anna Vidal", "phrase": ["trade in human lives"]}
    text = ("Ardelan is far away. Union leaders met in the capital on Monday. Anna Vidal "
            "did not call it a trade in human lives.")
    assert check(quote, text, anchors=ANCHORS).verdict == "contradicted"


@pytest.mark.parametrize("text,date,verdict", [
    # relative dates resolved against the article's own date
    ("Last year the Ardelan earthquake killed 112 people.", dt.date(2026, 9, 1), "supported"),
    ("Last year the Ardelan earthquake killed 112 people.", dt.date(2025, 9, 12), "silent"),
    ("Two years ago the Ardelan earthquake killed 300 people.", dt.date(2025, 9, 12),
     "silent"),
    ("Last month the Ardelan earthquake killed 112 people.", dt.date(2025, 10, 5),
     "supported"),
    # a month without a year is the article's year, or the year before
    ("In September the Ardelan earthquake killed 112 people.", dt.date(2026, 1, 10),
     "supported"),
    ("In January the Ardelan earthquake killed 300 people.", dt.date(2026, 1, 10), "silent"),
    ("In June the Ardelan earthquake killed 300 people.", None, "silent"),
])
def test_proof_times_resolve_against_the_article_date(text, date, verdict):
    assert check(DEATHS, text, date=date, anchors=ANCHORS).verdict == verdict


@pytest.mark.parametrize("text,verdict", [
    ("Did the Ardelan earthquake kill 98 people?", "silent"),
    ("The Ardelan toll: 98 people dead by 5 pm, officials said.", "silent"),
    ("The Ardelan toll stood at 98 dead as of 17:00.", "silent"),
    ("The Ardelan earthquake killed 98 people, officials said.", "contradicted"),
])
def test_proof_questions_and_times_of_day(text, verdict):
    assert check(DEATHS, text, anchors=ANCHORS).verdict == verdict


def test_proof_short_quotes_need_the_event_named():
    quote = {"id": "q", "claim": "Vidal said the unions would not back down.", "kind": "quote",
             "speaker": "Anna Vidal", "phrase": ["not back down"]}
    text = ("Ardelan is far away. In Belmora the air traffic controllers struck.\n\n"
            "Their leader Rui Mendes said: 'We will not back down.'")
    assert check(quote, text, anchors=ANCHORS).verdict != "contradicted"


def test_proof_articles_long_before_as_of_report_an_earlier_state():
    text = "The Ardelan earthquake killed 98 people."
    assert check(DEATHS, text, date=AS_OF - dt.timedelta(days=400),
                 anchors=ANCHORS).verdict == "silent"
    assert check(DEATHS, text, date=AS_OF - dt.timedelta(days=1),
                 anchors=ANCHORS).verdict == "contradicted"


DAM = {"id": "dam", "claim": "The Kesra dam was not damaged.", "kind": "status",
       "entity": "Kesra dam", "state": ["undamaged", "intact"],
       "opposite": ["burst", "collapse"]}


@pytest.mark.parametrize("text,verdict", [
    # a fact-check quotes a claim in order to rate it (lexicon claim_labels)
    ('CLAIM: "Video shows the Kesra dam bursting." RATING: False.', "silent"),
    ("The claim: the Kesra dam collapsed overnight.", "silent"),
    ("Viral post: Kesra dam burst!\n\nEngineers found the Kesra dam intact.", "supported"),
    # a label must open the sentence or its paragraph, with a colon
    ("The Kesra dam burst on Friday, officials claim.", "contradicted"),
    ("Engineers say the claim is false. The Kesra dam burst on Friday.", "contradicted"),
])
def test_proof_quoted_claims_under_check_prove_nothing(text, verdict):
    assert check(DAM, text).verdict == verdict


OTHER = ("The region's worst floods in decades hit Sarn on Monday. Rescue crews searched "
         "villages along the river. Officials are counting the damage.")


@pytest.mark.parametrize("text,title,verdict", [
    # an article about another event: only sentences naming this one speak of it
    (OTHER + " The quake killed 112 people there. Ardelan was spared.", None, "silent"),
    (OTHER + " The Ardelan quake killed 112 people.", None, "supported"),
    (OTHER + " Last May Ardelan shook. The quake killed 112 people.", None, "supported"),
    # an article about the event: its lead or its headline names it
    ("The Ardelan quake struck at dawn. " + OTHER + " The quake killed 112 people.", None,
     "supported"),
    (OTHER + " The quake killed 112 people.", "Ardelan earthquake: live updates",
     "supported"),
    (OTHER + " The quake killed 112 people.", "Molvarian floods", "silent"),  # not a word
    # a headline alone may name the event
    ("The quake killed 112 people.", "Ardelan mourns", "supported"),
])
def test_proof_an_article_about_another_event_speaks_of_this_one_only_where_named(
        text, title, verdict):
    assert check(DEATHS, text, anchors=ANCHORS, title=title).verdict == verdict


def test_proof_a_piece_cut_from_text_without_punctuation_proves_nothing():
    released = {"id": "freed-52", "claim": "52 prisoners were freed.", "kind": "quantity",
                "count": 52, "counted": ["prisoner"], "context": ["@release"]}
    names = ", ".join(f"Name{i} Surname{i}" for i in range(70))
    cut = (f"Minsk said in a statement that was not confirmed and that listed {names}, "
           "that 51 prisoners were freed.")
    assert check(released, cut).verdict == "silent"
    assert check(released, "Minsk said that 51 prisoners were freed.").verdict == "contradicted"
    assert check(released, cut.replace("51", "52")).verdict in ("supported", "hedged")
