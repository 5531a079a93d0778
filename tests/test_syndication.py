"""Syndicated copies: one wire story on three sites is one story, counted once; the user can split it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from parallax.compare import compare
from parallax.discover import SYNDICATED_OVERLAP, group_syndicated, passage_overlap
from parallax.inputs import load_event_text
from parallax.model import Event
from parallax.passages import split_passages
from parallax.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
BRIDGE = load_event_text((ROOT / "tests/fixtures/discover/syndicated_event.json").read_text(encoding="utf-8"), "x")
SAMPLE = load_event_text((ROOT / "seeds/bukele-white-house-2025/event.json").read_text(encoding="utf-8"), "x")
COPIES = {"wire", "courier", "ledger"}


def passages_of(articles):
    return {a.id: split_passages(a, "sentence", 1_000) for a in articles}


@pytest.fixture(scope="module")
def grouped(encoder):
    return compare(Event(BRIDGE.name, BRIDGE.articles), Settings(), encoder, reference="wire").result


def test_the_wire_copies_overlap_above_the_threshold_and_independent_reports_below():
    passages = passages_of(BRIDGE.articles)
    assert passage_overlap(passages["wire"], passages["courier"]) >= SYNDICATED_OVERLAP
    assert passage_overlap(passages["courier"], passages["ledger"]) >= SYNDICATED_OVERLAP
    assert passage_overlap(passages["wire"], passages["times"]) < SYNDICATED_OVERLAP, "one shared quote is not a copy"
    assert passage_overlap(passages["times"], passages["post"]) < SYNDICATED_OVERLAP


def test_one_wire_story_on_three_sites_is_one_group_and_the_sample_has_none():
    (group,) = group_syndicated(passages_of(BRIDGE.articles), prefer="courier")
    assert group.story == "courier" and set(group.copies) == COPIES - {"courier"}
    assert group_syndicated(passages_of(SAMPLE.articles)) == []


def test_the_comparison_counts_the_story_once_and_lists_its_republishers(grouped):
    assert [a["id"] for a in grouped["articles"]] == ["wire", "times", "post"]
    assert set(grouped["measures"]["outlets"]) == {"wire", "times", "post"}
    (story,) = grouped["syndicated"]
    assert story["story"] == "wire" and story["outlet"] == "Northgate Wire"
    assert {c["outlet"] for c in story["copies"]} == {"Valley Courier", "Lakeside Ledger"}
    assert all(c["overlap"] >= SYNDICATED_OVERLAP and c["url"].startswith("https://") for c in story["copies"])
    notes = {p["source"]: p["message"] for p in grouped["problems"]}
    assert "republishes Northgate Wire's story" in notes["Valley Courier"]
    assert not any(outlet in c["outlets"] for c in grouped["claims"] for outlet in ("courier", "ledger"))


def test_splitting_the_group_analyses_every_copy(encoder, grouped):
    split = [replace(a, meta={**a.meta, "syndication": "separate"}) if a.id in COPIES else a for a in BRIDGE.articles]
    result = compare(Event(BRIDGE.name, tuple(split)), Settings(), encoder, reference="wire").result
    assert [a["id"] for a in result["articles"]] == [a.id for a in BRIDGE.articles]
    assert "syndicated" not in result
    ungrouped = compare(Event(BRIDGE.name, BRIDGE.articles), Settings(), encoder, group_copies=False).result
    assert len(ungrouped["articles"]) == 5 and "syndicated" not in ungrouped
    assert any(set(c["outlets"]) >= COPIES for c in result["claims"]), "split, the copies count as three reports"
