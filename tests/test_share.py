"""Share links, saved comparisons and the Export page, run headless with AppTest.

A hand-made comparison of three outlets on a bridge reopening (tests/test_export.py) is saved into a
store in a temporary folder; opening its link must show it as saved, in the linked view, without
the model. The sample event stands for "a comparison the user built" where one is needed.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import secrets
import zipfile
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import streamlit as st

import components.runner
import embeddings
from embeddings import ModelUnavailable
from parallax.images import ImageExportUnavailable, browser_path, close_renderer
from parallax.store import is_valid_id, open_store
from tests.helpers import OUTLETS, chart, dialog_texts, hand_result, open_app, outlet_table, plain, run, texts

EVENT = "Elm Street bridge <b>reopens</b> & traffic returns"
BRIDGE_OUTLETS = ["Daily Planet", "The Ledger", "Morning Star"]


def bridge_result() -> dict[str, Any]:
    """The hand-made comparison, under an event name with markup in it."""
    result = copy.deepcopy(hand_result())
    result["event"] = EVENT
    return result


def bridge_inputs(result: dict[str, Any]) -> dict[str, Any]:
    """What the app saves with a comparison: the articles as an input event, the settings, the reference."""
    articles = [
        {key: a[key] for key in ("id", "outlet", "title", "url", "published")}
        | {"passages": [p["text"] for p in a["passages"]]}
        for a in result["articles"]
    ]
    return {"event": result["event"], "articles": articles, "settings": result["settings"], "reference": "a"}


def save_bridge() -> str:
    """Save the bridge comparison into the test's store and return its id."""
    result = bridge_result()
    with open_store() as store:
        return store.save(result, inputs=bridge_inputs(result))


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """A store of saved comparisons of the test's own, and no public address configured."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("PARALLAX_BASE_URL", raising=False)
    monkeypatch.setenv("PARALLAX_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def no_model(monkeypatch) -> list[str]:
    """Every attempt to load the model is recorded and refused; the list of attempts is returned."""
    attempts: list[str] = []

    def refuse(model: str = "") -> None:
        attempts.append(model)
        raise ModelUnavailable("opening a saved comparison must not need the model")

    monkeypatch.setattr(components.runner, "get_encoder", refuse)
    monkeypatch.setattr(embeddings, "load_encoder", refuse)
    return attempts


@pytest.fixture
def downloads(monkeypatch) -> dict[str, dict[str, Any]]:
    """Record every st.download_button by key, with the bytes it would hand the browser."""
    found: dict[str, dict[str, Any]] = {}
    original = st.download_button

    def recording(label: str, data: Any, *args: Any, **kwargs: Any) -> bool:
        found[kwargs["key"]] = {"label": label, "data": data, **kwargs}
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", recording)
    return found


def content(download: dict[str, Any]) -> bytes:
    """A download's bytes, generating them as a click would when the data is deferred."""
    data = download["data"]() if callable(download["data"]) else download["data"]
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def links(at) -> list[str]:
    return [c.value for c in at.code]


def outlets_table(at) -> list[str]:
    return list(outlet_table(at)["Outlet"])


def test_a_link_opens_the_saved_comparison_in_the_linked_view_without_the_model(no_model):
    saved = save_bridge()
    at = run("alignment", c=saved, claim="c2", filter="shared")

    assert at.title[0].value == "Alignment"
    assert plain(at.caption[0].value).startswith(
        "Reference: Daily Planet (3 passages; 2 matched by another outlet, 1 by none)"
    )
    assert at.radio(key="w_filter").value == "shared"
    shown = texts(at)
    assert "The repairs cost $4 million, the city said." in shown
    assert "Mayor Lee cut the ribbon." not in shown, "the filter hides what only the reference reports"
    assert dialog_texts(at) == ["#### The repairs cost $4 million"]
    assert at.slider(key="setting_threshold").value == 0.5
    assert dict(at.query_params) == {"c": saved, "ref": "a", "claim": "c2", "filter": "shared"}
    assert links(at) and all(x == f"alignment?c={saved}&ref=a&claim=c2&filter=shared" for x in links(at)), (
        "the link is the page's path with the view")

    at.switch_page("components/pages/sources.py").run()
    assert not at.exception
    assert [b.key for b in at.button if b.key and b.key.startswith("remove_")] == ["remove_a", "remove_b", "remove_c"]
    assert plain(at.caption[0].value) == EVENT
    assert any(t.startswith("**Morning Star**") for t in texts(at))
    at.switch_page("components/pages/overview.py").run()
    assert not at.exception and outlets_table(at) == BRIDGE_OUTLETS
    assert at.query_params["c"] == saved
    assert no_model == [], "the model was asked for"


def test_an_old_link_naming_its_page_in_view_opens_the_saved_comparison_on_that_page(no_model):
    saved = save_bridge()
    at = run(c=saved, view="alignment", claim="c2", filter="shared")
    assert at.title[0].value == "Alignment" and at.radio(key="w_filter").value == "shared"
    assert dialog_texts(at) == ["#### The repairs cost $4 million"]
    assert dict(at.query_params) == {"c": saved, "ref": "a", "claim": "c2", "filter": "shared"}
    assert links(at)[0] == f"alignment?c={saved}&ref=a&claim=c2&filter=shared"
    assert no_model == []


@pytest.mark.parametrize(("page", "address"), [(None, "http://news.example:8501/"),
                                               ("alignment", "http://news.example:8501/alignment")])
def test_a_link_shared_in_the_browser_is_its_address_with_the_page_path(page, address):
    saved = save_bridge()
    at = open_app(page, c=saved)
    at.context["url"] = address
    at.run()
    assert not at.exception, at.exception
    assert links(at)[0] == f"http://news.example:8501/{page or ''}?c={saved}&ref=a"


def test_a_comparison_saved_from_the_command_line_opens_from_its_result(no_model):
    with open_store() as store:
        saved = store.save(bridge_result(), inputs={"sources": ["bridge/event.json"], "event": EVENT})
    at = run("sources", c=saved)
    assert [b.key for b in at.button if b.key and b.key.startswith("remove_")] == ["remove_a", "remove_b", "remove_c"]
    assert any("3 passages" in plain(c.value) for c in at.caption), "the passages are the saved ones"
    at.switch_page("components/pages/alignment.py").run()
    assert not at.exception and at.query_params["c"] == saved and no_model == []


def test_a_link_naming_another_reference_compares_the_saved_articles_again():
    saved = save_bridge()
    at = run("alignment", c=saved, ref="c")
    assert plain(at.caption[0].value).startswith("Reference: Morning Star (2 passages;")
    assert "c" not in at.query_params, "the comparison shown is not the saved one"
    assert outlets_table(run("overview", c=saved)) == BRIDGE_OUTLETS


@pytest.mark.parametrize("old_link", [False, True], ids=["page-path", "old-view-param"])
@pytest.mark.parametrize("bad", [secrets.token_urlsafe(16), "not-an-id", "<b>x</b>" * 20])
def test_an_unknown_or_malformed_id_says_so_and_opens_the_sample(bad, old_link):
    save_bridge()
    at = run(c=bad, view="alignment", claim="c2") if old_link else run("alignment", c=bad, claim="c2")

    (warning,) = at.warning
    said = plain(warning.value)
    assert said.startswith("No saved comparison has the id “") and said.endswith(
        "; showing the sample event instead.")
    assert bad[:40] in said and "<b>" not in warning.value, "the id is shown as text"
    assert at.title[0].value == "Overview" and outlets_table(at) == OUTLETS
    assert dict(at.query_params) == {}, "the link's view is dropped with its comparison"
    at.run()
    assert not at.warning, "the reason is said once"


@pytest.mark.parametrize("broken", ["url", "folder"])
def test_a_store_that_cannot_be_opened_is_one_sentence(monkeypatch, tmp_path, broken):
    if broken == "url":
        monkeypatch.setenv("DATABASE_URL", "nosuchdb://reader:secret@127.0.0.1/parallax")
        why = "(DATABASE_URL starts with nosuchdb://, which Parallax cannot use"
    else:
        (tmp_path / "a-file").write_text("not a folder")
        monkeypatch.setenv("PARALLAX_DATA_DIR", str(tmp_path / "a-file"))
        why = "(cannot create the store's folder: [Errno 17] File exists"
    at = run(c=secrets.token_urlsafe(16))

    (warning,) = at.warning
    said = plain(warning.value)
    assert said.startswith(f"Saved comparisons cannot be read right now {why}")
    assert said.endswith("showing the sample event instead.") and "secret" not in said
    assert outlets_table(at) == OUTLETS


def test_share_saves_once_and_its_link_opens_the_same_view(monkeypatch):
    monkeypatch.setenv("PARALLAX_BASE_URL", "https://parallax.example/news")
    at = run("emphasis")
    at.radio(key="w_mode").set_value("word_share").run()
    assert not links(at), "nothing is saved before Share is pressed"
    at.button(key="share").click().run()
    assert not at.exception

    (link,) = links(at)
    assert link.startswith("https://parallax.example/news/emphasis?c=")
    query = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
    assert is_valid_id(query["c"]) and at.query_params["c"] == query["c"]
    assert query == {"c": query["c"], "mode": "word_share"}
    at.button(key="share").click().run()
    assert links(at) == [link], "sharing the unchanged comparison again reuses its id"
    with open_store() as store:
        assert [s.id for s in store.list()] == [query["c"]]
        assert store.load(query["c"]).inputs["event"] == "Trump hosts Bukele at the White House"

    shown = chart(at, "emphasis_chart")
    monkeypatch.setattr(components.runner, "get_encoder", lambda model: pytest.fail("the model was loaded"))
    opened = run(urlsplit(link).path.rsplit("/", 1)[1], **query)
    assert opened.title[0].value == "Emphasis" and opened.radio(key="w_mode").value == "word_share"
    assert chart(opened, "emphasis_chart") == shown


def test_an_edit_makes_a_new_comparison_and_the_old_link_still_opens_the_old_one():
    old = save_bridge()
    at = run("sources", c=old)
    at.button(key="remove_c").click().run()
    assert not at.exception
    assert "c" not in at.query_params and not links(at), "the edited comparison is not the saved one"

    at.button(key="share").click().run()
    new = at.query_params["c"]
    assert new != old and links(at) == [f"sources?c={new}&ref=a"]
    assert outlets_table(run("overview", c=old)) == BRIDGE_OUTLETS
    assert outlets_table(run("overview", c=new)) == ["Daily Planet", "The Ledger"]


def test_export_offers_the_json_result_csv_tables_and_an_escaped_report(no_model, downloads):
    at = run("export", c=save_bridge())
    assert at.title[0].value == "Export"
    assert {"download_json", "download_csv", "download_html"} <= set(downloads)
    assert downloads["download_json"]["file_name"] == "elm-street-bridge-b-reopens-b-traffic-returns.json"

    result = json.loads(content(downloads["download_json"]))
    assert result["event"] == EVENT and [a["outlet"] for a in result["articles"]] == BRIDGE_OUTLETS
    with zipfile.ZipFile(io.BytesIO(content(downloads["download_csv"]))) as archive:
        assert "claims.csv" in archive.namelist()
        claims = list(csv.DictReader(io.StringIO(archive.read("claims.csv").decode("utf-8"))))
    assert [c["label"] for c in claims][:2] == ["The bridge reopened Monday", "The repairs cost $4 million"]
    html = content(downloads["download_html"]).decode("utf-8")
    assert "Elm Street bridge &lt;b&gt;reopens&lt;/b&gt; &amp; traffic returns" in html and EVENT not in html
    assert no_model == []


def test_without_a_browser_the_export_page_says_so_and_points_to_the_report(no_model, monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-browser"))
    at = run("export", c=save_bridge())
    (info,) = at.info
    assert "no-such-browser" in plain(info.value) and "The HTML report above holds every chart" in info.value
    assert not [b for b in at.button if b.key and b.key.startswith("make_")]


def test_chart_pictures_are_drawn_only_when_asked(no_model, downloads):
    try:
        browser_path()
    except ImageExportUnavailable as missing:
        pytest.skip(f"no Chromium here for picture export: {missing}")
    at = run("export", c=save_bridge())
    makers = [b.key for b in at.button if b.key and b.key.startswith("make_")]
    assert len(makers) == 10 and not [k for k in downloads if k.startswith("save_")]
    try:
        at.button(key="make_coverage_png").click().run()
        assert downloads["save_coverage_png"]["data"].startswith(b"\x89PNG\r\n\x1a\n")
        at.button(key="make_divergence_svg").click().run()
    finally:
        close_renderer()
    svg = downloads["save_divergence_svg"]["data"].decode("utf-8")
    assert "<svg" in svg and "Daily Planet" in svg
    remaining = {b.key for b in at.button if b.key and b.key.startswith("make_")}
    assert remaining == set(makers) - {"make_coverage_png", "make_divergence_svg"} and not at.warning


def test_the_person_opening_a_link_sees_the_comparison_and_no_added_toast(no_model):
    saved = save_bridge()
    at = run(c=saved)
    assert at.title[0].value == "Overview"
    assert outlets_table(at) == BRIDGE_OUTLETS
    assert [t.value for t in at.toast] == [], "opening a link adds nothing the person did"
