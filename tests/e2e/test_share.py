"""Sharing in a real browser: a journalist shares the claim she is reading, a colleague opens her link.

She opens the sample event's alignment, keeps only passages other outlets report too, opens a
claim's passages side by side and presses Share there. Her link, opened in a fresh browser context
(no shared cookies or session), shows the same page, filter and claim. A link with an unknown id
says so and shows the sample instead. An old link that named its page in `?view=` opens that page's
path.
"""

from __future__ import annotations

import re
import secrets
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from harness import SCREENSHOTS, full_screenshot, open_page, wait_for_run

pytestmark = pytest.mark.e2e

SHARED_ONLY = "Reported elsewhere too"


def _passage_rows(page: Page) -> list[str]:
    """The alignment rows on the page (one bordered block per reference passage), by their keys."""
    return page.locator("[class*='st-key-passage_']").evaluate_all(
        "els => els.map(e => [...e.classList].find(c => c.startsWith('st-key-passage_')))"
    )


def _dialog_words(page: Page) -> list[str]:
    """What the open claim dialog says: its heading, outlets, passages and notes, in order."""
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    return dialog.get_by_test_id("stMarkdown").all_inner_texts()


def test_a_shared_link_opens_the_same_page_filter_and_claim_elsewhere(
    page: Page, browser: Browser, browser_context_args: dict[str, Any]
) -> None:
    page.goto("/")
    wait_for_run(page)
    open_page(page, "Alignment")
    page.get_by_test_id("stRadio").get_by_text(SHARED_ONLY, exact=True).click()
    wait_for_run(page)
    rows = _passage_rows(page)
    assert rows, "the filter left no passages"

    page.get_by_role("button", name="All passages of this claim").first.click()
    wait_for_run(page)
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_test_id("stCode")).to_have_count(0)
    dialog.get_by_role("button", name="Share").click()
    wait_for_run(page)
    words = _dialog_words(page)
    link = dialog.get_by_test_id("stCode").inner_text().strip()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "share-dialog.png"))

    query = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
    assert link.startswith(page.url.split("?")[0] + "?c="), link
    assert urlsplit(link).path == "/alignment", "the link is the page's own address"
    assert "view" not in query and query["filter"] == "shared" and query["claim"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", query["c"])
    assert f"c={query['c']}" in page.url, "the address bar names the saved comparison too"

    other = browser.new_context(**browser_context_args)
    try:
        colleague = other.new_page()
        colleague.goto(link)
        wait_for_run(colleague)
        expect(colleague.get_by_role("heading", name="Alignment", level=1)).to_be_attached()
        expect(colleague.get_by_test_id("stRadio").get_by_role("radio", name=SHARED_ONLY)).to_be_checked()
        assert _dialog_words(colleague) == words
        colleague.get_by_role("dialog").get_by_role("button", name="Close").first.click()
        wait_for_run(colleague)
        assert _passage_rows(colleague) == rows
        full_screenshot(colleague, "share-opened")
    finally:
        other.close()


@pytest.mark.parametrize("link", ["/alignment?c={id}&claim=c1", "/?c={id}&view=alignment&claim=c1"],
                         ids=["page-path", "old-view-param"])
def test_a_link_with_an_unknown_id_says_so_and_shows_the_sample(page: Page, link: str) -> None:
    unknown = secrets.token_urlsafe(16)
    page.goto(link.format(id=unknown))
    wait_for_run(page)
    expect(page.get_by_text(f"No saved comparison has the id “{unknown}”; showing the sample event instead.")
           ).to_be_visible()
    expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert "c=" not in page.url and "claim=" not in page.url
    assert urlsplit(page.url).path == "/", "the sample is shown on the start page"
    full_screenshot(page, "share-unknown-id")


def test_an_old_link_naming_its_page_in_view_opens_that_pages_path(page: Page) -> None:
    page.goto("/?view=alignment&filter=shared")
    wait_for_run(page)
    expect(page.get_by_role("heading", name="Alignment", level=1)).to_be_visible()
    expect(page.get_by_test_id("stRadio").get_by_role("radio", name=SHARED_ONLY)).to_be_checked()
    expect(page).to_have_url(re.compile(r"/alignment\?filter=shared$"))
