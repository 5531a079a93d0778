"""`parallax show`, `export` and `prune`: read, export and remove saved comparisons."""

from __future__ import annotations

import argparse

from parallax.cli.common import CommandError, saved_link
from parallax.cli.compare import summary, write_outputs

__all__ = ["export", "prune", "show"]


def prune(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from parallax.store import StoreError, open_store

    if args.older_than < 0:
        raise CommandError("--older-than takes a number of days, 0 or more")
    try:
        with open_store() as store:
            report = store.prune(timedelta(days=args.older_than), remove=args.yes)
    except StoreError as error:
        raise CommandError(str(error)) from error
    when = report.cutoff.strftime("%Y-%m-%d %H:%M UTC")
    what = f"{report.comparisons} saved comparison{'s' if report.comparisons != 1 else ''} from before {when}"
    size = f"{report.bytes / 1e6:,.1f} MB"
    if report.removed:
        print(f"removed {what} ({size})")
    elif args.yes or not report.comparisons:
        print(f"nothing to remove: no saved comparison is older than {args.older_than:g} days")
    else:
        print(f"would remove {what} ({size}); run again with --yes to remove them")
    return 0


def load_saved(comparison_id: str):
    from parallax.store import StoreError, UnknownComparison, open_store

    try:
        return open_store().load(comparison_id)
    except UnknownComparison as error:
        raise CommandError(f"no saved comparison with id {comparison_id!r}") from error
    except StoreError as error:
        raise CommandError(str(error)) from error


def show(args: argparse.Namespace) -> int:
    saved = load_saved(args.id)
    print(summary(saved.result))
    print(saved_link(saved.id))
    return 0


def export(args: argparse.Namespace) -> int:
    saved = load_saved(args.id)
    if not (args.json or args.html or args.csv):
        raise CommandError("say what to export: --json OUT, --html OUT or --csv DIR")
    write_outputs(saved.result, args)
    return 0
