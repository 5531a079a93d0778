"""A student's path through framing in a real browser: tone, words and voices of the sample event, then a
semantic axis of her own whose link reopens it; and the Alignment page's highlighted words.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from harness import REPO, SCREENSHOTS, full_screenshot, open_page, wait_for_run

pytestmark = pytest.mark.e2e

SAMPLE = REPO / "seeds" / "bukele-white-house-2025" / "event.json"
SPEC = "order:police,arrests,gangs,prison guards|families:children,mothers,relatives,parents"
NOISE = {"far", "little", "make", "april", "march", "set", "crossline"}
"""Words that once topped the lists though they frame nothing."""


def _outlets() -> list[str]:
    """The sample's outlet names, in order."""
    return [a["outlet"] for a in json.loads(SAMPLE.read_text(encoding="utf-8"))["articles"]]


def _axis_chart(page: Page):
    """The last chart on the page: the semantic axis."""
    return page.locator(".js-plotly-plot").last


def test_a_student_reads_framing_and_sets_her_own_axis(page: Page) -> None:
    page.goto("/")
    wait_for_run(page)
    open_page(page, "Framing")
    for heading in ("Tone", "Words", "Voices", "Clashing facts", "Semantic axis"):
        expect(page.get_by_role("heading", name=heading, level=3)).to_be_attached()
    expect(page.locator(".js-plotly-plot")).to_have_count(4)
    ticks = page.locator(".js-plotly-plot").first.locator("g.ytick text")
    expect(ticks).to_have_text(_outlets())
    expect(page.get_by_text("Same fact, different tone")).to_be_visible()
    expect(_axis_chart(page).locator(".annotation-text").first).to_contain_text("security")
    full_screenshot(page, "framing")

    axis = page.get_by_test_id("stSelectbox").filter(has_text="Axis")
    axis.scroll_into_view_if_needed()
    axis.click()
    page.get_by_role("option", name="Your own axis…").click()
    wait_for_run(page)
    page.get_by_label("Left pole", exact=True).fill("order")
    page.get_by_label("Phrases for the left pole, separated by commas").fill(
        "police, arrests, gangs, prison guards"
    )
    page.get_by_label("Right pole", exact=True).fill("families")
    page.get_by_label("Phrases for the right pole, separated by commas").fill(
        "children, mothers, relatives, parents"
    )
    page.get_by_role("button", name="Show this axis").click()
    wait_for_run(page)

    expect(page).to_have_url(re.compile(r"[?&]axis="))
    assert parse_qs(urlsplit(page.url).query)["axis"] == [SPEC]
    labels = _axis_chart(page).locator(".annotation-text")
    expect(labels.first).to_contain_text("order")
    expect(labels.nth(1)).to_contain_text("families")
    expect(_axis_chart(page).locator("g.ytick text")).to_have_text(_outlets())
    expect(page.get_by_text("Nearest “families”")).to_be_visible()
    _axis_chart(page).scroll_into_view_if_needed()
    full_screenshot(page, "framing-custom-axis")

    link = page.url
    again = page.context.new_page()
    again.goto(link)
    wait_for_run(again)
    expect(again.get_by_role("heading", name="Framing", level=1)).to_be_visible()
    expect(again.get_by_label("Left pole", exact=True)).to_have_value("order")
    expect(_axis_chart(again).locator(".annotation-text").first).to_contain_text("order")
    again.close()


def _section_screenshot(page: Page, heading: str, name: str) -> None:
    """Scroll a section's heading to the top of the 1400x900 window and photograph the window."""
    page.get_by_role("heading", name=heading, level=3).evaluate("h => h.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(400)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), animations="disabled")


def test_framing_compares_tone_fact_by_fact_lists_only_clear_words_and_names_role_voices(page: Page) -> None:
    page.goto("/")
    wait_for_run(page)
    open_page(page, "Framing")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Tone is compared only where two outlets report one fact")).to_be_visible()
    tone = page.locator(".js-plotly-plot").first
    expect(tone.locator("g.ytick text")).to_have_text(_outlets())
    expect(tone.locator(".g-xtitle")).to_contain_text("the same fact")
    tables = page.get_by_test_id("stDataFrame")
    expect(tables).to_have_count(2)
    expect(tables.first).to_contain_text("Pairs compared")
    _section_screenshot(page, "Tone", "framing-tone")

    words = page.locator(".js-plotly-plot").nth(1)
    expect(words.locator("g.ytick text").first).to_be_attached()
    ticks = [t.lower() for t in words.locator("g.ytick text").all_text_contents()]
    assert ticks and not set(ticks) & NOISE, ticks
    expect(main.get_by_text("at a z-score of 2 or more")).to_be_visible()
    _section_screenshot(page, "Words", "framing-words")
    _section_screenshot(page, "Voices", "framing-voices")
    _section_screenshot(page, "Clashing facts", "framing-clashes")


def test_alignment_marks_each_outlets_distinctive_words(page: Page) -> None:
    page.goto("/")
    wait_for_run(page)
    open_page(page, "Alignment")
    main = page.get_by_test_id("stMain")
    marks = main.locator("[data-testid='stMarkdownContainer'] span.stMarkdownColoredBackground")
    expect(marks.filter(visible=True).first).to_be_visible()
    assert ":orange-background[" not in main.inner_text(), "the highlight is drawn, not printed"
    count = marks.count()
    full_screenshot(page, "alignment-highlights")
    page.get_by_text("Highlight each outlet's distinctive words").click()
    wait_for_run(page)
    expect(marks).to_have_count(0)
    assert count > 0
