"""The Export page's files on the hand-made bridge comparison: names, contents made on demand, charts."""

from __future__ import annotations

import io
import json
import zipfile

from parallax.views.export import CHARTS, downloads, file_stem, summary
from tests.helpers import hand_result


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


def test_every_chart_that_can_be_pictured_is_built_from_the_result_and_the_summary_names_the_model():
    figures = {name: build(hand_result()) for name, (_, build) in CHARTS.items()}
    assert list(figures) == ["coverage", "prominence", "word-share", "positions", "divergence"]
    assert all(fig.data for fig in figures.values())
    assert figures["prominence"].to_dict() != figures["word-share"].to_dict()
    assert summary(hand_result()) == "Elm Street bridge reopens · 3 outlets · 4 claims · all-MiniLM-L6-v2"
