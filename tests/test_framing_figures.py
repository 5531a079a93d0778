"""The framing figures on a small hand-made result whose lens numbers a reader can check."""

from __future__ import annotations

import html

import pytest

from parallax.lenses import parse_axis
from parallax.lenses.axes import axis_summary
from parallax.plots.colors import outlet_colors
from parallax.plots.spread import axis_chart, tone_chart
from parallax.plots.voices import voices_chart
from parallax.plots.words import words_chart
from tests.helpers import make_result

NAMES = ["Alpha Times", "Beta <News>", "Gamma Post"]
TONE = {
    "a:0": 0.5,
    "a:1": -0.5,
    "a:2": 0.3,
    "b:0": -0.8,
    "b:1": -0.4,
    "c:0": 0.1,
    "c:1": 0.0,
    "c:2": 0.2,
    "c:3": 0.3,
}
POSITIONS = {
    "a:0": -0.3,
    "a:1": -0.1,
    "a:2": -0.2,
    "b:0": 0.25,
    "b:1": 0.05,
    "c:0": 0.1,
    "c:1": -0.1,
    "c:2": 0.0,
    "c:3": 0.2,
}
AXIS = parse_axis("security:crime,gangs|rights:due process,courts")


def _term(term: str, z: float, count: int, others: int) -> dict:
    """One words-lens entry."""
    return {
        "term": term,
        "ngram": len(term.split()),
        "z": z,
        "delta": z / 2,
        "count": count,
        "others": others,
    }


def _voice(name: str, words: int, direct: int, indirect: int) -> dict:
    """One voices-lens entry."""
    return {
        "voice": name,
        "words": words,
        "quotes": direct + indirect,
        "direct": direct,
        "indirect": indirect,
        "passages": [],
    }


def lensed_result() -> dict:
    """make_result's three outlets with every lens filled in by hand."""
    result = make_result()
    owner = {pid: pid.split(":")[0] for pid in POSITIONS}
    result["lenses"] = {
        "tone": {"passages": TONE, "articles": {"a": 0.1, "b": -0.6, "c": 0.15}, "gaps": []},
        "words": {
            "prior_scale": 0.1,
            "min_z": 1.0,
            "terms": {
                "a": [_term("oval office", 3.1, 3, 0), _term("presidents", 1.5, 2, 1)],
                "b": [_term("court", 2.0, 2, 0)],
                "c": [],
            },
        },
        "voices": {
            "articles": {
                "a": [_voice("Nayib Bukele", 30, 1, 1), _voice("Pam Bondi", 5, 1, 0)],
                "b": [_voice("Nayib Bukele", 12, 0, 1)],
                "c": [_voice("Helen <Arceneaux>", 20, 2, 0)],
            },
            "quotes": [],
            "unique": [],
        },
        "clashes": [],
        "axes": [{"axis": AXIS.to_dict(), "positions": POSITIONS, **axis_summary(POSITIONS, owner)}],
    }
    return result


def _boxes(fig: dict) -> list[dict]:
    """The per-outlet box traces."""
    return [t for t in fig["data"] if t["type"] == "box"]


def _mean(fig: dict) -> dict:
    """The trace of the outlets' mean diamonds."""
    return next(t for t in fig["data"] if t["type"] == "scatter" and t["x"] and t["x"][0] is not None)


def test_tone_chart_shows_every_passage_and_each_outlets_mean_in_its_colour():
    result = lensed_result()
    colors = outlet_colors(result)
    fig = tone_chart(result).to_dict()
    boxes = _boxes(fig)
    assert [html.unescape(b["name"]) for b in boxes] == NAMES
    assert [list(b["x"]) for b in boxes] == [[0.5, -0.5, 0.3], [-0.8, -0.4], [0.1, 0.0, 0.2, 0.3]]
    assert [b["y"][0] for b in boxes] == ["a", "b", "c"]
    assert [b["marker"]["color"] for b in boxes] == [colors["a"], colors["b"], colors["c"]]
    mean = _mean(fig)
    assert list(mean["x"]) == [0.1, -0.6, 0.15] and list(mean["y"]) == ["a", "b", "c"]
    assert list(mean["marker"]["color"]) == [colors["a"], colors["b"], colors["c"]]
    assert "mean tone -0.60" in mean["text"][1]
    hover = boxes[0]["text"][2]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hover and "<script>" not in hover
    assert "tone +0.30" in hover
    assert [list(cd) for cd in boxes[1]["customdata"]] == [["b:0"], ["b:1"]]
    assert fig["layout"]["xaxis"]["range"] == [-1.05, 1.05]


def test_words_chart_gives_each_outlet_a_panel_with_its_strongest_term_on_top():
    result = lensed_result()
    colors = outlet_colors(result)
    fig = words_chart(result).to_dict()
    a, b, c = fig["data"]
    assert list(a["y"]) == ["oval office"] and list(a["x"]) == [3.1], "presidents (z 1.5) is no clear preference"
    assert list(b["y"]) == ["court"] and list(c["x"]) == []
    assert [t["marker"]["color"] for t in (a, b, c)] == [colors["a"], colors["b"], colors["c"]]
    layout = fig["layout"]
    assert layout["yaxis"]["autorange"] == "reversed", "largest z-score on top"
    titles = [ann["text"] for ann in layout["annotations"] if "span" in ann["text"]]
    assert "Beta &lt;News&gt;" in titles[1] and colors["b"] in titles[1]
    assert any(ann["text"] == "No word at z ≥ 2" for ann in layout["annotations"]), (
        "Gamma's empty panel says so"
    )
    assert layout["xaxis"]["range"] == layout["xaxis3"]["range"], "panels share one scale"
    assert layout["xaxis"]["range"][1] >= 3.1
    assert "used 3 times here, 0 times in all the others" in a["text"][0]
    only_a = words_chart(result, ["a"]).to_dict()["data"]
    assert len(only_a) == 1 and list(only_a[0]["y"]) == ["oval office"]


def test_voices_chart_stacks_each_voices_words_by_outlet_most_quoted_first():
    result = lensed_result()
    colors = outlet_colors(result)
    fig = voices_chart(result).to_dict()
    a, b, c = fig["data"]
    assert list(a["y"]) == ["Nayib Bukele", "Helen <Arceneaux>", "Pam Bondi"], "42, 20 and 5 words"
    assert (
        list(a["x"]) == [30, None, 5]
        and list(b["x"]) == [12, None, None]
        and list(c["x"]) == [None, 20, None]
    )
    assert [html.unescape(t["name"]) for t in (a, b, c)] == NAMES
    assert [t["marker"]["color"] for t in (a, b, c)] == [colors["a"], colors["b"], colors["c"]]
    assert fig["layout"]["barmode"] == "stack"
    assert fig["layout"]["yaxis"]["ticktext"][1] == "Helen &lt;Arceneaux&gt;"
    assert "30 words in 2 quotes (1 direct, 1 reported)" in a["text"][0]


def test_axis_chart_places_each_outlets_passages_between_the_named_poles():
    result = lensed_result()
    colors = outlet_colors(result)
    fig = axis_chart(result, result["lenses"]["axes"][0]).to_dict()
    boxes = _boxes(fig)
    assert [html.unescape(b["name"]) for b in boxes] == NAMES
    assert [list(b["x"]) for b in boxes] == [[-0.3, -0.1, -0.2], [0.25, 0.05], [0.1, -0.1, 0.0, 0.2]]
    assert [b["line"]["color"] for b in boxes] == [colors["a"], colors["b"], colors["c"]]
    mean = _mean(fig)
    assert list(mean["x"]) == pytest.approx([-0.2, 0.15, 0.05])
    left, right = (
        ann for ann in fig["layout"]["annotations"] if "security" in ann["text"] or "rights" in ann["text"]
    )
    assert (left["x"], left["xanchor"]) == (0, "left") and "← <b>security</b>" in left["text"]
    assert (right["x"], right["xanchor"]) == (1, "right") and "<b>rights</b> →" in right["text"]
    assert "crime, gangs" in left["text"] and "due process, courts" in right["text"]
    low, high = fig["layout"]["xaxis"]["range"]
    assert low == -high and high > 0.3, "the scale is symmetric and holds every passage"
    assert "security" in fig["layout"]["xaxis"]["title"]["text"]
    assert "&lt;script&gt;" in boxes[0]["text"][2] and "position -0.20" in boxes[0]["text"][2]


def test_axis_labels_a_reader_typed_are_escaped():
    result = lensed_result()
    entry = {
        **result["lenses"]["axes"][0],
        "axis": {**AXIS.to_dict(), "left": {"label": "<i>law</i>", "phrases": ["a <b>b</b>"]}},
    }
    fig = axis_chart(result, entry).to_dict()
    text = " ".join(a["text"] for a in fig["layout"]["annotations"]) + fig["layout"]["title"]["text"]
    assert "&lt;i&gt;law&lt;/i&gt;" in text and "<i>" not in text and "a &lt;b&gt;b&lt;/b&gt;" in text


@pytest.mark.parametrize(
    "build",
    [tone_chart, words_chart, voices_chart, lambda r: axis_chart(r, r["lenses"]["axes"][0])],
)
def test_every_framing_figure_has_a_title_axis_titles_and_a_transparent_background(build):
    layout = build(lensed_result()).to_dict()["layout"]
    assert layout["title"]["text"]
    x_titles = [v["title"]["text"] for k, v in layout.items() if k.startswith("xaxis") and "title" in v]
    assert x_titles and layout["yaxis"]["title"]["text"]
    assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == "rgba(0,0,0,0)"


def test_six_outlets_get_six_rows_two_rows_of_word_panels_and_distinct_colours():
    result = lensed_result()
    extra = [
        {
            "id": f"x{n}",
            "outlet": f"Outlet {n}",
            "passages": [{"id": f"x{n}:0", "index": 0, "text": "A passage.", "start": 0, "end": 10}],
        }
        for n in range(3)
    ]
    result["articles"] += extra
    for n in range(3):
        result["lenses"]["tone"]["passages"][f"x{n}:0"] = 0.1 * n
        result["lenses"]["tone"]["articles"][f"x{n}"] = 0.1 * n
    fig = tone_chart(result).to_dict()
    assert len(_boxes(fig)) == 6 and len({b["marker"]["color"] for b in _boxes(fig)}) == 6
    assert fig["layout"]["height"] > tone_chart(lensed_result()).to_dict()["layout"]["height"]
    words = words_chart(result).to_dict()["layout"]
    assert "xaxis6" in words and "xaxis7" not in words
