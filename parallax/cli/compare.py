"""`parallax compare` and `parallax match`: compare articles, or score given passage pairs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from parallax.cli.common import CommandError, encoder_for, env_limits, progress, saved_link, say_problem, settings_from

__all__ = ["compare", "match", "summary", "write_outputs"]


def compare(args: argparse.Namespace) -> int:
    from parallax.compare import compare
    from parallax.inputs.local import load_sources
    from parallax.model import Event

    settings = settings_from(args)
    loaded = load_sources(args.inputs, limits=env_limits())
    for problem in loaded.problems:
        say_problem(problem)
    if len(loaded.articles) < 2:
        raise CommandError(f"need at least two readable articles to compare, got {len(loaded.articles)}")
    encoder = encoder_for(settings)
    print(f"comparing {len(loaded.articles)} articles with {encoder.model_id}", file=sys.stderr)
    event = Event(name=loaded.name or "Untitled event", articles=loaded.articles)
    try:
        comparison = compare(
            event, settings, encoder, reference=args.reference, problems=loaded.problems, progress=progress,
            limits=env_limits(),
        )
    except ValueError as error:
        raise CommandError(str(error)) from error
    for problem in comparison.skipped:
        say_problem(problem)
    write_outputs(comparison.result, args)
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


def write_outputs(result: dict[str, Any], args: argparse.Namespace) -> None:
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


def match(args: argparse.Namespace) -> int:
    from parallax.align import match_pairs

    settings = settings_from(args)
    rows = read_pairs(args.pairs)
    encoder = encoder_for(settings)
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


def read_pairs(path: Path) -> list[dict[str, Any]]:
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


