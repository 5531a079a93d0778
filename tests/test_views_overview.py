"""The Overview page's findings, summary line and outlet table on the hand-made bridge comparison."""

from __future__ import annotations

from parallax.views.overview import KINDS, finding_groups, outlet_rows, summary
from tests.helpers import hand_result


def test_the_summary_counts_outlets_claims_and_what_everyone_reports():
    assert summary(hand_result()) == (
        "Elm Street bridge reopens · 3 outlets · 4 claims, 1 reported by every outlet · reference: Daily Planet")


def test_findings_are_grouped_by_kind_in_the_pages_order_and_keep_their_place_and_claim():
    result = hand_result()
    result["findings"].append({"kind": "unique", "article": "b", "claim": "c9", "text": "Of a claim since dropped."})
    groups = finding_groups(result)
    assert [(g.kind, g.heading) for g in groups] == list(KINDS.items())
    assert [[(f.number, f.claim["id"]) for f in g.findings] for g in groups] == [[(2, "c2")], [(1, "c2")], [(0, "c3")]]
    assert groups[0].findings[0].text == "Morning Star leads with the cost."
    result["findings"] = []
    assert [g.findings for g in finding_groups(result)] == [(), (), ()], "empty groups stay, so the page can say so"


def test_the_outlet_table_has_a_row_per_article_with_its_figures_and_opening():
    rows = outlet_rows(hand_result())
    assert [r["Outlet"] for r in rows] == ["Daily Planet", "The Ledger", "Morning Star"]
    assert [r["Reference"] for r in rows] == [True, False, False]
    assert [(r["Words"], r["Passages"], r["Claims"]) for r in rows] == [(25, 3, 3), (23, 2, 2), (14, 2, 2)]
    assert [(r["Only this outlet"], r["Leaves out"]) for r in rows] == [(1, 0), (1, 1), (0, 0)]
    assert rows[0]["Leads with"] == "The Elm Street bridge reopened on Monday after six months of repairs."


def test_an_opening_that_is_no_claim_leads_with_nothing_and_a_long_one_is_clipped():
    result = hand_result()
    result["measures"]["outlets"]["c"]["lead_claim"] = None
    result["articles"][1]["passages"][0]["text"] = "word " * 40
    rows = outlet_rows(result)
    assert rows[2]["Leads with"] == ""
    assert rows[1]["Leads with"].endswith("…") and len(rows[1]["Leads with"]) <= 90
