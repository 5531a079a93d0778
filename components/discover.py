"""Find coverage on the Sources page: search GDELT and the user's feeds, tick candidates, add them; and the
syndicated copies a comparison counted once, which the user can split."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any
from urllib.parse import urlsplit

import streamlit as st

from components import articles
from components.markup import escape_markdown
from components.runner import get_encoder
from components.settings import current_settings, deployment_limits
from parallax.discover import discovery_enabled, find_coverage, read_feed_list, search, shared_cache
from parallax.discover.candidates import same_url
from parallax.discover.gdelt import WINDOW_DAYS
from parallax.inputs.fetch import FetchError, check_address
from parallax.inputs.web import load_urls
from parallax.model import Article
from parallax.settings import option

__all__ = ["coverage_section", "syndicated_section"]

_FOUND = "_found_coverage"
_SECTION = "found"
_FEEDS = "_discover_feeds"
_COLUMNS = [0.6, 6, 2.6, 1.3, 1.2, 1.3]
_ROWS_SHOWN = 8
"""More candidates than this scroll inside their box."""


@st.cache_data(ttl=60, show_spinner=False)
def _unreachable(url: str) -> str | None:
    """Why this server cannot reach the search service's host (its name does not resolve), or None."""
    host = urlsplit(url).hostname or ""
    try:
        # Only the name is looked up here; the search itself goes through the fetcher's address checks.
        check_address(host, 443, allow_private=True, timeout=2.0)
    except FetchError:
        return host or url
    return None


def _feeds() -> list[str]:
    return read_feed_list(st.session_state.get(_FEEDS, option("feeds")))


def _keep_feeds() -> None:
    """Keep the edited feed list beyond the widget, which Streamlit forgets on another page."""
    st.session_state[_FEEDS] = st.session_state.get("discover_feeds", "")


def _search(reference: Article) -> None:
    """Run the search for the reference (a button's callback) and keep the candidates in the session."""
    ss = st.session_state
    settings = current_settings()
    known = [a.url for a in articles.current_articles() if a.url]
    sources = [s for s, on in (("gdelt", ss.get("discover_gdelt", True)), ("feeds", ss.get("discover_use_feeds", True)))
               if on]
    with st.spinner("Searching…"):
        found = find_coverage(
            reference, get_encoder(settings.model, settings.backend), today=search.today(),
            cap=deployment_limits().max_candidates, sources=sources, feeds=_feeds(), known=known,
            languages=() if ss.get("discover_any_language") else ("english",), fetch=search.product_fetch,
            cache=shared_cache(),
        )
    ss[_FOUND] = {"reference": reference.id, "query": found.query.text(), "problems": list(found.problems),
                  "candidates": [asdict(c) for c in found.candidates], "searched": True}
    for key in [k for k in ss if str(k).startswith("pick_")]:
        del ss[key]


def _add_selected() -> None:
    """Fetch each ticked candidate through the usual door; each source that fails gets its own message."""
    ss = st.session_state
    found = ss.get(_FOUND) or {}
    ticked = [c for c in found.get("candidates", []) if ss.get(_pick_key(c["url"]))]
    if not ticked:
        articles.section_problems(_SECTION, [_problem("Tick at least one candidate first.")])
        return
    loaded = load_urls([c["url"] for c in ticked], fetch=search.product_fetch)
    added = articles.add_articles(loaded.articles, loaded.problems, _SECTION)
    if added:
        now_listed = {same_url(a.url) for a in added if a.url}
        found["candidates"] = [c for c in found["candidates"] if same_url(c["url"]) not in now_listed]
        for key in [k for k in ss if str(k).startswith("pick_")]:
            del ss[key]


def _pick_key(url: str) -> str:
    """The tick box's key: one per address, so a box never passes its tick to the next candidate."""
    return "pick_" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def _problem(message: str) -> Any:
    from parallax.model import InputProblem

    return InputProblem("Find coverage", message)


def _candidate_rows(candidates: Sequence[Mapping[str, Any]]) -> None:
    """One row per candidate, best first: a tick box, the title (linked), outlet, date, language, similarity."""
    head = st.columns(_COLUMNS, vertical_alignment="bottom")
    for box, label in zip(head, ["Add", "Title", "Outlet", "Date", "Language", "Similarity"], strict=True):
        box.caption(f"**{label}**")
    for row in candidates:
        cells = st.columns(_COLUMNS, vertical_alignment="center")
        title = row["title"] or row["url"]
        cells[0].checkbox(f"Add {title}", key=_pick_key(row["url"]), label_visibility="collapsed")
        cells[1].markdown(f"[{escape_markdown(title)}]({_link(row['url'])})")
        cells[2].caption(escape_markdown(row["domain"]))
        cells[3].caption(escape_markdown(row["published"][:10] or "—"))
        cells[4].caption(escape_markdown(row["language"] or "—"))
        cells[5].progress(max(0.0, min(1.0, float(row["similarity"]))), text=f"{row['similarity']:.2f}")


def _link(url: str) -> str:
    """A web address safe inside a markdown link: http(s) only, brackets and spaces escaped."""
    if not url.startswith(("http://", "https://")):
        return "#"
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def coverage_section(reference: Article | None) -> None:
    """Find coverage: the search's controls, what it sends, and the candidates to tick and add."""
    st.subheader("Find coverage")
    if not discovery_enabled():
        st.info("Finding coverage is switched off on this server (PARALLAX_DISCOVERY=off): add the other reports "
                "by web address, upload or paste above.", icon=":material/search_off:")
        return
    if reference is None:
        st.caption("Add an article first: the search starts from the reference article.")
        return
    gdelt = option("gdelt_url")
    if (host := _unreachable(gdelt)) is not None:
        st.warning(f"Finding coverage needs the network, and this server cannot reach {escape_markdown(host)} "
                   "right now: add the other reports by web address, upload or paste above.",
                   icon=":material/wifi_off:")
        st.button("Check again", key="discover_retry", on_click=_unreachable.clear)
        return
    st.caption(
        escape_markdown(f"Searches for other reports of “{reference.title or reference.outlet}” on GDELT (news of the "
                        f"last {WINDOW_DAYS // 30} months) and on the feeds listed below. Only the search query is "
                        "sent; nothing is fetched or added until you tick it.")
    )
    with st.expander("Where to search"):
        st.checkbox("GDELT (news of the last three months)", value=True, key="discover_gdelt")
        st.checkbox("Sources in every language, not only English", key="discover_any_language")
        st.checkbox("The feeds below", value=True, key="discover_use_feeds")
        st.session_state.setdefault(_FEEDS, "\n".join(read_feed_list(option("feeds"))))
        st.text_area("RSS or Atom feeds, one per line", st.session_state[_FEEDS], key="discover_feeds", height=110,
                     on_change=_keep_feeds)
    st.button("Find coverage", key="find_coverage", on_click=_search, args=(reference,), type="primary",
              icon=":material/travel_explore:")
    found = st.session_state.get(_FOUND)
    if not found or found.get("reference") != reference.id:
        articles.show_problems(_SECTION)
        return
    st.caption(escape_markdown(f"Query sent: {found['query']}"))
    for message in found["problems"]:
        st.warning(escape_markdown(message), icon=":material/warning:")
    if not found["candidates"]:
        st.info("No other reports found. Try other feeds, or add reports by web address above.")
        articles.show_problems(_SECTION)
        return
    count = len(found["candidates"])
    st.caption(f"{count} candidate{'s' if count != 1 else ''}, most similar to the reference first "
               "(similarity of title and summary, 0-1). Tick the ones to compare.")
    with st.container(border=True, **({"height": 560} if count > _ROWS_SHOWN else {})):
        _candidate_rows(found["candidates"])
    st.button("Add selected", key="add_found", on_click=_add_selected, type="primary", icon=":material/add:")
    articles.show_problems(_SECTION)


def syndicated_section(listed: Sequence[Article], result: Mapping[str, Any] | None) -> None:
    """Stories republished near-identically, counted once: who republished them, and a way to split each group."""
    groups = (result or {}).get("syndicated") or []
    split = [a.id for a in listed if a.meta.get("syndication") == "separate"]
    if not groups and not split:
        return
    for i, group in enumerate(groups):
        copies = ", ".join(c["outlet"] for c in group["copies"])
        with st.container(border=True):
            st.markdown(escape_markdown(f"One story, counted once: {group['outlet']}'s text also ran on {copies}."))
            st.caption(escape_markdown(f"Near-identical text (a syndicated or wire story) would make the coverage "
                                       f"look broader than it is, so only {group['outlet']}'s is analysed."))
            ids = [group["story"], *(c["id"] for c in group["copies"])]
            st.button("Count them separately", key=f"split_{i}", on_click=articles.set_syndication, args=(ids, True),
                      icon=":material/call_split:")
    if split:
        st.button("Group syndicated copies again", key="regroup", on_click=articles.set_syndication,
                  args=(split, False), icon=":material/merge:")
