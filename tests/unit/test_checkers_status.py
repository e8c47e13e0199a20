"""Status claims: contrast cases around a supporting sentence."""

import pytest

from tests.helpers import check

HELD = {"id": "activist-held", "claim": "Ales Bialiatski remains imprisoned.", "kind": "status",
        "entity": {"name": "Ales Bialiatski", "aliases": ["Ales Byalyatski"]}}


@pytest.mark.parametrize("text,verdict", [
    ("Rights lawyer Ales Bialiatski remains behind bars.", "supported"),
    ("Ales Bialiatski is still being held in a penal colony.", "supported"),
    ("Alés Bialiatski remains in custody, his wife said.", "supported"),
    ("Ales Bialiatski was not among those released.", "supported"),
    ("Critics such as Ales Bialiatski and two others remain jailed.", "supported"),
    ("Ales Bialiatski has spent two nights in a cell at the remand prison.", "supported"),
    ("Ales Bialiatski was taken into custody in the courtroom.", "supported"),
    # a cell of another kind, or another person's
    ("Ales Bialiatski spoke of the terror cell that planned the attack.", "silent"),
    # opposite state
    ("Ales Bialiatski was among those released.", "contradicted"),
    ("Ales Bialiatski was freed on Thursday.", "contradicted"),
    ("Ales Byalyatski was pardoned on Thursday.", "contradicted"),
    ("Ales Bialiatski is no longer in custody.", "contradicted"),
    # hedge inserted
    ("It is unclear whether Ales Bialiatski was freed.", "hedged"),
    ("Ales Bialiatski is reportedly still behind bars.", "hedged"),
    # another person named
    ("Maria Kalesnikava remains behind bars.", "silent"),
    ("Ales Bialiatski gave a speech in 2021.", "silent"),
])
def test_status(text, verdict):
    assert check(HELD, text).verdict == verdict


def test_status_surname_counts_after_the_full_name():
    text = "Ales Bialiatski won the prize in 2022. On Thursday Bialiatski was freed."
    assert check(HELD, text).verdict == "contradicted"


def test_status_surname_alone_is_not_enough():
    assert check(HELD, "Bialiatski was freed on Thursday.").verdict == "silent"


@pytest.mark.parametrize("text,verdict", [
    ("Minsk freed 20 people on Friday. It is unclear whether Ales Bialiatski was among them.",
     "hedged"),
    ("Minsk freed 20 people on Friday.\n\nAles Bialiatski was not among them.", "supported"),
    ("Minsk freed 20 people on Friday. Ales Bialiatski was among them.", "contradicted"),
    ("Many critics spoke on Friday. Ales Bialiatski was among them.", "silent"),
])
def test_status_among_them_refers_back_to_the_previous_group(text, verdict):
    assert check(HELD, text).verdict == verdict


VELL = {"id": "vell-held", "claim": "Vell was taken into custody and remains held.",
        "kind": "status", "entity": {"name": "Dorian Vell", "aliases": ["Vell"]},
        "state": ["@custody", "taken into custody"], "opposite": ["@release", "bail", "free"]}


@pytest.mark.parametrize("text,verdict", [
    # a state set before the narrative's time decides nothing
    ("Dorian Vell, who had been free on bail, was taken into custody.", "supported"),
    ("Dorian Vell, who before the verdict was under bail, was taken into custody.",
     "supported"),
    ("Dorian Vell had been free on bail throughout the trial.", "silent"),
    # the present state still decides
    ("Dorian Vell walked free on bail after the verdict.", "contradicted"),
    ("Dorian Vell was taken into custody.", "supported"),
])
def test_status_earlier_states_do_not_decide(text, verdict):
    assert check(VELL, text).verdict == verdict


@pytest.mark.parametrize("text,verdict", [
    # a concessive clause grants background; the main clause decides
    ("Although Ales Bialiatski was free on bail for a year, he was taken into custody "
     "on Monday.", "supported"),
    ("Although Ales Bialiatski was held for years, he was freed on Thursday.",
     "contradicted"),
    ("Despite hopes that Ales Bialiatski would be freed, he remains behind bars.",
     "supported"),
    ("Ales Bialiatski remains behind bars despite hopes that he would be freed.",
     "supported"),
    # "though" inside the sentence joins two facts: both are stated
    ("Maria Kalesnikava was among those freed, though Ales Bialiatski remains "
     "imprisoned.", "supported"),
    # with no state word in the main clause, the concessive one still counts
    ("Although Ales Bialiatski was freed, nobody has seen him.", "contradicted"),
])
def test_status_concessive_clauses_give_way_to_the_main_clause(text, verdict):
    assert check(HELD, text).verdict == verdict


FREED = {"id": "vell-freed", "claim": "Ales Vell was freed.", "kind": "status",
         "entity": "Ales Vell", "state": ["@release"], "opposite": ["@custody"]}


@pytest.mark.parametrize("claim,text,verdict", [
    # each clause pairs its own words: the main clause may be about someone else
    (FREED, "Hundreds remain behind bars despite the release of Ales Vell.", "supported"),
    (FREED, "Although Minsk freed Ales Vell on Thursday, his brother remains in custody.",
     "supported"),
    (HELD, "Although Ales Bialiatski remains in a Minsk jail, his wife was released on "
           "Thursday.", "supported"),
    # an aside after the name gives way to the state word after it
    (FREED, "Ales Vell, who spent five years in a cell, walked free on Thursday.",
     "supported"),
    (FREED, "Ales Vell, who spent five years on remand, walked free on Thursday.",
     "supported"),
])
def test_status_clauses_and_asides_pair_their_own_words(claim, text, verdict):
    assert check(claim, text).verdict == verdict
