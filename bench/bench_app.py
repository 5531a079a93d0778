"""How long a person waits in the browser: server start to the sample overview, and a settings change to its tables.

Runs `streamlit run app.py` on 127.0.0.1 with Debian's chromium, three times: with an empty cache
folder (a new machine: the model's ONNX export is made once, then the sample compared and kept); with
only that export (what the README's install leaves when its step that keeps the sample is skipped:
no kept sample, no vectors); and with the cache the first run filled (the sample kept, as after
install). On the last server it also opens new browser sessions on the Overview (from a new browser
profile, which has cached nothing, and from a new tab of a browser that has opened the app before) and
times settings changes until the updated tables are drawn. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_app.py [--repeat N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from harness import BROWSER_ARGS, CHROMIUM, RUN_TIMEOUT_MS, AppServer, wait_for_run

__all__ = ["main", "overview_ready", "time_change"]

VIEWPORT = {"width": 1400, "height": 900}
UNCHANGED_AFTER_MS = 2000
"""A rerun that leaves the tables as they were counts as done once it has been idle this long."""

_RECORD_RUNS = """
window.__runs = [];
new MutationObserver(changes => {
  for (const change of changes) {
    const state = change.target.getAttribute("data-test-script-state");
    window.__runs.push([state, performance.timeOrigin + performance.now()]);
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-test-script-state"]});
"""
"""Installed in every page before it loads: each change of Streamlit's script state, with its wall-clock time."""

_TABLES = """() => [...document.querySelectorAll("[data-testid='stTable'] table")]
  .filter(table => table.querySelector("tbody tr") !== null)"""

_TABLE_DATA = f"""() => ({_TABLES})().map(table => table.innerText).join("\\n")"""
"""What the Overview's two tables (claims in common, outlets in numbers) print, once drawn."""

_IDLE = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  return app !== null && app.getAttribute("data-test-script-state") === "notRunning"
    && document.querySelector("[data-testid='stStatusWidget']") === null
    && document.querySelector("[data-testid='stSkeleton']") === null;
}"""

_OVERVIEW_DRAWN = f"""() => ({_IDLE})() && ({_TABLES})().length === 2"""

_CHANGE_DRAWN = f"""([before, seen]) => {{
  const now = performance.timeOrigin + performance.now();
  const runs = window.__runs.slice(seen);
  if (window.__changedAt === undefined && ({_TABLE_DATA})() !== before) window.__changedAt = now;
  if (!runs.some(([state]) => state === "running") || !({_IDLE})()) return false;
  const ended = Math.max(...runs.filter(([state]) => state === "notRunning").map(([, t]) => t));
  return window.__changedAt !== undefined || now - ended > {UNCHANGED_AFTER_MS};
}}"""


def _now_ms(page: Page) -> float:
    return float(page.evaluate("performance.timeOrigin + performance.now()"))


def _last_run_end(page: Page, seen: int = 0) -> float:
    ends = [t for state, t in page.evaluate("window.__runs")[seen:] if state == "notRunning"]
    return max(ends) if ends else float("nan")


def overview_ready(page: Page, url: str, since: float) -> dict[str, float]:
    """Open the app at `url`; seconds from `since` (epoch seconds) until its script is done and the overview drawn."""
    page.goto(url)
    page.wait_for_function(_OVERVIEW_DRAWN, timeout=RUN_TIMEOUT_MS, polling=50)
    drawn = _now_ms(page) / 1000 - since
    script = _last_run_end(page) / 1000 - since
    wait_for_run(page)
    return {"script done": script, "overview drawn": drawn}


def time_change(page: Page, action: Callable[[], None]) -> tuple[float, bool]:
    """Seconds from `action` until its rerun is done and the tables redrawn; and whether what they print changed."""
    before = page.evaluate(_TABLE_DATA)
    page.evaluate("window.__changedAt = undefined")
    seen = len(page.evaluate("window.__runs"))
    started = _now_ms(page)
    action()
    page.wait_for_function(_CHANGE_DRAWN, arg=[before, seen], timeout=RUN_TIMEOUT_MS, polling=50)
    changed_at = page.evaluate("window.__changedAt")
    done = max(_last_run_end(page, seen), changed_at or 0.0)
    wait_for_run(page)
    return (done - started) / 1000, changed_at is not None


def _new_page(browser: Browser) -> Page:
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(_RECORD_RUNS)
    return context.new_page()


def _strictness(page: Page, key: str) -> Callable[[], None]:
    def move() -> None:
        page.get_by_role("slider", name="Match strictness").focus()
        page.keyboard.press(key)

    return move


def _passage_size(page: Page, label: str) -> Callable[[], None]:
    return lambda: page.get_by_test_id("stSidebar").get_by_text(label, exact=True).click()


def _settings_changes(page: Page, repeat: int) -> list[tuple[str, float, bool]]:
    changes: list[tuple[str, Callable[[], None]]] = []
    for n in range(repeat):
        changes.append((f"strictness 0.50 -> 0.55 (#{n + 1})", _strictness(page, "ArrowRight")))
        changes.append((f"strictness 0.55 -> 0.50 (#{n + 1})", _strictness(page, "ArrowLeft")))
    changes.append(("passage size sentence -> paragraph (new vectors)", _passage_size(page, "Paragraph")))
    changes.append(("passage size paragraph -> sentence (cached)", _passage_size(page, "Sentence")))
    return [(name, *time_change(page, action)) for name, action in changes]


def _first_load(browser: Browser, server: AppServer, since: float) -> tuple[dict[str, float], Page]:
    with_server = {"server answers": time.time() - since}
    page = _new_page(browser)
    return {**with_server, **overview_ready(page, server.url + "/", since)}, page


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="strictness changes to time, each way")
    parser.add_argument("--keep", type=Path, help="keep server logs and caches in this folder")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium).", file=sys.stderr)
        return 2

    loads: dict[str, dict[str, float]] = {}
    changes: list[tuple[str, float, bool]] = []
    with tempfile.TemporaryDirectory(prefix="parallax-bench-app-") as scratch, sync_playwright() as playwright:
        root = args.keep or Path(scratch)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            since = time.time()
            with AppServer(root / "data-new", root / "cache", root / "new.log") as server:
                loads["new machine: model exported, sample compared"], _ = _first_load(browser, server, since)
            installed = root / "cache-installed"
            installed.mkdir(parents=True, exist_ok=True)
            os.symlink(root / "cache" / "onnx", installed / "onnx")
            since = time.time()
            with AppServer(root / "data-cold", installed, root / "cold.log") as server:
                loads["from nothing: no sample kept, no vectors"], _ = _first_load(browser, server, since)
            since = time.time()
            with AppServer(root / "data-warm", root / "cache", root / "warm.log") as server:
                loads["sample kept (as after install)"], _ = _first_load(browser, server, since)
                page = _new_page(browser)
                loads["new session, new browser profile"] = overview_ready(page, server.url + "/", time.time())
                loads["new session, new tab of that browser"] = overview_ready(
                    page.context.new_page(), server.url + "/", time.time())
                page = _new_page(browser)
                overview_ready(page, server.url + "/", time.time())
                changes = _settings_changes(page, args.repeat)
        finally:
            browser.close()

    print("Parallax in the browser: seconds until the sample event's overview is drawn (127.0.0.1, chromium)")
    columns = ["server answers", "script done", "overview drawn"]
    print(f"  {'':<46}" + "".join(f"{c:>16}" for c in columns))
    for name, figures in loads.items():
        cells = "".join(f"{figures[c]:>16.2f}" if c in figures else f"{'-':>16}" for c in columns)
        print(f"  {name:<46}{cells}")
    print("Settings change: seconds until the rerun is done and the overview's tables redrawn")
    for name, seconds, changed in changes:
        print(f"  {name:<52}{seconds:>8.2f}  {'tables changed' if changed else 'tables unchanged'}")
    if args.json:
        data = {"loads": loads, "changes": {name: seconds for name, seconds, _ in changes}}
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
