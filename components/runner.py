"""The comparison every page shows: the cached encoder, the cached results, and the worker thread that runs them.

The encoder is loaded once per server and model (`st.cache_resource`: one shared, read-only
object); a comparison is cached on everything that changes it, the model included
(`st.cache_data`). A comparison opened from a share link is kept in the session under the same
arguments and shown as saved, never recomputed.

The sample event's comparison is also kept on disk (`kept_path`), keyed by its articles, settings,
reference and the analysis code itself, so a newcomer's first page on a fresh server draws from it
instead of loading the model and comparing again; `python -m components.runner` (run by
scripts/setup.sh) computes it at install. A changed setting, model or code misses the key and
compares anew, and that comparison of the sample is kept too.

Why a worker thread: Streamlit sends the page only what the script draws while it runs, so a
comparison run on the script's own thread freezes the page for its whole length (a cold sample
takes many seconds on two cores). Run on a worker thread, it reports its stage and counts to a
job the script polls, drawing a progress bar meanwhile. A rerun during the comparison (a click
stops the script) joins the job already running for the same arguments instead of starting the
same work again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import streamlit as st

from components.articles import current_articles, default_reference, event_name, reference_id, sample_event
from components.markup import escape_markdown
from components.settings import current_settings, deployment_limits
from embeddings import Encoder, ModelUnavailable, load_encoder
from embeddings.cache import cache_root
from parallax.compare import Comparison, ComparisonTooBig, Progress, TimeBudgetExceeded, compare
from parallax.model import Article, Event
from parallax.settings import Settings

__all__ = ["analyse", "analysis_args", "comparison", "current_result", "get_encoder", "keep_opened", "keep_sample",
           "kept_path", "sample_args"]

_CODE = Path(__file__).resolve().parents[1]
_KEPT_FILES = 8
"""Comparisons of the sample kept on disk at most (one per combination of settings tried), newest kept."""

if __name__ == "__main__":  # run to keep the sample ahead, outside any Streamlit server: its cache warnings are noise
    for _name in ("cache_data_api", "cache_resource_api"):
        logging.getLogger(f"streamlit.runtime.caching.{_name}").setLevel(logging.ERROR)

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
    args = (event_json, threshold, passage_size, model, backend, reference)
    return _compute(args, get_encoder(model, backend), _PROGRESS.get())


def _compute(args: tuple[Any, ...], encoder: Encoder, progress: Progress | None) -> Comparison:
    """Compare the articles `args` name (as `analysis_args` gives them) with `encoder`."""
    event_json, threshold, passage_size, model, backend, reference = args
    data = json.loads(event_json)
    articles = tuple(
        Article(**{**a, "passages": None if a["passages"] is None else tuple(a["passages"])})
        for a in data["articles"]
    )
    settings = Settings(model=model, threshold=threshold, passage_size=passage_size, backend=backend)
    limits = deployment_limits()
    return compare(Event(data["name"], articles), settings, encoder, reference=reference,
                   progress=progress, limits=limits, time_budget_s=limits.time_budget_s)


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


def _event_json(articles: Sequence[Article], name: str) -> str:
    rows = [asdict(replace(a, passages=None if a.passages is None else list(a.passages))) for a in articles]
    return json.dumps({"name": name, "articles": rows}, sort_keys=True, default=str)


def _args(articles: Sequence[Article], name: str, settings: Settings,
          reference: str | None) -> tuple[str, float, str, str, str, str | None]:
    return (_event_json(articles, name), settings.threshold, settings.passage_size, settings.model, settings.backend,
            reference)


def analysis_args(reference: str | None = None) -> tuple[str, float, str, str, str, str | None]:
    """Everything the current comparison depends on (`analyse`'s arguments); equal args, same comparison."""
    articles = current_articles()
    return _args(articles, event_name(), current_settings(), reference or reference_id(articles))


@functools.cache
def sample_args(settings: Settings | None = None) -> tuple[str, float, str, str, str, str | None]:
    """`analysis_args()` of a session showing the sample event under `settings` (the defaults when None)."""
    sample = sample_event()
    return _args(sample.articles, event_name(sample.name), settings or Settings(),
                 default_reference(sample.articles))


@functools.cache
def _code_digest() -> str:
    """A digest of the analysis code (modules and the fitted scorer): new code never reads an old kept result."""
    digest = hashlib.sha256()
    for package in ("parallax", "embeddings"):
        for path in sorted((_CODE / package).rglob("*")):
            if path.suffix in (".py", ".json") and path.is_file():
                digest.update(str(path.relative_to(_CODE)).encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def kept_path(args: tuple[Any, ...]) -> Path | None:
    """Where the comparison for `args` is kept on disk: the sample's only, None for any other articles."""
    if args[0] != sample_args()[0]:
        return None
    key = hashlib.sha256(json.dumps([_code_digest(), *args]).encode("utf-8")).hexdigest()
    return cache_root() / "first-view" / f"{key[:32]}.npz"


@st.cache_data(show_spinner=False, max_entries=_KEPT_FILES)
def _read_kept(path: str) -> Comparison:
    """A kept comparison, read once per server process (each session gets its own copy, as from `analyse`)."""
    with np.load(path, allow_pickle=False) as data:
        result = json.loads(str(data["result"]))
        vectors = dict(zip(data["ids"].tolist(), data["vectors"], strict=True))
    return Comparison(result=result, vectors=vectors)


def _kept(args: tuple[Any, ...]) -> Comparison | None:
    """The comparison kept on disk for `args`, or None; an unreadable file is removed, to be written again."""
    path = kept_path(args)
    if path is None or not path.is_file():
        return None
    try:
        return _read_kept(str(path))
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        path.unlink(missing_ok=True)
        return None


def _keep(args: tuple[Any, ...], found: Comparison) -> None:
    """Keep the sample's comparison on disk (written whole, then renamed); a full or read-only disk only costs speed."""
    path = kept_path(args)
    if path is None or path.is_file():
        return
    ids = list(found.vectors)
    matrix = np.stack([found.vectors[i] for i in ids]).astype(np.float32) if ids else np.zeros((0, 0), np.float32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npz", delete=False) as handle:
            np.savez_compressed(handle, result=np.array(json.dumps(found.result)), ids=np.array(ids), vectors=matrix)
        os.replace(handle.name, path)
        for old in sorted(path.parent.glob("*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)[_KEPT_FILES:]:
            old.unlink(missing_ok=True)
    except OSError:
        return


def keep_sample(settings: Settings | None = None) -> Path | None:
    """Compare the sample event under `settings` and keep it on disk, unless already kept; where it is kept."""
    args = sample_args(settings)
    if _kept(args) is None:
        _, _, _, model, backend, _ = args
        found = _compute(args, load_encoder(model, backend=backend, allow_paths=False), None)
        _keep(args, found)
    return kept_path(args)


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
    if (kept := _kept(args)) is not None:
        return kept
    try:
        get_encoder(settings.model, settings.backend)
        found = _run_with_progress(args)
        _keep(args, found)
        return found
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


if __name__ == "__main__":
    print(f"The sample event's comparison is kept at {keep_sample()}")
