"""The articles a session compares, kept in session state: add, remove, clear, the sample event, and the
problems each input section (paste, upload, url, sample, saved) last met."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import streamlit as st

from components import view
from components.markup import escape_markdown
from components.settings import deployment_limits
from parallax.inputs import load_event_text, validate_articles
from parallax.inputs.web import article_address_problem
from parallax.model import Article, InputProblem, LoadResult

__all__ = [
    "SAMPLE_EVENT",
    "add_articles",
    "clear_articles",
    "current_articles",
    "default_reference",
    "ensure_articles",
    "event_name",
    "load_sample",
    "reference_id",
    "remove_article",
    "sample_event",
    "show_problems",
    "section_problems",
    "set_syndication",
    "update_article",
]

SAMPLE_EVENT = Path(__file__).resolve().parents[1] / "seeds" / "bukele-white-house-2025" / "event.json"

_ARTICLES = "_articles"
_EVENT = "_event_name"
_PROBLEMS = "_source_problems"


def ensure_articles() -> None:
    """A session's first run starts on the sample event (unless a link has brought its own articles)."""
    if _ARTICLES not in st.session_state:
        load_sample()


def current_articles() -> list[Article]:
    """The articles in the comparison, in order."""
    return list(st.session_state.get(_ARTICLES, []))


def event_name(name: str | None = None) -> str:
    """The event's name: `name` or else the loaded event's, or a neutral one."""
    return (name if name is not None else st.session_state.get(_EVENT)) or "Your articles"


def reference_id(articles: Sequence[Article] | None = None) -> str | None:
    """The reference article: the URL's `ref` if present, else the seed, else the first article."""
    articles = current_articles() if articles is None else articles
    ids = [a.id for a in articles]
    wanted = view.value("ref")
    return wanted if wanted in ids else default_reference(articles)


def default_reference(articles: Sequence[Article]) -> str | None:
    """The reference when no link names one: the event's seed article, else the first."""
    seed = next((a.id for a in articles if a.meta.get("seed")), None)
    return seed or (articles[0].id if articles else None)


@functools.cache
def sample_event() -> LoadResult:
    """The bundled sample event, read once per server."""
    return load_event_text(SAMPLE_EVENT.read_text(encoding="utf-8"), SAMPLE_EVENT.name)


def load_sample(reset_view: bool = False) -> None:
    """Replace the articles with the sample event's; `reset_view` also drops the reference and claim."""
    if reset_view:
        view.set_value("ref", None)
        view.set_value("claim", None)
    loaded = sample_event()
    st.session_state[_ARTICLES] = list(loaded.articles)
    st.session_state[_EVENT] = loaded.name
    st.session_state[_PROBLEMS] = {"sample": list(loaded.problems)}


def add_articles(
    new: Sequence[Article], problems: Sequence[InputProblem], section: str, name: str = "", announce: bool = True
) -> list[Article]:
    """Add checked articles (ids made unique, duplicates refused); problems are kept for `section`.

    An event `name` names the comparison when there were no articles before. `announce` says what was
    added in a toast: for the person who added them, not for one opening a link.
    """
    existing = current_articles()
    if name and not existing:
        st.session_state[_EVENT] = name
    most = deployment_limits().max_articles
    room = max(most - len(existing), 0)
    refused = [
        InputProblem(a.outlet or a.id, f"{a.outlet or a.id} was not added: one comparison holds at most "
                     f"{most} articles; remove some first.")
        for a in new[room:]
    ]
    before = set(validate_articles(existing).problems)
    checked = validate_articles([*existing, *new[:room]])
    added = [a for a in checked.articles if a.id not in {e.id for e in existing}]
    found = [*problems, *(p for p in checked.problems if p not in before), *refused]
    st.session_state[_ARTICLES] = list(checked.articles)
    st.session_state.setdefault(_PROBLEMS, {})[section] = found
    if added and announce:
        names = escape_markdown(", ".join(a.outlet for a in added))
        st.toast(f"Added {len(added)} article{'s' if len(added) > 1 else ''}: {names}", icon=":material/check:")
    return added


def clear_articles() -> None:
    """Start from nothing: no articles, no event name, no problems."""
    st.session_state[_ARTICLES] = []
    st.session_state[_EVENT] = ""
    st.session_state[_PROBLEMS] = {}
    view.set_value("ref", None)
    view.set_value("claim", None)


def remove_article(article_id: str) -> None:
    """Drop one article; the others stay."""
    st.session_state[_ARTICLES] = [a for a in current_articles() if a.id != article_id]
    if view.value("ref") == article_id:
        view.set_value("ref", None)


def update_article(article_id: str, outlet: str, title: str, published: str, url: str) -> str | None:
    """Rename one article (outlet, title, date, address), which compares the articles again; the reason
    it cannot be, or None. Its id stays, so the reference and the link's view still name it."""
    outlet, title, published, url = (" ".join(v.split()) for v in (outlet, title, published, url))
    if not outlet:
        return "Give the outlet a name."
    if problem := article_address_problem(url):
        return problem
    st.session_state[_ARTICLES] = [
        replace(a, outlet=outlet, title=title, published=published, url=url) if a.id == article_id else a
        for a in current_articles()
    ]
    return None


def set_syndication(ids: Sequence[str], split: bool) -> None:
    """Mark these articles as analysed separately (or grouped again); the comparison runs again."""
    chosen = set(ids)
    updated = []
    for article in current_articles():
        if article.id in chosen:
            meta = {k: v for k, v in article.meta.items() if k != "syndication"}
            article = replace(article, meta={**meta, "syndication": "separate"} if split else meta)
        updated.append(article)
    st.session_state[_ARTICLES] = updated


def section_problems(section: str, problems: Sequence[InputProblem] | None = None) -> list[InputProblem]:
    """The problems last met by one input section (paste, upload, url, sample); replace them if given."""
    store = st.session_state.setdefault(_PROBLEMS, {})
    if problems is not None:
        store[section] = list(problems)
    return list(store.get(section, []))


def show_problems(section: str) -> None:
    """Draw the messages kept for `section`: errors for what was refused, warnings for the rest."""
    for problem in section_problems(section):
        show = st.error if problem.fatal else st.warning
        text = problem.message if problem.source in problem.message else f"{problem.source}: {problem.message}"
        show(escape_markdown(text), icon=":material/error:")
