"""Browser helpers shared by the end-to-end tests and the app benchmark.

`AppServer` runs `streamlit run app.py` on 127.0.0.1 with its own data and cache folders;
`wait_for_run` tells when Streamlit has finished a run; `open_page` follows the navigation link a
person would click; `full_screenshot` saves the whole page, not only what fits in the window.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

__all__ = [
    "AUDIT_WATCH",
    "BROWSER_ARGS",
    "SENTINEL",
    "CHROMIUM",
    "DOCS_SCREENSHOTS",
    "README_MAX_HEIGHT",
    "REPO",
    "RUN_TIMEOUT_MS",
    "SCREENSHOTS",
    "UPDATE_ENV",
    "AppServer",
    "expect_no_errors",
    "free_port",
    "full_screenshot",
    "open_page",
    "wait_for_run",
]

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path(shutil.which("chromium") or "/usr/bin/chromium")
"""Debian's chromium, or the first chromium on PATH."""
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = REPO / "tests" / "e2e" / "screenshots"
DOCS_SCREENSHOTS = REPO / "docs" / "screenshots"
UPDATE_ENV = "PARALLAX_UPDATE_SCREENSHOTS"
"""Set to 1 to also write the README's images under docs/screenshots/."""
README_MAX_HEIGHT = 1800
"""The tallest README image: the page's top, where a reader sees what the page is, comes first."""
RUN_TIMEOUT_MS = 180_000
"""A cold first run embeds the whole sample event on two cores; later runs take a second or two."""
HEALTH_TIMEOUT_S = 120.0
AUDITED = Path(__file__).resolve().parent / "audited_streamlit.py"
SENTINEL = "parallax-sentinel-7f3a9c"
"""A file name no real path contains: tests type paths holding it and check the server never opened it."""
AUDIT_WATCH = ("passwd", "shadow", ".bashrc", "win.ini", SENTINEL)
"""Runs streamlit under an audit hook: `AppServer.audit_watch` words name the paths it records."""

_IDLE = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  return app !== null
    && app.getAttribute("data-test-connection-state") === "CONNECTED"
    && app.getAttribute("data-test-script-state") === "notRunning"
    && document.querySelector("[data-testid='stStatusWidget']") === null
    && document.querySelector("[data-testid='stSkeleton']") === null;
}"""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class AppServer:
    """`streamlit run app.py` on 127.0.0.1 with its own data and cache folders; stopped by its own pid.

    The vector cache lives in `cache_dir`, so a second server given the same folder starts warm;
    the store of saved comparisons lives in `data_dir` (a SQLite file; `DATABASE_URL` is dropped so
    a test never writes to a shared database).
    """

    data_dir: Path
    cache_dir: Path
    log_path: Path
    port: int = field(default_factory=free_port)
    extra_env: Mapping[str, str] = field(default_factory=dict)
    audit_watch: tuple[str, ...] = ()
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0

    @property
    def audit_log(self) -> Path:
        """Where the server records opening or listing a watched path (see audited_streamlit.py)."""
        return self.log_path.with_name("audit.log")

    def opened(self) -> list[str]:
        """Watched paths the server has opened or listed so far."""
        return self.audit_log.read_text().splitlines() if self.audit_log.exists() else []

    @property
    def url(self) -> str:
        """The app's address, without a trailing slash."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> AppServer:
        """Start the server and return once `/_stcore/health` answers `ok`; raise with its log if it never does."""
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PARALLAX_DEBUG")}
        env.update(
            HF_HUB_OFFLINE="1",
            TRANSFORMERS_OFFLINE="1",
            PYTHONUNBUFFERED="1",
            PARALLAX_DATA_DIR=str(self.data_dir),
            PARALLAX_CACHE_DIR=str(self.cache_dir),
            PARALLAX_AUDIT_WATCH=os.pathsep.join(self.audit_watch),
            PARALLAX_AUDIT_LOG=str(self.audit_log),
            **self.extra_env,
        )
        command = [sys.executable, str(AUDITED), "run", "app.py", "--server.headless", "true",
                   "--server.port", str(self.port), "--server.address", "127.0.0.1",
                   "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
        for folder in (self.data_dir, self.cache_dir, self.log_path.parent):
            folder.mkdir(parents=True, exist_ok=True)
        self.started_at = time.monotonic()
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        self._wait_healthy()
        return self

    def _wait_healthy(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + HEALTH_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The app exited with status {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.read().decode().strip() == "ok":
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"The app did not answer {self.url}/_stcore/health within "
                           f"{HEALTH_TIMEOUT_S:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        """The last lines the server printed."""
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """Stop this server process (and only it): SIGTERM, then SIGKILL after 15 s."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)

    def __enter__(self) -> AppServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def expect_no_errors(page: Page, *, allow_messages: bool = False) -> None:
    """Fail with the page's own words when it shows a Python exception or (unless allowed) an error message."""
    shown = page.get_by_test_id("stException").all_inner_texts()
    if not allow_messages:
        shown += page.get_by_test_id("stAlertContentError").all_inner_texts()
    if shown:
        raise AssertionError("The app shows an error:\n" + "\n---\n".join(shown))


def wait_for_run(page: Page, timeout: float = RUN_TIMEOUT_MS, *, allow_errors: bool = False) -> None:
    """Return once Streamlit has finished a run: connected, script idle, no status widget, no skeleton.

    The idle state is checked twice, 250 ms apart, because a run that writes the URL or calls
    `st.rerun` starts the next run right after it ends. Fails on a page that shows an exception, or
    an error message unless `allow_errors` (for tests of bad input, whose messages are the point).
    """
    page.wait_for_timeout(250)
    for _ in range(2):
        page.wait_for_function(_IDLE, timeout=timeout)
        page.wait_for_timeout(250)
    page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").wait_for(state="attached")
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(state="attached")
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)
    expect_no_errors(page, allow_messages=allow_errors)


def open_page(page: Page, title: str) -> None:
    """Click a page's link in the navigation sidebar, as a person would, and wait for it to draw."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    wait_for_run(page)
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()


def full_screenshot(page: Page, name: str, *, publish: bool = False, until: Locator | None = None) -> Path:
    """Save the whole page to tests/e2e/screenshots/<name>.png and return the path.

    Streamlit scrolls inside `main[data-testid=stMain]`, so the window is made as tall as that
    element's content first, then put back. With `publish` and PARALLAX_UPDATE_SCREENSHOTS=1 the
    image also goes to docs/screenshots/ for the README: the whole page, or with `until` the top of
    the page down to that element and at most README_MAX_HEIGHT pixels.
    """
    viewport = page.viewport_size or {"width": 1400, "height": 900}
    main = page.locator("main[data-testid='stMain']")
    height = viewport["height"]
    try:
        for _ in range(3):  # charts may grow once the window does
            wanted = max(viewport["height"], int(main.evaluate("m => m.scrollHeight")))
            if wanted == height:
                break
            height = wanted
            page.set_viewport_size({"width": viewport["width"], "height": height})
            page.wait_for_timeout(400)
        main.evaluate("m => m.scrollTo(0, 0)")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), animations="disabled")
        if publish and os.environ.get(UPDATE_ENV) == "1":
            clip = None
            box = until.bounding_box() if until is not None else None
            if box is not None:
                bottom = min(height, README_MAX_HEIGHT, int(box["y"] + box["height"]) + 24)
                clip = {"x": 0, "y": 0, "width": viewport["width"], "height": bottom}
            DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(DOCS_SCREENSHOTS / f"{name}.png"), animations="disabled", clip=clip)
    finally:
        page.set_viewport_size(viewport)
    return path
