"""`parallax batch`: many events in one run, on this machine or a Ray cluster."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from parallax.cli.common import CommandError, saved_link, settings_from

__all__ = ["batch"]


def batch(args: argparse.Namespace) -> int:
    from parallax.batch import find_events, run_batch

    settings = settings_from(args)
    events, problems = find_events(args.inputs)
    for source, reason in problems:
        print(f"parallax: dropped: {source}: {reason}", file=sys.stderr)
    if not events:
        raise CommandError("no events to compare in the inputs given")
    engine = None
    if args.engine == "ray":
        from parallax.batch.ray_engine import RayUnavailable, ray_engine

        try:
            engine = ray_engine(args.address, args.workers)
        except RayUnavailable as error:
            raise CommandError(str(error)) from error
    print(f"comparing {len(events)} events on the {args.engine} engine into {args.out}", file=sys.stderr)

    def progress(done: int, total: int, left: float | None, outcome: Any) -> None:
        eta = f", about {duration(left)} left" if left is not None and done < total else ""
        what = "failed: " + outcome.error if outcome.error else "done"
        print(f"[{done}/{total}{eta}] {outcome.name}: {what}", file=sys.stderr, flush=True)

    try:
        report = run_batch(events, settings, args.out, engine=engine, save=args.save, progress=progress)
    except OSError as error:
        raise CommandError(f"cannot write to {args.out}: {error.strerror or error}") from error
    except RuntimeError as error:  # the Ray cluster going away mid-run
        raise CommandError(str(error)) from error
    for row in report.rows:
        link = f"  {saved_link(row['saved'])}" if row.get("saved") else ""
        print(f"{row['event']}: {row['status']}{link}")
    print(f"{report.count('done')} compared, {sum(1 for r in report.rows if r['status'].startswith('skipped'))} "
          f"already done, {sum(1 for r in report.rows if r['status'].startswith('failed'))} failed; "
          f"summary in {args.out / 'summary.csv'}")
    return 0 if not any(r["status"].startswith("failed") for r in report.rows) else 1


def duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


