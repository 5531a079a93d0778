"""Clashing facts lens: matched passages whose figures cannot both be true."""

from __future__ import annotations

from parallax.lenses.clashes import find_clashes, passage_clashes
from parallax.model import PairScore


def _clashes(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.a_value, c.b_value) for c in passage_clashes("a:0", a, "b:0", b)]


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
        "detail": "238 vs more than 250", "text_a": text["a:0"], "text_b": text["b:0"],
    }]


def test_spans_counted_back_from_the_day_of_writing_do_not_clash():
    assert _clashes("The court ruled four days ago.", "The court ruled five days ago.") == []
    assert _clashes("The flight left four days after the ruling.", "The flight left five days after the ruling.") == [
        ("number", "four", "five")]
