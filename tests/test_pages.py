"""The app's pages, run headless on the sample event: figures' data, tables' rows, links and inputs.

The comparison is cached for the whole process (st.cache_data, st.cache_resource), so only the first
app run embeds the sample; every later AppTest reuses that result.
"""

from __future__ import annotations

import html
import re
from typing import Any

from streamlit.testing.v1 import AppTest

from parallax.plots.emphasis import TOP_CLAIMS
from tests.helpers import (
    IDS,
    OUTLETS,
    SAMPLE,
    chart,
    dialog_texts,
    open_app,
    outlet_table,
    overlap,
    plain,
    run,
    select_points,
    texts,
)

SEED_TEXT = next(a["text"] for a in SAMPLE["articles"] if a["id"] == "seed")
NEW_ARTICLE = (
    "Harbour officials in Tecoluca said on Tuesday that the CECOT prison, which the government says can hold "
    "40,000 inmates, received more prisoners this week. Local fishermen said the harbour was quiet and that "
    "the weather had kept most boats at home. The mayor promised a new fish market by the end of the year."
)


def findings(at: AppTest) -> list[tuple[str, str]]:
    """(finding sentence, key of the button beside it), in page order: each finding is its card's bold line."""
    lines = [plain(m.value)[2:-2] for m in at.markdown if m.value.startswith("**") and m.value.endswith("**")]
    keys = [b.key for b in at.button if b.key and b.key.startswith("finding_")]
    assert len(lines) == len(keys)
    return list(zip(lines, keys, strict=True))


def test_overview_reports_findings_shared_claims_and_a_row_per_outlet():
    at = run()
    assert at.title[0].value == "Overview"
    assert dict(at.query_params) == {}, "the page is the URL's path, not a query parameter"
    shown = findings(at)
    toggles = [t for t in at.toggle if (t.key or "").startswith("more_findings_")]
    assert toggles and all(re.fullmatch(r"Show \d+ more", t.label) and not t.value for t in toggles)
    assert len(shown) == 5 * len(toggles), "five findings a section, the rest behind its toggle"
    for toggle in toggles:
        toggle.set_value(True)
    at.run()
    found = [text for text, _ in findings(at)]
    assert len(found) > len(shown) and not at.exception
    assert found[0].startswith("Seed article leads with “President Donald Trump is set to meet"), "the reference's lead"
    seed = [t.startswith("Seed article ") for t in found]
    assert seed[: seed.index(False)] == [True] * seed.count(True), "the reference's findings come first"
    headings = [plain(m.value) for m in at.markdown if m.value.startswith("##### ")]
    assert headings == ["##### Seed article, the reference", "##### The other outlets"]
    assert any(t.startswith("Only ") for t in found) and any(" leaves out “" in t for t in found)
    fragments = ("Mejía did not laugh", "Tull was briefer", "The justices gave the government a verb")
    assert not [t for t in found if any(f in t for f in fragments)], "fragments never stand alone as findings"
    places = [plain(c.value) for c in at.caption if re.match(r"^[^·]+, passage \d+", plain(c.value))]
    assert len(places) == len(found), "every finding says whose passage it shows"
    lead = next(m.value for m in at.markdown if m.value.startswith("President Donald Trump is set to meet"))
    assert ":gray[The two leaders are expected" in lead, "the sentence after the lead stands beside it, dimmed"
    shared = overlap(at)
    assert list(shared.index) == list(shared.columns) == OUTLETS
    assert [shared.iloc[i, i] for i in range(6)] == [""] * 6, "an outlet against itself is left blank"
    pairs = [(i, j) for i in range(6) for j in range(6) if i != j]
    assert all(shared.iloc[i, j] == shared.iloc[j, i] for i, j in pairs), "the table is symmetric"
    assert all(re.fullmatch(r"\d{1,3}%", shared.iloc[i, j]) for i, j in pairs), "every pair prints its share"
    assert not at.get("plotly_chart") and not at.dataframe, "plain tables: a new session loads no chart or grid library"
    table = outlet_table(at)
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


def test_findings_of_what_one_outlet_alone_reports_or_others_leave_out_open_with_near_misses_to_check():
    at = run()
    for toggle in at.toggle:
        if toggle.key.startswith("more_findings_"):
            toggle.set_value(True)
    at.run()
    shown = findings(at)
    singles = [k for text, k in shown if text.startswith("Only ")]
    omission = next((text, k) for text, k in shown if " leaves out " in text and not text.startswith("Seed article"))
    assert singles, "the sample has single-outlet findings"
    opened = []
    for key in singles:
        at.button(key=key).click().run()
        assert not at.exception and len(dialog_texts(at)) == 1
        if any(t.startswith("**Closest in the outlets without it**") for t in texts(at)):
            opened.append([c.value for c in at.caption])
        at.button(key="close_claim").click().run()
    assert opened, "some single-outlet finding has near misses in other outlets to read"
    notes = [t for captions in opened for t in captions if " with this claim" in t]
    assert notes and all(re.search(r"(related|match score), 0\.\d\d with this claim", t) for t in notes), notes
    at.button(key=omission[1]).click().run()
    outlet = omission[0].split(" leaves out ")[0]
    heading = texts(at).index("**Closest in the outlets without it**, below a match: read them, an outlet may tell "
                              "the same fact in other words.")
    assert f"**{outlet}**" in texts(at)[heading:], f"{outlet} leaves the claim out: its closest passage is shown"


def passages_by_page(
    at: AppTest, article_text: str = SEED_TEXT, shortest: int = 40, badge: str | None = None
) -> list[list[str]]:
    """The reference's passages the Alignment page shows, page by page (the page's pager clicked through).

    With `badge`, each page must show that badge once per passage.
    """
    pagers = at.segmented_control
    found = []
    for option in pagers[0].options if pagers else [None]:
        if option is not None:
            at.segmented_control(key="alignment_pager").set_value(option).run()
        assert not at.exception
        found.append([t for t in texts(at) if len(t) > shortest and t in article_text])
        if badge is not None:
            assert sum(badge in t for t in texts(at)) == len(found[-1]), f"page {option}: one badge per passage"
    return found


def test_alignment_lists_the_seed_passages_in_order_with_counterparts_a_page_at_a_time():
    at = run("alignment")
    assert at.title[0].value == "Alignment" and "view" not in at.query_params
    pages = passages_by_page(at)
    overview = outlet_table(run())
    count = overview[overview["Outlet"] == "Seed article"].iloc[0]["Passages"]
    assert [len(p) for p in pages] == [min(8, count - n) for n in range(0, count, 8)], "eight passages a page"
    seed_passages = [t for page in pages for t in page]
    positions = [SEED_TEXT.index(t) for t in seed_passages]
    assert positions == sorted(positions) and positions[0] == 0 and len(seed_passages) == count
    arrests = next(n for n, t in enumerate(texts(at)) if "mass arrests of gang members" in t and t in SEED_TEXT)
    following = plain(texts(at)[arrests + 1])
    assert following.startswith("**The Perimeter Report** · "), "the mass-arrests passage has its counterpart"
    assert re.search(r" · (same fact|overlaps), 0\.\d\d, passage \d+", following), "grade words beside the score"


def test_alignment_filter_shows_only_unreported_passages_and_goes_into_the_url():
    legal_text = next(a["text"] for a in SAMPLE["articles"] if a["id"] == "legal")
    at = run("alignment", ref="legal")
    everything = [t for page in passages_by_page(at, legal_text, 12) for t in page]
    at.radio(key="w_filter").set_value("unique").run()
    assert not at.exception and at.query_params["filter"] == "unique"
    # Every passage shown under this filter, on every page, is marked as reported nowhere else.
    unique = [t for page in passages_by_page(at, legal_text, 12, "No other outlet matched") for t in page]
    assert 0 < len(unique) < len(everything)


def test_a_passage_no_other_outlet_matches_offers_the_closest_unmatched_ones_to_read():
    at = run("alignment", filter="unique")
    closest = [e.label for e in at.expander if e.label.startswith("Closest elsewhere, not a match: ")]
    assert closest, "the seed's unmatched passages have near misses to read"
    assert all(re.search(r"\((related|match score), 0\.\d\d\)$", label) for label in closest), closest
    assert not any(e.label.startswith("Closest elsewhere") for e in run("alignment", filter="shared").expander)


def _in_order(node: Any) -> list[Any]:
    """Every element under `node`, in page order (blocks opened up, expanders and dialogs included)."""
    children = getattr(node, "children", None)
    if children is None:
        return [node]
    return [leaf for _, child in sorted(children.items()) for leaf in _in_order(child)]


def test_a_passage_matched_only_outside_any_claim_shows_its_matches_without_a_click():
    at = run("alignment")
    shown = []
    for option in at.segmented_control(key="alignment_pager").options:
        at.segmented_control(key="alignment_pager").set_value(option).run()
        elements = _in_order(at.main)
        for n, element in enumerate(elements):
            if element.type == "caption" and "in no claim together" in element.value:
                assert elements[n + 1].type == "markdown", "its matches follow at once, not behind an expander"
                shown.append(plain(elements[n + 1].value))
    assert shown, "the sample's seed has a passage matched only outside any claim (its Supreme Court passage)"
    assert all(re.match(r"\*\*[^*]+\*\* · (same fact|overlaps), 0\.\d\d, passage \d+", line) for line in shown), shown


def test_a_link_restores_page_filter_and_claim():
    at = run("alignment", filter="shared", claim="c1")
    assert at.title[0].value == "Alignment"
    assert at.radio(key="w_filter").value == "shared"
    assert not any("No other outlet matched" in t for t in texts(at))
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


def test_emphasis_heatmap_switches_between_prominence_and_word_share_and_shows_all_claims_on_request():
    at = run("emphasis")
    heat, picker = chart(at, "emphasis_chart")["data"]
    claims = heat["y"]
    note = next(plain(c.value) for c in at.caption if c.value.startswith("Showing the "))
    total = int(re.search(r"of (\d+) claims", note).group(1))
    assert len(claims) == len(set(claims)) == TOP_CLAIMS < total, "the top claims, the rest behind the toggle"
    assert heat["x"] == IDS and len(heat["z"]) == len(claims)
    assert all(v is None or 0 <= v <= 1 for row in heat["z"] for v in row)
    assert {tuple(cd) for cd in picker["customdata"]} == {(c, a) for c in claims for a in IDS}
    at.radio(key="w_mode").set_value("word_share").run()
    assert not at.exception and at.query_params["mode"] == "word_share"
    at.toggle(key="emphasis_all").set_value(True).run()
    assert not at.exception and not [c for c in at.caption if c.value.startswith("Showing the ")]
    heat = chart(at, "emphasis_chart")["data"][0]
    assert heat["colorbar"]["title"]["text"] == "Share of the article's words" and len(heat["y"]) == total
    for column in range(6):
        assert 0.9 <= sum(row[column] or 0 for row in heat["z"]) <= 1.005, "each article's words are shared out"


def test_emphasis_position_and_divergence_charts_cover_every_outlet():
    at = run("emphasis")
    assert at.title[0].value == "Emphasis"
    spans, *rows = chart(at, "position_chart")["data"]
    assert [r["name"] for r in rows] == [html.escape(o, quote=False) for o in OUTLETS]
    assert all(0 <= x <= 1 for r in rows for x in r["x"])
    dots = [cd[0] for r in rows for cd in r["customdata"]]
    assert dots and all(dots.count(claim) >= 2 for claim in dots), "every row is a claim several outlets report"
    (bars,) = chart(at, "divergence_chart")["data"]
    assert len(bars["x"]) == 15 and list(bars["x"]) == sorted(bars["x"], reverse=True)
    assert all(" · most apart on: " in text for text in bars["text"])


def test_selecting_a_point_opens_that_claim():
    at = run("emphasis")
    rows = chart(at, "position_chart")["data"]
    curve = next(n for n, r in enumerate(rows) if r.get("customdata"))
    claim, pid = rows[curve]["customdata"][0]
    select_points(at, "position_chart", [{"curve_number": curve, "point_index": 0, "customdata": [claim, pid]}])
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
    assert list(outlet_table(at)["Outlet"]) == [*OUTLETS, "Harbour *Gazette*"]
    assert overlap(at).shape == (7, 7)


def edit_field(at: AppTest, field: str, article_id: str):
    """The Sources page's edit field of one article's detail (its key also carries the details' version)."""
    (found,) = [t for t in at.text_input if t.key and t.key.startswith(f"edit_{field}_{article_id}_")]
    return found


def test_editing_an_articles_details_renames_it_everywhere_and_compares_again():
    at = run("sources")
    assert edit_field(at, "outlet", "wire").value == "Crossline Wire"
    edit_field(at, "outlet", "wire").input("Crossline Newswire")
    edit_field(at, "title", "wire").input("Bukele <i>visit</i>")
    edit_field(at, "published", "wire").input("2025-04-15")
    at.button(key="save_wire").click().run()
    assert not at.exception
    row = next(plain(m.value) for m in at.markdown if "Newswire" in m.value)
    assert "Crossline Newswire" in row and "Bukele <i>visit</i>" in row
    assert any("2025-04-15" in plain(c.value) for c in at.caption)
    at.switch_page("components/pages/overview.py").run()
    assert not at.exception
    assert list(outlet_table(at)["Outlet"]) == [n if n != "Crossline Wire" else "Crossline Newswire"
                                                     for n in OUTLETS]
    shown = " ".join(texts(at))
    assert "Crossline Newswire" in shown and "Crossline Wire" not in shown, "the findings use the new name"


def test_the_edit_fields_follow_the_article_when_the_sample_comes_back():
    at = run("sources")
    edit_field(at, "outlet", "wire").input("Crossline Newswire")
    at.button(key="save_wire").click().run()
    at.button(key="load_sample").click().run()
    assert not at.exception
    assert edit_field(at, "outlet", "wire").value == "Crossline Wire", "no stale name is offered"


def test_an_edit_without_an_outlet_name_or_with_a_path_for_address_is_refused():
    at = run("sources")
    edit_field(at, "outlet", "wire").input("  ")
    at.button(key="save_wire").click().run()
    assert any("Give the outlet a name" in plain(e.value) for e in at.error)
    edit_field(at, "outlet", "wire").input("Crossline Wire")
    edit_field(at, "url", "wire").input("/etc/passwd")
    at.button(key="save_wire").click().run()
    assert any("address must start with http" in plain(e.value) for e in at.error)
    at.switch_page("components/pages/overview.py").run()
    assert list(outlet_table(at)["Outlet"]) == OUTLETS, "nothing changed"


def test_a_pasted_headline_is_the_title_and_its_date_and_address_are_kept():
    at = run("sources")
    at.text_input(key="paste_outlet").input("Harbour Gazette")
    at.text_input(key="paste_date").input("2025-04-15")
    at.text_input(key="paste_url").input("https://harbour-gazette.example/boats")
    at.text_area(key="paste_text").input("Boats Stay Home in Tecoluca\n\n" + NEW_ARTICLE)
    at.button(key="add_paste").click().run()
    assert not at.exception
    row = next(plain(m.value) for m in at.markdown if "Harbour Gazette" in m.value)
    assert "Boats Stay Home in Tecoluca" in row
    caption = next(plain(c.value) for c in at.caption if "harbour-gazette.example" in plain(c.value))
    assert caption.startswith("2025-04-15 · ")
    at.switch_page("components/pages/overview.py").run()
    gazette = outlet_table(at).set_index("Outlet").loc["Harbour Gazette"]
    assert gazette["Leads with"].startswith("Harbour officials in Tecoluca"), "the headline is not the lead"


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
    import parallax.views.overview

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("/srv/parallax/secret/path exploded")

    monkeypatch.setattr(parallax.views.overview, "overlap_table", broken)
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


def test_a_fresh_servers_first_page_draws_the_kept_sample_without_the_model(monkeypatch, encoder):
    import components.runner as runner
    import embeddings
    from parallax.settings import Settings

    path = runner.keep_sample()
    assert path is not None and path.is_file()
    assert runner.kept_path(runner.sample_args(Settings(threshold=0.6))) != path, "another setting, another result"
    assert runner.kept_path(("{}", 0.5, "sentence", "m", "onnx", None)) is None, "only the sample is kept"

    def refuse(*args, **kwargs):
        raise AssertionError("the kept sample needs no model")

    monkeypatch.setattr(runner, "get_encoder", refuse)
    monkeypatch.setattr(embeddings, "load_encoder", refuse)
    at = run()
    assert list(outlet_table(at)["Outlet"]) == OUTLETS
    assert overlap(at).shape == (6, 6)
