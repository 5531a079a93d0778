"""Session and URL state, the shared sidebar, and the cached comparison that every page reads.

The URL holds the view (page, reference, selected claim, filter, chart mode; later the saved
comparison and the framing axis), so a link reproduces it. Session state holds the articles the
user brought. The encoder is cached once per server and model; results are cached per articles,
settings, model and reference.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import streamlit as st

from embeddings import Encoder, ModelUnavailable, load_encoder
from parallax.compare import Comparison, ComparisonTooBig, Progress, TimeBudgetExceeded, compare
from parallax.inputs import load_event_text, validate_articles
from parallax.model import Article, Event, InputProblem
from parallax.settings import SETTINGS, Limits, Settings

__all__ = [
    "SAMPLE_EVENT",
    "URL_KEYS",
    "FILTERS",
    "MODES",
    "start_session",
    "view_value",
    "set_view_value",
    "bound_choice",
    "select_claim",
    "selected_claim",
    "settings_sidebar",
    "current_settings",
    "current_articles",
    "event_name",
    "reference_id",
    "add_articles",
    "remove_article",
    "clear_articles",
    "load_sample",
    "section_problems",
    "get_encoder",
    "analyse",
    "OPENED",
    "analysis_args",
    "comparison",
    "current_result",
]

SAMPLE_EVENT = Path(__file__).resolve().parents[1] / "seeds" / "bukele-white-house-2025" / "event.json"

URL_KEYS: tuple[str, ...] = ("view", "ref", "claim", "filter", "mode", "c", "axis")
"""Query parameters that make up the view; `c` (saved comparison) and `axis` (framing) are kept as given."""
FILTERS: dict[str, str] = {
    "all": "All passages",
    "shared": "Reported elsewhere too",
    "unique": "Only in the reference",
}
MODES: dict[str, str] = {"prominence": "Prominence (how early)", "word_share": "Share of words"}
_DEFAULTS = {"filter": "all", "mode": "prominence"}

_VIEW = "_view_state"
_ARTICLES = "_articles"
_EVENT = "_event_name"
_PROBLEMS = "_source_problems"
_SETTING_KEY = {s.name: f"setting_{s.name}" for s in SETTINGS}
_SETTING = {s.name: s for s in SETTINGS}


# ---- URL-backed view state -------------------------------------------------------------------------


def start_session() -> None:
    """Read the URL into the view state on a session's first run, load the sample, rewrite the URL."""
    ss = st.session_state
    if _VIEW not in ss:
        ss[_VIEW] = {key: str(st.query_params[key]) for key in URL_KEYS if st.query_params.get(key)}
    if _ARTICLES not in ss:
        load_sample()
    _write_url()


def _write_url() -> None:
    view = st.session_state.get(_VIEW, {})
    for key in URL_KEYS:
        value = view.get(key)
        if value and st.query_params.get(key) != value:
            st.query_params[key] = value
        elif not value and key in st.query_params:
            del st.query_params[key]


def view_value(key: str, default: str | None = None) -> str | None:
    """One view setting (a URL key), or its default when unset or not one of the allowed values."""
    value = st.session_state.get(_VIEW, {}).get(key)
    allowed = {"filter": FILTERS, "mode": MODES}.get(key)
    if value is None or (allowed is not None and value not in allowed):
        return default if default is not None else _DEFAULTS.get(key)
    return value


def set_view_value(key: str, value: str | None) -> None:
    """Set (or clear, with None) one view setting and write it to the URL."""
    if key not in URL_KEYS:
        raise KeyError(f"{key!r} is not a view key; add it to URL_KEYS")
    view = st.session_state.setdefault(_VIEW, {})
    if value:
        view[key] = str(value)
    else:
        view.pop(key, None)
    _write_url()


def _copy_widget(key: str) -> None:
    set_view_value(key, st.session_state[f"w_{key}"])


def bound_choice(
    label: str,
    key: str,
    options: dict[str, str],
    *,
    default: str | None = None,
    select: bool = False,
    help: str | None = None,
) -> str:
    """A radio (or, with `select`, a selectbox) whose value lives in the URL under `key`.

    Its widget key is `w_<key>`; `options` maps values to the words shown.
    """
    names = list(options)
    current = view_value(key, default)
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
    set_view_value("claim", claim_id)


def selected_claim(result: dict[str, Any]) -> dict[str, Any] | None:
    """The selected claim of this result, or None when none is selected or the id is unknown."""
    wanted = view_value("claim")
    return next((c for c in result["claims"] if c["id"] == wanted), None)


# ---- settings --------------------------------------------------------------------------------------


def _strictness_words(value: float) -> str:
    if value < 0.35:
        return "Loose: passages on the same topic count as the same report; expect some false pairs."
    if value <= 0.65:
        return "Balanced: passages must report the same thing, in any words."
    return "Strict: only passages that say nearly the same thing are paired; some real pairs are missed."


def settings_sidebar() -> Settings:
    """The comparison settings, drawn from the one declaration in parallax.settings."""
    st.subheader("Settings")
    threshold = st.slider(
        "Match strictness",
        0.0,
        1.0,
        float(_SETTING["threshold"].default),
        0.05,
        key=_SETTING_KEY["threshold"],
        help=_SETTING["threshold"].help,
    )
    st.caption(_strictness_words(threshold))
    st.radio(
        "Compare by",
        list(_SETTING["passage_size"].choices),
        format_func=str.capitalize,
        horizontal=True,
        key=_SETTING_KEY["passage_size"],
        help=_SETTING["passage_size"].help,
    )
    with st.expander("Model"):
        st.text_input("Embedding model", _SETTING["model"].default, key=_SETTING_KEY["model"],
                      help=_SETTING["model"].help)
    return current_settings()


def current_settings() -> Settings:
    """The settings the sidebar holds (defaults before it is drawn)."""
    values = {name: st.session_state.get(key, _SETTING[name].default) for name, key in _SETTING_KEY.items()}
    values["model"] = str(values["model"]).strip() or _SETTING["model"].default
    return Settings(model=values["model"], threshold=float(values["threshold"]), passage_size=values["passage_size"])


# ---- the articles ----------------------------------------------------------------------------------


def current_articles() -> list[Article]:
    """The articles in the comparison, in order."""
    return list(st.session_state.get(_ARTICLES, []))


def event_name() -> str:
    """The event's name: the loaded event's, or a neutral one."""
    return st.session_state.get(_EVENT) or "Your articles"


def reference_id(articles: Sequence[Article] | None = None) -> str | None:
    """The reference article: the URL's `ref` if present, else the seed, else the first article."""
    articles = current_articles() if articles is None else articles
    ids = [a.id for a in articles]
    wanted = view_value("ref")
    if wanted in ids:
        return wanted
    seed = next((a.id for a in articles if a.meta.get("seed")), None)
    return seed or (ids[0] if ids else None)


def load_sample(reset_view: bool = False) -> None:
    """Replace the articles with the sample event's; `reset_view` also drops the reference and claim."""
    if reset_view:
        set_view_value("ref", None)
        set_view_value("claim", None)
    loaded = load_event_text(SAMPLE_EVENT.read_text(encoding="utf-8"), SAMPLE_EVENT.name)
    st.session_state[_ARTICLES] = list(loaded.articles)
    st.session_state[_EVENT] = loaded.name
    st.session_state[_PROBLEMS] = {"sample": list(loaded.problems)}


def add_articles(
    new: Sequence[Article], problems: Sequence[InputProblem], section: str, name: str = ""
) -> list[Article]:
    """Add checked articles (ids made unique, duplicates refused); problems are kept for `section`.

    An event `name` names the comparison when there were no articles before.
    """
    existing = current_articles()
    if name and not existing:
        st.session_state[_EVENT] = name
    room = max(_limits().max_articles - len(existing), 0)
    refused = [
        InputProblem(a.outlet or a.id, f"{a.outlet or a.id} was not added: one comparison holds at most "
                     f"{_limits().max_articles} articles; remove some first.")
        for a in new[room:]
    ]
    before = set(validate_articles(existing).problems)
    checked = validate_articles([*existing, *new[:room]])
    added = [a for a in checked.articles if a.id not in {e.id for e in existing}]
    found = [*problems, *(p for p in checked.problems if p not in before), *refused]
    st.session_state[_ARTICLES] = list(checked.articles)
    st.session_state.setdefault(_PROBLEMS, {})[section] = found
    if added:
        from components.widgets import escape_markdown  # widgets imports this module

        names = escape_markdown(", ".join(a.outlet for a in added))
        st.toast(f"Added {len(added)} article{'s' if len(added) > 1 else ''}: {names}", icon=":material/check:")
    return added


def _limits() -> Limits:
    """The deployment's limits (environment read once per call; a bad value falls back to the defaults)."""
    try:
        return Limits.from_env()
    except ValueError:
        return Limits()


def clear_articles() -> None:
    """Start from nothing: no articles, no event name, no problems."""
    st.session_state[_ARTICLES] = []
    st.session_state[_EVENT] = ""
    st.session_state[_PROBLEMS] = {}
    set_view_value("ref", None)
    set_view_value("claim", None)


def remove_article(article_id: str) -> None:
    """Drop one article; the others stay."""
    st.session_state[_ARTICLES] = [a for a in current_articles() if a.id != article_id]
    if view_value("ref") == article_id:
        set_view_value("ref", None)


def section_problems(section: str, problems: Sequence[InputProblem] | None = None) -> list[InputProblem]:
    """The problems last met by one input section (paste, upload, url, sample); replace them if given."""
    store = st.session_state.setdefault(_PROBLEMS, {})
    if problems is not None:
        store[section] = list(problems)
    return list(store.get(section, []))


# ---- cached computation ----------------------------------------------------------------------------


@st.cache_resource(show_spinner="Loading the language model…", max_entries=2)
def get_encoder(model: str) -> Encoder:
    """The encoder for `model`, loaded once per server process and shared read-only by every session."""
    return load_encoder(model, allow_paths=False)


_PROGRESS: ContextVar[Progress | None] = ContextVar("parallax_progress", default=None)


@st.cache_data(show_spinner=False, max_entries=32)
def analyse(event_json: str, threshold: float, passage_size: str, model: str, reference: str) -> Comparison:
    """The comparison of one set of articles, cached on everything that changes it (model included)."""
    data = json.loads(event_json)
    articles = tuple(
        Article(**{**a, "passages": None if a["passages"] is None else tuple(a["passages"])})
        for a in data["articles"]
    )
    settings = Settings(model=model, threshold=threshold, passage_size=passage_size)
    limits = _limits()
    return compare(Event(data["name"], articles), settings, get_encoder(model), reference=reference,
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


OPENED = "_opened_comparisons"
"""Session key: `analysis_args()` -> Comparison opened from a share link, shown without recomputing."""


def analysis_args(reference: str | None = None) -> tuple[str, float, str, str, str | None]:
    """Everything the current comparison depends on (`analyse`'s arguments); equal args, same comparison."""
    articles, settings = current_articles(), current_settings()
    return (_event_json(articles), settings.threshold, settings.passage_size, settings.model,
            reference or reference_id(articles))


def comparison() -> Comparison | None:
    """The current articles compared under the current settings; None, with a message shown, if impossible."""
    if not current_articles():
        st.info("There are no articles to compare yet: add some on the Sources page.")
        return None
    settings, args = current_settings(), analysis_args()
    if (opened := st.session_state.get(OPENED, {}).get(args)) is not None:
        return opened
    from components.widgets import escape_markdown as _escape  # widgets imports this module

    try:
        get_encoder(settings.model)
        return _run_with_progress(args)
    except ModelUnavailable as exc:
        st.error(_escape(str(exc)))
    except TimeBudgetExceeded as exc:
        st.error(_escape(str(exc)), icon=":material/timer_off:")
    except ComparisonTooBig as exc:
        st.error(_escape(f"These articles are too many to compare at once: {exc}."))
    except ValueError as exc:
        st.error(_escape(f"These articles cannot be compared: {exc}."))
    return None


def current_result() -> dict[str, Any] | None:
    """The result dict the pages show (schema 1), or None with a message already on the page."""
    found = comparison()
    return None if found is None else found.result
