"""Articles a person can name, in a real browser: paste an article whose first line is its headline, give
its outlet a name, and see that name on the Overview; rename it later from Sources and see the new one.

Also photographs the Alignment page, which shows the reference a page of passages at a time.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from harness import SCREENSHOTS, full_screenshot, open_page, wait_for_run

pytestmark = pytest.mark.e2e

HEADLINE = "Fishermen Stay Ashore as Tecoluca Waits for the Prison Deal"
BODY = (
    "Fishermen in Tecoluca kept their boats ashore on Tuesday while soldiers guarded the road to the CECOT "
    "prison, which the government says can hold 40,000 inmates. President Nayib Bukele told reporters in "
    "Washington that he would not return Kilmar Abrego Garcia to the United States. Local traders said the "
    "prison had brought more trucks than customers to the town."
)
OUTLET = "Tecoluca Harbour Post"
RENAMED = "Harbour Post of Tecoluca"


def _card(page: Page, outlet: str) -> Locator:
    """The innermost block on Sources that lists the article of this outlet, with its Edit and Remove buttons."""
    return page.get_by_test_id("stVerticalBlock").filter(has_text=outlet).filter(
        has=page.get_by_role("button", name="Remove")).last


def test_a_pasted_article_is_named_and_its_headline_is_its_title(page: Page) -> None:
    page.goto("/")
    wait_for_run(page)
    open_page(page, "Sources")
    page.get_by_label("Outlet name", exact=True).fill(OUTLET)
    page.get_by_label("Date (optional)", exact=True).fill("2025-04-15")
    page.get_by_label("Article text", exact=True).fill(f"{HEADLINE}\n\n{BODY}")
    page.get_by_role("button", name="Add pasted article").click()
    wait_for_run(page)
    card = _card(page, OUTLET)
    expect(card).to_contain_text(HEADLINE)
    expect(card).to_contain_text("2025-04-15")
    expect(card).not_to_contain_text("(no title)")
    full_screenshot(page, "sources-named")

    open_page(page, "Overview")
    table = page.get_by_test_id("stTable").last
    expect(table).to_contain_text(OUTLET)
    expect(table).to_contain_text("Fishermen in Tecoluca kept their boats")
    expect(table, "the headline is the title, not the lead").not_to_contain_text("Fishermen Stay Ashore")
    full_screenshot(page, "overview-named")

    open_page(page, "Sources")
    _card(page, OUTLET).get_by_role("button", name="Edit").click()
    popover = page.get_by_test_id("stPopoverBody")
    expect(popover).to_be_visible()
    popover.get_by_label("Outlet", exact=True).fill(RENAMED)
    page.screenshot(path=str(SCREENSHOTS / "sources-edit.png"))
    popover.get_by_role("button", name="Save").click()
    wait_for_run(page)
    page.keyboard.press("Escape")
    expect(_card(page, RENAMED)).to_contain_text(HEADLINE)

    open_page(page, "Overview")
    expect(page.get_by_test_id("stTable").last).to_contain_text(RENAMED)
    expect(page.get_by_test_id("stTable").last).not_to_contain_text(OUTLET)


def test_alignment_shows_a_page_of_passages_and_marks_whole_words(page: Page) -> None:
    page.goto("/alignment")
    wait_for_run(page)
    pages = page.get_by_test_id("stButtonGroup").get_by_text(re.compile(r"^\d+–\d+$"))
    expect(pages.first).to_have_text("1–8")
    rows = page.locator("[class*='st-key-passage_']")
    expect(rows).to_have_count(8)
    height = page.locator("main[data-testid='stMain']").evaluate("m => m.scrollHeight")
    marks = [m.strip() for m in page.locator("span.stMarkdownColoredBackground").all_text_contents() if m.strip()]
    full_screenshot(page, "alignment-paged")
    assert marks, "distinctive words are marked"
    assert not [m for m in marks if m.lower() in ("is", "set", "april", "the", "crossline")], marks
    assert not [m for m in marks if m[0] in "'’)" or m[-1] in "(‘"], "a mark holds its word's punctuation"
    pages.last.click()
    wait_for_run(page)
    expect(rows.first).to_be_visible()
    assert 0 < rows.count() <= 8
    assert height < 6000, f"the first page of passages is {height} px tall"
