"""The app's pages, run headless on the sample event: figures' data, tables' rows, links and inputs.

The comparison is cached for the whole process (st.cache_data, st.cache_resource), so only the first
app run embeds the sample; every later AppTest reuses that result.
"""

from __future__ import annotations

import re
from typing import Any

from streamlit.testing.v1 import AppTest

from tests.helpers import IDS, OUTLETS, SAMPLE, chart, dialog_texts, open_app, plain, run, select_points, texts

SEED_TEXT = next(a["text"] for a in SAMPLE["articles"] if a["id"] == "seed")
NEW_ARTICLE = (
    "Harbour officials in Tecoluca said on Tuesday that the CECOT prison, which the government says can hold "
    "40,000 inmates, received more prisoners this week. Local fishermen said the harbour was quiet and that "
    "the weather had kept most boats at home. The mayor promised a new fish market by the end of the year."
)


def findings(at: AppTest) -> list[tuple[str, str]]:
    """(finding sentence, key of the button beside it), in page order."""
    lines = [plain(m.value) for m in at.markdown if " leads with " in m.value or " leaves out " in m.value
             or m.value.startswith("Only ")]
    keys = [b.key for b in at.button if b.key and b.key.startswith("finding_")]
    assert len(lines) == len(keys)
    return list(zip(lines, keys, strict=True))


def test_overview_reports_findings_heatmap_and_a_row_per_outlet():
    at = run()
    assert at.title[0].value == "Overview"
    assert dict(at.query_params) == {}, "the page is the URL's path, not a query parameter"
    found = [text for text, _ in findings(at)]
    leads = [t for t in found if " leads with “" in t]
    assert [t.split(" leads with ")[0] for t in leads] == OUTLETS, "one lead per outlet, in order"
    assert any(t.startswith("Only ") for t in found) and any(" leaves out “" in t for t in found)
    (heat,) = chart(at, "coverage_chart")["data"]
    assert heat["x"] == IDS and heat["y"] == IDS
    assert [heat["z"][i][i] for i in range(6)] == [None] * 6
    pairs = [(i, j) for i in range(6) for j in range(6) if i != j]
    assert all(heat["z"][i][j] == heat["z"][j][i] and 0 <= heat["z"][i][j] <= 1 for i, j in pairs)
    table = at.dataframe[0].value
    assert list(table["Outlet"]) == OUTLETS
    seed = table[table["Outlet"] == "Seed article"].iloc[0]
    assert bool(seed["Reference"]) and seed["Words"] > 300 and seed["Passages"] >= 10
    assert seed["Leads with"].startswith("President Donald Trump is set to meet")
    assert all(not m.proto.allow_html for m in at.markdown), "no page renders HTML"


def test_clicking_a_finding_opens_its_passages_side_by_side():
    at = run()
    key = next(k for text, k in findings(at) if text.startswith("Seed article leads with"))
    at.button(key=key).click().run()
    assert not at.exception
    assert at.query_params["claim"]
    assert len(dialog_texts(at)) == 1
    assert any(t.startswith("President Donald Trump is set to meet with El Salvador") for t in texts(at))
    assert any(t.startswith("**Seed article** (reference)") for t in texts(at))
    at.button(key="close_claim").click().run()
    assert "claim" not in at.query_params and not dialog_texts(at)


def test_alignment_lists_the_seed_passages_in_order_with_counterparts():
    at = run("alignment")
    assert at.title[0].value == "Alignment" and "view" not in at.query_params
    seed_passages = [t for t in texts(at) if len(t) > 40 and t in SEED_TEXT]
    positions = [SEED_TEXT.index(t) for t in seed_passages]
    assert positions == sorted(positions) and positions[0] == 0
    overview = run().dataframe[0].value
    assert len(seed_passages) == overview[overview["Outlet"] == "Seed article"].iloc[0]["Passages"]
    arrests = next(n for n, t in enumerate(texts(at)) if "mass arrests of gang members" in t and t in SEED_TEXT)
    following = plain(texts(at)[arrests + 1])
    assert following.startswith("**The Perimeter Report** · "), "the mass-arrests passage has its counterpart"
    assert re.search(r" · (same fact|overlaps), 0\.\d\d, passage \d+", following), "grade words beside the score"


def test_alignment_filter_shows_only_unreported_passages_and_goes_into_the_url():
    legal_text = next(a["text"] for a in SAMPLE["articles"] if a["id"] == "legal")
    at = run("alignment", ref="legal")
    everything = [t for t in texts(at) if len(t) > 12 and t in legal_text]
    at.radio(key="w_filter").set_value("unique").run()
    assert not at.exception and at.query_params["filter"] == "unique"
    unique = [t for t in texts(at) if len(t) > 12 and t in legal_text]
    assert 0 < len(unique) < len(everything)
    badges = [t for t in texts(at) if "No other outlet reports this" in t]
    assert len(badges) == len(unique)


def test_a_link_restores_page_filter_and_claim():
    at = run("alignment", filter="shared", claim="c1")
    assert at.title[0].value == "Alignment"
    assert at.radio(key="w_filter").value == "shared"
    assert not any("No other outlet reports this" in t for t in texts(at))
    assert len(dialog_texts(at)) == 1, "the claim's passages are open"
    assert dict(at.query_params) == {"filter": "shared", "claim": "c1"}


def test_an_old_link_naming_its_page_in_view_opens_that_page_once_with_the_rest_of_its_view():
    at = run(view="alignment", filter="shared", claim="c1")
    assert at.title[0].value == "Alignment" and at.radio(key="w_filter").value == "shared"
    assert len(dialog_texts(at)) == 1, "the claim's passages are open"
    assert dict(at.query_params) == {"filter": "shared", "claim": "c1"}, "view leaves the URL"
    at.switch_page("components/pages/emphasis.py").run()
    assert not at.exception and at.title[0].value == "Emphasis", "the redirect happens once, not on every run"
    unknown = run(view="no-such-page", filter="shared")
    assert unknown.title[0].value == "Overview" and dict(unknown.query_params) == {"filter": "shared"}


def test_emphasis_heatmap_switches_between_prominence_and_word_share():
    at = run("emphasis")
    heat, picker = chart(at, "emphasis_chart")["data"]
    claims = heat["y"]
    assert claims[0] == "c1" and len(claims) == len(set(claims)) >= 20
    assert heat["x"] == IDS and len(heat["z"]) == len(claims)
    assert all(v is None or 0 <= v <= 1 for row in heat["z"] for v in row)
    assert {tuple(cd) for cd in picker["customdata"]} == {(c, a) for c in claims for a in IDS}
    at.radio(key="w_mode").set_value("word_share").run()
    assert not at.exception and at.query_params["mode"] == "word_share"
    heat = chart(at, "emphasis_chart")["data"][0]
    assert heat["colorbar"]["title"]["text"] == "Share of the article's words"
    for column in range(6):
        assert 0.9 <= sum(row[column] or 0 for row in heat["z"]) <= 1.005, "each article's words are shared out"


def test_emphasis_position_and_divergence_charts_cover_every_outlet():
    at = run("emphasis")
    assert at.title[0].value == "Emphasis"
    rows = chart(at, "position_chart")["data"]
    assert [r["y"][0] for r in rows] == IDS
    assert all(r["x"][0] == 0 and r["x"][-1] == 1 for r in rows)
    claims = set(chart(at, "emphasis_chart")["data"][0]["y"])
    assert {cd[0] for r in rows for cd in r["customdata"]} - {""} <= claims
    (bars,) = chart(at, "divergence_chart")["data"]
    assert len(bars["x"]) == 15 and list(bars["x"]) == sorted(bars["x"], reverse=True)


def test_selecting_a_point_opens_that_claim():
    at = run("emphasis")
    rows = chart(at, "position_chart")["data"]
    index, (claim, pid) = next((n, cd) for n, cd in enumerate(rows[0]["customdata"]) if cd[0])
    select_points(at, "position_chart", [{"curve_number": 0, "point_index": index, "customdata": [claim, pid]}])
    assert at.query_params["claim"] == claim
    assert len(dialog_texts(at)) == 1
    at.button(key="close_claim").click().run()
    assert not at.exception and "claim" not in at.query_params
    at.run()
    assert not dialog_texts(at), "a selection that stays does not open its claim again"


def test_a_heatmap_cell_opens_its_claim_when_the_event_carries_only_the_cells_place():
    at = run("emphasis")
    picker = chart(at, "emphasis_chart")["data"][1]
    select_points(at, "emphasis_chart", [{"curve_number": 1, "point_index": 0}])
    assert at.query_params["claim"] == picker["customdata"][0][0]


def test_sources_lists_articles_and_pasting_one_adds_it_everywhere():
    at = run("sources")
    assert at.selectbox(key="w_ref").value == "seed"
    assert [b.key for b in at.button if b.key and b.key.startswith("remove_")] == [f"remove_{i}" for i in IDS]
    at.text_input(key="paste_outlet").input("Harbour *Gazette*")
    at.text_input(key="paste_title").input("Boats <b>stay</b> home")
    at.text_area(key="paste_text").input(NEW_ARTICLE)
    at.button(key="add_paste").click().run()
    assert not at.exception
    assert len([b for b in at.button if b.key and b.key.startswith("remove_")]) == 7
    (toast,) = at.toast
    assert toast.value == r"Added 1 article: Harbour \*Gazette\*", "a confirmation, escaped"
    row = next(m.value for m in at.markdown if "Gazette" in m.value)
    assert "Harbour *Gazette*" in plain(row) and "<b>stay</b>" in plain(row)
    assert "*Gazette*" not in row and "<b>" not in row, "names and titles are escaped"
    at.switch_page("components/pages/overview.py").run()
    assert not at.exception
    assert list(at.dataframe[0].value["Outlet"]) == [*OUTLETS, "Harbour *Gazette*"]
    assert len(chart(at, "coverage_chart")["data"][0]["x"]) == 7


def test_an_empty_paste_explains_itself_and_keeps_the_articles():
    at = run("sources")
    at.button(key="add_paste").click().run()
    assert not at.exception
    assert any("Paste the article's text before adding it" in plain(e.value) for e in at.error)
    assert len([b for b in at.button if b.key and b.key.startswith("remove_")]) == 6


def test_removing_articles_keeps_the_others_and_the_sample_comes_back():
    at = run("sources")
    at.button(key="remove_wire").click().run()
    assert not at.exception
    assert [b.key for b in at.button if b.key and b.key.startswith("remove_")] == [
        f"remove_{i}" for i in IDS if i != "wire"
    ]
    at.button(key="clear_articles").click().run()
    at.switch_page("components/pages/overview.py").run()
    assert not at.exception and "no articles to compare" in at.info[0].value
    at.switch_page("components/pages/sources.py").run()
    at.button(key="load_sample").click().run()
    assert not at.exception
    assert len([b for b in at.button if b.key and b.key.startswith("remove_")]) == 6


def test_a_missing_model_is_one_clear_sentence():
    at = run("overview")
    at.text_input(key="setting_model").input("/no/such/model-folder").run()
    assert not at.exception
    assert len(at.error) == 1 and "/no/such/model-folder" in plain(at.error[0].value)
    assert not at.get("plotly_chart")


def test_a_link_with_another_reference_aligns_against_that_outlet():
    at = run("alignment", ref="wire")
    assert at.query_params["ref"] == "wire"
    assert plain(at.caption[0].value).startswith("Reference: Crossline Wire (")
    assert any(t.startswith("**The Perimeter Report**") for t in texts(at)), "other outlets are counterparts"
    at.switch_page("components/pages/sources.py").run()
    assert not at.exception and at.selectbox(key="w_ref").value == "wire"


def test_an_unexpected_error_is_one_line_on_the_page_and_the_traceback_goes_to_the_log(monkeypatch, caplog):
    import parallax.plots.coverage

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("/srv/parallax/secret/path exploded")

    monkeypatch.setattr(parallax.plots.coverage, "coverage_heatmap", broken)
    monkeypatch.setenv("PARALLAX_DEBUG", "0")
    at = open_app().run()
    assert not at.exception, "no traceback reaches the page"
    (error,) = [e for e in at.error if "Something went wrong" in e.value]
    assert error.value.startswith("Something went wrong on the Overview page; the details are in the server's log.")
    assert "/srv/parallax" not in error.value
    assert "exploded" in caplog.text, "the server's log keeps the traceback"
    assert [a.value for a in at.sidebar.button] and at.sidebar.slider, "the sidebar still works"


def test_a_path_in_the_address_box_is_one_line_and_the_articles_stay():
    at = run("sources")
    before = [b.key for b in at.button if (b.key or "").startswith("remove_")]
    at.text_area(key="url_text").input("/etc/passwd\nfile:///etc/shadow").run()
    at.button(key="add_urls").click().run()
    assert not at.exception
    messages = [e.value for e in at.error]
    assert len(messages) == 2 and all("only web addresses" in plain(m) for m in messages)
    assert [b.key for b in at.button if (b.key or "").startswith("remove_")] == before == [f"remove_{i}" for i in IDS]
