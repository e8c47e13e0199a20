"""Relation claims: contrast cases around a supporting sentence."""

import pytest

from tests.helpers import check

RELIEF = {"id": "relief", "claim": "The US eased sanctions on Belavia.", "kind": "relation",
          "subject": {"name": "United States", "aliases": ["US", "U.S.", "Washington"]},
          "predicate": ["@sanctions_relief"], "opposite": ["impose sanctions"],
          "object": ["Belavia"]}
PARTS = {"id": "parts", "claim": "Belavia may buy Boeing parts.", "kind": "relation",
         "predicate": ["buy", "purchase", "service"], "object": ["Boeing", "aircraft part"]}
DENIAL = {"id": "denial", "claim": "Lukashenko denies holding political prisoners.",
          "kind": "relation", "subject": {"name": "Alexander Lukashenko",
                                          "aliases": ["Lukashenko"]},
          "predicate": ["deny", "there be no"], "opposite": ["acknowledge", "admit"],
          "object": ["political prisoner"]}


@pytest.mark.parametrize("text,verdict", [
    ("Washington will lift sanctions on Belavia.", "supported"),
    ("The US agreed to ease sanctions against the state carrier Belavia.", "supported"),
    ("The United States granted the carrier Belavia relief from sanctions.", "supported"),
    ("Washington is lifting several sanctions on Belavia, officials said.", "supported"),
    # negation inserted
    ("Washington did not lift sanctions on Belavia.", "contradicted"),
    ("Washington refused to ease sanctions on Belavia.", "contradicted"),
    # the opposite predicate
    ("Washington will impose sanctions on Belavia.", "contradicted"),
    # hedge inserted
    ("Washington may lift sanctions on Belavia.", "hedged"),
    ("Washington could not confirm it would lift sanctions on Belavia.", "hedged"),
    # another object, another subject
    ("Washington will lift sanctions on Aeroflot.", "silent"),
    ("Brussels will lift sanctions on Belavia.", "silent"),
])
def test_relation_with_subject(text, verdict):
    assert check(RELIEF, text).verdict == verdict


@pytest.mark.parametrize("text,verdict", [
    ("The relief lets the carrier buy spare parts for its Boeing jets.", "supported"),
    ("The airline may now service and purchase Boeing aircraft parts, an official said.",
     "hedged"),
    ("The waiver allows it to purchase components for a fleet that includes Boeing jets.",
     "supported"),
    ("The relief does not let the carrier buy Boeing parts.", "contradicted"),
    ("The relief lets the carrier buy Airbus parts.", "silent"),
])
def test_relation_without_subject(text, verdict):
    assert check(PARTS, text).verdict == verdict


@pytest.mark.parametrize("text,verdict", [
    ("Lukashenko says there are no political prisoners in his country.", "supported"),
    ("Alexander Lukashenko has long denied holding political prisoners.", "supported"),
    ("Lukashenko admitted there are political prisoners in Belarus.", "contradicted"),
    ("Lukashenko does not deny that political prisoners exist.", "contradicted"),
    ("Rights groups say there are no political prisoners left to free.", "silent"),
])
def test_relation_denial_reads_as_a_denial(text, verdict):
    assert check(DENIAL, text).verdict == verdict


@pytest.mark.parametrize("text,verdict", [
    ("Washington has used relief as a lever. This time it agreed to lift sanctions on Belavia.",
     "supported"),
    ("Washington, for its part, is generous: it will ease sanctions on Belavia.", "supported"),
    ("Officials met. This time it agreed to lift sanctions on Belavia.", "silent"),
])
def test_relation_pronoun_subject_refers_back(text, verdict):
    assert check(RELIEF, text).verdict == verdict


def test_relation_attribution_aside_does_not_separate_subject_and_verb():
    text = ("Washington, according to a statement published late on Thursday by the embassy, "
            "will lift sanctions on Belavia.")
    assert check(RELIEF, text).verdict == "supported"
    far = "Washington said that after long and difficult talks in Minsk it would lift sanctions."
    assert check(RELIEF, far + " Belavia welcomed it.").verdict == "silent"


APPEAL = {"id": "appeal", "claim": "Vell's lawyers said they would appeal.", "kind": "relation",
          "subject": {"name": "Dorian Vell", "aliases": ["Vell", "lawyer", "defence"]},
          "predicate": ["appeal"], "opposite": ["accept the verdict"]}


@pytest.mark.parametrize("text,verdict", [
    ("Dorian Vell was sentenced. His lawyers said they will appeal.", "supported"),
    ("Dorian Vell was sentenced. His defence said it would not appeal.", "contradicted"),
    ("Dorian Vell was sentenced. Prosecutors may appeal.", "silent"),
])
def test_relation_without_object_needs_its_subject(text, verdict):
    assert check(APPEAL, text).verdict == verdict


CONVICTED = {"id": "convicted", "claim": "Dorian Vell was convicted of accepting bribes.",
             "kind": "relation",
             "subject": {"name": "Dorian Vell",
                         "aliases": ["Vell", "former transport minister", "Dorjan Vel"]},
             "predicate": ["convict", "find guilty", "guilty"], "opposite": ["acquit"],
             "object": ["bribe", "bribery"]}


@pytest.mark.parametrize("text,verdict", [
    # a definite description the claim file lists
    ("Dorian Vell stood trial. The former transport minister was found guilty of bribery.",
     "supported"),
    # title plus surname after the full name
    ("Dorian Vell stood trial. Mr Vell was convicted of taking bribes.", "supported"),
    # a transliteration listed as an alias
    ("Dorjan Vel was convicted of taking bribes.", "supported"),
    # a pronoun right after the name
    ("Dorian Vell stood trial. He was convicted of taking bribes.", "supported"),
    # an alias counts on its own; a description not listed does not
    ("Vell was convicted of taking bribes.", "supported"),
    ("A former health minister was convicted of taking bribes.", "silent"),
])
def test_relation_coreference(text, verdict):
    assert check(CONVICTED, text).verdict == verdict


@pytest.mark.parametrize("text,verdict", [
    # the article's topic stands for an unnamed subject, for support
    ("Dorian Vell heard the verdict on Monday. Official: guilty of taking bribes.",
     "supported"),
    # never for a contradiction
    ("Dorian Vell heard the verdict on Monday. Official: acquitted of taking bribes.",
     "silent"),
    # a pronoun refers to whoever was named just before, not to the topic
    ("Dorian Vell heard the verdict. Ana Pell stood trial too. She was found guilty of "
     "taking bribes.", "silent"),
    # another name in the sentence: it is about them
    ("Dorian Vell heard the verdict. Later, Ana Pell was found guilty of taking bribes.",
     "silent"),
    # a subject named only late in the article is not its topic
    ("The court sat all day. Lawyers argued. Reporters waited. Guilty of taking bribes, "
     "the judge said. Dorian Vell left.", "silent"),
])
def test_relation_topic_subject_supports_only(text, verdict):
    assert check(CONVICTED, text).verdict == verdict


ASIDE_CONVICTED = {"id": "convicted", "claim": "Dorian Vell was convicted of bribery.",
             "kind": "relation", "subject": {"name": "Dorian Vell", "aliases": ["Vell"]},
             "predicate": ["convict", "found guilty"], "opposite": ["acquit", "clear"],
             "object": ["bribery", "bribe"]}


@pytest.mark.parametrize("text,verdict", [
    # asides set off by commas after the subject do not push it from its verb
    ("Dorian Vell, 58, who grew up on Mill Street and still owns the family house there, "
     "was convicted of bribery.", "supported"),
    ("Dorian Vell, the former transport minister whose career spanned three governments "
     "and two parties, was convicted of bribery.", "supported"),
    # a contradiction across an aside is not proof
    ("Dorian Vell, who had denied every charge since the first day of the long trial, was "
     "acquitted of bribery.", "silent"),
    # a term inside the aside may be about someone else: it never contradicts
    ("Dorian Vell, 58, whose brother was cleared of bribery in 2019, was convicted on "
     "Monday.", "silent"),
    ("Dorian Vell, a minister whom Dunn once acquitted of bribery, spoke on Monday.",
     "silent"),
    # an aside about the subject itself still decides
    ("Dorian Vell, a minister who was acquitted of bribery, spoke on Monday.",
     "contradicted"),
    # a list is not an aside: nobody opens it
    ("Dorian Vell was there. Prosecutors, lawyers, judges, reporters and many of his old "
     "friends from the party watched as Dunn was convicted of bribery.", "silent"),
])
def test_relation_subject_asides(text, verdict):
    assert check(ASIDE_CONVICTED, text).verdict == verdict


ACQUITTED = {"id": "acquitted", "claim": "Dorian Vell was acquitted of money laundering.",
             "kind": "relation", "subject": {"name": "Dorian Vell", "aliases": ["Vell"]},
             "predicate": ["acquit", "clear"], "opposite": ["convict"],
             "object": ["laundering"]}


@pytest.mark.parametrize("claim,text,verdict", [
    # a single-verb predicate also reads its noun (lexicon nominalizations)
    (ACQUITTED, "Prosecutors are challenging Dorian Vell's acquittal on the laundering "
                "charge.", "supported"),
    # an opposite term never does: "conviction" here says nothing either way
    (ACQUITTED, "Dorian Vell fears a conviction for laundering.", "silent"),
    (ACQUITTED, "Dorian Vell was convicted of laundering.", "contradicted"),
])
def test_relation_predicates_read_their_nouns(claim, text, verdict):
    assert check(claim, text).verdict == verdict
