"""Share links: open a saved comparison from `?c=<id>` without recomputing it, and save the one shown.

A saved comparison never changes. Each session remembers which saved id holds the comparison it
shows, under that comparison's `runner.analysis_args()`: opening a link or pressing Share records
it. An edit (articles, settings, reference) therefore leaves the saved comparison behind: `c`
leaves the URL, and the next Share saves a new one; sharing the unchanged comparison again reuses
its id.

A link is the page's path with the view's query parameters (`parallax.views.links`). Its `ref`
is the saved comparison's reference (Share writes the one it saved). A link naming another of its
articles as reference asks for a different comparison: the saved articles and settings are
compared again against it, as after any edit, which needs the model.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

import streamlit as st

from components import articles, runner, view
from components.markup import escape_markdown
from components.settings import current_settings, restore_settings
from parallax.compare import Comparison
from parallax.inputs import load_event_text
from parallax.model import Article
from parallax.settings import Settings
from parallax.store import SavedComparison, Store, StoreError, UnknownComparison, default_url, open_store
from parallax.views.links import app_root, share_url

__all__ = ["BASE_URL_ENV", "base_url", "event_inputs", "open_link", "share_box", "share_link", "show_link_problem",
           "store"]

BASE_URL_ENV = "PARALLAX_BASE_URL"
"""The app's public address, used in links when the browser's own address is not known."""
_CHECKED = "_share_link_checked"
_PROBLEM = "_share_link_problem"
_SAVED_IDS = "_saved_comparison_ids"
_SHOWN_CHARS = 40


@st.cache_resource(show_spinner=False, max_entries=4)
def _open(url: str) -> Store:
    return open_store(url)


def store() -> Store:
    """The store of saved comparisons (`DATABASE_URL`, else SQLite in the data folder), opened once per server."""
    return _open(default_url())


def _saved_ids() -> dict[tuple[Any, ...], str]:
    return st.session_state.setdefault(_SAVED_IDS, {})


def event_inputs(rows: Sequence[Article], name: str, settings: Settings, reference: str | None) -> dict[str, Any]:
    """What a comparison is made from: its articles as an input event (JSON form), settings and reference."""
    found = []
    for article in rows:
        row = {"id": article.id, "outlet": article.outlet, "title": article.title, "url": article.url,
               "published": article.published}
        if article.text:
            row["text"] = article.text
        if article.passages is not None:
            row["passages"] = list(article.passages)
        found.append({**article.meta, **row})
    return {"event": name, "articles": found, "settings": settings.to_dict(), "reference": reference}


def _saved_articles(saved: SavedComparison) -> tuple[list[Article], str]:
    """The saved inputs' articles; a comparison saved without them (by the CLI) gets its result's passages."""
    rows = saved.inputs.get("articles")
    if not isinstance(rows, list):
        fields = ("id", "outlet", "title", "url", "published")
        rows = [{**{k: a.get(k) or "" for k in fields}, "passages": [p["text"] for p in a["passages"]]}
                for a in saved.result["articles"]]
    name = str(saved.inputs.get("event") or saved.result.get("event") or "")
    return list(load_event_text(json.dumps({"event": name, "articles": rows}), "the saved comparison").articles), name


def _restore(saved: SavedComparison) -> None:
    """Make the saved comparison the session's: articles, settings, reference and its result, as saved."""
    found_articles, name = _saved_articles(saved)
    settings = Settings.from_dict({**saved.settings, **(saved.inputs.get("settings") or {})})
    reference = str(saved.result["reference"])
    ids = [a.id for a in found_articles]
    if reference not in ids:
        raise ValueError("its reference article is missing")
    restore_settings(settings)
    if st.query_params.get("ref") not in ids:
        st.query_params["ref"] = reference
    articles.add_articles(found_articles, [], "saved", name=name, announce=False)
    args = runner.analysis_args(reference=reference)
    runner.keep_opened(args, Comparison(result=saved.result, vectors=saved.vectors or {}))
    _saved_ids()[args] = saved.id


def _give_up(reason: str) -> bool:
    for key in view.URL_KEYS:
        if key in st.query_params:
            del st.query_params[key]
    st.session_state[_PROBLEM] = f"{reason}; showing the sample event instead."
    return False


def open_link() -> bool:
    """On a session's first run, open the URL's saved comparison `c`; call before `view.start()`.

    False when the link's comparison cannot be shown: an unknown or malformed id, or a store that
    cannot be read. Its view then leaves the URL, the sample event is shown instead, and
    `show_link_problem` says why in one sentence.
    """
    if st.session_state.get(_CHECKED):
        return True
    st.session_state[_CHECKED] = True
    wanted = str(st.query_params.get("c") or "").strip()
    if not wanted:
        return True
    shown = wanted if len(wanted) <= _SHOWN_CHARS else wanted[:_SHOWN_CHARS] + "…"
    try:
        saved = store().load(wanted)
    except UnknownComparison:
        return _give_up(f"No saved comparison has the id “{shown}”")
    except (StoreError, OSError) as exc:  # OSError: the data folder cannot be made or read
        return _give_up(f"Saved comparisons cannot be read right now ({exc})")
    try:
        _restore(saved)
    except (KeyError, TypeError, ValueError) as exc:
        return _give_up(f"The saved comparison “{shown}” cannot be shown ({exc})")
    return True


def show_link_problem() -> None:
    """Say once, on the page, why the link's saved comparison could not be opened."""
    problem = st.session_state.pop(_PROBLEM, None)
    if problem:
        st.warning(escape_markdown(problem), icon=":material/link_off:")


def base_url() -> str:
    """The app's root address: the browser's when known, else `$PARALLAX_BASE_URL`, else "" (a relative link)."""
    if st.context.url:
        return app_root(st.context.url, view.page_path())
    return app_root(os.environ.get(BASE_URL_ENV, ""))


def share_link(comparison_id: str) -> str:
    """The link that opens this saved comparison on this page, in this view (reference, claim, filter, ...)."""
    params = {"c": comparison_id}
    params.update({k: str(st.query_params[k]) for k in view.URL_KEYS if k != "c" and st.query_params.get(k)})
    return share_url(base_url(), view.page_path(), params)


def _save(args: tuple[Any, ...]) -> None:
    found = runner.comparison()
    if found is None:
        return
    inputs = event_inputs(articles.current_articles(), articles.event_name(), current_settings(), args[-1])
    try:
        _saved_ids()[args] = store().save(found.result, inputs=inputs)
    except (StoreError, OSError, TypeError, ValueError) as exc:
        st.error(escape_markdown(f"This comparison could not be saved: {exc}."))


def share_box(key: str) -> None:
    """A Share button and, once the comparison shown is saved, a copyable link to this view.

    Also keeps the URL's `c` naming the saved comparison shown, or drops it after an edit.
    """
    args = runner.analysis_args() if articles.current_articles() else None
    pressed = st.button("Share", key=key, icon=":material/share:", disabled=args is None,
                        help="Save this comparison (it will not change) and get a link that opens this view")
    if pressed and args not in _saved_ids():
        with st.spinner("Saving…"):
            _save(args)
    saved_id = _saved_ids().get(args) if args is not None else None
    view.set_value("c", saved_id)
    if saved_id:
        st.caption("Anyone with this link sees this view:")
        st.code(share_link(saved_id), language=None, wrap_lines=True)
