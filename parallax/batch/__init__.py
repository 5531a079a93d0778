"""Many events in one run: find them, compare each on an engine, write one result per event and a summary.

An engine takes a list of jobs and yields outcomes as they finish: `local` runs them in this
process, `ray` on a Ray cluster (an optional install). Both call the same `run_job`, so their
results are identical. Results are named by event and by a digest of the event's content and the
settings, so a second run skips every event whose result is already there.
"""

from __future__ import annotations

from parallax.batch.events import BatchEvent, find_events
from parallax.batch.jobs import Job, Outcome, run_job
from parallax.batch.run import BatchReport, run_batch

__all__ = ["BatchEvent", "BatchReport", "Job", "Outcome", "find_events", "run_batch", "run_job"]
