"""Sources: the articles being compared; add by pasting, uploading or web address; remove; pick the reference."""

from __future__ import annotations

import hashlib

import streamlit as st

from components import articles, discover, view
from components.markup import escape_markdown
from components.runner import current_result
from parallax.inputs.web import load_pasted, load_uploads, load_urls
from parallax.model import Article, InputProblem
from parallax.views.sources import NOT_ANALYSED, dropped_sources, source_sizes

UPLOAD_TYPES = ["txt", "md", "markdown", "html", "htm", "json"]
TABS = {"paste": "Paste text", "upload": "Upload files", "url": "Web addresses"}


def _stay_on(section: str) -> None:
    """Keep the tab the user acted in open, so its messages are seen after the rerun."""
    st.session_state["add_tab"] = TABS[section]


def _add_pasted() -> None:
    ss = st.session_state
    _stay_on("paste")
    loaded = load_pasted(ss.get("paste_text", ""), outlet=ss.get("paste_outlet", "").strip(),
                         title=ss.get("paste_title", "").strip(), published=ss.get("paste_date", "").strip(),
                         url=ss.get("paste_url", "").strip())
    if articles.add_articles(loaded.articles, loaded.problems, "paste"):
        ss["paste_text"] = ss["paste_title"] = ss["paste_outlet"] = ss["paste_date"] = ss["paste_url"] = ""


_DETAILS = {"outlet": "Outlet", "title": "Title", "published": "Published", "url": "Address"}


def _details_version(article: Article) -> str:
    """A short digest of the article's details: the edit fields' keys carry it, so they start again from the
    article whenever it changes (saved, the sample reloaded, a link opened) and never offer an old name."""
    details = "\n".join(getattr(article, field) for field in _DETAILS)
    return hashlib.sha256(details.encode("utf-8")).hexdigest()[:10]


def _save_details(article_id: str, version: str) -> None:
    ss = st.session_state
    problem = articles.update_article(article_id,
                                      **{f: ss.get(f"edit_{f}_{article_id}_{version}", "") for f in _DETAILS})
    articles.section_problems(f"edit_{article_id}", [InputProblem("Details", problem)] if problem else [])


def _edit_details(article: Article) -> None:
    """The article's outlet, headline, date and address, editable; saving compares the articles again."""
    version = _details_version(article)
    for field, label in _DETAILS.items():
        st.text_input(label, getattr(article, field), key=f"edit_{field}_{article.id}_{version}",
                      placeholder="e.g. 2025-04-14" if field == "published" else None)
    st.button("Save", key=f"save_{article.id}", on_click=_save_details, args=(article.id, version), type="primary")
    articles.show_problems(f"edit_{article.id}")


def _add_uploads() -> None:
    _stay_on("upload")
    files = st.session_state.get(f"upload_{st.session_state.get('_uploads', 0)}") or []
    if not files:
        articles.section_problems("upload", [InputProblem("Upload", "Choose one or more files first.")])
        return
    loaded = load_uploads([(upload.name, upload.getvalue()) for upload in files])
    articles.add_articles(loaded.articles, loaded.problems, "upload", name=loaded.name)
    st.session_state["_uploads"] = st.session_state.get("_uploads", 0) + 1


def _add_urls() -> None:
    _stay_on("url")
    urls = [u.strip() for u in st.session_state.get("url_text", "").splitlines() if u.strip()]
    if not urls:
        articles.section_problems("url", [InputProblem("Web addresses", "Give at least one web address.")])
        return
    loaded = load_urls(urls)
    articles.add_articles(loaded.articles, loaded.problems, "url")
    if not loaded.problems:
        st.session_state["url_text"] = ""


st.title("Sources")
st.caption(escape_markdown(articles.event_name()))
listed = articles.current_articles()
result = current_result() if listed else None
sizes, dropped = source_sizes(result), dropped_sources(result)
reference = articles.reference_id(listed)

if listed:
    names = {a.id: a.outlet or a.id for a in listed}
    view.bound_choice("Reference article: the one the others are compared with", "ref", names,
                      default=reference, select=True)
for article in listed:
    with st.container(border=True):
        left, right = st.columns([6, 1], vertical_alignment="center")
        mark = " · reference" if article.id == reference else ""
        left.markdown(f"**{escape_markdown(article.outlet or article.id)}**{mark}  \n"
                      f"{escape_markdown(article.title or '(no title)')}")
        details = (article.published, sizes.get(article.id, NOT_ANALYSED), article.url,
                   str(article.meta.get("note", "")))
        left.caption(escape_markdown(" · ".join(x for x in details if x)))
        for source in (article.outlet, article.id):
            if source in dropped:
                left.warning(escape_markdown(dropped[source]))
        with right.popover("Edit", icon=":material/edit:", help="Outlet name, headline, date and web address"):
            _edit_details(article)
        right.button("Remove", key=f"remove_{article.id}", on_click=articles.remove_article, args=(article.id,))
articles.show_problems("sample")
discover.syndicated_section(listed, result)

st.subheader("Add articles")
paste, upload, web = st.tabs(list(TABS.values()), key="add_tab", on_change="rerun")
with paste:
    st.text_input("Outlet name", key="paste_outlet", placeholder="e.g. The Daily Example")
    st.text_input("Headline (optional)", key="paste_title",
                  placeholder="Left empty, a first line that reads as a headline is taken as one")
    date, address = st.columns(2)
    date.text_input("Date (optional)", key="paste_date", placeholder="e.g. 2025-04-14")
    address.text_input("Web address (optional)", key="paste_url", placeholder="https://")
    st.text_area("Article text", key="paste_text", height=200)
    st.button("Add pasted article", key="add_paste", on_click=_add_pasted, type="primary")
    articles.show_problems("paste")
with upload:
    st.file_uploader("Text, Markdown, HTML or event JSON files", type=UPLOAD_TYPES, accept_multiple_files=True,
                     key=f"upload_{st.session_state.get('_uploads', 0)}")
    st.button("Add files", key="add_upload", on_click=_add_uploads, type="primary")
    articles.show_problems("upload")
with web:
    st.text_area("Web addresses, one per line", key="url_text", height=100)
    st.button("Fetch and add", key="add_urls", on_click=_add_urls, type="primary")
    articles.show_problems("url")

discover.coverage_section(next((a for a in listed if a.id == reference), None))

st.divider()
with st.container(horizontal=True):
    st.button("Start again with the sample event", key="load_sample", on_click=articles.load_sample, args=(True,))
    st.button("Remove all articles", key="clear_articles", on_click=articles.clear_articles)
