"""`parallax find` and `compare --find N` against the recorded GDELT and feeds on a local server."""

from __future__ import annotations

import functools
import importlib
import json
from datetime import date
from pathlib import Path

import pytest

from parallax.cli import main
from parallax.inputs.fetch import fetch_url
from tests.fixtures.discover.server import serving

FIXTURES = Path(__file__).parent / "fixtures" / "discover"
search = importlib.import_module("parallax.discover.search")


@pytest.fixture(scope="module")
def server():
    with serving() as running:
        yield running


@pytest.fixture
def wire_only(tmp_path, monkeypatch, server):
    """The wire story alone as the input, the local server as GDELT and feeds, and a day inside the window."""
    event = json.loads((FIXTURES / "syndicated_event.json").read_text(encoding="utf-8"))
    event["articles"] = event["articles"][:1]
    path = tmp_path / "wire.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    monkeypatch.setattr(search, "product_fetch", functools.partial(fetch_url, allow_private=True, timeout=5))
    monkeypatch.setattr(search, "today", lambda: date(2026, 12, 2))
    monkeypatch.setenv("PARALLAX_GDELT_URL", f"{server.base}/gdelt/bridge")
    monkeypatch.setenv("PARALLAX_FEEDS", f"{server.base}/feeds/bridge_atom.xml {server.base}/feeds/malformed.xml")
    return path


def test_find_prints_the_candidates_best_first_and_names_a_bad_feed(wire_only, server, capsys, encoder):
    assert main(["find", str(wire_only)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["#", "similar", "date", "lang", "outlet"]
    assert "valleycourier.example.org" in lines[1] and lines[2].strip() == f"{server.base}/news/courier"
    assert "sportsdesk.example.org" in lines[-2], "the football report comes last"
    assert 'query: "marrow bay"' in err
    assert "malformed.xml is not a readable RSS or Atom feed" in err


def test_find_writes_json_and_can_ask_one_source(wire_only, server, tmp_path, capsys, encoder):
    out = tmp_path / "found.json"
    before = len(server.requests)
    assert main(["find", str(wire_only), "--source", "feeds", "--json", str(out)]) == 0
    found = json.loads(out.read_text(encoding="utf-8"))
    assert [c["url"] for c in found["candidates"]] == [f"{server.base}/news/post"]
    assert {"title", "domain", "published", "language", "similarity"} <= set(found["candidates"][0])
    assert not any(r.startswith("/gdelt/") for r in server.requests[before:])


def test_find_is_refused_when_discovery_is_off(wire_only, monkeypatch, capsys):
    monkeypatch.setenv("PARALLAX_DISCOVERY", "off")
    assert main(["find", str(wire_only)]) == 2
    assert "switched off" in capsys.readouterr().err


def test_compare_find_adds_the_top_candidates_above_the_floor_and_says_which(wire_only, tmp_path, capsys, encoder):
    out = tmp_path / "result.json"
    assert main(["compare", str(wire_only), "--find", "3", "--json", str(out)]) == 0
    err = capsys.readouterr().err
    added = [line for line in err.splitlines() if "--find: added" in line]
    assert [line.split()[3] for line in added] == ["valleycourier.example.org", "lakesideledger.example.org"]
    assert "2 candidates of 5 reach the similarity floor" in err
    result = json.loads(out.read_text(encoding="utf-8"))
    (story,) = result["syndicated"]
    assert story["outlet"] == "Northgate Wire", "the input stays the story the copies are counted with"
    assert {c["outlet"] for c in story["copies"]} == {"Valley Courier", "Lakeside Ledger"}
    assert [a["outlet"] for a in result["articles"]] == ["Northgate Wire"]
