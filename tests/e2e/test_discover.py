"""Find coverage in a real browser: open the sample's reference, search, tick two candidates, add them, compare.

The app server searches a local stand-in for GDELT and an outlet's feed on 127.0.0.1; a
`sitecustomize` on its PYTHONPATH lets its fetcher reach 127.0.0.1 and nothing else private.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from harness import AppServer, full_screenshot, open_page, wait_for_run
from tests.fixtures.discover.server import serving

pytestmark = pytest.mark.e2e

LOOPBACK = Path(__file__).resolve().parents[1] / "fixtures" / "discover" / "loopback"
FOUND = ("Tidewater Chronicle", "Northfield Gazette", "Plains Ledger")
BRIDGE = LOOPBACK.parent / "syndicated_event.json"


@pytest.fixture(scope="module")
def news_server() -> Iterator:
    with serving() as running:
        yield running


@pytest.fixture(scope="module")
def discover_app(app_server: AppServer, news_server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The app with the local server as GDELT and the feed list, sharing the session's warm vector cache."""
    root = tmp_path_factory.mktemp("discover-app")
    server = AppServer(data_dir=root / "data", cache_dir=app_server.cache_dir, log_path=root / "server.log",
                       extra_env={"PYTHONPATH": os.pathsep.join(filter(None, [str(LOOPBACK),
                                                                             os.environ.get("PYTHONPATH")])),
                                  "PARALLAX_GDELT_URL": f"{news_server.base}/gdelt/bridge",
                                  "PARALLAX_FEEDS": f"{news_server.base}/feeds/bukele_rss.xml"})
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_find_tick_two_add_and_compare(page: Page, discover_app: AppServer, news_server) -> None:
    page.goto(discover_app.url + "/sources")
    wait_for_run(page)
    expect(page.get_by_text("Seed article · reference")).to_be_visible()
    page.get_by_role("button", name="Find coverage").click()
    wait_for_run(page)
    expect(page.get_by_text("GDELT searches only the last three months of news")).to_be_visible()
    expect(page.get_by_text("3 candidates, most similar to the reference first")).to_be_visible()
    ticks = page.locator("[data-testid='stCheckbox'] input[aria-label^='Add ']")
    expect(ticks).to_have_count(3)
    assert not any(path.startswith("/news/") for path in news_server.requests), "nothing fetched before a tick"
    full_screenshot(page, "discover-candidates")
    titles = [(ticks.nth(i).get_attribute("aria-label") or "").removeprefix("Add ") for i in range(2)]
    for title in titles:
        box = page.get_by_test_id("stCheckbox").filter(has=page.locator(f"input[aria-label='Add {title}']"))
        box.click()
        wait_for_run(page)
        expect(box.locator("input")).to_be_checked()
    page.get_by_role("button", name="Add selected").click()
    wait_for_run(page)
    for title in titles:
        card = page.get_by_test_id("stVerticalBlock").filter(has_text=title).filter(
            has=page.get_by_role("button", name="Remove")).last
        expect(card).to_contain_text(re.compile(r"\d+ words, \d+ passages"))
    left = page.locator("[data-testid='stCheckbox'] input[aria-label^='Add ']")
    expect(left).to_have_count(1)
    expect(left).not_to_be_checked()
    full_screenshot(page, "discover-added")
    open_page(page, "Alignment")
    outlets = page.get_by_test_id("stMain").inner_text()
    added = [o for o in FOUND if o in outlets]
    assert len(added) == 2, f"the two added reports are compared, found {added}"
    full_screenshot(page, "discover-compared")


def test_a_wire_story_on_three_sites_counts_once_until_split(page: Page, discover_app: AppServer) -> None:
    page.goto(discover_app.url + "/sources")
    wait_for_run(page)
    page.get_by_role("button", name="Remove all articles").click()
    wait_for_run(page)
    page.get_by_role("tab", name="Upload files").click()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(BRIDGE))
    expect(page.get_by_role("button", name=f"Remove {BRIDGE.name}")).to_be_visible()
    wait_for_run(page)
    page.locator(".st-key-add_upload button").click()
    wait_for_run(page)
    story = page.get_by_text("One story, counted once: Northgate Wire's text also ran on Valley Courier, "
                             "Lakeside Ledger.")
    expect(story).to_be_visible()
    expect(page.get_by_text("Valley Courier republishes Northgate Wire's story")).to_be_visible()
    full_screenshot(page, "discover-syndicated")
    page.get_by_role("button", name="Count them separately").click()
    wait_for_run(page)
    expect(story).to_have_count(0)
    expect(page.get_by_role("button", name="Group syndicated copies again")).to_be_visible()
    expect(page.get_by_text(re.compile(r"\d+ words, \d+ passages"))).to_have_count(5)
