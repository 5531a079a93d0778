"""The view a link reproduces, kept in the URL: reference, claim, filter, chart mode, axis and saved comparison.

The page is the URL's path (`st.navigation`), nothing else; the rest of the view is a query
parameter here, mirrored in session state so widgets and their callbacks read one value within a
run. An old link that named its page in `?view=` is sent to that page's path once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from parallax.views.alignment import FILTERS
from parallax.views.emphasis import MODES
from parallax.views.links import OLD_PAGE_PARAM, old_link_page

__all__ = [
    "URL_KEYS",
    "bound_choice",
    "follow_old_link",
    "page_path",
    "select_claim",
    "selected_claim",
    "set_value",
    "show_page",
    "start",
    "value",
]

URL_KEYS: tuple[str, ...] = ("ref", "claim", "filter", "mode", "c", "axis")
"""Query parameters that make up the view; `c` (saved comparison) and `axis` (framing) are kept as given."""
_ALLOWED: dict[str, Mapping[str, str]] = {"filter": FILTERS, "mode": MODES}
_DEFAULTS = {"filter": "all", "mode": "prominence"}
_VIEW = "_view_state"
_PAGE = "_page_path"


def follow_old_link(pages: Mapping[str, st.Page], shown: st.Page) -> None:
    """Send an old link's `?view=<page>` to that page's path, keeping its other parameters; drop an unknown one.

    Call after `st.navigation`, before anything reads the view. Switching pages starts a new run.
    """
    if OLD_PAGE_PARAM not in st.query_params:
        return
    named, rest = old_link_page({k: str(v) for k, v in st.query_params.items()}, pages)
    if named is not None and pages[named] is not shown:
        st.switch_page(pages[named], query_params=rest)
    del st.query_params[OLD_PAGE_PARAM]


def show_page(path: str) -> None:
    """Record the url path of the page this run shows (what `st.navigation` chose from the URL)."""
    st.session_state[_PAGE] = path


def page_path() -> str:
    """The url path of the page shown ("" for the start page)."""
    return str(st.session_state.get(_PAGE, ""))


def start() -> None:
    """Read the URL into the view state on a session's first run; on every run, write the view back to the URL."""
    if _VIEW not in st.session_state:
        st.session_state[_VIEW] = {key: str(st.query_params[key]) for key in URL_KEYS if st.query_params.get(key)}
    _write_url()


def _write_url() -> None:
    view = st.session_state.get(_VIEW, {})
    for key in URL_KEYS:
        found = view.get(key)
        if found and st.query_params.get(key) != found:
            st.query_params[key] = found
        elif not found and key in st.query_params:
            del st.query_params[key]


def value(key: str, default: str | None = None) -> str | None:
    """One view setting (a URL key), or its default when unset or not one of the allowed values."""
    found = st.session_state.get(_VIEW, {}).get(key)
    allowed = _ALLOWED.get(key)
    if found is None or (allowed is not None and found not in allowed):
        return default if default is not None else _DEFAULTS.get(key)
    return found


def set_value(key: str, new: str | None) -> None:
    """Set (or clear, with None) one view setting and write it to the URL."""
    if key not in URL_KEYS:
        raise KeyError(f"{key!r} is not a view key; add it to URL_KEYS")
    view = st.session_state.setdefault(_VIEW, {})
    if new:
        view[key] = str(new)
    else:
        view.pop(key, None)
    _write_url()


def _copy_widget(key: str) -> None:
    set_value(key, st.session_state[f"w_{key}"])


def bound_choice(
    label: str,
    key: str,
    options: Mapping[str, str],
    *,
    default: str | None = None,
    select: bool = False,
    help: str | None = None,
) -> str:
    """A radio (or, with `select`, a selectbox) whose value lives in the URL under `key`.

    Its widget key is `w_<key>`; `options` maps values to the words shown.
    """
    names = list(options)
    current = value(key, default)
    current = current if current in names else default
    common = {
        "index": names.index(current) if current in names else 0,
        "format_func": options.__getitem__,
        "key": f"w_{key}",
        "on_change": _copy_widget,
        "args": (key,),
        "help": help,
    }
    if select:
        return st.selectbox(label, names, **common)
    return st.radio(label, names, horizontal=True, **common)


def select_claim(claim_id: str | None) -> None:
    """Open (or, with None, close) a claim's passages; the claim goes into the URL."""
    set_value("claim", claim_id)


def selected_claim(result: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The selected claim of this result, or None when none is selected or the id is unknown."""
    wanted = value("claim")
    return next((c for c in result["claims"] if c["id"] == wanted), None)
