"""Clashing facts lens: matched passages whose figures cannot both be true."""

from __future__ import annotations

from parallax.lenses.clashes import find_clashes, passage_clashes
from parallax.model import PairScore


def _clashes(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.a_value, c.b_value) for c in passage_clashes("a:0", a, "b:0", b) if not c.possible]


def _possible(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.a_value, c.b_value) for c in passage_clashes("a:0", a, "b:0", b) if c.possible]


def test_238_against_more_than_250_is_a_clash():
    assert _clashes("The United States sent 238 Venezuelans to CECOT.",
                    "More than 250 Venezuelans were flown to the prison.") == [("number", "238", "More than 250")]


def test_238_against_two_hundred_thirty_eight_or_more_than_200_is_not_a_clash():
    assert _clashes("The United States sent 238 Venezuelans to CECOT.",
                    "The United States sent two hundred thirty-eight Venezuelans to CECOT.") == []
    assert _clashes("The United States sent 238 Venezuelans to CECOT.",
                    "More than 200 Venezuelans were flown to the prison.") == []


def test_a_year_never_clashes_with_a_count_and_counts_of_different_things_do_not_clash():
    assert _clashes("A 2019 court order barred his removal.",
                    "The order protected 238 people from removal.") == []
    assert _clashes("Three flights carried 238 people.", "Two planes carried 238 people.") == []


def test_a_count_is_of_the_head_of_its_noun_phrase_past_modifiers():
    # "3 new detention centres" counts centres: not "new", not "detention".
    assert _clashes("The 3 new detention centres are full.", "The 4 new detention cells are full.") == []
    assert _clashes("The 3 new detention centres are full.", "The 4 new detention centres are full.") == [
        ("number", "3", "4")]
    assert _clashes("Officials opened 3 new detention centres and 2 new prisons.",
                    "Officials opened 2 new detention centres and 3 new prisons.") == [
        ("number", "3", "2"), ("number", "2", "3")]


def test_years_clash_when_they_date_the_same_thing():
    assert _clashes("A 2019 court order barred his removal.", "A 2018 court order barred his removal.") == [
        ("year", "2019", "2018")]


def test_sums_percentages_and_dates_clash_when_each_side_states_one():
    assert _clashes("Washington pays $6 million for the detentions.", "The deal is worth $15 million a year.") == [
        ("money", "$6 million", "$15 million")]
    assert _clashes("Washington pays about $6 million.", "Washington pays $6.2 million.") == []
    assert _clashes("Homicides fell 70 percent.", "The homicide rate dropped by 50%.") == [
        ("percent", "70 percent", "50%")]
    assert _clashes("The court ruled on April 10.", "The court ruled on April 14.") == [
        ("date", "April 10", "April 14")]
    assert _clashes("He was deported in March; the court ruled on April 10.",
                    "The court ruled on April 10, 2025.") == []


def test_only_matched_pairs_are_read_and_each_clash_carries_both_passages():
    text = {"a:0": "The United States sent 238 Venezuelans.", "b:0": "It sent more than 250 Venezuelans.",
            "c:0": "It sent 300 Venezuelans."}
    alignments = [PairScore("a:0", "b:0", 0.9, True), PairScore("a:0", "c:0", 0.3, False)]
    assert find_clashes(alignments, text) == [{
        "a": "a:0", "b": "b:0", "kind": "number", "a_value": "238", "b_value": "more than 250",
        "detail": "238 vs more than 250", "possible": False, "text_a": text["a:0"], "text_b": text["b:0"],
    }]


def test_spans_counted_back_from_the_day_of_writing_do_not_clash():
    assert _clashes("The court ruled four days ago.", "The court ruled five days ago.") == []
    assert _clashes("The flight left four days after the ruling.", "The flight left five days after the ruling.") == [
        ("number", "four", "five")]


def test_counts_of_people_named_two_ways_are_a_possible_clash_shown_with_their_nouns():
    sent = "The United States sent 238 Venezuelans to CECOT in March."
    flown = "More than 250 members of Tren de Aragua were flown to CECOT in March."
    assert _clashes(sent, flown) == []
    assert _possible(sent, flown) == [("number", "238 Venezuelans", "More than 250 members")]
    assert _possible(sent.replace("238", "about 238"), flown) == [
        ("number", "about 238 Venezuelans", "More than 250 members")]
    (clash,) = find_clashes([PairScore("a:0", "b:0", 0.91, True, "overlap")], {"a:0": sent, "b:0": flown})
    assert clash["possible"] is True and clash["detail"] == "238 Venezuelans vs More than 250 members"
    assert _possible(sent, "More than 200 members of Tren de Aragua were flown to CECOT.") == [], "they agree"


def test_about_a_figure_that_only_agrees_through_its_slack_is_a_possible_clash():
    assert _possible("About 238 Venezuelans were sent.", "More than 250 Venezuelans were sent.") == [
        ("number", "About 238", "More than 250")]
    assert _possible("About 240 Venezuelans were sent.", "250 Venezuelans were sent.") == [
        ("number", "About 240", "250")]
    assert _possible("About 240 Venezuelans were sent.", "Some 250 Venezuelans were sent.") == [], "both rough"
    assert _possible("About 250 Venezuelans were sent.", "More than 200 Venezuelans were sent.") == []
    assert passage_clashes("a:0", "Washington pays about $6 million.", "b:0", "Washington pays $6.2 million.") == []


def test_counts_of_other_things_or_of_another_scale_are_no_possible_clash():
    assert _possible("The prison has room for 40,000 inmates.", "The US sent more than 250 men to the prison.") == []
    assert _possible("Three flights carried the men.", "Two planes carried the men.") == []
    assert _possible("The 36-year-old was deported with others.", "The 40 men were deported.") == []
    assert _possible("The two leaders met in the Oval Office.", "The two men met in the Oval Office.") == []


def test_a_possible_clash_shows_each_count_up_to_its_noun_not_a_word_cut_short():
    deported = "The United States deported 238 Venezuelan men to CECOT in March."
    sent = "The United States sent more than 250 alleged gang members to CECOT in March."
    assert _possible(deported, sent) == [("number", "238 Venezuelan men", "more than 250 alleged gang members")]
