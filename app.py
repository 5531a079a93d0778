"""Parallax in the browser: page config, the shared sidebar and navigation over the pages."""

from __future__ import annotations

import streamlit as st

from components import share, state
from components.errors import guarded

# View name (the URL's `view`) -> page file, title and icon.
PAGES: dict[str, tuple[str, str, str]] = {
    "sources": ("components/pages/sources.py", "Sources", ":material/library_books:"),
    "overview": ("components/pages/overview.py", "Overview", ":material/summarize:"),
    "alignment": ("components/pages/alignment.py", "Alignment", ":material/compare_arrows:"),
    "emphasis": ("components/pages/emphasis.py", "Emphasis", ":material/bar_chart:"),
    "framing": ("components/pages/framing.py", "Framing", ":material/contrast:"),
    "export": ("components/pages/export.py", "Export", ":material/download:"),
}
START_VIEW = "overview"

st.set_page_config(page_title="Parallax", page_icon=":material/compare:", layout="wide")
guarded(share.open_link, "this link")
guarded(state.start_session, "this session")
landing = st.session_state.setdefault("_landing_view", state.view_value("view", START_VIEW))
landing = landing if landing in PAGES else START_VIEW
pages = {
    name: st.Page(path, title=title, icon=icon, url_path=name, default=name == landing)
    for name, (path, title, icon) in PAGES.items()
}
page = st.navigation(list(pages.values()))
state.set_view_value("view", next(name for name, p in pages.items() if p.title == page.title))


def _sidebar() -> None:
    with st.sidebar:
        share.share_box("share")
        state.settings_sidebar()


guarded(_sidebar, "the sidebar")
guarded(page.run, f"the {page.title} page")
