"""Run a batch: skip what is done, hand the rest to an engine, report progress, write the summary table."""

from __future__ import annotations

import csv
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parallax.batch.events import BatchEvent
from parallax.batch.jobs import Job, Outcome, run_job, summary_row
from parallax.settings import Settings

__all__ = ["ENGINES", "BatchReport", "run_batch", "SUMMARY_COLUMNS"]

ENGINES = ("local", "ray")
SUMMARY_COLUMNS = ("event", "status", "outlets", "passages", "claims", "omissions", "unique_facts", "divergence",
                   "result", "saved", "source")

Engine = Callable[[Sequence[Job]], Iterator[Outcome]]
Progress = Callable[[int, int, float | None, Outcome], None]
"""Called as progress(done, total, seconds_left or None, outcome) after each event."""


@dataclass
class BatchReport:
    """What a batch did: a summary row per event (in input order), and counts."""

    rows: list[dict[str, Any]] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row["status"] == status)


def run_batch(
    events: Sequence[BatchEvent],
    settings: Settings,
    out: Path,
    *,
    engine: Engine | None = None,
    save: bool = False,
    progress: Progress | None = None,
) -> BatchReport:
    """Compare every event not already done into `out`, then write `out/summary.csv`.

    An event is done when `out/<key>.json` exists: its key holds digests of the event's content and
    of the settings, so an edited event or other settings make a new result.
    """
    out.mkdir(parents=True, exist_ok=True)
    settings_digest = hashlib.sha256(json.dumps(settings.to_dict(), sort_keys=True).encode()).hexdigest()[:6]
    jobs = [Job(f"{e.key}-{settings_digest}", e.name, e.source, e.text, settings.to_dict(), str(out), save)
            for e in events]
    rows: dict[str, dict[str, Any]] = {}
    todo = []
    for job in jobs:
        done = out / f"{job.key}.json"
        if done.is_file():
            rows[job.key] = _row(job, "skipped (already done)", _existing_figures(done), "")
        else:
            todo.append(job)
    started = time.monotonic()
    for finished, outcome in enumerate((engine or local_engine)(todo), start=1):
        job = next(j for j in todo if j.key == outcome.key)
        status = "done" if outcome.row is not None else f"failed: {outcome.error}"
        rows[job.key] = _row(job, status, outcome.row or {}, outcome.saved)
        if progress is not None:
            elapsed = time.monotonic() - started
            left = elapsed / finished * (len(todo) - finished)
            progress(finished, len(todo), left, outcome)
    report = BatchReport([rows[job.key] for job in jobs])
    _write_summary(out / "summary.csv", report.rows)
    return report


def local_engine(jobs: Sequence[Job]) -> Iterator[Outcome]:
    """Every job in this process, one after another, with one encoder loaded once."""
    for job in jobs:
        yield run_job(job)


def _row(job: Job, status: str, figures: dict[str, Any], saved: str) -> dict[str, Any]:
    result = f"{job.key}.json" if not status.startswith("failed") else ""
    return {"event": job.name, "status": status, **dict.fromkeys(SUMMARY_COLUMNS[2:8], ""), **figures,
            "result": result, "saved": saved, "source": job.source}


def _existing_figures(path: Path) -> dict[str, Any]:
    try:
        return summary_row(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _write_summary(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=SUMMARY_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
