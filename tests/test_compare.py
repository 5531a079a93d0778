"""The whole analysis on four short articles whose right alignment a reader knows."""

from __future__ import annotations

import pytest

from parallax.compare import ComparisonTooBig, TimeBudgetExceeded, compare
from parallax.model import Article, Event
from parallax.settings import Limits, Settings

ARTICLES = (
    Article(
        "a",
        "Alpha Daily",
        text=(
            "The city council approved a budget of $2 million for road repairs on Tuesday.\n\n"
            "Mayor Lena Ortiz said the repair work would start in May.\n\n"
            "A bakery on Elm Street won a national prize for its sourdough bread."
        ),
        meta={"seed": True},
    ),
    Article(
        "b",
        "Beta Wire",
        text=(
            "On Tuesday, council members voted to spend $2 million fixing the city's roads.\n\n"
            "Repairs will begin in May, according to Mayor Lena Ortiz."
        ),
    ),
    Article(
        "c",
        "Gamma Post",
        text=(
            "Councillors passed a $2 million road repair budget on Tuesday.\n\n"
            "Ortiz, the mayor, said crews would begin fixing the roads in May."
        ),
    ),
    Article(
        "d",
        "Delta News",
        text=(
            "The council backed a $2 million plan on Tuesday to repair the city's roads.\n\n"
            "Volunteers planted two hundred oak trees along the river path last weekend."
        ),
    ),
)


@pytest.fixture(scope="module")
def result(encoder):
    return compare(Event("Road repairs", ARTICLES), Settings(), encoder).result


def _claim_of(result, passage_id):
    return next(c for c in result["claims"] if passage_id in c["passages"])


def test_the_same_fact_in_four_outlets_is_one_claim(result):
    budget = _claim_of(result, "a:0")
    assert set(budget["passages"]) == {"a:0", "b:0", "c:0", "d:0"}
    assert budget["outlets"] == ["a", "b", "c", "d"]


def test_the_start_date_is_paired_but_not_with_the_budget(result):
    start = _claim_of(result, "a:1")
    assert set(start["passages"]) == {"a:1", "b:1", "c:1"}
    matched = {(x["a"], x["b"]) for x in result["alignments"] if x["match"]}
    assert ("a:1", "b:1") in matched
    assert ("a:0", "b:1") not in matched


def test_a_fact_one_outlet_reports_is_flagged_as_only_that_outlet(result):
    assert _claim_of(result, "a:2")["outlets"] == ["a"]
    unique = {(f["article"], f["claim"]) for f in result["findings"] if f["kind"] == "unique"}
    assert ("a", _claim_of(result, "a:2")["id"]) in unique
    assert ("d", _claim_of(result, "d:1")["id"]) in unique
    assert result["measures"]["outlets"]["a"]["unique_claims"] == [_claim_of(result, "a:2")["id"]]


def test_a_fact_every_other_outlet_reports_is_the_missing_outlets_omission(result):
    start = _claim_of(result, "a:1")["id"]
    assert result["measures"]["outlets"]["d"]["omitted_claims"] == [start]
    omission = [f for f in result["findings"] if f["kind"] == "omission"]
    assert [(f["article"], f["claim"]) for f in omission] == [("d", start)]
    assert "Delta News leaves out" in omission[0]["text"] and "three others report" in omission[0]["text"]


def test_result_names_the_reference_and_model(result, encoder):
    assert result["reference"] == "a"
    assert result["model"] == encoder.model_id
    assert result["settings"]["threshold"] == Settings().threshold


def test_a_stricter_threshold_pairs_fewer_passages(encoder):
    # The nine right pairs all score above 0.9: only a strictness below their near misses' (hundredths) adds pairs.
    loose = compare(Event("Road repairs", ARTICLES), Settings(threshold=0.01), encoder).result
    strict = compare(Event("Road repairs", ARTICLES), Settings(threshold=0.9), encoder).result
    nothing = compare(Event("Road repairs", ARTICLES), Settings(threshold=1.0), encoder).result
    count = lambda r: sum(x["match"] for x in r["alignments"])  # noqa: E731
    assert count(strict) < count(loose)
    assert len(strict["claims"]) >= len(loose["claims"])
    assert len(nothing["claims"]) == sum(len(a["passages"]) for a in nothing["articles"]) == 9


def test_more_articles_than_one_comparison_holds_is_refused_by_name(encoder):
    with pytest.raises(ComparisonTooBig, match=r"4 articles is more than one comparison may hold \(3\)"):
        compare(Event("Road repairs", ARTICLES), Settings(), encoder, limits=Limits(max_articles=3))


def test_more_passages_than_one_comparison_holds_asks_for_fewer_articles(encoder):
    too_many = r"make 9 passages, more than one comparison may hold \(8\).*by paragraph"
    with pytest.raises(ComparisonTooBig, match=too_many):
        compare(Event("Road repairs", ARTICLES), Settings(), encoder, limits=Limits(max_passages=8))


def test_a_comparison_past_its_time_budget_stops_with_what_to_do(encoder):
    with pytest.raises(TimeBudgetExceeded, match=r"ran past 0 s, the limit on this server\. Remove some articles"):
        compare(Event("Road repairs", ARTICLES), Settings(), encoder, time_budget_s=0)


def test_a_comparison_leaves_the_cycle_collector_as_it_found_it(encoder):
    import gc

    assert gc.isenabled()
    compare(Event("Road repairs", ARTICLES), Settings(), encoder)
    assert gc.isenabled(), "resumed after a comparison"
    with pytest.raises(ValueError, match="any text"):
        compare(Event("Nothing", [Article(id="x", outlet="X", text="   ")]), Settings(), encoder)
    assert gc.isenabled(), "resumed after a comparison that failed"
