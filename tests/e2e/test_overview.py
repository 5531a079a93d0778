"""A reader's first look at the Overview in a real browser: the reference article's findings first, each
passage between the sentences around it, whether it holds across strictness, and a way to its claim."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from harness import SCREENSHOTS, full_screenshot, wait_for_run

pytestmark = pytest.mark.e2e

SEED_LEAD = "President Donald Trump is set to meet with El Salvador’s President Nayib Bukele"


def test_the_overview_opens_on_the_reference_articles_findings_in_context(page: Page) -> None:
    page.goto("/")
    wait_for_run(page)
    headings = page.get_by_role("heading", level=5)
    expect(headings.first).to_have_text("Seed article, the reference")
    expect(headings.nth(1)).to_have_text("The other outlets")

    findings = page.locator("[data-testid='stMarkdownContainer'] p > strong")
    expect(findings.first).to_contain_text("Seed article leads with “President Donald Trump is set to meet")
    expect(findings.nth(1)).to_contain_text(re.compile(r"^Seed article (leaves out|gives|reports)"))
    context = page.get_by_test_id("stMarkdownContainer").filter(has_text=SEED_LEAD).nth(1)
    expect(context, "the sentence after the lead stands beside it").to_contain_text(
        "The two leaders are expected to focus on strengthening cooperation"
    )
    notes = page.get_by_test_id("stCaptionContainer")
    expect(notes.filter(has_text=re.compile(r"^Seed article, passage 1\b")).first).to_be_visible()
    expect(notes.filter(has_text=re.compile(r"^Crossline Wire, passage \d+ holds at strictness 0\.4 and 0\.6$")).first
           ).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "overview-findings.png"), animations="disabled")
    full_screenshot(page, "overview-findings-full")

    page.get_by_role("button", name=re.compile("Passages")).first.click()
    wait_for_run(page)
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(SEED_LEAD)
    dialog.get_by_role("button", name="Close").first.click()
    wait_for_run(page)
    expect(page.get_by_role("dialog")).to_have_count(0)
