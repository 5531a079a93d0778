"""Fixtures for the browser tests: Debian's chromium, and one app server for the whole session.

The server gets session-scoped data and cache folders: the vectors of the sample event are
embedded once and reused by every test, and nothing touches the user's own folders.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error, Page, expect

from harness import AUDIT_WATCH, BROWSER_ARGS, CHROMIUM, AppServer, full_screenshot

VIEWPORT = {"width": 1400, "height": 900}
EXPECT_TIMEOUT_MS = 20_000
"""Charts and tables draw a few seconds after a run on a busy two-core machine."""

expect.set_options(timeout=EXPECT_TIMEOUT_MS)

_FAILED = pytest.StashKey[bool]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip this folder's tests when the system browser is missing (the test command installs it)."""
    if CHROMIUM.exists():
        return
    here = Path(__file__).resolve().parent
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    for item in items:
        if here in Path(str(item.path)).resolve().parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch the system chromium: pytest-playwright's own browsers are never downloaded here."""
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": BROWSER_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A laptop-sized window, wide enough for the app's wide layout."""
    return {**browser_context_args, "viewport": VIEWPORT}


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """`streamlit run app.py` for the whole session, on a free port of 127.0.0.1."""
    root = tmp_path_factory.mktemp("app")
    server = AppServer(data_dir=root / "data", cache_dir=root / "cache", log_path=root / "server.log",
                       audit_watch=AUDIT_WATCH)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def base_url(app_server: AppServer) -> str:
    """The running app's address; pages opened with `page.goto("/")` go there."""
    return app_server.url + "/"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    """Remember a failed test body, so its page can be photographed before the browser closes."""
    report = yield
    if report.when == "call" and report.failed:
        item.stash[_FAILED] = True
    return report


@pytest.fixture(autouse=True)
def screenshot_on_failure(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a failed test that drove a page, save that page as tests/e2e/screenshots/failed-<test>.png."""
    page: Page | None = request.getfixturevalue("page") if "page" in request.fixturenames else None
    yield
    if page is None or not request.node.stash.get(_FAILED, False):
        return
    try:
        full_screenshot(page, "failed-" + re.sub(r"[^\w.-]+", "-", request.node.name).strip("-"))
    except Error as exc:
        warnings.warn(f"no screenshot of the failed page: {exc}", stacklevel=1)
