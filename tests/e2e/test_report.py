"""The standalone HTML report in a real browser, opened from disk with the network blocked.

Its charts must draw from the plotly.js embedded in the file, and markup planted in an article's
text must show as text: no image loads, no script runs, no dialog opens.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, Route, expect

from harness import SCREENSHOTS
from parallax.report import render_report
from parallax.views.export import charts
from tests.e2e.test_charts import large_result, readable
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
    path = tmp_path / "report.html"
    path.write_text(render_report(result), encoding="utf-8")
    return path, len(charts(result))


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
        expect(
            page.locator(".js-plotly-plot .xtick text, .js-plotly-plot .ytick text")
            .filter(has_text="Daily Planet")
            .first
        ).to_be_attached()

        expect(page.locator("body")).to_contain_text(PLANTED)
        expect(page.get_by_text(SCRIPT).first).to_be_hidden()
        page.get_by_role("button", name="Open all").click()
        expect(page.get_by_text(SCRIPT).first).to_be_visible()
        assert page.locator("img").count() == 0
        page.wait_for_timeout(500)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "report.png"), full_page=True)
    finally:
        context.close()
    assert dialogs == [], "a script planted in an article ran"
    assert blocked == [], "the report asked the network for something"


def stitched_screenshot(page: Page, path: Path) -> None:
    """The whole page, window by window as a reader scrolls it, in one image.

    A full-page capture resizes the window, and the report's charts, drawn to fit it, are caught half
    way through drawing themselves again.
    """
    from PIL import Image

    viewport = page.viewport_size or {"width": 1400, "height": 900}
    height = int(page.evaluate("document.documentElement.scrollHeight"))
    whole = Image.new("RGB", (viewport["width"], height), "white")
    for top in range(0, height, viewport["height"]):
        page.evaluate(f"window.scrollTo(0, {top})")
        page.wait_for_timeout(150)
        shown = int(page.evaluate("window.scrollY"))
        window = Image.open(io.BytesIO(page.screenshot()))
        whole.paste(window, (0, shown))
    path.parent.mkdir(parents=True, exist_ok=True)
    whole.save(path)


def test_a_larger_events_report_reads_from_its_contents_to_each_findings_passages(browser: Browser, tmp_path: Path):
    result = large_result()
    path = tmp_path / "large-report.html"
    path.write_text(render_report(result), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        contents = page.locator("nav#contents a")
        expect(contents.first).to_have_text("Articles")
        expect(page.locator("dl.settings dt")).to_have_text(
            ["Embedding model", "Match strictness", "Compared by", "Model runs on"]
        )

        finding = page.locator("ul.findings li").first
        claim = result["findings"][0]["claim"]
        target = page.locator(f"[id='claim-{claim}']")
        expect(target).to_be_hidden()
        finding.get_by_role("link", name="passages").click()
        expect(target).to_be_visible()
        expect(target).to_be_in_viewport()
        assert page.url.endswith(f"#claim-{claim}")

        contents.filter(has_text="Emphasis").click()
        expect(page.locator("#emphasis")).to_be_in_viewport()
        plots = page.locator(".js-plotly-plot")
        expect(plots).to_have_count(len(charts(result)))
        assert readable(plots) == []
        stitched_screenshot(page, SCREENSHOTS / "report-large.png")
    finally:
        context.close()
