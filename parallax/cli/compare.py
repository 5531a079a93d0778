"""`parallax compare` and `parallax match`: compare articles, or score given passage pairs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from parallax.cli.common import CommandError, encoder_for, env_limits, progress, saved_link, say_problem, settings_from

__all__ = ["NAMING", "add_naming", "compare", "load_named", "match", "summary", "write_outputs"]

NAMING = {"outlet": "outlet", "title": "title", "date": "published", "url": "url"}
"""Per-input naming flags -> the article field each sets."""


def add_naming(parser: argparse.ArgumentParser) -> None:
    """`--event` and the per-input naming flags of `parallax compare`."""
    group = parser.add_argument_group(
        "naming the event and the articles",
        "Each naming flag may be repeated, once per input, in the inputs' order: the first --outlet names the "
        'first INPUT\'s article, the second the second, and so on; "" keeps what that input says. An outlet '
        "given also becomes the article's id (for --reference). Example: parallax compare a.txt b.md "
        '--outlet "Harbour Gazette" --outlet "Delta Times" --title "Port reopens" --title ""',
    )
    group.add_argument("--event", metavar="NAME", help='the event\'s name (default: the event JSON\'s, else '
                       '"Untitled event")')
    for flag, what in (("outlet", "outlet name"), ("title", "headline"), ("date", "publication date"),
                       ("url", "web address")):
        group.add_argument(f"--{flag}", action="append", default=[], metavar=flag.upper(),
                           help=f"the {what} of the next input's article")


def load_named(args: argparse.Namespace):
    """The inputs' articles (LoadResult), each named by the naming flags given for its input, in order.

    The Nth `--outlet` (and `--title`, `--date`, `--url`) names the article read from the Nth input;
    an outlet given also becomes the article's id, so `--reference` can name it.
    """
    from dataclasses import replace

    from parallax.inputs.articles import slug
    from parallax.inputs.local import load_sources
    from parallax.inputs.validate import validate_articles
    from parallax.inputs.web import web_address_problem
    from parallax.model import LoadResult

    names = {flag: list(getattr(args, flag, None) or []) for flag in NAMING}
    for flag, values in names.items():
        if len(values) > len(args.inputs):
            raise CommandError(f"{len(values)} --{flag} values for {len(args.inputs)} inputs: give at most one each")
    for url in names["url"]:
        if url and web_address_problem(url):
            raise CommandError(f"--url {url[:80]!r} is not a web address: it must start with http:// or https://")
    limits = env_limits()
    found, problems, event = [], [], ""
    for index, source in enumerate(args.inputs):
        loaded = load_sources([source], limits=limits)
        problems.extend(loaded.problems)
        event = event or loaded.name
        given = {NAMING[flag]: values[index].strip() for flag, values in names.items()
                 if index < len(values) and values[index].strip()}
        if given and len(loaded.articles) > 1:
            raise CommandError(f"{source} holds {len(loaded.articles)} articles: the naming flags name one article "
                               'per input (give "" for this input)')
        for article in loaded.articles:
            named = replace(article, **given)
            found.append(replace(named, id=slug(named.outlet) or named.id) if "outlet" in given else named)
    checked = validate_articles(found, limits)
    problems.extend(p for p in checked.problems if p.fatal)
    return LoadResult(checked.articles, tuple(problems), getattr(args, "event", None) or event)


def compare(args: argparse.Namespace) -> int:
    from parallax.compare import compare
    from parallax.model import Event

    settings = settings_from(args)
    loaded = load_named(args)
    for problem in loaded.problems:
        say_problem(problem)
    encoder = None
    if getattr(args, "find", 0):
        from parallax.cli.find import with_found

        encoder = encoder_for(settings)
        loaded = with_found(args, loaded, encoder)
    if len(loaded.articles) < 2:
        raise CommandError(f"need at least two readable articles to compare, got {len(loaded.articles)}")
    encoder = encoder or encoder_for(settings)
    print(f"comparing {len(loaded.articles)} articles with {encoder.model_id}", file=sys.stderr)
    event = Event(name=loaded.name or "Untitled event", articles=loaded.articles)
    try:
        comparison = compare(
            event, settings, encoder, reference=args.reference, problems=loaded.problems, progress=progress,
            limits=env_limits(), group_copies=not getattr(args, "split_copies", False),
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
        print(f"saved the comparison as {saved}; share link: {saved_link(saved)}", file=sys.stderr)
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
    lines += [f"  {g['outlet']}'s story also ran on {', '.join(c['outlet'] for c in g['copies'])} (counted once)"
              for g in result.get("syndicated", ())]
    return "\n".join(lines)


def write_outputs(result: dict[str, Any], args: argparse.Namespace) -> None:
    from parallax.export import to_json, write_csv_dir

    try:
        if args.json:
            args.json.write_text(to_json(result), encoding="utf-8")
            print(f"wrote the result (JSON) to {args.json}", file=sys.stderr)
        if args.csv:
            written = write_csv_dir(result, args.csv)
            print(f"wrote {len(written)} CSV tables to {args.csv}: {', '.join(p.name for p in written)}",
                  file=sys.stderr)
        if args.html:
            from parallax.report import render_report

            args.html.write_text(render_report(result), encoding="utf-8")
            print(f"wrote the HTML report to {args.html}", file=sys.stderr)
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


