"""Parallax in the browser: page config, the shared sidebar and navigation over the pages.

Each page has its own path (`/alignment`, ...); the start page is the app's root.
"""

from __future__ import annotations

import streamlit as st

from components import articles, share, view
from components.errors import guarded
from components.settings import settings_sidebar

# Url path -> page file, title and icon.
PAGES: dict[str, tuple[str, str, str]] = {
    "sources": ("components/pages/sources.py", "Sources", ":material/library_books:"),
    "overview": ("components/pages/overview.py", "Overview", ":material/summarize:"),
    "alignment": ("components/pages/alignment.py", "Alignment", ":material/compare_arrows:"),
    "emphasis": ("components/pages/emphasis.py", "Emphasis", ":material/bar_chart:"),
    "framing": ("components/pages/framing.py", "Framing", ":material/contrast:"),
    "export": ("components/pages/export.py", "Export", ":material/download:"),
}
START_PAGE = "overview"

st.set_page_config(page_title="Parallax", page_icon=":material/compare:", layout="wide")
pages = {
    path: st.Page(file, title=title, icon=icon, url_path=path, default=path == START_PAGE)
    for path, (file, title, icon) in PAGES.items()
}
page = st.navigation(list(pages.values()))
view.follow_old_link(pages, page)
view.show_page(page.url_path)


def _open_link() -> None:
    """Open a share link's saved comparison; one that cannot be opened leaves for the start page's sample."""
    if not share.open_link() and page is not pages[START_PAGE]:
        st.switch_page(pages[START_PAGE], query_params=dict(st.query_params))
    share.show_link_problem()


def _start() -> None:
    view.start()
    articles.ensure_articles()


def _sidebar() -> None:
    with st.sidebar:
        share.share_box("share")
        settings_sidebar()


guarded(_open_link, "this link")
guarded(_start, "this session")
guarded(_sidebar, "the sidebar")
guarded(page.run, f"the {page.title} page")
