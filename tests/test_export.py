"""Exports of a small hand-made comparison: the JSON contract, CSV tables (folder and zip), chart pictures."""

from __future__ import annotations

import copy
import csv
import io
import json
import struct
import zipfile

import numpy as np
import plotly.graph_objects as go
import pytest

from parallax.export import COLUMNS, csv_zip_bytes, tables, to_json, write_csv_dir
from parallax.images import ImageExportUnavailable, browser_path, close_renderer, figure_image
from tests.helpers import hand_result

CORE_TABLES = {
    "passages",
    "alignments",
    "claims",
    "findings",
    "measures_outlets",
    "measures_claims",
    "measures_pairs",
}


def _strict(text: str) -> dict:
    def refuse(constant: str) -> None:
        raise ValueError(f"not strict JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def test_json_export_is_the_result_with_its_characters_intact():
    result = hand_result()
    text = to_json(result)
    assert _strict(text) == result
    assert "Bridge opens again — finally" in text and "Zürich" in text
    assert text.startswith('{\n  "schema": 1,')


def test_json_export_writes_numpy_numbers_and_missing_values_as_plain_json():
    result = hand_result()
    result["alignments"][0]["score"] = np.float32(0.5)
    result["measures"]["pairs"][0]["emphasis_divergence"] = float("nan")
    result["claims"][0]["passages"] = ("a:0", "b:0", "c:1")
    back = _strict(to_json(result))
    assert back["alignments"][0]["score"] == 0.5
    assert back["measures"]["pairs"][0]["emphasis_divergence"] is None
    assert back["claims"][0]["passages"] == ["a:0", "b:0", "c:1"]


def test_passage_table_names_each_passage_outlet_and_claim():
    rows = {row["passage"]: row for row in tables(hand_result())["passages"]}
    assert len(rows) == 7
    assert rows["a:2"] == {
        "article": "a",
        "outlet": "Daily Planet",
        "passage": "a:2",
        "index": 2,
        "start": 114,
        "end": 139,
        "words": 5,
        "claim": "c3",
        "text": "Mayor Lee cut the ribbon.",
    }
    assert rows["c:1"]["claim"] == "c1" and rows["c:1"]["outlet"] == "Morning Star"


def test_passage_words_are_counted_as_the_measures_count_them_without_dashes():
    result = hand_result()
    result["articles"][0]["passages"][2]["text"] = "He said — yes"
    rows = {row["passage"]: row for row in tables(result)["passages"]}
    assert rows["a:2"]["words"] == 3


def test_claim_alignment_and_measure_tables_hold_what_the_result_says():
    found = tables(hand_result())
    assert set(found) == CORE_TABLES

    claims = {row["claim"]: row for row in found["claims"]}
    assert claims["c1"]["outlet_names"] == "Daily Planet;The Ledger;Morning Star"
    assert claims["c2"]["outlets"] == 2 and claims["c2"]["passages"] == "a:1;c:0"

    alignments = found["alignments"]
    assert len(alignments) == 5
    assert alignments[-1] == {
        "a": "a:2",
        "b": "b:1",
        "article_a": "a",
        "article_b": "b",
        "outlet_a": "Daily Planet",
        "outlet_b": "The Ledger",
        "score": 0.1,
        "match": False,
    }

    per_claim = {(row["claim"], row["article"]): row for row in found["measures_claims"]}
    assert len(per_claim) == 12
    assert per_claim[("c2", "b")]["covered"] is False and per_claim[("c2", "b")]["position"] is None
    assert per_claim[("c2", "c")]["lead"] is True and per_claim[("c2", "c")]["word_share"] == 0.71

    outlets = {row["article"]: row for row in found["measures_outlets"]}
    assert outlets["b"]["omitted_claims"] == "c2" and outlets["b"]["unique_claims"] == "c4"
    assert outlets["c"]["lead_claim"] == "c2"

    pair = next(p for p in found["measures_pairs"] if (p["a"], p["b"]) == ("a", "c"))
    assert pair["outlet_b"] == "Morning Star" and pair["coverage_similarity"] == pytest.approx(2 / 3)

    assert [f["outlet"] for f in found["findings"]] == ["Daily Planet", "The Ledger", "Morning Star"]


def _lenses() -> dict:
    """Lens output in the shapes parallax.lenses documents, for the hand-made result."""
    return {
        "tone": {
            "passages": {"a:2": 0.42, "b:1": -0.61},
            "articles": {"a": 0.14, "b": -0.3},
            "claims": {"c1": {"a": 0.0, "b": 0.1}},
            "gaps": [
                {
                    "a": "a:0",
                    "b": "b:0",
                    "tone_a": 0.0,
                    "tone_b": 0.1,
                    "gap": 0.1,
                    "text_a": "x",
                    "text_b": "y",
                }
            ],
        },
        "words": {
            "prior_scale": 0.01,
            "terms": {
                "a": [{"term": "ribbon", "ngram": 1, "z": 2.1, "delta": 1.2, "count": 1, "others": 0}],
                "b": [
                    {"term": "detours", "ngram": 1, "z": 1.9, "delta": 1.1, "count": 1, "others": 0},
                    {"term": "the delays", "ngram": 2, "z": 1.7, "delta": 1.0, "count": 1, "others": 0},
                ],
            },
        },
        "voices": {
            "articles": {
                "a": [
                    {
                        "voice": "Mayor Lee",
                        "words": 4,
                        "quotes": 1,
                        "direct": 0,
                        "indirect": 1,
                        "passages": ["a:2"],
                    }
                ],
                "b": [],
            },
            "quotes": [
                {
                    "article": "a",
                    "voice": "Mayor Lee",
                    "kind": "indirect",
                    "text": "cut the ribbon",
                    "words": 4,
                    "passages": ["a:2"],
                }
            ],
            "unique": [{"voice": "Mayor Lee", "article": "a"}],
        },
        "clashes": [],
        "axes": [
            {
                "axis": {
                    "name": "cost vs service",
                    "spec": "cost: money | service: traffic",
                    "left": {"label": "cost", "phrases": ["money"]},
                    "right": {"label": "service", "phrases": ["traffic"]},
                },
                "positions": {"a:1": -0.4, "c:0": -0.5, "b:1": 0.3},
                "outlets": {"a": {"mean": -0.4, "median": -0.4, "n": 1}},
                "extremes": {"c": {"left": [{"passage": "c:0", "position": -0.5}], "right": []}},
            }
        ],
    }


def test_each_lens_gets_tables_named_by_outlet_and_missing_lenses_are_skipped():
    result = hand_result()
    result["lenses"] = _lenses()
    found = tables(result)
    assert set(found) - CORE_TABLES == {
        "tone_passages",
        "tone_articles",
        "tone_claims",
        "tone_gaps",
        "words",
        "voices",
        "quotes",
        "voices_unique",
        "clashes",
        "axes_positions",
        "axes_outlets",
        "axes_extremes",
    }
    assert found["tone_passages"][1] == {
        "passage": "b:1",
        "article": "b",
        "outlet": "The Ledger",
        "tone": -0.61,
    }
    assert found["tone_gaps"][0]["outlet_b"] == "The Ledger"
    assert [(w["outlet"], w["term"]) for w in found["words"]] == [
        ("Daily Planet", "ribbon"),
        ("The Ledger", "detours"),
        ("The Ledger", "the delays"),
    ]
    assert found["voices"] == [
        {
            "article": "a",
            "outlet": "Daily Planet",
            "voice": "Mayor Lee",
            "words": 4,
            "quotes": 1,
            "direct": 0,
            "indirect": 1,
            "passages": "a:2",
        }
    ]
    assert found["clashes"] == []
    assert found["axes_positions"][2] == {
        "axis": "cost vs service",
        "passage": "b:1",
        "article": "b",
        "outlet": "The Ledger",
        "position": 0.3,
    }
    assert found["axes_extremes"] == [
        {
            "axis": "cost vs service",
            "article": "c",
            "outlet": "Morning Star",
            "side": "left",
            "rank": 1,
            "passage": "c:0",
            "position": -0.5,
        }
    ]

    del result["lenses"]["voices"], result["lenses"]["axes"]
    assert "voices" not in tables(result) and "axes_positions" not in tables(result)
    del result["lenses"]
    assert set(tables(result)) == CORE_TABLES


def test_a_lens_of_unknown_shape_is_still_exported_flat():
    result = hand_result()
    result["lenses"] = {"framing": [{"article": "a", "frame": {"name": "cost", "score": 0.7}}]}
    assert tables(result)["framing"] == [{"article": "a", "frame.name": "cost", "frame.score": 0.7}]


def _read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_folder_has_one_file_per_table_and_text_survives_the_round_trip(tmp_path):
    result = hand_result()
    result["articles"][1]["passages"][1]["text"] = 'Residents said: "noise,\nnoise, noise" — über alles.'
    written = write_csv_dir(result, tmp_path / "out")
    assert sorted(p.name for p in written) == sorted(f"{name}.csv" for name in CORE_TABLES)

    rows = _read_csv((tmp_path / "out" / "passages.csv").read_text(encoding="utf-8"))
    assert list(rows[0]) == list(COLUMNS["passages"])
    assert rows[4]["text"] == 'Residents said: "noise,\nnoise, noise" — über alles.'
    assert rows[4]["outlet"] == "The Ledger" and rows[4]["claim"] == "c4"
    claims = _read_csv((tmp_path / "out" / "measures_claims.csv").read_text(encoding="utf-8"))
    assert {"claim": "c2", "article": "b", "covered": "False", "position": ""}.items() <= claims[4].items()


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_made_inert(tmp_path):
    result = hand_result()
    result["articles"][0]["passages"][2]["text"] = '=HYPERLINK("http://evil.example","click")'
    write_csv_dir(result, tmp_path)
    rows = _read_csv((tmp_path / "passages.csv").read_text(encoding="utf-8"))
    assert rows[2]["text"] == '\'=HYPERLINK("http://evil.example","click")'
    assert tables(result)["passages"][2]["text"].startswith("=HYPERLINK")
    assert rows[0]["start"] == "0"


def test_zip_export_holds_the_same_csv_files(tmp_path):
    result = hand_result()
    write_csv_dir(result, tmp_path)
    with zipfile.ZipFile(io.BytesIO(csv_zip_bytes(result))) as archive:
        assert sorted(archive.namelist()) == sorted(f"{name}.csv" for name in CORE_TABLES)
        for name in archive.namelist():
            assert archive.read(name) == (tmp_path / name).read_bytes()


def test_an_empty_table_still_has_its_header():
    result = copy.deepcopy(hand_result())
    result["alignments"] = []
    with zipfile.ZipFile(io.BytesIO(csv_zip_bytes(result))) as archive:
        text = archive.read("alignments.csv").decode("utf-8")
    assert text == ",".join(COLUMNS["alignments"]) + "\n"


@pytest.fixture
def fresh_renderer():
    """Stop the picture renderer after the test so no browser outlives it."""
    yield
    close_renderer()


def test_pictures_of_a_figure_are_png_and_svg_of_the_asked_size(fresh_renderer):
    try:
        browser_path()
    except ImageExportUnavailable as missing:
        pytest.skip(f"no Chromium here for picture export: {missing}")
    fig = go.Figure(go.Bar(x=["Daily Planet", "The Ledger"], y=[3, 2]), layout={"title": "Claims per outlet"})

    png = figure_image(fig, "png", width=400, height=300, scale=1)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert struct.unpack(">II", png[16:24]) == (400, 300)
    svg = figure_image(fig, "svg").decode("utf-8")
    assert "<svg" in svg and "Claims per outlet" in svg and "Daily Planet" in svg


def test_picture_export_without_a_browser_says_to_install_one_or_use_html(monkeypatch, tmp_path):
    fig = go.Figure(go.Bar(x=["a"], y=[1]))
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-browser"))
    with pytest.raises(ImageExportUnavailable, match="no-such-browser.*install chromium.*HTML report"):
        figure_image(fig, "png")

    monkeypatch.delenv("BROWSER_PATH")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ImageExportUnavailable, match="none was found.*HTML report"):
        figure_image(fig, "svg")


def test_picture_formats_other_than_png_and_svg_are_refused():
    with pytest.raises(ValueError, match="png, svg"):
        figure_image(go.Figure(), "gif")
