"""One event's work, the same on every engine: load it, compare it, write its result, optionally save it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from embeddings import Encoder, ModelUnavailable, load_encoder
from parallax.compare import compare
from parallax.export import to_json
from parallax.inputs import load_event_text
from parallax.model import Event
from parallax.settings import Limits, Settings
from parallax.store import StoreError, open_store

__all__ = ["Job", "Outcome", "run_job", "summary_row"]

_ENCODERS: dict[str, Encoder] = {}
"""One encoder per model in each worker process, loaded on its first job and kept for the rest."""


@dataclass(frozen=True)
class Job:
    """An event to compare (its JSON text), the settings, and where its result goes."""

    key: str
    name: str
    source: str
    text: str
    settings: dict[str, Any]
    out: str
    save: bool = False


@dataclass(frozen=True)
class Outcome:
    """What became of one job: `row` holds the summary figures, or `error` says why it failed."""

    key: str
    name: str
    source: str
    row: dict[str, Any] | None = None
    error: str = ""
    saved: str = ""


def run_job(job: Job) -> Outcome:
    """Compare one event and write `<out>/<key>.json`; any failure is this event's, never the batch's."""
    try:
        loaded = load_event_text(job.text, job.source)
        if len(loaded.articles) < 2:
            reasons = "; ".join(p.message for p in loaded.problems if p.fatal)
            raise ValueError(f"fewer than two readable articles{': ' + reasons if reasons else ''}")
        settings = Settings.from_dict(job.settings)
        encoder = _encoder(settings)
        result = compare(Event(loaded.name or job.name, loaded.articles), settings, encoder,
                         problems=loaded.problems, limits=Limits.from_env()).result
        target = Path(job.out) / f"{job.key}.json"
        part = target.with_suffix(".json.part")
        part.write_text(to_json(result), encoding="utf-8")
        os.replace(part, target)
        saved = _save(result, job) if job.save else ""
        return Outcome(job.key, job.name, job.source, row=summary_row(result), saved=saved)
    except (ValueError, OSError, ModelUnavailable, StoreError) as exc:
        return Outcome(job.key, job.name, job.source, error=str(exc) or type(exc).__name__)


def summary_row(result: dict[str, Any]) -> dict[str, Any]:
    """One event's figures for the batch summary: outlets, passages, claims, omissions, unique facts, divergence."""
    outlets = result["measures"]["outlets"].values()
    pairs = result["measures"]["pairs"]
    return {
        "outlets": len(result["articles"]),
        "passages": sum(len(a["passages"]) for a in result["articles"]),
        "claims": len(result["claims"]),
        "omissions": sum(len(m["omitted_claims"]) for m in outlets),
        "unique_facts": sum(len(m["unique_claims"]) for m in outlets),
        "divergence": round(sum(p["emphasis_divergence"] for p in pairs) / len(pairs), 4) if pairs else 0.0,
    }


def _encoder(settings: Settings) -> Encoder:
    key = f"{settings.backend}:{settings.model}"
    if key not in _ENCODERS:
        _ENCODERS[key] = load_encoder(settings.model, backend=settings.backend)
    return _ENCODERS[key]


def _save(result: dict[str, Any], job: Job) -> str:
    """Save the result in the store (DATABASE_URL, shared by every worker) and return its id."""
    with open_store() as store:
        return store.save(result, inputs={"event": job.name, "source": job.source})
