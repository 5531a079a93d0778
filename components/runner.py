"""The comparison every page shows: the cached encoder, the cached results, and the worker thread that runs them.

The encoder is loaded once per server and model (`st.cache_resource`: one shared, read-only
object); a comparison is cached on everything that changes it, the model included
(`st.cache_data`). A comparison opened from a share link is kept in the session under the same
arguments and shown as saved, never recomputed.

Why a worker thread: Streamlit sends the page only what the script draws while it runs, so a
comparison run on the script's own thread freezes the page for its whole length (a cold sample
takes many seconds on two cores). Run on a worker thread, it reports its stage and counts to a
job the script polls, drawing a progress bar meanwhile. A rerun during the comparison (a click
stops the script) joins the job already running for the same arguments instead of starting the
same work again.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import streamlit as st

from components.articles import current_articles, event_name, reference_id
from components.markup import escape_markdown
from components.settings import current_settings, deployment_limits
from embeddings import Encoder, ModelUnavailable, load_encoder
from parallax.compare import Comparison, ComparisonTooBig, Progress, TimeBudgetExceeded, compare
from parallax.model import Article, Event
from parallax.settings import Settings

__all__ = ["analyse", "analysis_args", "comparison", "current_result", "get_encoder", "keep_opened"]

_OPENED = "_opened_comparisons"
"""Session key: `analysis_args()` -> Comparison opened from a share link, shown without recomputing."""


@st.cache_resource(show_spinner="Loading the language model…", max_entries=2)
def get_encoder(model: str, backend: str) -> Encoder:
    """The encoder for `model` on `backend`, loaded once per server process and shared read-only by every session."""
    return load_encoder(model, backend=backend, allow_paths=False)


# The progress callback reaches `compare` beside the cache key, not in it: the job sets it for its thread.
_PROGRESS: ContextVar[Progress | None] = ContextVar("parallax_progress", default=None)


@st.cache_data(show_spinner=False, max_entries=32)
def analyse(
    event_json: str, threshold: float, passage_size: str, model: str, backend: str, reference: str
) -> Comparison:
    """The comparison of one set of articles, cached on everything that changes it (model included)."""
    data = json.loads(event_json)
    articles = tuple(
        Article(**{**a, "passages": None if a["passages"] is None else tuple(a["passages"])})
        for a in data["articles"]
    )
    settings = Settings(model=model, threshold=threshold, passage_size=passage_size, backend=backend)
    limits = deployment_limits()
    return compare(Event(data["name"], articles), settings, get_encoder(model, backend), reference=reference,
                   progress=_PROGRESS.get(), limits=limits, time_budget_s=limits.time_budget_s)


@dataclass
class _Job:
    """One comparison running on a worker thread, so the page can draw its progress meanwhile."""

    finished: threading.Event = field(default_factory=threading.Event)
    progress: tuple[int, int, str] = (0, 1, "starting")
    value: Comparison | None = None
    error: BaseException | None = None

    def report(self, done: int, total: int, stage: str) -> None:
        self.progress = (done, total, stage)


_JOBS: dict[str, _Job] = {}
_JOBS_LOCK = threading.Lock()


def _work(job: _Job, key: str, args: tuple[Any, ...]) -> None:
    token = _PROGRESS.set(job.report)
    try:
        job.value = analyse(*args)
    except BaseException as exc:  # handed to the waiting page, which shows it
        job.error = exc
    finally:
        _PROGRESS.reset(token)
        with _JOBS_LOCK:
            _JOBS.pop(key, None)
        job.finished.set()


def _run_with_progress(args: tuple[Any, ...]) -> Comparison:
    """Run `analyse(*args)` on a worker thread; a rerun joins a job already running for the same key."""
    key = hashlib.sha256(json.dumps(args).encode("utf-8")).hexdigest()
    with _JOBS_LOCK:
        job = _JOBS.get(key)
        if job is None:
            job = _JOBS[key] = _Job()
            threading.Thread(target=_work, args=(job, key, args), name="parallax-compare", daemon=True).start()
    if not job.finished.wait(0.3):
        slot = st.empty()
        with slot.container():
            bar = st.progress(0.0, text="Analysing the articles…")
            while not job.finished.wait(0.25):
                done, total, stage = job.progress
                counts = f": {done} of {total}" if total > 1 else "…"
                bar.progress(min(done / max(total, 1), 1.0), text=f"{stage.capitalize()}{counts}")
        slot.empty()
    if job.error is not None:
        raise job.error
    assert job.value is not None
    return job.value


def _event_json(articles: Sequence[Article]) -> str:
    rows = [asdict(replace(a, passages=None if a.passages is None else list(a.passages))) for a in articles]
    return json.dumps({"name": event_name(), "articles": rows}, sort_keys=True, default=str)


def analysis_args(reference: str | None = None) -> tuple[str, float, str, str, str, str | None]:
    """Everything the current comparison depends on (`analyse`'s arguments); equal args, same comparison."""
    articles, settings = current_articles(), current_settings()
    return (_event_json(articles), settings.threshold, settings.passage_size, settings.model, settings.backend,
            reference or reference_id(articles))


def keep_opened(args: tuple[Any, ...], found: Comparison) -> None:
    """Show `found` (a saved comparison) whenever the session's articles, settings and reference give `args`."""
    st.session_state.setdefault(_OPENED, {})[args] = found


def comparison() -> Comparison | None:
    """The current articles compared under the current settings; None, with a message shown, if impossible."""
    if not current_articles():
        st.info("There are no articles to compare yet: add some on the Sources page.")
        return None
    settings, args = current_settings(), analysis_args()
    if (opened := st.session_state.get(_OPENED, {}).get(args)) is not None:
        return opened
    try:
        get_encoder(settings.model, settings.backend)
        return _run_with_progress(args)
    except ModelUnavailable as exc:
        st.error(escape_markdown(str(exc)))
    except TimeBudgetExceeded as exc:
        st.error(escape_markdown(str(exc)), icon=":material/timer_off:")
    except ComparisonTooBig as exc:
        st.error(escape_markdown(f"These articles are too many to compare at once: {exc}."))
    except ValueError as exc:
        st.error(escape_markdown(f"These articles cannot be compared: {exc}."))
    return None


def current_result() -> dict[str, Any] | None:
    """The result dict the pages show, or None with a message already on the page."""
    found = comparison()
    return None if found is None else found.result
