"""Every user-facing setting and every limit, declared once: CLI flags, app controls and README come from here."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

__all__ = ["Setting", "SETTINGS", "Settings", "DEFAULT_MODEL", "Limit", "LIMITS", "Limits", "Option", "OPTIONS",
           "option"]

DEFAULT_MODEL = "all-MiniLM-L6-v2"


@dataclass(frozen=True)
class Setting:
    """One setting: its name, default, a line of help and, where it has them, its choices."""

    name: str
    default: Any
    help: str
    choices: tuple[Any, ...] = ()


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "model",
        DEFAULT_MODEL,
        "Embedding model: the packaged all-MiniLM-L6-v2, or a hub id already in this machine's cache; "
        "the command line also takes a local model folder, the app only folder names under PARALLAX_MODEL_DIR.",
    ),
    Setting(
        "threshold",
        0.5,
        "Match strictness, 0-1: how sure the matcher must be that two passages report the same "
        "thing. Higher pairs fewer passages, lower pairs more.",
    ),
    Setting(
        "passage_size",
        "sentence",
        "Unit of comparison: one sentence, or one paragraph.",
        ("sentence", "paragraph"),
    ),
    Setting(
        "backend",
        "onnx",
        "How the model runs: onnx (int8, over twice as fast, agreeing with the reference to a mean "
        "cosine of 0.99) or torch (sentence-transformers, the reference).",
        ("onnx", "torch"),
    ),
)


@dataclass(frozen=True)
class Settings:
    """The values of SETTINGS for one comparison; part of every result and cache key."""

    model: str = DEFAULT_MODEL
    threshold: float = 0.5
    passage_size: str = "sentence"
    backend: str = "onnx"

    def to_dict(self) -> dict[str, Any]:
        """The settings as plain JSON-ready data."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Settings from plain data, ignoring unknown keys and validating values."""
        known = {f.name for f in fields(cls)}
        settings = replace(cls(), **{k: v for k, v in data.items() if k in known})
        settings.validate()
        return settings

    def validate(self) -> None:
        """Raise ValueError naming the setting when a value is out of range."""
        if not 0.0 <= float(self.threshold) <= 1.0:
            raise ValueError(f"threshold must be between 0 and 1, got {self.threshold}")
        if not str(self.model).strip():
            raise ValueError("model must name a model")
        for setting in SETTINGS:
            value = getattr(self, setting.name)
            if setting.choices and value not in setting.choices:
                allowed = " or ".join(repr(c) for c in setting.choices)
                raise ValueError(f"{setting.name} must be {allowed}, got {value!r}")




@dataclass(frozen=True)
class Limit:
    """One bound on the work or storage a request may cause: name, default, environment variable, help."""

    name: str
    default: int
    env: str
    help: str


LIMITS: tuple[Limit, ...] = (
    Limit(
        "max_article_chars",
        100_000,
        "PARALLAX_MAX_ARTICLE_CHARS",
        "Characters in one article (about 16,000 words); a longer text is refused with its size.",
    ),
    Limit(
        "max_articles",
        50,
        "PARALLAX_MAX_ARTICLES",
        "Articles in one comparison; more are refused when added.",
    ),
    Limit(
        "max_passages",
        4_000,
        "PARALLAX_MAX_PASSAGES",
        "Passages in one comparison, all articles together; over it, the comparison asks for fewer articles.",
    ),
    Limit(
        "max_passage_chars",
        1_000,
        "PARALLAX_MAX_PASSAGE_CHARS",
        "Characters in one passage: a longer run-on passage is split at sentence, clause or word boundaries "
        "(never cut off), so the model reads all of it.",
    ),
    Limit(
        "time_budget_s",
        120,
        "PARALLAX_TIME_BUDGET_S",
        "Seconds one comparison may run in the app before it stops with a message.",
    ),
    Limit(
        "store_quota_mb",
        1_000,
        "PARALLAX_STORE_QUOTA_MB",
        "Megabytes of saved comparisons; at the quota, Share says so until old ones are pruned.",
    ),
    Limit(
        "max_candidates",
        50,
        "PARALLAX_MAX_CANDIDATES",
        "Candidates one Find coverage search lists (GDELT and feeds together), best first.",
    ),
)

_LIMIT_DEFAULTS = {limit.name: limit.default for limit in LIMITS}


@dataclass(frozen=True)
class Limits:
    """The values of LIMITS in force: the defaults, overridden by the environment for a deployment."""

    max_article_chars: int = _LIMIT_DEFAULTS["max_article_chars"]
    max_articles: int = _LIMIT_DEFAULTS["max_articles"]
    max_passages: int = _LIMIT_DEFAULTS["max_passages"]
    max_passage_chars: int = _LIMIT_DEFAULTS["max_passage_chars"]
    time_budget_s: int = _LIMIT_DEFAULTS["time_budget_s"]
    store_quota_mb: int = _LIMIT_DEFAULTS["store_quota_mb"]
    max_candidates: int = _LIMIT_DEFAULTS["max_candidates"]

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The limits with any `PARALLAX_MAX_…` variables applied; ValueError naming a bad variable."""
        env = os.environ if environ is None else environ
        values = {}
        for limit in LIMITS:
            raw = env.get(limit.env, "").strip()
            if not raw:
                continue
            try:
                value = int(raw.replace("_", "").replace(",", ""))
            except ValueError as exc:
                raise ValueError(f"{limit.env} must be a whole number, got {raw!r}") from exc
            if value < 1:
                raise ValueError(f"{limit.env} must be at least 1, got {value}")
            values[limit.name] = value
        return cls(**values)


@dataclass(frozen=True)
class Option:
    """One deployment option read from the environment: name, default, environment variable, help."""

    name: str
    default: str
    env: str
    help: str


OPTIONS: tuple[Option, ...] = (
    Option(
        "discovery",
        "on",
        "PARALLAX_DISCOVERY",
        "Find coverage on the Sources page and `parallax find`; `off` removes them and nothing is ever sent.",
    ),
    Option(
        "gdelt_url",
        "https://api.gdeltproject.org/api/v2/doc/doc",
        "PARALLAX_GDELT_URL",
        "The GDELT DOC 2.0 API address Find coverage asks (only the search query is sent).",
    ),
    Option(
        "feeds",
        "https://feeds.bbci.co.uk/news/world/rss.xml https://www.theguardian.com/world/rss "
        "https://feeds.npr.org/1004/rss.xml",
        "PARALLAX_FEEDS",
        "RSS or Atom feeds Find coverage reads, separated by spaces; the app lets each user edit the list.",
    ),
)

_OPTION = {o.name: o for o in OPTIONS}


def option(name: str, environ: Mapping[str, str] | None = None) -> str:
    """An option's value: its environment variable when set and not blank, else its default."""
    env = os.environ if environ is None else environ
    declared = _OPTION[name]
    return env.get(declared.env, "").strip() or declared.default
