"""The Export page's files on the hand-made bridge comparison: names, contents made on demand, charts."""

from __future__ import annotations

import io
import json
import zipfile

from parallax.views.export import PICTURE_WIDTH, charts, downloads, file_stem, picture, summary
from tests.helpers import hand_result
from tests.test_framing_figures import lensed_result


def test_file_names_start_with_the_events_words_or_parallax():
    result = hand_result()
    assert file_stem(result) == "elm-street-bridge-reopens"
    result["event"] = "Elm Street bridge <b>reopens</b> & traffic returns"
    assert file_stem(result) == "elm-street-bridge-b-reopens-b-traffic-returns"
    result["event"] = "¿¡!?"
    assert file_stem(result) == "parallax"


def test_the_downloads_are_the_json_result_the_csv_tables_and_the_report_made_when_asked():
    result = hand_result()
    files = downloads(result)
    assert [(f.key, f.file_name, f.mime) for f in files] == [
        ("download_json", "elm-street-bridge-reopens.json", "application/json"),
        ("download_csv", "elm-street-bridge-reopens-tables.zip", "application/zip"),
        ("download_html", "elm-street-bridge-reopens-report.html", "text/html"),
    ]
    assert json.loads(files[0].make())["claims"] == result["claims"]
    with zipfile.ZipFile(io.BytesIO(files[1].make())) as archive:
        assert "claims.csv" in archive.namelist()
    assert "Daily Planet" in files[2].make()


def test_a_result_without_lenses_pictures_the_five_dashboard_charts_and_the_summary_names_the_model():
    figures = {chart.name: chart.build(hand_result()) for chart in charts(hand_result())}
    assert list(figures) == ["coverage", "prominence", "word-share", "positions", "divergence"]
    assert all(fig.data for fig in figures.values())
    assert figures["prominence"].to_dict() != figures["word-share"].to_dict()
    assert summary(hand_result()) == "Elm Street bridge reopens · 3 outlets · 4 claims · all-MiniLM-L6-v2"


SAME_FACT = {
    "passages": {"a:0": 0.3, "b:1": -0.3},
    "articles": {"a": {"mean": 0.3, "pairs": 1}, "b": {"mean": -0.3, "pairs": 1}},
}
"""Tone fact by fact: a tells the meeting warmer than b does."""


def _framed() -> dict:
    """The three-outlet figure result with every lens and two semantic axes."""
    result = {
        **lensed_result(),
        "event": "Oval Office meeting",
        "model": "all-MiniLM-L6-v2",
        "settings": {"model": "all-MiniLM-L6-v2", "threshold": 0.6, "passage_size": "paragraph"},
    }
    first = result["lenses"]["axes"][0]
    second = {**first, "axis": {**first["axis"], "name": "Order <and> law"}}
    result["lenses"]["axes"] = [first, second]
    result["lenses"]["tone"]["same_fact"] = SAME_FACT
    return result


def test_every_chart_of_every_lens_can_be_pictured_each_axis_on_its_own():
    result = _framed()
    found = charts(result)
    assert [c.name for c in found] == [
        "coverage",
        "prominence",
        "word-share",
        "positions",
        "divergence",
        "tone",
        "words",
        "voices",
        "axis-security-vs-rights",
        "axis-order-and-law",
    ]
    axes = [c.build(result).to_dict()["layout"]["title"]["text"] for c in found if c.section == "axes"]
    assert "“security”" in axes[0] and "“rights”" in axes[0]
    assert all(c.build(result).data for c in found)


def test_a_lens_a_result_lacks_or_holds_empty_has_no_chart():
    result = _framed()
    result["lenses"]["voices"]["articles"] = {"a": [], "b": [], "c": []}
    del result["lenses"]["tone"]["same_fact"]
    result["lenses"]["axes"] = []
    assert [c.name for c in charts(result)][5:] == ["words"], "tone saved before it was compared fact by fact"


def test_every_picture_carries_the_event_and_readable_settings_under_its_title():
    result = _framed()
    for chart in charts(result):
        title = picture(result, chart).to_dict()["layout"]["title"]["text"]
        assert (
            "Oval Office meeting · Embedding model: all-MiniLM-L6-v2 · Match strictness: 0.60 · "
            "Compared by: paragraph" in title
        ), chart.name
    assert PICTURE_WIDTH >= 1000
