"""The page-level guard: an unexpected error is logged on the server and shown as one line, never a traceback."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

import streamlit as st

__all__ = ["DEBUG_ENV", "guarded"]

DEBUG_ENV = "PARALLAX_DEBUG"
"""Set to 1 to let errors propagate (tests and development see the real exception)."""
_LOG = logging.getLogger("parallax.app")


def guarded(run: Callable[[], None], where: str) -> None:
    """Run one page (or the app's frame); on an unexpected error, log it with its traceback and say so in a line.

    Streamlit's own rerun and stop signals are BaseExceptions, so they pass through untouched.
    """
    try:
        run()
    except Exception:
        if os.environ.get(DEBUG_ENV, "").strip() not in ("", "0"):
            raise
        _LOG.exception("unexpected error on %s", where)
        st.error(
            f"Something went wrong on {where}; the details are in the server's log. Your articles are "
            "kept: try again, or change the last thing you did.",
            icon=":material/error:",
        )
