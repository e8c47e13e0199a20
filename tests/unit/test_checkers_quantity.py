"""Quantity claims: contrast cases around a supporting sentence."""

import pytest

from tests.helpers import check

RELEASED_52 = {"id": "freed-52", "claim": "52 prisoners were freed.", "kind": "quantity",
               "count": 52, "counted": ["prisoner", "detainee"], "context": ["@release"]}
REQUESTED = {"id": "asked-1300-1400", "claim": "Washington asked for 1,300 to 1,400.",
             "kind": "quantity", "count": {"min": 1300, "max": 1400},
             "counted": ["prisoner", "detainee"], "context": ["@request"]}


@pytest.mark.parametrize("text,verdict", [
    ("Minsk freed 52 detainees on Thursday.", "supported"),
    ("Authorities released fifty-two prisoners overnight.", "supported"),
    ("Fifty-two prisoners were released on Thursday.", "supported"),
    ("Minsk freed 52 political detainees after an appeal from Washington.", "supported"),
    ("Minsk pardoned 52 prisoners, officials said.", "supported"),
    # number changed
    ("Minsk freed 51 detainees on Thursday.", "contradicted"),
    ("Minsk freed more than 60 detainees on Thursday.", "contradicted"),
    # negation inserted
    ("Minsk did not free 52 detainees on Thursday.", "contradicted"),
    # hedge inserted
    ("Minsk reportedly freed 52 detainees on Thursday.", "hedged"),
    ("It was unclear whether Minsk freed 52 detainees.", "hedged"),
    # an approximation that admits the number commits to nothing exact
    ("Minsk freed about 50 detainees on Thursday.", "hedged"),
    ("Minsk freed more than 50 detainees on Thursday.", "hedged"),
    # another counted thing, no event, or a request rather than the event
    ("Minsk freed 52 journalists on Thursday.", "silent"),
    ("The ministry said 52 detainees remain in the camp.", "silent"),
    ("Washington had asked Minsk to free 1,300 detainees.", "silent"),
    ("It fell short of the 1,300 prisoners whose release Washington had requested.", "silent"),
    ("Washington said 4% of all prisoners were freed.", "silent"),
])
def test_quantity_released(text, verdict):
    assert check(RELEASED_52, text).verdict == verdict


@pytest.mark.parametrize("text,verdict", [
    ("Washington had asked for the release of 1,300 or 1,400 detainees.", "supported"),
    ("Washington had called for the release of 1,350 prisoners.", "supported"),
    ("It fell short of the 1,300 or 1,400 prisoners whose release Washington requested.",
     "supported"),
    ("Washington had asked for the release of 2,000 detainees.", "contradicted"),
    ("Washington had asked for the release of between 1,000 and 2,000 detainees.", "hedged"),
    ("Minsk freed 52 detainees after an appeal from Washington.", "silent"),
])
def test_quantity_requested_range(text, verdict):
    assert check(REQUESTED, text).verdict == verdict


def test_quantity_reason_names_both_numbers():
    result = check(RELEASED_52, "Minsk freed 51 detainees on Thursday.")
    assert "51" in result.reason and "52" in result.reason and "≠" in result.reason


def test_quantity_evidence_offsets_point_at_the_sentence():
    text = "Talks went on. Minsk freed 52 detainees on Thursday. Nothing else."
    result = check(RELEASED_52, text)
    (evidence,) = result.evidence
    assert text[evidence.start:evidence.end] == evidence.text == (
        "Minsk freed 52 detainees on Thursday.")


@pytest.mark.parametrize("text", [
    "In June, Minsk freed 14 detainees.",
    "Minsk freed 16 detainees in 2024.",
])
def test_quantity_other_times_are_background(text):
    assert check(RELEASED_52, text).verdict == "silent"


@pytest.mark.parametrize("text,verdict", [
    ("Among those released were three detainees from Poland.", "silent"),
    ("Minsk freed 52 prisoners, including 3 detainees from Poland.", "supported"),
    ("Washington asked Minsk last month to free 1,300 prisoners, far more than were let go.",
     "silent"),
])
def test_quantity_subsets_and_framed_numbers_are_not_the_total(text, verdict):
    assert check(RELEASED_52, text).verdict == verdict


DEATHS = {"id": "deaths-112", "claim": "The earthquake killed 112 people.", "kind": "quantity",
          "count": 112, "counted": ["people", "passenger", "dead", "toll"],
          "context": ["@casualty"]}


@pytest.mark.parametrize("text,verdict", [
    # binding forms that support
    ("The quake killed 112 people.", "supported"),
    ("The death toll stood at 112 on Saturday.", "supported"),        # linked
    ("A toll of 112 was confirmed.", "supported"),                    # linked with "of"
    ("A hundred and twelve people are dead.", "supported"),
    ("The dead numbered 300, then 112 people were confirmed killed.", "supported"),
    # parts and wholes of a partitive never contradict
    ("Of the 190 passengers aboard, 187 of the 190 people died.", "silent"),
    ("Nine of the dead were students.", "silent"),
    # coordination: the number counts a combined group
    ("The crash killed 180 passengers and crew.", "silent"),
    # remainders, other groups, changes
    ("Another 12 people died in hospital.", "silent"),
    ("Twenty more people died overnight.", "silent"),
    ("The toll rose, and 30 people remain missing after the quake killed many.", "silent"),
    # vague amounts may hedge or stay silent, never contradict
    ("Dozens of people were killed.", "hedged"),
    ("The quake killed hundreds of people.", "silent"),
    # a number far from the event word, or another number closer to it
    ("Some 98 people were evacuated from the town long before anyone was killed.", "silent"),
    # a differing number bound unambiguously contradicts
    ("The quake killed 98 people.", "contradicted"),
    # the claimed number stated anywhere outweighs earlier figures
    ("Early reports said the quake killed 40 people. The quake killed 112 people.",
     "supported"),
])
def test_quantity_binding_cases(text, verdict):
    assert check(DEATHS, text).verdict == verdict


SEATS = {"id": "sd-64", "claim": "The Social Democrats won 64 seats.", "kind": "quantity",
         "count": 64, "counted": ["seat"], "context": ["@election_result"],
         "qualifier": ["Social Democrats"]}


@pytest.mark.parametrize("text,verdict", [
    ("The Social Democrats won 64 seats.", "supported"),
    ("The Social Democrats won 60 seats.", "contradicted"),
    # the number belongs to someone else: no contradiction
    ("The Social Democrats did well, while the Greens won 17 seats.", "silent"),
    ("The Conservatives won 41 seats and the Social Democrats came first.", "silent"),
    ("The Social Democrats gained 17 seats.", "silent"),              # a change
    # elliptical counts support, never contradict
    ("Results by seats: Social Democrats 64, Conservatives 41, Greens 17.", "supported"),
    ("Results by seats: Social Democrats 60, Conservatives 41, Greens 17.", "silent"),
    # the claimed number said without the qualifier still supports
    ("The party won 64 seats, its best result.", "supported"),
])
def test_quantity_qualifier_binds_a_number_to_whom_it_belongs(text, verdict):
    assert check(SEATS, text).verdict == verdict


FILLER = "after a long and very tiring campaign in the small towns "


@pytest.mark.parametrize("repeat,verdict", [
    (1, "contradicted"),   # 13 tokens apart: bound
    (4, "silent"),         # beyond QUALIFIER_REACH: not bound, so it proves nothing
])
def test_quantity_qualifier_reach(repeat, verdict):
    text = "The Social Democrats, " + FILLER * repeat + ", won 60 seats."
    assert check(SEATS, text).verdict == verdict


def test_quantity_percentages_count_only_percent_terms():
    turnout = {"id": "t", "claim": "Turnout was 71 percent.", "kind": "quantity",
               "count": 71, "counted": ["percent", "%"], "context": ["turnout"]}
    assert check(turnout, "Turnout was 71 percent.").verdict == "supported"
    assert check(turnout, "Turnout was 71%.").verdict == "supported"
    assert check(turnout, "Turnout was 64 percent.").verdict == "contradicted"
    voters = {**turnout, "counted": ["voter"]}
    assert check(voters, "Turnout: 40 percent of voters stayed home.").verdict == "silent"


def test_quantity_approximate_claims():
    homeless = {"id": "h", "claim": "About 9,000 people were left homeless.", "kind": "quantity",
                "count": {"about": 9000}, "counted": ["people"], "context": ["homeless"]}
    assert check(homeless, "Some 9,000 people were left homeless.").verdict == "supported"
    assert check(homeless, "Thousands of people were left homeless.").verdict == "hedged"
    assert check(homeless, "About 2,000 people were left homeless.").verdict == "contradicted"


def test_quantity_at_least_claims():
    at_least = {**DEATHS, "count": {"min": 100}}
    assert check(at_least, "The quake killed 112 people.").verdict == "supported"
    assert check(at_least, "The quake killed 98 people.").verdict == "contradicted"


def test_quantity_all_but_one_of_the_whole_is_no_contradiction():
    children = {"id": "c", "claim": "Fourteen of the dead were children.", "kind": "quantity",
                "count": 14, "counted": ["pupil", "child"], "context": ["@casualty"]}
    text = "All but one of the 15 pupils in the dormitory were killed."
    assert check(children, text).verdict != "contradicted"


@pytest.mark.parametrize("claim_count,text,verdict", [
    # a longer cue wins over its tail: "no more than 50" is at most 50
    (45, "Minsk released no more than 50 prisoners on Thursday.", "hedged"),
    (50, "Minsk released just under 50 prisoners on Thursday.", "hedged"),
    # a negated different number denies nothing about the claimed one
    (52, "At least 3 prisoners were not released on Thursday.", "silent"),
    # a year is not a count
    (52, "In 2025 prisoners were released.", "silent"),
    (52, "Since 2025 prisoners were released, the talks went on.", "silent"),
    # a digit string too long to be a count is a code, never a crash
    (52, "Minsk released prisoners. Case " + "9" * 400 + ".", "silent"),
    (52, "Minsk released prisoners. Case " + "9" * 5000 + ".", "silent"),
])
def test_quantity_review_cases(claim_count, text, verdict):
    assert check({**RELEASED_52, "count": claim_count}, text).verdict == verdict


MONEY = {"id": "deal", "claim": "Halvorsen paid $3.2 billion for Brightwater.", "kind": "quantity",
         "count": 3_200_000_000, "counted": ["@money"], "context": ["pay", "deal", "takeover"]}


@pytest.mark.parametrize("text,verdict", [
    ("Halvorsen agreed a $3.2bn takeover of Brightwater.", "supported"),
    ("Halvorsen will pay $3.2 billion for Brightwater.", "supported"),
    ("Halvorsen will pay 3.2 billion dollars for Brightwater.", "supported"),
    ("Halvorsen will pay $2.9 billion for Brightwater.", "contradicted"),
    ("Halvorsen will pay about $3 billion for Brightwater.", "hedged"),
    # a share price or another sum in the sentence is not the deal's value
    ("The deal values each share at $41, Halvorsen said.", "silent"),
])
def test_quantity_money(text, verdict):
    assert check(MONEY, text).verdict == verdict


NATIONAL = {"id": "police", "claim": "Police counted 180,000 protesters nationwide.",
            "kind": "quantity", "count": 180000, "counted": ["protester"],
            "context": ["count"], "qualifier": ["police"]}
CITY = {"id": "amsel", "claim": "Police counted 45,000 protesters in Amsel.",
        "kind": "quantity", "count": 45000, "counted": ["protester"], "context": ["count"],
        "qualifier": ["Amsel", "capital"]}


@pytest.mark.parametrize("claim,text,verdict", [
    # a count for one named place may be a part of the national total: not proof
    (NATIONAL, "In Amsel, police counted 45,000 protesters.", "silent"),
    (NATIONAL, "Police counted 45,000 protesters in Amsel.", "silent"),
    (NATIONAL, "Police counted 45,000 protesters in the capital.", "silent"),
    (NATIONAL, "In the northern province, police counted 45,000 protesters.", "silent"),
    (NATIONAL, "Police counted 45,000 protesters in the two southern districts.", "silent"),
    # no place, or not a place: still a contradiction
    (NATIONAL, "Police counted 150,000 protesters on Thursday.", "contradicted"),
    (NATIONAL, "Police counted 150,000 protesters in total.", "contradicted"),
    (NATIONAL, "Police counted 150,000 protesters in the first hours.", "contradicted"),
    (NATIONAL, "Police counted 180,000 protesters in Amsel and elsewhere.", "supported"),
    # another clause's place, or the place of the event, does not scope the figure
    (NATIONAL, "Trains stopped in Amsel; police counted 150,000 protesters.", "contradicted"),
    (NATIONAL, "The march in Amsel, where police counted 150,000 protesters, was calm.",
     "contradicted"),
    # a place the claim itself names is its own scope
    (CITY, "In Amsel, police counted 40,000 protesters.", "contradicted"),
    (CITY, "In Amsel, police counted 45,000 protesters.", "supported"),
])
def test_quantity_figure_scoped_to_a_place_the_claim_does_not_name(claim, text, verdict):
    assert check(claim, text).verdict == verdict
    # the event's anchors name the place too: they are not the claim's own scope
    if "Amsel" in text:
        assert check(claim, text, anchors=("Amsel", "Lorvania")).verdict == verdict


UNIONS = {"id": "unions", "claim": "The unions said 600,000 people took part nationwide.",
          "kind": "quantity", "count": 600000, "counted": ["people", "protester"],
          "context": ["take part", "march"], "qualifier": ["union", "Confederation of Labour"]}


@pytest.mark.parametrize("text,verdict", [
    # a bare number credited to the claim's qualifier ("according to the unions")
    ("Some 180,000 people marched according to police and 600,000 according to the "
     "unions.", "supported"),
    ("By either count it was big: 180,000 people according to the police, 600,000 "
     "according to the unions.", "supported"),
    # a bare number opening its clause, right before a context word
    ("Protesters filled the streets. The Confederation of Labour says 600,000 took part.",
     "supported"),
    ("Protesters filled the streets. The unions say about 600,000 took part.", "hedged"),
    # never a contradiction: the counted noun is only implied
    ("Some 180,000 people marched according to police and 450,000 according to the "
     "unions.", "silent"),
    ("Protesters filled the streets. The unions say 450,000 took part.", "silent"),
    # credited to someone else, or not opening a clause, or of another time
    ("Some 180,000 people marched, and 600,000 according to the ministry.", "silent"),
    ("Protesters filled the streets. In 2019, 600,000 took part, the unions said.", "silent"),
    ("Protesters filled the streets on the day when flight 600,000 took off.", "silent"),
])
def test_quantity_elliptical_counts_credited_or_opening_a_clause(text, verdict):
    assert check(UNIONS, text).verdict == verdict


CONTRACTS = {"id": "contracts-7", "claim": "The bribes concerned seven contracts.",
             "kind": "quantity", "count": 7, "counted": ["contract"],
             "context": ["bribe", "bribery"]}


@pytest.mark.parametrize("text,verdict", [
    # the event word is in the sentence before, in the same paragraph
    ("Vell took bribes from two road builders. Money changed hands on all seven contracts.",
     "supported"),
    ("Vell took bribes from two road builders. It concerned about seven contracts.",
     "hedged"),
    ("Vell took bribes from two road builders. Reportedly seven contracts were involved.",
     "hedged"),
    # never a contradiction: the number may count something else
    ("Vell took bribes from two road builders. The firms won nine contracts that year.",
     "silent"),
    # another paragraph, a request, a negation, another time: not carried
    ("Vell took bribes from two road builders.\n\nThe ministry signed seven contracts.",
     "silent"),
    ("Prosecutors asked the court to examine bribes. Seven contracts were listed.",
     "silent"),
    ("Vell took bribes from two road builders. Not seven contracts, though.", "silent"),
    ("Vell took bribes from two road builders. In 2015 he signed seven contracts.",
     "silent"),
])
def test_quantity_event_carried_from_the_sentence_before(text, verdict):
    assert check(CONTRACTS, text).verdict == verdict


@pytest.mark.parametrize("text,verdict", [
    ('Minsk freed "52" prisoners on Thursday.', "supported"),
    ('Minsk freed "more than 50" prisoners on Thursday.', "hedged"),
    ('Minsk freed "51" prisoners on Thursday.', "contradicted"),
    # other punctuation still separates a number from a noun, and a quote closing
    # more than the number is a name ("Minsk 12"), not a quoted count
    ("Minsk freed 51 (prisoners, reporters and others) on Thursday.", "silent"),
    ('The so-called "Minsk 12" prisoners were freed on Thursday.', "silent"),
    ('Lukashenko freed the "Group of 12" prisoners on Thursday.', "silent"),
])
def test_quantity_quotation_marks_do_not_separate_a_number_from_its_noun(text, verdict):
    assert check(RELEASED_52, text).verdict == verdict


@pytest.mark.parametrize("text,verdict", [
    # a results line: the qualifier, its number, and an event word; no noun needed
    ("Polls closed at six.\n\nSeats were projected.\n\nIt was late.\n\nCrowds sang.\n\n"
     "Music played.\n\nStill waiting.\n\nThe final result: Social Democrats 64, "
     "Conservatives 41.", "supported"),
    # never a contradiction, and the number must follow the qualifier at once
    ("Polls closed at six.\n\nSeats were projected.\n\nIt was late.\n\nCrowds sang.\n\n"
     "Music played.\n\nStill waiting.\n\nThe final result: Social Democrats 60, "
     "Conservatives 41.", "silent"),
    ("Polls closed at six.\n\nSeats were projected.\n\nIt was late.\n\nCrowds sang.\n\n"
     "Music played.\n\nStill waiting.\n\nThe final result for the Social Democrats came at "
     "64 minutes past midnight.", "silent"),
])
def test_quantity_results_line_needs_no_counted_noun(text, verdict):
    assert check(SEATS, text).verdict == verdict


@pytest.mark.parametrize("claim,text,verdict", [
    # a part of a group said earlier in the sentence, bound to the claim's qualifier
    (CITY, "Police counted 180,000 protesters nationwide, 45,000 of them in the capital.",
     "supported"),
    (CITY, "Police counted 180,000 protesters nationwide, about 45,000 of them in Amsel.",
     "hedged"),
    # never a contradiction; no qualifier bound, or no qualifier at all: only a part
    (CITY, "Police counted 180,000 protesters nationwide, 31,000 of them in the capital.",
     "silent"),
    (CITY, "Police counted 180,000 protesters nationwide, 45,000 of them students.",
     "silent"),
    (NATIONAL, "Unions counted 300,000 protesters, 180,000 of them in the south.", "silent"),
])
def test_quantity_part_bound_to_the_qualifier(claim, text, verdict):
    assert check(claim, text).verdict == verdict


CHILDREN = {"id": "children-14", "claim": "Fourteen of the dead were children.",
            "kind": "quantity", "count": 14, "counted": ["child"], "context": ["@casualty"]}


@pytest.mark.parametrize("claim,text,verdict", [
    # "N of the M NOUN": the part counts the noun, the whole never does
    (CHILDREN, "Fourteen of the 15 children in the dormitory were killed.", "supported"),
    (CHILDREN, "About fourteen of the 15 children in the dormitory were killed.", "hedged"),
    # never a contradiction: other children may have died elsewhere
    (CHILDREN, "Twelve of the 15 children in the dormitory were killed.", "silent"),
    (CHILDREN, "Fourteen of the 15 children in the dormitory were not killed.", "silent"),
    # a claim with a qualifier needs it bound: "41 of the 101 seats" of another party
    (SEATS, "The Greens won 41 of the 101 seats.", "silent"),
    (SEATS, "The Social Democrats won 64 of the 151 seats.", "supported"),
])
def test_quantity_part_of_a_whole(claim, text, verdict):
    assert check(claim, text).verdict == verdict


BOX = "By the numbers.\n\n{}\n\n7 — days of talks in Vilnius.\n\n3 — US envoys in Minsk."


@pytest.mark.parametrize("text,verdict", [
    # "by the numbers" lines: a number opening its line, a dash, then the noun
    (BOX.format("52 — prisoners freed by Minsk on Thursday."), "supported"),
    (BOX.format("52 - prisoners freed by Minsk on Thursday."), "supported"),
    (BOX.format("51 — prisoners freed by Minsk on Thursday."), "contradicted"),
    # another noun, or another time
    (BOX.format("51 — journalists freed by Minsk on Thursday."), "silent"),
    (BOX.format("51 — prisoners freed in 2019."), "silent"),
    # one such line is no box, and a numbered list is a list
    ("Belarus: what we know.\n\n1 - Prisoners were freed on Thursday in Minsk.", "silent"),
    ("What we know.\n\n1 - Prisoners were freed in Minsk.\n\n2 - Talks went on.\n\n"
     "3 - Envoys left.", "silent"),
])
def test_quantity_figure_lines(text, verdict):
    assert check(RELEASED_52, text).verdict == verdict


@pytest.mark.parametrize("text,verdict", [
    # a year of another time in the same clause may date the figure: not proof
    ("51 prisoners were freed by Minsk in 2019.", "silent"),
    ("In a deal agreed in 2019 Minsk freed 51 prisoners.", "silent"),
    # the claim's own year, or a year beyond the clause, does not stop a contradiction
    ("51 prisoners were freed by Minsk in September 2025.", "contradicted"),
    ("Minsk freed 51 prisoners on Thursday, the largest release since 2020.",
     "contradicted"),
])
def test_quantity_a_year_in_the_clause_is_not_proof(text, verdict):
    assert check(RELEASED_52, text).verdict == verdict
