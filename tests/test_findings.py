"""Findings rank what a reader would call news first, never stand on a fragment, and say whether they hold."""

from __future__ import annotations

import pytest

from parallax.claims import group_claims
from parallax.findings import findings, strictness_around, substance
from parallax.lenses.clashes import find_clashes
from parallax.measures import measure
from parallax.model import PairScore
from tests.helpers import passages_of

NAMES = {"r": "Harbour Gazette", "b": "Quay Courier", "c": "Tideline News", "d": "Pier Post", "e": "Ebb Times"}
TEXTS = {
    "r": (
        "Dockworkers at the port of Valmora walked out on Tuesday over a pay dispute with the harbour authority.",
        "Union leader Ines Arkwright said 1,200 members had joined the strike.",
        "Arkwright did not smile.",
        "The mayor of Valmora, Teodor Brisk, promised to meet both sides of the dispute on Friday.",
    ),
    "b": (
        "Ines Arkwright, who leads the dockworkers' union, said 1,200 members had stopped work.",
        "The walkout at Valmora's port began on Tuesday after pay talks with the harbour authority collapsed.",
        "Cargo ships queued outside the harbour as cranes stood idle along the quay all afternoon.",
        "The harbour authority said it would not raise its pay offer of 3 percent.",
    ),
    "c": (
        "Port workers in Valmora went on strike on Tuesday in a row over wages.",
        "About 900 members joined the stoppage, Arkwright said.",
        "The authority refused to go beyond its 3 percent offer.",
    ),
    "d": (
        "Fishermen in Valmora's old harbour said the strike had not touched their morning catch of sardines.",
        "The harbour authority has offered a 3 percent pay rise and says it will go no further.",
        "Officials at city hall planned talks with both sides later in the week.",
    ),
    "e": ("Ferry crossings to the island of Morrow ran as usual, the ferry company Brightwake said.",),
}
SCORES = {
    ("r:0", "b:1"): 0.9, ("r:0", "c:0"): 0.85, ("b:1", "c:0"): 0.88,
    ("r:1", "b:0"): 0.92, ("r:1", "c:1"): 0.8, ("b:0", "c:1"): 0.78,
    ("b:3", "c:2"): 0.9, ("b:3", "d:1"): 0.86, ("c:2", "d:1"): 0.84,
    ("r:3", "d:2"): 0.45,
}
"""Pair scores a reader would give: the walkout, the union's count and the pay offer each told three times;
the mayor's promise and city hall's talks nearly one fact (just under the 0.5 strictness)."""


def _findings(outlets=("r", "b", "c", "d"), scores=SCORES, threshold=0.5, reference="r", check=True, clashes=None):
    passages = {aid: passages_of(aid, *TEXTS[aid]) for aid in outlets}
    pairs = [PairScore(a, b, s, s >= threshold) for (a, b), s in scores.items()]
    claims = group_claims(passages, pairs, threshold, reference=reference)
    if clashes is None:
        clashes = find_clashes(pairs, {p.id: p.text for ps in passages.values() for p in ps})
    found = findings(passages, claims, measure(passages, claims, pairs), NAMES, alignments=pairs,
                     threshold=threshold if check else None, reference=reference, clashes=clashes)
    return found, {c.id: c for c in claims}


def _about(found, passage):
    return [f for f in found if f["passage"] == passage]


def test_a_fragment_never_stands_alone_and_a_named_fact_does():
    found, _ = _findings()
    assert _about(found, "r:2") == [], "“Arkwright did not smile.” is too thin to be news"
    (mayor,) = _about(found, "r:3")
    assert mayor["kind"] == "unique" and mayor["text"].startswith("Only Harbour Gazette reports “The mayor of Valmora")
    assert substance("Arkwright did not smile.").fragment
    assert substance("Critics say the plan leaves the port without a say.").fragment, "no name, no figure, few words"
    assert not substance("Cargo ships queued outside the harbour as cranes stood idle along the quay.").fragment


def test_the_reference_findings_come_first_headed_by_its_lead():
    found, _ = _findings()
    articles = [f["article"] for f in found]
    assert articles[: articles.count("r")] == ["r"] * articles.count("r")
    assert found[0]["kind"] == "lead" and found[0]["passage"] == "r:0"
    assert found[0]["text"].endswith(", as does Tideline News"), "the reference's lead says who opens with it too"
    again, _ = _findings(reference="b")
    assert again[0]["article"] == "b" and again[0]["kind"] == "lead"


def test_leaving_out_what_most_others_report_outranks_an_outlets_own_detail():
    found, claims = _findings()
    (omitted,) = [f for f in found if f["article"] == "r" and f["kind"] == "omission"]
    assert claims[omitted["claim"]].outlets == ("b", "c", "d")
    assert omitted["text"].startswith("Harbour Gazette leaves out “")
    assert omitted["text"].endswith("which three others report")
    assert found.index(omitted) < found.index(_about(found, "r:3")[0])
    pier = [f["kind"] for f in found if f["article"] == "d"]
    assert pier.index("omission") < pier.index("unique")


def test_other_outlets_leaving_out_one_fact_share_one_finding():
    found, claims = _findings(outlets=("r", "b", "c", "d", "e"))
    walkout = [f for f in found if f["kind"] == "omission" and "r:0" in claims[f["claim"]].passages]
    assert [f["text"].split(" out “")[0] for f in walkout] == ["Pier Post and Ebb Times leave"]


def test_clashing_figures_are_told_from_the_reference_side():
    found, claims = _findings()
    clash = next(f for f in found if f["kind"] == "clash")
    assert clash["article"] == "r" and clash["passage"] == "r:1" and "r:1" in claims[clash["claim"]].passages
    assert clash["text"] == "Harbour Gazette gives “1,200” where Tideline News gives “About 900”"


def test_a_possible_clash_says_so_and_ranks_below_a_certain_one():
    clashes = [
        {"a": "r:1", "b": "c:1", "kind": "number", "a_value": "1,200", "b_value": "About 900", "possible": False},
        {"a": "b:0", "b": "c:1", "kind": "number", "a_value": "1,200 members", "b_value": "About 900 workers",
         "possible": True},
    ]
    found, _ = _findings(clashes=clashes, reference="c")
    told = [f["text"] for f in found if f["kind"] == "clash"]
    assert told == [
        "Tideline News gives “About 900” where Harbour Gazette gives “1,200”",
        "Possibly different figures: Tideline News gives “About 900 workers” where Quay Courier gives “1,200 members”",
    ]


def test_a_lead_no_one_else_opens_with_is_a_finding_and_a_shared_one_is_not():
    leads = {f["article"]: f["text"] for f in _findings()[0] if f["kind"] == "lead"}
    assert set(leads) == {"r", "b", "d"}, "Tideline News opens with the walkout, as the reference does"
    assert leads["b"].endswith("; no other outlet opens with it")
    assert leads["d"].endswith(", which no other outlet reports")


def test_a_single_outlet_fact_with_a_name_figure_or_quote_ranks_before_one_with_none():
    found, _ = _findings()
    others = [f for f in found if f["article"] != "r"]
    assert {f["passage"] for f in others[-2:]} == {"b:2", "d:2"}, "cargo ships and city hall's talks come last"


def test_each_finding_points_at_a_passage_of_its_claim():
    found, claims = _findings()
    assert found and all(f["passage"] in claims[f["claim"]].passages for f in found)
    omissions = [f for f in found if f["kind"] == "omission"]
    assert omissions and all(f["passage"].split(":")[0] != f["article"] for f in omissions)


def test_a_finding_holds_only_if_it_stands_a_step_stricter_and_a_step_looser():
    found, _ = _findings()
    assert _about(found, "r:3")[0]["holds"] is False, "at 0.4 the mayor's promise meets city hall's talks"
    assert _about(found, "r:1")[0]["holds"] is True, "the count clash is matched at 0.8, well clear of 0.6"
    apart, _ = _findings(scores={**SCORES, ("r:3", "d:2"): 0.2})
    assert _about(apart, "r:3")[0]["holds"] is True
    unchecked, _ = _findings(check=False)
    assert {f["holds"] for f in unchecked} == {None}


@pytest.mark.parametrize(
    ("threshold", "around"), [(0.5, (0.4, 0.6)), (0.95, (0.85, 1.0)), (1.0, (0.9,)), (0.0, (0.1,))]
)
def test_strictness_is_checked_a_step_either_side_within_0_and_1(threshold, around):
    assert strictness_around(threshold) == around


def test_substance_counts_names_figures_and_quotes_but_not_weekdays_or_ordinary_words():
    quoted = substance('"We will not move an inch," said Ines Arkwright on Tuesday.')
    assert (quoted.names, quoted.figures, quoted.quote) == (1, 0, True)
    assert substance("The authority offered 3 percent on Tuesday.").figures == 1
    assert substance("Supporters of the plan rallied.", frozenset({"supporters"})).names == 0
    assert substance("Cargo ships queued.", frozenset({"cargo"})).names == 0
