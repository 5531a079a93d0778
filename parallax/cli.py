"""`python -m parallax`: compare articles, score passage pairs, and save, show or export comparisons."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from parallax.settings import SETTINGS, Limits, Settings

__all__ = ["main", "build_parser"]

DEFAULT_BASE_URL = "http://localhost:8501/"


class CommandError(Exception):
    """Bad input: reported as one line on stderr with exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    """The command line, with one flag per declared setting."""
    parser = argparse.ArgumentParser(prog="parallax", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    compare = commands.add_parser("compare", help="compare the coverage of one event across articles")
    compare.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="event JSON, folder, text/HTML/Markdown file, or URL"
    )
    compare.add_argument("--json", type=Path, metavar="OUT", help="write the comparison result (JSON)")
    compare.add_argument("--html", type=Path, metavar="OUT", help="write a standalone HTML report")
    compare.add_argument("--csv", type=Path, metavar="DIR", help="write passages, alignments, claims, measures as CSV")
    compare.add_argument("--reference", metavar="ID", help="article id to compare the others against")
    compare.add_argument("--save", action="store_true", help="save the comparison and print its share link")
    _add_settings(compare)

    match = commands.add_parser("match", help="score given passage pairs with the alignment's decision")
    match.add_argument("pairs", type=Path, metavar="PAIRS.jsonl", help='lines of {"id", "a", "b"}')
    match.add_argument("--out", type=Path, help="write result lines here instead of stdout")
    _add_settings(match, only=("model", "threshold"))

    show = commands.add_parser("show", help="print a saved comparison's summary")
    show.add_argument("id")

    export = commands.add_parser("export", help="export a saved comparison")
    export.add_argument("id")
    export.add_argument("--json", type=Path, metavar="OUT")
    export.add_argument("--html", type=Path, metavar="OUT")
    export.add_argument("--csv", type=Path, metavar="DIR")

    batch = commands.add_parser("batch", help="compare many events in one run, one result each plus a summary")
    batch.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="a folder of event JSON files, a JSON Lines file of events, or event folders")
    batch.add_argument("--out", type=Path, required=True, metavar="DIR", help="where results and summary.csv go")
    batch.add_argument("--engine", choices=("local", "ray"), default="local", help="where to run (default: local)")
    batch.add_argument("--address", help="the Ray cluster to use (default: start one on this machine)")
    batch.add_argument("--workers", type=int, help="Ray workers, one model each (default: one per CPU)")
    batch.add_argument("--save", action="store_true", help="also save each result and list its share link")
    _add_settings(batch)

    prune = commands.add_parser("prune", help="remove saved comparisons older than some days")
    prune.add_argument("--older-than", type=float, required=True, metavar="DAYS", help="age in days")
    prune.add_argument("--yes", action="store_true", help="remove them (without it, only report what would go)")
    return parser


def _add_settings(parser: argparse.ArgumentParser, only: Sequence[str] | None = None) -> None:
    for setting in SETTINGS:
        if only is not None and setting.name not in only:
            continue
        parser.add_argument(
            f"--{setting.name.replace('_', '-')}",
            dest=setting.name,
            type=type(setting.default),
            default=setting.default,
            choices=setting.choices or None,
            help=f"{setting.help} (default: {setting.default})",
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; 0 on success, 2 with a one-line message on bad input."""
    args = build_parser().parse_args(argv)
    try:
        commands = {"compare": _compare, "match": _match, "show": _show, "export": _export, "prune": _prune,
                    "batch": _batch}
        return commands[args.command](args)
    except CommandError as error:
        print(f"parallax: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("parallax: stopped", file=sys.stderr)
        return 130
    except Exception as error:  # a bug, not bad input: one line, the traceback only when asked for
        if os.environ.get("PARALLAX_DEBUG", "").strip() not in ("", "0"):
            raise
        print(f"parallax: unexpected error ({type(error).__name__}: {error}); run again with PARALLAX_DEBUG=1 "
              "for the details, and report it", file=sys.stderr)
        return 1


def _limits() -> Limits:
    try:
        return Limits.from_env()
    except ValueError as error:
        raise CommandError(str(error)) from error


def _settings(args: argparse.Namespace) -> Settings:
    values = {s.name: getattr(args, s.name) for s in SETTINGS if hasattr(args, s.name)}
    try:
        return Settings.from_dict(values)
    except ValueError as error:
        raise CommandError(str(error)) from error


def _encoder(model: str):
    from embeddings import ModelUnavailable, load_encoder

    try:
        return load_encoder(model)
    except ModelUnavailable as error:
        raise CommandError(str(error)) from error


def _progress(done: int, total: int, stage: str) -> None:
    """A live counter on a terminal; elsewhere (logs, pipes) one line per finished stage."""
    if sys.stderr.isatty():
        print(f"\r{stage}: {done}/{total}   ", end="" if done < total else "\n", file=sys.stderr, flush=True)
    elif done >= total:
        print(f"{stage}: {done}/{total}", file=sys.stderr, flush=True)


def _say_problem(problem: Any) -> None:
    """One line on stderr per problem: dropped sources say so, warnings say they are warnings."""
    kind = "dropped" if problem.fatal else "warning"
    text = problem.message if problem.source in problem.message else f"{problem.source}: {problem.message}"
    print(f"parallax: {kind}: {text}", file=sys.stderr)


def _compare(args: argparse.Namespace) -> int:
    from parallax.compare import compare
    from parallax.inputs.local import load_sources
    from parallax.model import Event

    settings = _settings(args)
    loaded = load_sources(args.inputs, limits=_limits())
    for problem in loaded.problems:
        _say_problem(problem)
    if len(loaded.articles) < 2:
        raise CommandError(f"need at least two readable articles to compare, got {len(loaded.articles)}")
    encoder = _encoder(settings.model)
    print(f"comparing {len(loaded.articles)} articles with {encoder.model_id}", file=sys.stderr)
    event = Event(name=loaded.name or "Untitled event", articles=loaded.articles)
    try:
        comparison = compare(
            event, settings, encoder, reference=args.reference, problems=loaded.problems, progress=_progress,
            limits=_limits(),
        )
    except ValueError as error:
        raise CommandError(str(error)) from error
    for problem in comparison.skipped:
        _say_problem(problem)
    _write_outputs(comparison.result, args)
    if args.save:
        from parallax.store import StoreError, open_store

        inputs = {"sources": list(args.inputs), "event": event.name}
        try:
            saved = open_store().save(comparison.result, inputs=inputs)
        except StoreError as error:
            raise CommandError(str(error)) from error
        print(saved)
        print(saved_link(saved))
    if not (args.json or args.html or args.csv or args.save):
        print(summary(comparison.result))
    return 0


def saved_link(comparison_id: str) -> str:
    """The link that opens a saved comparison; the app's address comes from PARALLAX_BASE_URL."""
    base = os.environ.get("PARALLAX_BASE_URL", DEFAULT_BASE_URL)
    return f"{base.rstrip('/')}/?c={comparison_id}"


def summary(result: dict[str, Any]) -> str:
    """A few lines a person can read in a terminal: outlets, claims and findings."""
    names = {a["id"]: a["outlet"] for a in result["articles"]}
    head = f"{result['event']} — {len(result['articles'])} articles, {len(result['claims'])} claims"
    lines = [f"{head} ({result['model']})"]
    for aid, m in result["measures"]["outlets"].items():
        lines.append(
            f"  {names[aid]}: {m['words']} words, {m['claims']} claims, "
            f"{len(m['unique_claims'])} only here, {len(m['omitted_claims'])} left out"
        )
    lines += [f"  - {f['text']}" for f in result["findings"]]
    return "\n".join(lines)


def _write_outputs(result: dict[str, Any], args: argparse.Namespace) -> None:
    from parallax.export import to_json, write_csv_dir

    try:
        if args.json:
            args.json.write_text(to_json(result), encoding="utf-8")
        if args.csv:
            write_csv_dir(result, args.csv)
        if args.html:
            from parallax.report import render_report

            args.html.write_text(render_report(result), encoding="utf-8")
    except OSError as error:
        raise CommandError(f"cannot write output: {error}") from error


def _match(args: argparse.Namespace) -> int:
    from parallax.align import match_pairs

    settings = _settings(args)
    rows = _read_pairs(args.pairs)
    encoder = _encoder(settings.model)
    decisions = match_pairs([(r["a"], r["b"]) for r in rows], encoder, settings.threshold)
    lines = [
        json.dumps({"id": r["id"], "score": round(score, 4), "match": ok, "grade": grade})
        for r, (score, ok, grade) in zip(rows, decisions, strict=True)
    ]
    text = "\n".join(lines) + ("\n" if lines else "")
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _read_pairs(path: Path) -> list[dict[str, Any]]:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"cannot read {path}: {error}") from error
    rows = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise CommandError(f"{path}:{number}: not valid JSON ({error.msg})") from error
        if not isinstance(row, dict) or not all(isinstance(row.get(k), str) for k in ("a", "b")) or "id" not in row:
            raise CommandError(f'{path}:{number}: expected {{"id", "a", "b"}} with text in "a" and "b"')
        rows.append(row)
    return rows


def _batch(args: argparse.Namespace) -> int:
    from parallax.batch import find_events, run_batch

    settings = _settings(args)
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
        eta = f", about {_duration(left)} left" if left is not None and done < total else ""
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


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def _prune(args: argparse.Namespace) -> int:
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


def _load_saved(comparison_id: str):
    from parallax.store import StoreError, UnknownComparison, open_store

    try:
        return open_store().load(comparison_id)
    except UnknownComparison as error:
        raise CommandError(f"no saved comparison with id {comparison_id!r}") from error
    except StoreError as error:
        raise CommandError(str(error)) from error


def _show(args: argparse.Namespace) -> int:
    saved = _load_saved(args.id)
    print(summary(saved.result))
    print(saved_link(saved.id))
    return 0


def _export(args: argparse.Namespace) -> int:
    saved = _load_saved(args.id)
    if not (args.json or args.html or args.csv):
        raise CommandError("say what to export: --json OUT, --html OUT or --csv DIR")
    _write_outputs(saved.result, args)
    return 0
