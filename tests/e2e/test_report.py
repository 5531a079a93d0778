"""The standalone HTML report in a real browser, opened from disk with the network blocked.

Its charts must draw from the plotly.js embedded in the file, and markup planted in an article's
text must show as text: no image loads, no script runs, no dialog opens.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Request, Route, expect

from harness import SCREENSHOTS
from parallax.report import default_figures, render_report
from tests.helpers import hand_result

pytestmark = pytest.mark.e2e

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
PLANTED = f"Mayor Lee said {SCRIPT} and {IMG} at the ribbon."


def _report(tmp_path: Path) -> tuple[Path, int]:
    """The hand-made bridge comparison, with markup in one passage, written as a report file."""
    result = copy.deepcopy(hand_result())
    article = result["articles"][0]
    article["passages"][2]["text"] = PLANTED
    article["text"] = " ".join(p["text"] for p in article["passages"])
    figures = default_figures(result)
    path = tmp_path / "report.html"
    path.write_text(render_report(result, figures), encoding="utf-8")
    return path, len(figures)


def test_the_report_draws_its_charts_offline_and_shows_planted_markup_as_text(browser: Browser, tmp_path: Path):
    path, charts = _report(tmp_path)
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    blocked: list[str] = []
    dialogs: list[str] = []

    def only_files(route: Route, request: Request) -> None:
        if request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(request.url)
            route.abort()

    context.route("**/*", only_files)
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(path.as_uri())

        plots = page.locator(".js-plotly-plot")
        expect(plots).to_have_count(charts)
        for n in range(charts):
            expect(plots.nth(n).locator(".main-svg").first).to_be_attached()
        expect(page.locator(".js-plotly-plot .xtick text, .js-plotly-plot .ytick text").filter(
            has_text="Daily Planet").first).to_be_attached()

        expect(page.locator("body")).to_contain_text(PLANTED)
        expect(page.get_by_text(SCRIPT).first).to_be_visible()
        assert page.locator("img").count() == 0
        page.wait_for_timeout(500)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "report.png"), full_page=True)
    finally:
        context.close()
    assert dialogs == [], "a script planted in an article ran"
    assert blocked == [], "the report asked the network for something"
