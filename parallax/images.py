"""PNG and SVG pictures of plotly figures, rendered by kaleido in the system's Chromium, offline."""

from __future__ import annotations

import asyncio
import atexit
import os
import shlex
import shutil
import stat
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["FORMATS", "ImageExportUnavailable", "browser_path", "close_renderer", "figure_image"]

FORMATS = ("png", "svg")
_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
_FLAGS = ("--disable-quic", "--disable-background-networking")
_ADVICE = "install chromium (e.g. `apt-get install chromium`), or export the HTML report instead"
_TIMEOUT = 90.0


class ImageExportUnavailable(RuntimeError):
    """No usable browser to draw pictures of figures; the message says what to install instead."""


def browser_path() -> str:
    """The browser kaleido will drive: `$BROWSER_PATH` if set, else the first Chromium on PATH."""
    chosen = os.environ.get("BROWSER_PATH", "").strip()
    if chosen:
        if not (os.path.isfile(chosen) and os.access(chosen, os.X_OK)):
            raise ImageExportUnavailable(f"No browser at BROWSER_PATH={chosen!r}: {_ADVICE}.")
        return chosen
    for name in _BROWSERS:
        if found := shutil.which(name):
            return found
    raise ImageExportUnavailable(f"Picture export needs Chromium and none was found: {_ADVICE}.")


class _Renderer:
    """One kept-alive kaleido browser on its own event loop thread, so later pictures take ~0.1 s."""

    def __init__(self, browser: str) -> None:
        import kaleido

        self.browser = browser
        self._dir = tempfile.mkdtemp(prefix="parallax-browser-")
        wrapper = Path(self._dir) / "browser"
        # Extra flags avoid slow starts from network probes; see testing.md "Static figure export".
        wrapper.write_text(f'#!/bin/sh\nexec {shlex.quote(browser)} {" ".join(_FLAGS)} "$@"\n')
        wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="parallax-kaleido", daemon=True)
        self._thread.start()
        self._kaleido = kaleido.Kaleido(n=1, mathjax=False, path=str(wrapper))
        try:
            self._run(self._kaleido.open())
        except BaseException:
            self.close()
            raise

    def _run(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(_TIMEOUT)

    def render(self, fig: go.Figure, opts: dict[str, Any]) -> bytes:
        return self._run(self._kaleido.calc_fig(fig, opts=opts))

    def close(self) -> None:
        try:
            if self._loop.is_running():
                self._run(self._kaleido.close())
        except Exception:  # closing a browser that already died must not mask the caller's error
            pass
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
            shutil.rmtree(self._dir, ignore_errors=True)


_renderer: _Renderer | None = None
_lock = threading.Lock()


def close_renderer() -> None:
    """Stop the kept-alive browser (it is also stopped when the process exits)."""
    global _renderer
    with _lock:
        if _renderer is not None:
            _renderer.close()
            _renderer = None


atexit.register(close_renderer)


def figure_image(
    fig: go.Figure,
    fmt: str = "png",
    *,
    width: int | None = None,
    height: int | None = None,
    scale: float | None = None,
) -> bytes:
    """The figure as PNG or SVG bytes; `ImageExportUnavailable` when no browser can draw it."""
    global _renderer
    if fmt not in FORMATS:
        raise ValueError(f"picture format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    opts: dict[str, Any] = {"format": fmt}
    opts.update({k: v for k, v in (("width", width), ("height", height), ("scale", scale)) if v is not None})
    with _lock:
        browser = browser_path()
        if _renderer is not None and _renderer.browser != browser:
            _renderer.close()
            _renderer = None
        if _renderer is None:
            try:
                _renderer = _Renderer(browser)
            except Exception as exc:
                raise ImageExportUnavailable(f"Chromium at {browser} could not start ({exc}): {_ADVICE}.") from exc
        try:
            return _renderer.render(fig, opts)
        except TimeoutError as exc:
            _renderer.close()
            _renderer = None
            raise ImageExportUnavailable(
                f"Chromium did not draw the figure within {_TIMEOUT:.0f} s: {_ADVICE}."
            ) from exc
