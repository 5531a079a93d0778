"""Checks that the sample event loads as a valid event and keeps the seed article verbatim."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

EVENT_PATH = Path(__file__).resolve().parent.parent / "seeds" / "bukele-white-house-2025" / "event.json"

SEED_SHA256 = "8d55aec3552a96bdce5f897a1e51caa4826cb9e112bd6262fd262817aa202389"
SEED_FIRST = (
    "President Donald Trump is set to meet with El Salvador\u2019s President Nayib Bukele at the "
    "White House, calling him a \u201cfantastic leader\u201d in a Truth Social post ahead of the "
    "high-profile meeting."
)
SEED_LAST = (
    "As the world watches, the Trump-Bukele meeting sends a clear message: the era of leniency "
    "toward criminal aliens is over, and nations that want strong relations with the United States "
    "must be willing to do their part."
)
SEED_PARAGRAPHS = 8
SEED_WORDS = 418

REQUIRED = {"id": str, "outlet": str, "title": str, "url": str, "published": str, "angle": str, "text": str}
DATES = {dt.date(2025, 4, 14), dt.date(2025, 4, 15)}


@pytest.fixture(scope="module")
def event() -> dict:
    """The sample event as the app and the command line read it."""
    return json.loads(EVENT_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def samples(event: dict) -> list[dict]:
    """Every article except the seed."""
    return [a for a in event["articles"] if not a.get("seed")]


def test_event_has_name_description_and_six_articles(event):
    assert isinstance(event["event"], str) and event["event"].strip()
    assert isinstance(event["description"], str) and event["description"].strip()
    assert isinstance(event["articles"], list)
    assert len(event["articles"]) == 6


def test_every_article_has_the_required_fields_with_the_right_types(event):
    for article in event["articles"]:
        for field, kind in REQUIRED.items():
            assert isinstance(article.get(field), kind), (article.get("id"), field)
        for field in ("id", "outlet", "title", "angle", "text"):
            assert article[field].strip(), (article["id"], field)
        assert "\n" not in article["angle"], article["id"]
        assert dt.date.fromisoformat(article["published"]) in DATES, article["id"]


def test_article_ids_are_unique(event):
    ids = [a["id"] for a in event["articles"]]
    assert len(ids) == len(set(ids))


def test_exactly_one_seed_labelled_as_the_seed_article(event):
    seeds = [a for a in event["articles"] if a.get("seed")]
    assert len(seeds) == 1
    (seed,) = seeds
    assert seed["seed"] is True
    assert seed["id"] == "seed"
    assert seed["outlet"] == "Seed article"
    assert "sample" not in seed


def test_seed_text_is_verbatim(event):
    (seed,) = [a for a in event["articles"] if a.get("seed")]
    text = seed["text"]
    paragraphs = text.split("\n")
    assert len(paragraphs) == SEED_PARAGRAPHS
    assert paragraphs[0].startswith(SEED_FIRST)
    assert paragraphs[-1] == SEED_LAST
    assert len(text.split()) == SEED_WORDS
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == SEED_SHA256


def test_five_samples_each_labelled_with_a_note(samples):
    assert len(samples) == 5
    for article in samples:
        assert article.get("sample") is True, article["id"]
        note = article.get("note")
        assert isinstance(note, str) and note.strip() and "\n" not in note, article["id"]
        assert "not real" in note.lower(), article["id"]


def test_samples_are_450_to_800_words(samples):
    for article in samples:
        assert 450 <= len(article["text"].split()) <= 800, article["id"]


def test_samples_come_from_five_distinct_invented_outlets(samples):
    outlets = [a["outlet"] for a in samples]
    assert len(set(outlets)) == 5
    assert "Seed article" not in outlets


def test_samples_are_written_in_blank_line_separated_paragraphs(samples):
    for article in samples:
        paragraphs = article["text"].split("\n\n")
        assert len(paragraphs) >= 6, article["id"]
        assert all(p.strip() == p and p and "\n" not in p for p in paragraphs), article["id"]


def test_each_sample_opens_differently(samples):
    openings = [a["text"].split("\n\n")[0] for a in samples]
    assert len(set(openings)) == len(openings)
