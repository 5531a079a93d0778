"""Find coverage on the Sources page: switched off, no network, search and add, and syndicated copies split."""

from __future__ import annotations

import functools
import importlib
from datetime import date
from pathlib import Path

import pytest

from parallax.inputs import load_event_text
from parallax.inputs.fetch import fetch_url
from tests.fixtures.discover.server import serving
from tests.helpers import open_app, plain, run

search = importlib.import_module("parallax.discover.search")
BRIDGE = Path(__file__).parent / "fixtures" / "discover" / "syndicated_event.json"


@pytest.fixture(scope="module")
def server():
    with serving() as running:
        yield running


@pytest.fixture
def local(monkeypatch, server):
    """The local server as GDELT and the feeds, reachable through the product's fetcher allowed onto 127.0.0.1."""
    monkeypatch.setattr(search, "product_fetch", functools.partial(fetch_url, allow_private=True, timeout=5))
    monkeypatch.setattr(search, "today", lambda: date(2026, 12, 2))
    monkeypatch.setenv("PARALLAX_GDELT_URL", f"{server.base}/gdelt/bridge")
    monkeypatch.setenv("PARALLAX_FEEDS", f"{server.base}/feeds/bukele_rss.xml")
    return server


def markdown(at) -> list[str]:
    return [plain(m.value) for m in at.markdown] + [plain(c.value) for c in at.caption]


def test_switched_off_it_says_so_and_offers_no_button(monkeypatch):
    monkeypatch.setenv("PARALLAX_DISCOVERY", "off")
    at = run("sources")
    assert any("switched off on this server" in i.value for i in at.info)
    assert not [b for b in at.button if b.key == "find_coverage"]


def test_without_network_it_says_so_and_offers_no_button(monkeypatch):
    monkeypatch.setenv("PARALLAX_GDELT_URL", "https://gdelt.invalid/api/v2/doc/doc")
    at = run("sources")
    assert any("needs the network" in plain(w.value) and "gdelt.invalid" in plain(w.value) for w in at.warning)
    assert not [b for b in at.button if b.key == "find_coverage"]


def test_find_tick_two_and_add_them(local, encoder):
    at = run("sources")
    at.button(key="find_coverage").click().run()
    assert not at.exception
    assert any("last three months" in plain(w.value) for w in at.warning), "the sample is too old for GDELT"
    assert not any(r.startswith("/gdelt/") for r in local.requests)
    titles = [c.label for c in at.checkbox if c.key and c.key.startswith("pick_")]
    assert len(titles) == 3 and not any("floods" in t for t in titles)
    boxes = [c for c in at.checkbox if c.key and c.key.startswith("pick_")]
    ticked = [box.label.removeprefix("Add ") for box in boxes[:2]]
    for box in boxes[:2]:
        box.check()
    at.button(key="add_found").click().run()
    assert not at.exception
    compared = at.session_state["_articles"]
    assert len(compared) == 8
    assert [a.title for a in compared[-2:]] == ticked
    assert {a.outlet for a in compared[-2:]} <= {"Tidewater Chronicle", "Northfield Gazette", "Plains Ledger"}
    left = [c for c in at.checkbox if c.key and c.key.startswith("pick_")]
    assert [c.label for c in left] == [boxes[2].label] and not left[0].value, "added ones leave the list, unticked"


def test_a_syndicated_story_is_listed_once_and_can_be_split(encoder):
    at = open_app("sources")
    at.session_state["_articles"] = list(load_event_text(BRIDGE.read_text(encoding="utf-8"), "x").articles)
    at.run()
    assert not at.exception
    text = markdown(at)
    assert any("counted once: Northgate Wire's text also ran on Valley Courier, Lakeside Ledger" in t for t in text)
    assert any("republishes Northgate Wire's story" in plain(w.value) for w in at.warning)
    at.button(key="split_0").click().run()
    assert not at.exception
    assert not any("counted once" in t for t in markdown(at))
    assert [b for b in at.button if b.key == "regroup"]
