"""Figures in news text: what is found, how it is normalised, and when two of them agree or clash."""

import math

import pytest

from parallax.text.numbers import (
    Quantity,
    counted_noun,
    counted_noun_at,
    extract_quantities,
    interval,
    quantities_agree,
)


def only(text: str) -> Quantity:
    """The single figure in `text`."""
    found = extract_quantities(text)
    assert len(found) == 1, found
    return found[0]


def agree(a: str, b: str) -> bool | None:
    return quantities_agree(only(a), only(b))


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("CECOT can hold 40,000 inmates.", 40_000, "number"),
        ("It holds 40000 inmates.", 40_000, "number"),
        ("The payment was $6 million.", 6e6, "money"),
        ("The payment was $6m.", 6e6, "money"),
        ("They paid six million dollars.", 6e6, "money"),
        ("The fee rose to €2.5bn.", 2.5e9, "money"),
        ("Turnout fell 10 percent.", 10, "percent"),
        ("Turnout fell 10%.", 10, "percent"),
        ("Turnout fell 10 per cent.", 10, "percent"),
        ("The flight carried two hundred thirty-eight men.", 238, "number"),
        ("A dozen reporters waited.", 12, "number"),
        ("Twenty-one people were hurt.", 21, "number"),
        ("It covers 1.5 million people.", 1.5e6, "number"),
        ("The quake measured 6.1 on the scale.", 6.1, "number"),
    ],
)
def test_figures_are_read_with_their_kind_and_value(text, value, kind):
    q = only(text)
    assert (q.value, q.kind) == (pytest.approx(value), kind)
    assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The court ruled on April 10.", "--04-10"),
        ("The court ruled on 10 April 2025.", "2025-04-10"),
        ("The court ruled on April 10, 2025.", "2025-04-10"),
        ("The court ruled on Apr. 10.", "--04-10"),
        ("A state of exception since March 2022.", "2022-03"),
        ("The men were flown out in March.", "--03"),
        ("Published 2025-04-14.", "2025-04-14"),
        ("The leaders met on Monday.", "monday"),
    ],
)
def test_dates_get_a_normalised_key(text, key):
    q = only(text)
    assert (q.kind, q.key) == ("date", key)


@pytest.mark.parametrize(
    "text",
    ["Many were held under the 1798 Alien Enemies Act.", "A 2019 court order barred it.", "He was deported in 2019."],
)
def test_four_digit_years_are_years(text):
    q = only(text)
    assert q.kind == "year" and q.key == q.text


def test_a_four_digit_count_of_people_is_a_number():
    assert only("Police said 1500 soldiers were sent.").kind == "number"


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("More than 200 Venezuelans were sent.", "more than"),
        ("It cost about $6 million.", "about"),
        ("Nearly 250 men were held.", "nearly"),
        ("At least 12 died.", "at least"),
        ("Up to 300 may be held.", "up to"),
        ("Some 40,000 inmates are held.", "some"),
        ("Over 200 were sent.", "over"),
        ("There were 300 or more.", "or more"),
    ],
)
def test_qualifiers_are_kept(text, qualifier):
    assert only(text).qualifier == qualifier


def test_ranges_keep_both_ends():
    q = only("Between 200 and 300 people were moved.")
    assert (q.value, q.upper, q.qualifier) == (200, 300, "between")
    assert only("Prices rose 10-15%.").kind == "percent"


@pytest.mark.parametrize(
    "text",
    [
        "COVID-19 spread.",
        "An F-16 flew over.",
        "The G7 met.",
        "After 9/11 it changed.",
        "They met at 10:30.",
        "It opened at 7 p.m.",
        "One of them spoke.",
        "Thousands protested.",
        "In the 1990s it grew.",
        "They live on 97th Avenue.",
        "May I ask a question?",
    ],
)
def test_things_that_are_not_figures_are_skipped(text):
    assert extract_quantities(text) == []


def test_several_figures_come_in_order_with_offsets():
    text = "More than 200 Venezuelans were sent in March 2025 under the 1798 law, for about $6 million."
    found = extract_quantities(text)
    assert [(q.kind, q.text) for q in found] == [
        ("number", "200"),
        ("date", "March 2025"),
        ("year", "1798"),
        ("money", "$6 million"),
    ]
    assert found[0].unit == "venezuelan"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("238 men", "more than 250 men", False),
        ("238 men", "two hundred thirty-eight men", True),
        ("more than 200 men", "238 men", True),
        ("40,000 inmates", "40000 inmates", True),
        ("40,000 inmates", "40,212 inmates", False),
        ("$6 million", "$6,000,000", True),
        ("$6 million", "$6.2 million", True),
        ("$6 million", "$7 million", False),
        ("about $6 million", "$6.5 million", True),
        ("about $6 million", "$7 million", False),
        ("nearly 250 men", "238 men", True),
        ("nearly 250 men", "251 men", False),
        ("more than 250 men", "250 men", False),
        ("at least 250 men", "250 men", True),
        ("fewer than 100 men", "100 men", False),
        ("up to 100 men", "100 men", True),
        ("between 200 and 300 men", "238 men", True),
        ("between 200 and 300 men", "350 men", False),
        ("more than 200 men", "about 250 men", True),
        ("more than 200 men", "fewer than 100 men", False),
        ("10%", "10 percent", True),
        ("10%", "12%", False),
    ],
)
def test_figures_agree_within_their_precision_and_qualifiers(a, b, expected):
    assert agree(a, b) is expected
    assert agree(b, a) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("on April 10", "on 10 April 2025", True),
        ("on April 10", "on April 14", False),
        ("since March 2022", "in March 2025", False),
        ("on Monday", "on April 14, 2025", True),
        ("on Tuesday", "on April 14, 2025", False),
        ("on Monday", "on Tuesday", False),
        ("in 2019", "in 2019", True),
        ("in 2019", "in 2020", False),
    ],
)
def test_dates_agree_on_the_parts_both_state(a, b, expected):
    assert agree(a, b) is expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("$6 million", "6 million people"),
        ("10%", "10 people"),
        ("in 2019", "in March 2019"),
        ("on Monday", "on April 14"),
        ("10 people", "seven villages"),
    ],
)
def test_figures_of_different_things_do_not_compare(a, b):
    assert agree(a, b) is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The 3 new detention centres", "centre"),  # modifiers skipped, the head read: not "new", not "detention"
        ("238 Venezuelan men deported", "men"),
        ("seven villages burned", "village"),
        ("10 other people died", "people"),
        ("Four of the dead were in a car", "dead"),
        ("a 36-year-old man", "year"),
        ("a 412-vote lead survives", "vote"),
        ("1 detention centre", "detention"),
        ("250 were deported", None),
        ("12 casualties were reported", "casualty"),
        ("1 casualty was reported", "casualty"),
        ("3 new factories closed", "factory"),
        ("two movies opened", "movie"),
    ],
)
def test_the_unit_is_the_head_of_the_counted_noun_phrase(text, unit):
    assert only(text).unit == unit


def test_counted_noun_reads_the_same_noun_after_any_figure():
    text = "The 3 new detention centres cost $6 million under a 2019 court order; 18% of patients left."
    assert [counted_noun(text, q) for q in extract_quantities(text)] == ["centre", None, "court", "patient"]


def test_counted_noun_at_points_to_the_word_the_noun_was_read_from():
    text = "The 3 new detention centres cost $6 million; 12 casualties and a 36-year-old man; 250 were deported."
    found = {q.text: counted_noun_at(text, q) for q in extract_quantities(text)}
    assert text[found["3"]:].startswith("centres"), "the plural head, past its modifiers"
    assert text[found["12"]:].startswith("casualties"), "the word as written, not its singular"
    assert text[found["36"]:].startswith("year-old")
    assert found["250"] is None


def test_one_casualty_and_three_casualties_count_the_same_thing():
    assert agree("1 casualty", "3 casualties") is False
    assert agree("3 casualties", "three casualties") is True


def test_counted_nouns_can_be_ignored():
    assert quantities_agree(only("10 people"), only("10 dead"), units=False) is True
    assert quantities_agree(only("10 people"), only("seven villages"), units=False) is False


def test_interval_shows_the_range_a_qualifier_allows():
    assert interval(only("more than 250 men")) == (250, False, math.inf, False)
    low, _, high, _ = interval(only("about 6 million"))
    assert (low, high) == (pytest.approx(5.4e6), pytest.approx(6.6e6))
    assert interval(only("238 men")) == (238, True, 238, True)
