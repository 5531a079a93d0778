"""The dashboard's figures on a small hand-made result whose numbers a reader can check."""

from __future__ import annotations

import copy
import re

import pytest

from parallax.plots.colors import OUTLET_PALETTE, SINGLE_OUTLET_COLOR, outlet_colors
from parallax.plots.coverage import coverage_heatmap
from parallax.plots.emphasis import ROW_PX, divergence_chart, emphasis_heatmap, position_chart
from parallax.plots.labels import LABEL_CHARS, outlet_labels
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
    position = position_chart(result).to_dict()["data"]
    assert [t["marker"]["line"]["color"] for t in position] == [colors["a"], colors["b"], colors["c"]]
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
    assert heat["y"] == ["c1", "c2", "c3", "c4"]
    assert heat["x"] == ["a", "b", "c"]
    z = [[None if v is None else round(v, 3) for v in row] for row in heat["z"]]
    assert z == [[1.0, 0.0, 0.333], [0.5, None, 1.0], [0.0, None, None], [None, 1.0, None]]
    assert [list(cd) for cd in picker["customdata"]][:4] == [["c1", "a"], ["c1", "b"], ["c1", "c"], ["c2", "a"]]
    assert len(picker["customdata"]) == 12
    assert "not reported" in picker["text"][4]


def test_emphasis_heatmap_word_share_and_labels():
    fig = emphasis_heatmap(make_result(), mode="word_share").to_dict()
    heat, picker = fig["data"]
    assert [list(row) for row in heat["z"]][1] == [0.3, None, 0.45]
    assert "45.0% of its words" in picker["text"][5]
    ticks = fig["layout"]["yaxis"]["ticktext"]
    assert ticks[3].endswith("…") and len(ticks[3]) <= LABEL_CHARS
    assert "&lt;script&gt;" in ticks[2] and "<script>" not in ticks[2]
    assert "deported Maryland man" in picker["text"][-1], "the full label is in the hover"
    with pytest.raises(ValueError, match="mode"):
        emphasis_heatmap(make_result(), mode="tone")


def test_emphasis_heatmap_grows_with_forty_claims_and_keeps_labels_short():
    result = make_result()
    base = copy.deepcopy(result["claims"][3])
    for n in range(5, 41):
        result["claims"].append({**base, "id": f"c{n}", "label": f"{n} " + LONG_LABEL})
        result["measures"]["claims"][f"c{n}"] = result["measures"]["claims"]["c4"]
    small = emphasis_heatmap(make_result()).to_dict()["layout"]["height"]
    fig = emphasis_heatmap(result).to_dict()
    assert fig["layout"]["height"] >= small + 36 * ROW_PX
    assert all(len(t) <= LABEL_CHARS for t in fig["layout"]["yaxis"]["ticktext"] if "&" not in t)
    assert len(fig["layout"]["yaxis"]["tickvals"]) == 40


def test_position_chart_places_passages_and_colours_them_by_claim():
    traces = position_chart(make_result()).to_dict()["data"]
    a, b, c = traces
    assert list(a["x"]) == [0.0, 0.5, 1.0] and list(a["y"]) == ["a", "a", "a"]
    assert list(c["x"]) == pytest.approx([0, 1 / 3, 2 / 3, 1])
    assert [cd[0] for cd in a["customdata"]] == ["c1", "c2", "c3"]
    assert [cd[0] for cd in c["customdata"]] == ["c2", "", "c1", ""]
    assert a["marker"]["color"][0] == b["marker"]["color"][1] == c["marker"]["color"][2], "c1 shares a colour"
    assert a["marker"]["color"][1] == c["marker"]["color"][0] != a["marker"]["color"][0]
    assert a["marker"]["color"][2] == SINGLE_OUTLET_COLOR
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in a["text"][2] and "<script>" not in a["text"][2]
    assert "passage 2 of 3" in a["text"][1]


def test_divergence_chart_sorts_pairs_from_most_to_least_different():
    (bar,) = divergence_chart(make_result()).to_dict()["data"]
    assert list(bar["y"]) == ["b|c", "a|b", "a|c"]
    assert list(bar["x"]) == [0.8, 0.6, 0.3]
    assert [list(cd) for cd in bar["customdata"]] == [["b", "c"], ["a", "b"], ["a", "c"]]


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
