"""The Overview page's findings, summary line and outlet table on the hand-made bridge comparison."""

from __future__ import annotations

import re

from parallax.plots.colors import contrast_ratio
from parallax.plots.coverage import SHARED_SCALE
from parallax.views.overview import CONTEXT_CHARS, finding_sections, holds_note, outlet_rows, overlap_table, summary
from tests.helpers import hand_result


def test_the_summary_counts_outlets_claims_and_what_everyone_reports():
    assert summary(hand_result()) == (
        "Elm Street bridge reopens · 3 outlets · 4 claims, 1 reported by every outlet · reference: Daily Planet")


def test_the_reference_articles_findings_come_first_in_their_own_section():
    result = hand_result()
    result["findings"].append({"kind": "unique", "article": "b", "claim": "c9", "text": "Of a claim since dropped."})
    reference, others = finding_sections(result)
    assert reference.heading == "Daily Planet, the reference"
    assert [(f.number, f.claim["id"]) for f in reference.findings] == [(0, "c3")]
    assert others.heading == "The other outlets"
    assert [(f.number, f.kind, f.claim["id"]) for f in others.findings] == [(1, "omission", "c2"), (2, "lead", "c2")]
    result["findings"] = []
    assert [s.findings for s in finding_sections(result)] == [(), ()], "empty sections stay, so the page can say so"


def test_a_finding_shows_its_passage_between_the_sentences_around_it():
    result = hand_result()
    result["findings"][1]["passage"] = "a:1"
    _, others = finding_sections(result)
    omission = others.findings[0].context
    assert (omission.outlet, omission.position) == ("Daily Planet", 2)
    assert omission.before == "The Elm Street bridge reopened on Monday after six months of repairs."
    assert omission.passage == "The repairs cost $4 million, the city said."
    assert omission.after == "Mayor Lee cut the ribbon."


def test_a_finding_saved_without_its_passage_shows_its_claims_passage_in_its_own_article():
    reference, others = finding_sections(hand_result())
    mayor = reference.findings[0].context
    assert (mayor.outlet, mayor.passage, mayor.after) == ("Daily Planet", "Mayor Lee cut the ribbon.", "")
    assert mayor.before == "The repairs cost $4 million, the city said."
    lead = others.findings[1].context
    assert (lead.outlet, lead.before) == ("Morning Star", "")
    assert lead.passage == "The city spent $4 million fixing the Elm Street bridge."
    omitted = others.findings[0].context
    assert omitted.outlet == "Daily Planet", "The Ledger has no passage of what it leaves out: the claim's first shows"


def test_long_neighbours_are_cut_keeping_the_words_nearest_the_passage():
    result = hand_result()
    passages = result["articles"][0]["passages"]
    passages[0]["text"] = "Crowds gathered early. " * 30 + "The bridge opened."
    passages[2]["text"] = "The ribbon fell. " + "Traffic moved slowly. " * 30
    result["findings"][0]["passage"] = "a:1"
    context = finding_sections(result)[0].findings[0].context
    assert context.before.startswith("…") and context.before.endswith("The bridge opened.")
    assert context.after.startswith("The ribbon fell.") and context.after.endswith("…")
    assert len(context.before) <= CONTEXT_CHARS and len(context.after) <= CONTEXT_CHARS


def test_whether_a_finding_holds_is_said_at_the_strictness_either_side():
    result = hand_result()
    result["findings"][0]["holds"] = True
    result["findings"][1]["holds"] = False
    reference, others = finding_sections(result)
    assert holds_note(result, reference.findings[0]) == "holds at strictness 0.4 and 0.6"
    assert holds_note(result, others.findings[0]) == "changes at strictness 0.4 or 0.6"
    assert holds_note(result, others.findings[1]) == "", "a result that did not check says nothing"


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


def test_the_overlap_table_is_symmetric_blank_on_the_diagonal_and_shaded_for_white_figures():
    result = hand_result()
    table = overlap_table(result)
    assert table.outlets == [a["outlet"] for a in result["articles"]]
    n = len(table.outlets)
    assert [table.shares[i][i] for i in range(n)] == [None] * n
    assert [table.styles[i][i] for i in range(n)] == [""] * n, "an outlet against itself is left plain"
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j]
    assert all(table.shares[i][j] == table.shares[j][i] for i, j in pairs)
    shades = {table.shares[i][j]: table.styles[i][j] for i, j in pairs}
    low, high = min(shades), max(shades)
    assert low < high, "the fixture has pairs that share more and less"
    assert shades[low].startswith(f"background-color: {_rgb(SHARED_SCALE[0][1])}")
    assert shades[high].startswith(f"background-color: {_rgb(SHARED_SCALE[-1][1])}"), "the scale spans the shares"
    for style in shades.values():
        background = re.search(r"rgb\((\d+), ?(\d+), ?(\d+)\)", style)
        assert background and style.endswith("color: white")
        shade = "#" + "".join(f"{int(v):02X}" for v in background.groups())
        assert contrast_ratio("#FFFFFF", shade) >= 4.5, "white figures stay readable on every shade"


def _rgb(hex_colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(hex_colour[k : k + 2], 16) for k in (1, 3, 5)))
