"""Links to a view: the page's path, then the view's parameters; old `?view=` links name their page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from parallax.views.links import app_root, old_link_page, share_url

PAGES = ("sources", "overview", "alignment")


def test_an_old_link_names_a_known_page_and_keeps_its_other_parameters():
    named = old_link_page({"view": "alignment", "c": "x", "claim": "c2"}, PAGES)
    assert named == ("alignment", {"c": "x", "claim": "c2"})
    assert old_link_page({"view": "nowhere", "c": "x"}, PAGES) == (None, {"c": "x"})
    assert old_link_page({"c": "x"}, PAGES) == (None, {"c": "x"})


def test_the_apps_root_drops_the_page_path_query_and_fragment():
    assert app_root("http://127.0.0.1:8501/alignment?c=x#top", "alignment") == "http://127.0.0.1:8501/"
    assert app_root("https://parallax.example/news", "") == "https://parallax.example/news/"
    assert app_root("https://parallax.example/news/", "alignment") == "https://parallax.example/news/"
    assert app_root("https://parallax.example/news", "news") == "https://parallax.example/", "only what is named"
    assert app_root("   ") == ""


def test_a_share_link_is_the_pages_path_and_an_axis_survives_the_round_trip():
    spec = "order:police,arrests|families:children, mothers"
    link = share_url("https://parallax.example/", "framing", {"c": "abc", "axis": spec})
    assert link.startswith("https://parallax.example/framing?c=abc&axis=")
    assert urlsplit(link).path == "/framing" and parse_qs(urlsplit(link).query)["axis"] == [spec]
    assert share_url("", "", {"c": "abc"}) == "?c=abc", "the start page is the root; no root gives a relative link"
    assert share_url("", "sources", {"c": "abc", "ref": "a"}) == "sources?c=abc&ref=a"
