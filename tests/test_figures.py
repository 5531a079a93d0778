"""The dashboard's figures on a small hand-made result whose numbers a reader can check."""

from __future__ import annotations

import copy
import re

import pytest

from parallax.plots.colors import OUTLET_PALETTE, outlet_colors
from parallax.plots.coverage import coverage_heatmap
from parallax.plots.emphasis import (
    LABEL_WIDTH,
    ROW_PX,
    TOP_CLAIMS,
    divergence_chart,
    emphasis_heatmap,
    position_chart,
    ranked_claims,
)
from parallax.plots.labels import outlet_labels, setting_rows, settings_line
from parallax.plots.style import STAMP_PX, stamp_figure
from tests.helpers import LONG_LABEL, make_result


def _tick_colors(ticktext: list[str]) -> list[list[str]]:
    return [re.findall(r"color:(#[0-9A-Fa-f]{6})", t) for t in ticktext]


def test_coverage_heatmap_is_symmetric_with_a_blank_diagonal():
    result = make_result()
    (heat,) = coverage_heatmap(result).to_dict()["data"]
    assert heat["x"] == ["a", "b", "c"]
    assert [list(row) for row in heat["z"]] == [[None, 0.25, 0.5], [0.25, None, 0.2], [0.5, 0.2, None]]
    assert "25% of their claims in common" in heat["text"][0][1]


def test_outlet_names_are_escaped_and_coloured_the_same_in_every_figure():
    result = make_result()
    colors = outlet_colors(result)
    assert len(set(colors.values())) == 3
    coverage = coverage_heatmap(result).to_dict()["layout"]["xaxis"]
    assert "Beta &lt;News&gt;" in coverage["ticktext"][1] and "<News>" not in coverage["ticktext"][1]
    assert _tick_colors(coverage["ticktext"]) == [[colors["a"]], [colors["b"]], [colors["c"]]]
    position = position_chart(result).to_dict()["data"][1:]
    assert [t["marker"]["color"] for t in position] == [colors["a"], colors["b"], colors["c"]]
    divergence = divergence_chart(result).to_dict()["layout"]["yaxis"]
    assert _tick_colors(divergence["ticktext"])[0] == [colors["b"], colors["c"]]


def test_outlet_colours_stay_put_when_another_outlet_is_removed():
    result = make_result()
    before = outlet_colors(result)
    result["articles"] = [a for a in result["articles"] if a["id"] != "b"]
    after = outlet_colors(result)
    assert after == {"a": before["a"], "c": before["c"]}
    many = {"articles": [{"id": f"outlet-{i}"} for i in range(len(OUTLET_PALETTE))]}
    assert len(set(outlet_colors(many).values())) == len(OUTLET_PALETTE)


def test_emphasis_heatmap_prominence_leaves_unreported_cells_empty():
    fig = emphasis_heatmap(make_result(), mode="prominence").to_dict()
    heat, picker = fig["data"]
    assert heat["x"] == ["a", "b", "c"]
    rows = dict(zip(heat["y"], ([None if v is None else round(v, 3) for v in row] for row in heat["z"]), strict=True))
    assert rows == {"c1": [1.0, 0.0, 0.333], "c2": [0.5, None, 1.0], "c3": [0.0, None, None], "c4": [None, 1.0, None]}
    first = heat["y"][0]
    assert [list(cd) for cd in picker["customdata"]][:3] == [[first, "a"], [first, "b"], [first, "c"]]
    assert len(picker["customdata"]) == 12
    assert sum("not reported" in t for t in picker["text"]) == 5


def test_the_claims_outlets_treat_most_differently_come_first_shared_ones_before_single_ones():
    result = make_result()
    # Prominence (0 where left out): c1 is the lead of a, the end of b, a third down c (spread 0.42);
    # c2 is half-way in a, c's lead and missing from b (0.41); c4 and c3 are single-outlet claims.
    assert [c["id"] for c in ranked_claims(result, "prominence")] == ["c1", "c2", "c4", "c3"]
    # By share of words c2 (30%, none, 45%) differs more than c1 (40%, 50%, 25%).
    assert [c["id"] for c in ranked_claims(result, "word_share")] == ["c2", "c1", "c4", "c3"]
    assert emphasis_heatmap(result, "word_share").to_dict()["data"][0]["y"] == ["c2", "c1", "c4", "c3"]
    assert emphasis_heatmap(result, "prominence", top=2).to_dict()["data"][0]["y"] == ["c1", "c2"]


def test_emphasis_heatmap_prints_its_values_on_a_scale_fitted_to_them():
    heat = emphasis_heatmap(make_result(), mode="word_share").to_dict()["data"][0]
    assert (heat["zmin"], heat["zmax"]) == (0.25, 0.5), "the scale spans the shares shown, not 0 to 1"
    assert heat["texttemplate"] == "%{z:.0%}" and heat["colorbar"]["tickformat"] == ".0%"
    heat = emphasis_heatmap(make_result(), mode="prominence").to_dict()["data"][0]
    assert (heat["zmin"], heat["zmax"]) == (0.0, 1.0) and heat["texttemplate"] == "%{z:.2f}"


def test_emphasis_heatmap_word_share_and_labels():
    fig = emphasis_heatmap(make_result(), mode="word_share").to_dict()
    heat, picker = fig["data"]
    assert [list(row) for row in heat["z"]][0] == [0.3, None, 0.45]
    assert "45.0% of its words" in picker["text"][2]
    ticks = dict(zip(fig["layout"]["yaxis"]["tickvals"], fig["layout"]["yaxis"]["ticktext"], strict=True))
    lines = ticks["c4"].split("<br>")
    assert len(lines) == 2 and all(len(line) <= LABEL_WIDTH for line in lines)
    assert " ".join(lines) == LONG_LABEL, "a long label is wrapped onto two lines, not cut"
    assert "&lt;script&gt;" in ticks["c3"] and "<script>" not in ticks["c3"]
    assert "deported Maryland man" in picker["text"][-4], "the full label is in the hover"
    with pytest.raises(ValueError, match="mode"):
        emphasis_heatmap(make_result(), mode="tone")


def test_outlet_names_over_heatmap_columns_are_level_and_wrapped():
    result = make_result()
    result["articles"][0]["outlet"] = "The Very Long Outlet Name Gazette"
    xaxis = emphasis_heatmap(result).to_dict()["layout"]["xaxis"]
    assert xaxis["tickangle"] == 0 and xaxis["side"] == "top"
    assert xaxis["ticktext"][0].count("<br>") >= 1, "a long outlet name breaks onto lines instead of slanting"
    assert coverage_heatmap(result).to_dict()["layout"]["xaxis"]["tickangle"] == 0


def _forty_claims() -> dict:
    result = make_result()
    base = copy.deepcopy(result["claims"][3])
    for n in range(5, 41):
        result["claims"].append({**base, "id": f"c{n}", "label": f"{n} " + LONG_LABEL})
        result["measures"]["claims"][f"c{n}"] = result["measures"]["claims"]["c4"]
    return result


def test_emphasis_heatmap_shows_the_top_claims_and_all_forty_when_asked():
    result = _forty_claims()
    top = emphasis_heatmap(result).to_dict()
    assert len(top["layout"]["yaxis"]["tickvals"]) == TOP_CLAIMS
    every = emphasis_heatmap(result, top=None).to_dict()
    assert len(every["layout"]["yaxis"]["tickvals"]) == 40
    assert every["layout"]["height"] >= top["layout"]["height"] + (40 - TOP_CLAIMS) * ROW_PX
    assert all(
        len(line) <= LABEL_WIDTH
        for t in every["layout"]["yaxis"]["ticktext"]
        for line in t.split("<br>")
        if "&" not in line
    )


def test_position_chart_places_each_outlet_on_the_shared_claims_widest_apart_first():
    result = make_result()
    colors = outlet_colors(result)
    spans, a, b, c = position_chart(result).to_dict()["data"]
    # c1: lead of a, last of b, two thirds down c (apart by 1); c2: half-way in a, lead of c (apart by 0.5).
    assert list(a["y"]) == ["c1", "c2"] and list(a["x"]) == [0.0, 0.5]
    assert list(b["y"]) == ["c1"] and list(b["x"]) == [1.0], "b does not report c2: no dot"
    assert list(c["y"]) == ["c1", "c2"] and list(c["x"]) == pytest.approx([2 / 3, 0.0])
    assert list(spans["x"]) == [0.0, 1.0, None, 0.0, 0.5, None]
    assert [list(cd) for cd in a["customdata"]] == [["c1", "a:0"], ["c2", "a:1"]]
    assert [list(cd) for cd in c["customdata"]] == [["c1", "c:2"], ["c2", "c:0"]]
    assert [t["marker"]["color"] for t in (a, b, c)] == [colors["a"], colors["b"], colors["c"]]
    assert [t["name"] for t in (a, b, c)] == ["Alpha Times", "Beta &lt;News&gt;", "Gamma Post"]
    assert "its lead" in a["text"][0] and "50% of the way down" in a["text"][1]
    assert position_chart(result, top=1).to_dict()["layout"]["yaxis"]["tickvals"] == ["c1"]


def test_divergence_chart_sorts_pairs_and_names_the_claim_that_sets_each_pair_apart():
    (bar,) = divergence_chart(make_result()).to_dict()["data"]
    assert list(bar["y"]) == ["b|c", "a|b", "a|c"]
    assert list(bar["x"]) == [0.8, 0.6, 0.3]
    assert [list(cd) for cd in bar["customdata"]] == [["b", "c"], ["a", "b"], ["a", "c"]]
    # b gives c4 half its words and c none; a gives c3 30% and c none: the widest gaps in share of words.
    assert bar["text"][0].startswith("0.80 · most apart on: The Supreme Court ruled") and bar["text"][0].endswith("…")
    assert len(bar["text"][0]) > len(bar["text"][1]) > len(bar["text"][2]), "a longer bar holds more words"
    assert bar["text"][2] == "0.30", "a short bar holds only its value"
    assert "30% vs 0%: A &lt;script&gt;alert(1)&lt;/script&gt; tag is only text." in bar["hovertext"][2]
    assert "50% vs 0%" in bar["hovertext"][0]
    assert (bar["marker"]["cmin"], bar["marker"]["cmax"]) == (0.3, 0.8), "the shades span the pairs shown"
    assert list(bar["marker"]["color"]) == [0.8, 0.6, 0.3]


def test_coverage_heatmap_colours_span_the_shares_present_and_print_them():
    (heat,) = coverage_heatmap(make_result()).to_dict()["data"]
    assert (heat["zmin"], heat["zmax"]) == (0.2, 0.5)
    assert heat["texttemplate"] == "%{z:.0%}"


def test_a_pictured_chart_names_its_event_and_settings_under_the_title():
    result = {
        **make_result(),
        "event": "Bridge <b>reopens</b>",
        "model": "all-MiniLM-L6-v2",
        "settings": {"model": "all-MiniLM-L6-v2", "threshold": 0.5, "passage_size": "sentence"},
    }
    fig = divergence_chart(result)
    stamped = stamp_figure(fig, settings_line(result)).to_dict()["layout"]
    title = stamped["title"]["text"]
    assert title.startswith("How differently each pair of outlets")
    assert (
        "Bridge &lt;b&gt;reopens&lt;/b&gt; · Embedding model: all-MiniLM-L6-v2 · Match strictness: 0.50 · "
        "Compared by: sentence" in title
    )
    assert "passage_size" not in title
    assert stamped["height"] == fig.layout.height + STAMP_PX
    assert stamped["margin"]["t"] == fig.layout.margin.t + STAMP_PX
    assert fig.layout.title.text.startswith("How") and "Bridge" not in fig.layout.title.text, "the chart is unchanged"


def test_settings_read_as_the_sidebar_names_them():
    rows = setting_rows({"threshold": 0.55, "passage_size": "paragraph", "backend": "torch", "new_knob": 3})
    assert rows == [
        ("Match strictness", "0.55"),
        ("Compared by", "paragraph"),
        ("Model runs on", "torch (reference)"),
        ("New knob", "3"),
    ]


@pytest.mark.parametrize("build", [coverage_heatmap, emphasis_heatmap, position_chart, divergence_chart])
def test_every_figure_has_a_title_axis_titles_and_a_transparent_background(build):
    layout = build(make_result()).to_dict()["layout"]
    assert layout["title"]["text"]
    assert layout["xaxis"]["title"]["text"] and layout["yaxis"]["title"]["text"]
    assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == "rgba(0,0,0,0)"


def test_outlets_sharing_a_name_are_told_apart():
    result = make_result()
    result["articles"][2]["outlet"] = "Alpha Times"
    assert outlet_labels(result) == {"a": "Alpha Times (a)", "b": "Beta <News>", "c": "Alpha Times (c)"}
