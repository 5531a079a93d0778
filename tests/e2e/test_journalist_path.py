"""A journalist's path through the app in a real browser: the sample event, its alignment, her own article.

She opens Parallax, reads the sample event's overview, follows the navigation to Alignment, finds the
seed's passage on the mass arrests of gang members beside another outlet's report of them, pastes an
article of her own and sees it among the sources and in the charts. Every page is photographed.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Locator, Page, expect

from harness import REPO, SCREENSHOTS, full_screenshot, open_page, wait_for_run

pytestmark = pytest.mark.e2e

SAMPLE = REPO / "seeds" / "bukele-white-house-2025" / "event.json"
CRACKDOWN = "mass arrests of gang members"
CRACKDOWN_WORDS = re.compile(r"mass arrests|soldiers|hard line|crackdown", re.IGNORECASE)
SCORE = re.compile(r"\b[01]\.\d\d\b")

OUTLET = "Test Gazette"
HEADLINE = "Bukele visits the Oval Office as the prison deal draws questions"
ARTICLE = (
    "President Nayib Bukele of El Salvador met President Donald Trump in the Oval Office on Monday. "
    "The two leaders talked about the Venezuelan men the United States flew to El Salvador in March. "
    "Those men are held in the CECOT mega-prison in Tecoluca, which was built for 40,000 inmates. "
    "Bukele told reporters he would not send Kilmar Abrego Garcia back to the United States. "
    "Rights groups say the men in the prison have had no chance to contest their removal in court."
)
ARTICLE_PASSAGES = 5


def _sample_outlets() -> tuple[str, list[str]]:
    """The seed's outlet name and the other outlets' names, read from the sample event."""
    articles = json.loads(SAMPLE.read_text(encoding="utf-8"))["articles"]
    seed = next(a for a in articles if a.get("seed"))
    return seed["outlet"], [a["outlet"] for a in articles if a is not seed]


def _innermost(page: Page, *texts: str | re.Pattern[str]) -> Locator:
    """The deepest layout block holding every one of `texts` (ancestors come first in document order)."""
    block = page.get_by_test_id("stVerticalBlock")
    for text in texts:
        block = block.filter(has_text=text)
    return block.last


def _passage_row(page: Page, text: str) -> tuple[Locator, Locator]:
    """The Alignment row of the reference passage containing `text`: (the row, its counterparts column)."""
    row = page.get_by_test_id("stHorizontalBlock").filter(has_text=text).last
    return row, row.locator(":scope > [data-testid='stColumn']").last


def _chart_labels(page: Page) -> Locator:
    """Every axis tick label of every plotly chart on the page."""
    return page.locator(".js-plotly-plot g.xtick text, .js-plotly-plot g.ytick text")


def _see_overview(page: Page, outlets: list[str]) -> None:
    expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible()
    expect(page.get_by_text(re.compile(r"\bleads with\b")).first).to_be_visible()
    overlap = page.get_by_test_id("stTable").first
    expect(overlap, "the table of claims in common").to_contain_text(re.compile(r"\d+%"))
    for outlet in outlets:
        expect(overlap).to_contain_text(outlet)
    expect(page.locator(".js-plotly-plot"), "the first page loads no charting library").to_have_count(0)


def test_journalist_reads_the_sample_and_adds_her_article(page: Page) -> None:
    """Open, read the overview, align the mass-arrests passage, paste an article, see it in sources and charts."""
    seed_outlet, others = _sample_outlets()

    page.goto("/")
    wait_for_run(page)
    _see_overview(page, [seed_outlet, *others])
    full_screenshot(page, "overview", publish=True)

    open_page(page, "Alignment")
    for pager in page.get_by_test_id("stButtonGroup").get_by_text(re.compile(r"^\d+–\d+$")).all():
        pager.click()  # the Alignment page shows the passages a page at a time
        wait_for_run(page)
        if _passage_row(page, CRACKDOWN)[0].count():
            break
    row, counterparts = _passage_row(page, CRACKDOWN)
    expect(row).to_be_visible()
    row.scroll_into_view_if_needed()
    other_outlet = re.compile("|".join(re.escape(o) for o in others))
    expect(counterparts, "another outlet's passage stands beside the seed's mass-arrests passage").to_contain_text(
        other_outlet
    )
    expect(counterparts, "each counterpart shows its match score").to_contain_text(SCORE)
    expect(counterparts, "a counterpart beside the seed's mass-arrests passage reports the arrests").to_contain_text(
        CRACKDOWN_WORDS
    )
    assert CRACKDOWN not in counterparts.inner_text(), "the seed's own passage is listed as its counterpart"
    full_screenshot(page, "alignment", publish=True, until=row)

    row.get_by_role("button", name=re.compile("passages", re.IGNORECASE)).click()
    wait_for_run(page)
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(CRACKDOWN)
    other_reports = dialog.get_by_test_id("stColumn").filter(has_text=other_outlet).filter(has_text=CRACKDOWN_WORDS)
    expect(other_reports.first, "the claim's passages include another outlet's report of the arrests").to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "alignment-claim.png"))
    dialog.get_by_role("button", name="Close").first.click()
    wait_for_run(page)
    expect(page.get_by_role("dialog")).to_have_count(0)

    page.get_by_test_id("stRadio").get_by_text("Only in the reference", exact=True).click()
    wait_for_run(page)
    near_miss = page.get_by_test_id("stExpander").filter(has_text="Closest elsewhere, not a match").first
    expect(near_miss, "a passage no outlet matches offers the closest ones to read").to_be_visible()
    near_miss.get_by_text("Closest elsewhere, not a match").click()
    expect(near_miss).to_contain_text(re.compile(r"related, 0\.\d\d, passage \d+"))
    full_screenshot(page, "alignment-unique", until=near_miss)

    open_page(page, "Sources")
    page.get_by_label("Outlet name").fill(OUTLET)
    page.get_by_label("Headline (optional)").fill(HEADLINE)
    page.get_by_label("Article text").fill(ARTICLE)
    page.get_by_role("button", name="Add pasted article").click()
    wait_for_run(page)
    listed = _innermost(page, OUTLET, HEADLINE)
    expect(listed).to_be_visible()
    expect(listed).to_contain_text(f"{ARTICLE_PASSAGES} passages")
    expect(page.get_by_label("Article text")).to_have_value("")
    full_screenshot(page, "sources")

    open_page(page, "Overview")
    _see_overview(page, [seed_outlet, *others, OUTLET])
    expect(page.get_by_test_id("stTable").last).to_contain_text(OUTLET)
    full_screenshot(page, "overview-with-new-article")

    open_page(page, "Emphasis")
    expect(page.locator(".js-plotly-plot")).to_have_count(3)
    expect(_chart_labels(page).filter(has_text=OUTLET).first).to_be_attached()
    full_screenshot(page, "emphasis")

