"""From the browser there is no way to make the server open one of its own files.

A person types server paths into the address box; the server (run under an audit hook) never opens
them, and each line gets one sentence saying only web addresses are accepted. No traceback ever
reaches the page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from harness import SENTINEL, AppServer, full_screenshot, open_page, wait_for_run

pytestmark = pytest.mark.e2e


def test_paths_typed_into_the_address_box_open_nothing_and_get_one_line_each(
    page: Page, app_server: AppServer, base_url: str, tmp_path
) -> None:
    secret = tmp_path / f"{SENTINEL}.env"
    secret.write_text("DATABASE_URL=postgresql://admin:hunter2@db.internal/parallax\n", encoding="utf-8")
    lines = ["/etc/passwd", "file:///etc/passwd", "../../etc/passwd", "~/.bashrc", str(secret), str(secret.parent)]
    before = app_server.opened()
    page.goto(base_url)
    wait_for_run(page)
    open_page(page, "Sources")
    page.get_by_role("tab", name="Web addresses").click()
    page.get_by_label("Web addresses, one per line").fill("\n".join(lines))
    page.get_by_role("button", name="Fetch and add").click()
    wait_for_run(page, allow_errors=True)
    errors = page.get_by_test_id("stAlertContentError")
    expect(errors).to_have_count(len(lines))
    for shown in errors.all_inner_texts():
        message = shown.replace("\u2060", "").removeprefix("error").strip()
        assert "only web addresses (http:// or https://) are accepted here" in message
        assert "\n" not in message, "one line"
    body = page.locator("body").inner_text()
    assert "hunter2" not in body and "root:" not in body
    assert page.get_by_test_id("stException").count() == 0
    full_screenshot(page, "sources-refuses-paths")
    assert app_server.opened() == before, "the server opened a path typed in the browser"
