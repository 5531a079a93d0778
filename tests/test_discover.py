"""Find coverage: the query from the reference, GDELT and feeds on a local server, politeness, ranking."""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from parallax.discover import (
    AnswerCache,
    DiscoveryError,
    Throttle,
    build_query,
    discovery_enabled,
    find_coverage,
    gdelt_url,
    parse_feed,
    parse_gdelt,
    read_feed_list,
    search_gdelt,
    window_problem,
)
from parallax.inputs import load_event_text
from parallax.inputs.fetch import fetch_url
from parallax.model import Article
from parallax.settings import OPTIONS
from tests.fixtures.discover.server import SLOW_S, serving

FIXTURES = Path(__file__).parent / "fixtures" / "discover"
EVENT = load_event_text((FIXTURES / "syndicated_event.json").read_text(encoding="utf-8"), "bridge").articles
WIRE = EVENT[0]
TODAY = date(2026, 12, 2)
local_fetch = functools.partial(fetch_url, allow_private=True, timeout=SLOW_S / 2)
"""The product's fetcher, allowed to reach the local server (which lives on 127.0.0.1)."""


def fixture(name: str) -> str:
    """A recorded answer, its links on an example.org site."""
    return (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", "https://news.example.org")


@pytest.fixture(scope="module")
def server():
    with serving() as running:
        yield running


def search(server, encoder, tmp_path, **kwargs):
    """find_coverage against the local server, with no waiting between requests."""
    options = {"today": TODAY, "cap": 50, "gdelt_base": f"{server.base}/gdelt/bridge", "feeds": [],
               "fetch": local_fetch, "cache": AnswerCache(tmp_path / "answers"), "gdelt_throttle": None,
               "feed_throttle": None, **kwargs}
    return find_coverage(WIRE, encoder, **options)


def test_the_query_names_the_story_and_its_window():
    query = build_query(WIRE)
    assert "marrow bay" in query.names
    assert "bridge" in query.words
    assert (query.since, query.until) == (date(2026, 11, 17), date(2026, 11, 27))
    assert query.matches("Cracked bearing shuts the Marrow Bay bridge; Kestrel Point ferries added")
    assert not query.matches("Marrow Bay Rovers win the coastal derby")


def test_the_gdelt_request_carries_only_the_query_window_and_english():
    query = build_query(WIRE)
    url = gdelt_url("https://gdelt.example.org/api/v2/doc/doc", query, today=TODAY, records=50)
    params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert params["query"] == query.text() + " sourcelang:english"
    assert params["mode"] == "ArtList" and params["format"] == "json" and params["maxrecords"] == "50"
    assert (params["startdatetime"], params["enddatetime"]) == ("20261117000000", "20261127235959")
    assert set(params) == {"query", "mode", "format", "maxrecords", "sort", "startdatetime", "enddatetime"}
    every = gdelt_url("https://gdelt.example.org/", query, today=TODAY, records=50, languages=())
    assert "sourcelang" not in parse_qs(urlsplit(every).query)["query"][0]


def test_an_article_older_than_three_months_is_not_sent_and_says_so():
    old = Article("old", "Seed", title="Storm shuts Marrow Bay bridge", published="2025-04-14",
                  text="The Marrow Bay bridge was closed after a storm.")
    query = build_query(old)
    message = window_problem(query, TODAY)
    assert message and "last three months" in message and "2025-04-14" in message and "feeds" in message
    calls = []
    with pytest.raises(DiscoveryError, match="last three months"):
        search_gdelt(query, calls.append, base="https://gdelt.example.org/", today=TODAY, records=5)
    assert calls == []
    assert window_problem(build_query(WIRE), TODAY) is None


def test_gdelt_answers_become_candidates_and_bad_answers_say_what_came_back():
    found = parse_gdelt(fixture("gdelt_bridge.json"))
    assert [c.domain for c in found][:2] == ["valleycourier.example.org", "harbourtimes.example.org"]
    assert found[0].published == "2026-11-20" and found[0].language == "English"
    assert len(found) == 5, "the row without a web address is skipped"
    assert parse_gdelt("{}") == []
    with pytest.raises(DiscoveryError, match="phrase is too short"):
        parse_gdelt((FIXTURES / "gdelt_refused.txt").read_text())


def test_feeds_rss_and_atom_are_read_and_a_malformed_one_is_named():
    rss = parse_feed(fixture("bridge_rss.xml"), "https://harbourtimes.example.org/rss")
    assert rss[0].title.startswith("Commuters face") and rss[0].summary.startswith("Drivers queue")
    assert rss[0].published == "2026-11-21" and rss[0].source == "Harbour Times"
    atom = parse_feed(fixture("bridge_atom.xml"), "https://civicpost.example.org/atom")
    assert [c.title for c in atom][0].startswith("Bridge inspections") and atom[0].published == "2026-11-22"
    for name in ("malformed.xml", "not_a_feed.html"):
        with pytest.raises(DiscoveryError, match="is not a readable RSS or Atom feed"):
            parse_feed((FIXTURES / name).read_text(), f"https://example.org/{name}")
    assert read_feed_list("https://a.example.org/rss, https://b.example.org/atom\nhttps://a.example.org/rss") == [
        "https://a.example.org/rss", "https://b.example.org/atom"]


def test_a_search_ranks_gdelt_and_feed_candidates_best_first(server, encoder, tmp_path):
    feeds = [f"{server.base}/feeds/bridge_rss.xml", f"{server.base}/feeds/bridge_atom.xml"]
    found = search(server, encoder, tmp_path, feeds=feeds, known=[f"{server.base}/news/ledger"])
    urls = [c.url for c in found.candidates]
    assert found.problems == ()
    assert f"{server.base}/news/ledger" not in urls, "a page already compared is not offered again"
    assert len(urls) == len(set(urls)) == 4, "a page found by GDELT and a feed is listed once"
    assert f"{server.base}/news/library" not in urls, "feed items that do not match the query are left out"
    assert f"{server.base}/news/anniversary" not in urls, "feed items outside the date window are left out"
    scores = [c.similarity for c in found.candidates]
    assert scores == sorted(scores, reverse=True)
    assert urls[-1] == f"{server.base}/news/derby", "the football report is the least like the bridge story"
    assert urls[0] == f"{server.base}/news/courier", "the republished wire copy is the most like it"


def test_only_the_query_is_sent_and_nothing_is_fetched_but_the_searches(server, encoder, tmp_path):
    before = len(server.requests)
    search(server, encoder, tmp_path, feeds=[f"{server.base}/feeds/bridge_atom.xml"])
    sent = server.requests[before:]
    assert [s.split("?")[0] for s in sent] == ["/gdelt/bridge", "/feeds/bridge_atom.xml"]
    params = {k: v[0] for k, v in parse_qs(urlsplit(sent[0]).query).items()}
    assert params["query"] == build_query(WIRE).text() + " sourcelang:english"
    assert "cracked bearing beneath" not in sent[0] and len(sent[0]) < 400, "no article text goes out"
    assert not any(s.startswith("/news/") for s in sent), "no candidate page is fetched before it is ticked"


@pytest.mark.parametrize(("answer", "message"), [
    ("429", "refused the search for now"),
    ("slow", "did not answer in time"),
    ("refused", "did not return a list of articles"),
    ("missing", "HTTP 404"),
])
def test_each_failed_gdelt_answer_has_its_message_and_the_feeds_still_answer(server, encoder, tmp_path, answer,
                                                                            message):
    found = search(server, encoder, tmp_path, gdelt_base=f"{server.base}/gdelt/{answer}",
                   feeds=[f"{server.base}/feeds/bridge_atom.xml"])
    assert len(found.problems) == 1 and message in found.problems[0]
    assert [c.domain for c in found.candidates] == ["127.0.0.1"]


def test_an_empty_answer_and_a_malformed_feed(server, encoder, tmp_path):
    found = search(server, encoder, tmp_path, gdelt_base=f"{server.base}/gdelt/empty",
                   feeds=[f"{server.base}/feeds/malformed.xml", f"{server.base}/feeds/slow.xml"])
    assert found.candidates == ()
    assert "malformed.xml is not a readable RSS or Atom feed" in found.problems[0]
    assert "did not answer in time" in found.problems[1]


def test_the_product_fetcher_refuses_the_local_server(server, encoder, tmp_path):
    found = search(server, encoder, tmp_path, fetch=fetch_url, feeds=[f"{server.base}/feeds/bridge_rss.xml"])
    assert found.candidates == ()
    assert all("private, local or reserved address" in p for p in found.problems)


def test_answers_are_kept_for_a_day(server, encoder, tmp_path):
    clock = [1_000.0]
    cache = AnswerCache(tmp_path / "answers", clock=lambda: clock[0])
    before = len(server.requests)
    for _ in range(2):
        search(server, encoder, tmp_path, cache=cache)
    assert len(server.requests) - before == 1, "the same search within a day is answered from the cache"
    clock[0] += 24 * 3600 + 1
    search(server, encoder, tmp_path, cache=cache)
    assert len(server.requests) - before == 2


def test_at_most_one_request_per_five_seconds_per_server():
    now, slept = [0.0], []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    throttle = Throttle(clock=lambda: now[0], sleep=sleep)
    throttle.wait("api.gdelt.example.org")
    now[0] += 1.5
    throttle.wait("api.gdelt.example.org")
    throttle.wait("feeds.example.org")
    assert slept == [pytest.approx(3.5)], "the second GDELT request waits; another server does not"


def test_the_candidate_cap(server, encoder, tmp_path):
    found = search(server, encoder, tmp_path, cap=2)
    assert len(found.candidates) == 2


def test_discovery_can_be_switched_off():
    assert discovery_enabled({})
    assert not discovery_enabled({"PARALLAX_DISCOVERY": "off"})
    assert not discovery_enabled({"PARALLAX_DISCOVERY": " OFF "})


@pytest.mark.parametrize("declared", OPTIONS, ids=lambda o: o.name)
def test_every_discovery_option_is_in_the_readme_with_its_default(declared):
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"| `{declared.env}` | `{declared.default}` | {declared.help} |" in readme


def test_a_feed_item_with_a_malformed_link_is_kept_without_breaking_the_feed():
    rss = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Desk</title>'
           "<item><title>Bridge shut after storm</title><link>http://[bad/x</link></item>"
           "<item><title>Ferry resumes</title><link>https://www.harbour.example.org/ferry</link></item>"
           "</channel></rss>")
    found = parse_feed(rss, "https://harbour.example.org/rss")
    assert [(c.title, c.domain, c.source) for c in found] == [
        ("Bridge shut after storm", "", "Harbour Desk"),
        ("Ferry resumes", "harbour.example.org", "Harbour Desk"),
    ]


def test_an_old_window_asked_for_by_hand_is_named_by_its_end_not_as_the_article_s_date():
    undated = Article("u", "Seed", title="Storm shuts Marrow Bay bridge", text="The Marrow Bay bridge was closed.")
    query = build_query(undated, since=date(2024, 1, 1), until=date(2024, 2, 1))
    message = window_problem(query, TODAY)
    assert message and "window ends on 2024-02-01" in message and "article is from" not in message
