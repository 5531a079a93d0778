"""The Framing page, and the Alignment page's highlighted words, run headless on the sample event.

Like tests/test_pages.py, every AppTest reuses the one comparison the process has cached. Tone, words
and voices need no model, so the expected figures are computed here from the sample's passages.
"""

from __future__ import annotations

import html
import re
from functools import cache
from statistics import fmean
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from parallax.align import align_passages
from parallax.inputs.local import load_event_file
from parallax.lenses import PRESET_AXES
from parallax.lenses.tone import same_fact_tone, tone_by_passage
from parallax.lenses.voices import voices_lens
from parallax.lenses.words import CLEAR_Z, words_lens
from parallax.passages import split_passages
from parallax.plots.words import WORDS_SHOWN
from parallax.settings import Settings
from tests.helpers import IDS, OUTLETS, ROOT, chart, plain, run, texts

SUBMIT = "FormSubmitter:axis_form-Show this axis"
ORDER = ("order", "police, arrests, gangs, prison guards")
FAMILIES = ("families", "children, mothers, relatives, parents")
ORDER_SPEC = "order:police,arrests,gangs,prison guards|families:children,mothers,relatives,parents"
FAMILIES_SPEC = "families:children,mothers,relatives,parents|order:police,arrests,gangs,prison guards"
MARK = re.compile(r":orange-background\[((?:\\.|[^\]\\])*)\]")


@cache
def sample() -> tuple[list[Any], dict[str, list[Any]]]:
    """The sample's articles and their passages, split as the app splits them by default."""
    articles = list(load_event_file(ROOT / "seeds" / "bukele-white-house-2025" / "event.json").articles)
    return articles, {a.id: split_passages(a, "sentence") for a in articles}


def framing(**params: str) -> AppTest:
    """The app opened on the Framing page with these query parameters."""
    at = run("framing", **params)
    assert at.title[0].value == "Framing"
    return at


def boxes(figure: dict[str, Any]) -> list[dict[str, Any]]:
    """The per-outlet box traces of a tone or axis chart."""
    return [t for t in figure["data"] if t["type"] == "box"]


def means(figure: dict[str, Any]) -> list[float]:
    """The x of each outlet's mean diamond."""
    return list(next(t for t in figure["data"] if t["type"] == "scatter" and t.get("text"))["x"])


def poles(figure: dict[str, Any]) -> list[str]:
    """The first line of each annotation, without markup: the pole names at the axis ends."""
    return [re.sub(r"<[^>]+>", "", a["text"].split("<br>")[0]) for a in figure["layout"]["annotations"]]


def table_with(at: AppTest, column: str) -> Any:
    """The page's table that has this column, as a DataFrame."""
    (found,) = [d.value for d in at.dataframe if column in d.value.columns]
    return found


def fill_axis(at: AppTest, left: tuple[str, str], right: tuple[str, str], name: str = "") -> AppTest:
    """Type an axis into the form and send it."""
    at.text_input(key="axis_name").input(name)
    at.text_input(key="axis_left_label").input(left[0])
    at.text_input(key="axis_left_phrases").input(left[1])
    at.text_input(key="axis_right_label").input(right[0])
    at.text_input(key="axis_right_phrases").input(right[1])
    at.button(key=SUBMIT).click().run()
    assert not at.exception, at.exception
    return at


def test_tone_words_and_voices_charts_show_the_lenses_of_the_sample(encoder):
    at = framing()
    assert dict(at.query_params) == {}, "the page is the URL's path; no axis is chosen yet"
    assert [c.key for c in at.get("plotly_chart")] == [
        "tone_chart",
        "words_chart",
        "voices_chart",
        "axis_chart",
    ]
    articles, passages = sample()
    every = [p for ps in passages.values() for p in ps]
    tone = tone_by_passage(every)
    vectors = dict(zip([p.id for p in every], encoder.encode([p.text for p in every]), strict=True))
    same = same_fact_tone(align_passages(passages, vectors, Settings().threshold), tone, {p.id: p.article_id
                                                                                         for p in every})
    tone_chart = chart(at, "tone_chart")
    assert [html.unescape(b["name"]) for b in boxes(tone_chart)] == OUTLETS
    assert [list(b["x"]) for b in boxes(tone_chart)] == [
        [same["passages"][p.id] for p in passages[i] if p.id in same["passages"]] for i in IDS
    ], "only passages another outlet tells as the same fact, by their tone against it"
    assert sum(len(b["x"]) for b in boxes(tone_chart)) < len(every) / 3
    assert means(tone_chart) == [same["articles"][i]["mean"] for i in IDS if i in same["articles"]]
    table = table_with(at, "Pairs compared")
    assert list(table["Outlet"]) == OUTLETS
    assert list(table["Pairs compared"]) == [same["articles"].get(i, {}).get("pairs", 0) for i in IDS]
    assert sum(table["Pairs compared"]) % 2 == 0, "each pair is counted once for either outlet"
    assert all(abs(x) <= 2 for b in boxes(tone_chart) for x in b["x"])
    alone = [i for i in IDS if i not in same["articles"]]
    notes = [a["text"] for a in tone_chart["layout"].get("annotations", [])]
    assert notes == ["no fact told alike by another outlet"] * len(alone), "an outlet without pairs keeps its row"
    mean_hover = next(t for t in tone_chart["data"] if t.get("name") == "mean")["text"]
    assert all("against the same fact elsewhere" in t for t in mean_hover), "no topic-driven absolute score"

    terms = words_lens(passages, outlets=OUTLETS)["terms"]
    bars = chart(at, "words_chart")["data"]
    assert [list(b["y"]) for b in bars] == [[t["term"] for t in terms[i][:WORDS_SHOWN]] for i in IDS]
    assert all(list(b["x"]) == sorted(b["x"], reverse=True) for b in bars)
    assert all(x >= CLEAR_Z for b in bars for x in b["x"]), "only what the caption calls a clear preference"
    shown = {y for b in bars for y in b["y"]}
    assert shown and not shown & {"far", "little", "make", "april", "march", "crossline", "set"}

    voices = voices_lens(articles, passages)["articles"]
    stacked = chart(at, "voices_chart")["data"]
    assert [html.unescape(t["name"]) for t in stacked] == OUTLETS
    totals = {
        v: sum(x or 0 for t in stacked for y, x in zip(t["y"], t["x"], strict=True) if y == v)
        for v in stacked[0]["y"]
    }
    assert totals == {
        v: sum(r["words"] for rows in voices.values() for r in rows if r["voice"] == v) for v in totals
    }
    assert list(totals.values()) == sorted(totals.values(), reverse=True)
    table = table_with(at, "Voice")
    assert set(table["Outlet"]) == set(OUTLETS) and table["Words"].sum() == sum(totals.values())


def test_same_fact_different_tone_pairs_and_the_clashing_facts_section():
    at = framing()
    lines = texts(at)
    heads = [n for n, t in enumerate(lines) if t.startswith("Tone gap ")]
    assert 1 <= len(heads) <= 10, "the ten widest gaps at most (six of them folded away)"
    for n in heads:
        gap = float(lines[n].removeprefix("Tone gap "))
        notes = [lines[n + 1], lines[n + 3]]
        assert all(re.fullmatch(r"\*\*.+\*\* · tone [+-]\d\.\d\d", note) for note in notes), notes
        a, b = (float(note.rsplit(" ", 1)[1]) for note in notes)
        assert abs(abs(a - b) - gap) <= 0.011
        assert notes[0].split("**")[1] in OUTLETS and notes[1].split("**")[1] in OUTLETS
    assert [float(lines[n].removeprefix("Tone gap ")) for n in heads] == sorted(
        (float(lines[n].removeprefix("Tone gap ")) for n in heads), reverse=True
    )
    assert any(plain(c.value).startswith("None: wherever matched passages give figures") for c in at.caption)
    assert all(not m.proto.allow_html for m in at.markdown), "no page renders HTML"


def test_the_axis_chart_has_each_outlet_with_its_mean_between_the_first_presets_poles():
    at = framing()
    assert at.selectbox(key="axis_choice").value == PRESET_AXES[0].name
    figure = chart(at, "axis_chart")
    rows = boxes(figure)
    assert [html.unescape(b["name"]) for b in rows] == OUTLETS
    assert means(figure) == pytest.approx([fmean(b["x"]) for b in rows], abs=1e-3)
    assert poles(figure) == ["← security", "rights →"]
    assert means(figure)[IDS.index("seed")] < 0 < means(figure)[IDS.index("legal")], "seed leans to security"
    right_column = [t for t in texts(at) if t.startswith("**Nearest “")]
    assert right_column == ["**Nearest “security”**", "**Nearest “rights”**"]


def test_a_custom_axis_typed_in_the_form_redraws_the_chart_and_goes_into_the_url():
    at = framing()
    preset_means = means(chart(at, "axis_chart"))
    at.selectbox(key="axis_choice").select("custom").run()
    assert not at.exception and at.text_input(key="axis_left_label").value == "security"
    assert "axis" not in at.query_params, "nothing changes before the form is sent"
    fill_axis(at, ORDER, FAMILIES)
    assert at.query_params["axis"] == ORDER_SPEC
    figure = chart(at, "axis_chart")
    assert poles(figure) == ["← order", "families →"]
    assert [html.unescape(b["name"]) for b in boxes(figure)] == OUTLETS
    assert means(figure) != preset_means
    assert at.selectbox(key="axis_choice").value == "custom"

    at.selectbox(key="axis_choice").select(PRESET_AXES[1].name).run()
    assert not at.exception and at.query_params["axis"] == PRESET_AXES[1].name
    assert poles(chart(at, "axis_chart")) == ["← cooperation", "pressure →"]


def test_a_link_with_an_axis_restores_it_and_the_reversed_axis_mirrors_the_means():
    at = framing(axis=ORDER_SPEC)
    assert at.query_params["axis"] == ORDER_SPEC and at.selectbox(key="axis_choice").value == "custom"
    assert at.text_input(key="axis_right_phrases").value == FAMILIES[1]
    forward = means(chart(at, "axis_chart"))
    reverse = framing(axis=FAMILIES_SPEC)
    assert poles(chart(reverse, "axis_chart")) == ["← families", "order →"]
    assert means(chart(reverse, "axis_chart")) == pytest.approx([-m for m in forward], abs=2e-3)
    named = framing(axis=PRESET_AXES[2].name)
    assert named.selectbox(key="axis_choice").value == PRESET_AXES[2].name
    assert poles(chart(named, "axis_chart")) == ["← success", "harm →"]


def test_a_malformed_axis_link_is_said_and_the_first_preset_shown():
    at = framing(axis="order:police")
    assert len(at.warning) == 1 and "cannot be read" in plain(at.warning[0].value)
    assert poles(chart(at, "axis_chart")) == ["← security", "rights →"]
    at.selectbox(key="axis_choice").select("custom").run()
    fill_axis(at, ("order", "police"), ("families", " , "))
    assert plain(at.error[0].value) == "Give each pole at least one phrase."
    assert at.query_params["axis"] == "order:police", "a mistake in the form leaves the link as it was"


def test_alignment_highlights_each_outlets_distinctive_words_and_the_toggle_removes_them():
    at = run("alignment")
    assert at.toggle(key="highlight_terms").value is True
    _, passages = sample()
    terms = words_lens(passages)["terms"]
    seed_terms = {t["term"] for t in terms["seed"]}
    seed_text = {p.text for p in passages["seed"]}
    marked = [m.value for m in at.markdown if MARK.search(m.value)]
    assert marked, "some passages carry highlighted words"
    seed_marks = [MARK.findall(v) for v in marked if plain(v) in seed_text]
    bare = [re.sub(r"^\W+|(?:['’]s)?\W*$", "", plain(w)).lower() for found in seed_marks for w in found]
    assert seed_marks and all(w in seed_terms for w in bare), "a mark holds a term and the punctuation glued to it"
    before = texts(at)
    at.toggle(key="highlight_terms").set_value(False).run()
    assert not at.exception
    assert not any(MARK.search(m.value) for m in at.markdown)
    assert texts(at) == before, "the words read the same with or without highlights"


def framing_of_pasted(reports: list[tuple[str, str]]):
    """The Framing page after clearing the sample and pasting these (outlet, text) reports on Sources."""
    at = run("sources")
    at.button(key="clear_articles").click().run()
    for outlet, text in reports:
        at.text_input(key="paste_outlet").input(outlet)
        at.text_area(key="paste_text").input(text)
        at.button(key="add_paste").click().run()
    at.switch_page("components/pages/framing.py").run()
    assert not at.exception, at.exception
    return at


def test_two_pasted_reports_that_disagree_on_a_number_are_listed_as_a_clash():
    at = framing_of_pasted([
        (
            "Harbour *Gazette*",
            "The United States sent 238 Venezuelans to the CECOT prison in March. "
            "The <b>weather</b> was fine on the coast.",
        ),
        (
            "Valley Post",
            "The United States sent more than 250 Venezuelans to the CECOT prison in March. "
            "Farmers in the valley expect rain.",
        ),
    ])
    lines = texts(at)
    start = lines.index("**238 vs more than 250** (number)")
    assert lines[start + 1 : start + 5] == [
        "**Harbour *Gazette*** · 238",
        "The United States sent 238 Venezuelans to the CECOT prison in March.",
        "**Valley Post** · more than 250",
        "The United States sent more than 250 Venezuelans to the CECOT prison in March.",
    ]
    assert any(plain(c.value) == "No outlet quotes anyone by name." for c in at.caption)
    assert len(boxes(chart(at, "axis_chart"))) == 2


def test_pasted_reports_show_a_possible_clash_of_counts_and_voices_introduced_by_their_roles():
    at = framing_of_pasted([
        (
            "Harbour Gazette",
            "The United States sent 238 Venezuelans to the CECOT prison in March. "
            '"The flights must stop," said union president Ana Ruiz.',
        ),
        (
            "Valley Post",
            "The United States sent more than 250 members of Tren de Aragua to the CECOT prison in March. "
            "According to logistics consultant Tom Reyes, the flights will go on all year.",
        ),
    ])
    lines = texts(at)
    start = lines.index("**238 Venezuelans vs more than 250 members** (number, possible clash)")
    assert lines[start + 1] == "**Harbour Gazette** · 238 Venezuelans"
    assert lines[start + 3] == "**Valley Post** · more than 250 members"
    voices = table_with(at, "Voice")
    assert [tuple(r) for r in voices[["Outlet", "Voice", "Direct", "Reported"]].itertuples(index=False)] == [
        ("Harbour Gazette", "Ana Ruiz", 1, 0),
        ("Valley Post", "Tom Reyes", 0, 1),
    ]


def test_the_tone_table_says_when_an_outlet_tells_no_fact_alike_instead_of_an_empty_number():
    table = table_with(framing(), "Pairs compared")
    tone = dict(zip(table["Outlet"], table["Tone against the same fact elsewhere"], strict=True))
    pairs = dict(zip(table["Outlet"], table["Pairs compared"], strict=True))
    assert any(n == 0 for n in pairs.values()) and any(n > 0 for n in pairs.values()), "the sample has both"
    for outlet, count in pairs.items():
        if count == 0:
            assert tone[outlet] == "no fact told alike"
        else:
            assert re.fullmatch(r"[+-]\d\.\d\d", tone[outlet]), tone[outlet]
