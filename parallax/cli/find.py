"""`parallax find` and `compare --find`: other reports of the reference's event, found on GDELT and outlets' feeds."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

from parallax.cli.common import CommandError, encoder_for, env_limits, say_problem, settings_from

__all__ = ["add_find_options", "candidate_table", "find", "found_for", "parse_day", "parse_sources"]

_TITLE_CHARS = 70
OFF = "finding coverage is switched off on this machine (PARALLAX_DISCOVERY=off)"


def parse_day(text: str) -> date:
    """A date given as YYYY-MM-DD (argparse type)."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from exc


def parse_sources(text: str) -> tuple[str, ...]:
    """`gdelt`, `feeds` or both, comma-separated (argparse type)."""
    from parallax.discover import SOURCES

    chosen = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    unknown = [s for s in chosen if s not in SOURCES]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"sources are {' and '.join(SOURCES)}, comma-separated; got {text!r}")
    return chosen


def add_find_options(parser: argparse.ArgumentParser) -> None:
    """The search's flags, shared by `find` and `compare --find`."""
    parser.add_argument("--since", type=parse_day, metavar="DATE", help="earliest date to search (YYYY-MM-DD)")
    parser.add_argument("--until", type=parse_day, metavar="DATE", help="latest date to search (YYYY-MM-DD)")
    parser.add_argument("--source", type=parse_sources, default=("gdelt", "feeds"), metavar="gdelt,feeds",
                        help="where to search (default: gdelt,feeds)")
    parser.add_argument("--feeds", metavar="URLS", help="RSS or Atom feeds to read, space- or comma-separated "
                        "(default: PARALLAX_FEEDS)")
    parser.add_argument("--any-language", action="store_true", help="ask GDELT for sources in every language, "
                        "not only English")


def found_for(args: argparse.Namespace, articles: Sequence[Any], reference_id: str | None, encoder: Any) -> Any:
    """Search for the reference's coverage as the flags say; CommandError when discovery is switched off."""
    from parallax.discover import discovery_enabled, find_coverage, read_feed_list, search, shared_cache

    if not discovery_enabled():
        raise CommandError(OFF)
    reference = next((a for a in articles if a.id == reference_id), None)
    if reference is None:
        reference = next((a for a in articles if a.meta.get("seed")), articles[0])
    feeds = read_feed_list(args.feeds) if args.feeds is not None else None
    return find_coverage(
        reference, encoder, today=search.today(), cap=env_limits().max_candidates,
        sources=args.source, feeds=feeds, languages=() if args.any_language else ("english",), since=args.since,
        until=args.until, known=[a.url for a in articles if a.url], fetch=search.product_fetch, cache=shared_cache(),
    )


def candidate_table(candidates: Sequence[Any]) -> str:
    """The candidates as a terminal table, best first: rank, similarity, date, language, outlet, title, address."""
    head = f"{'#':>3}  {'similar':>7}  {'date':<10}  {'lang':<8}  {'outlet':<28}  title / address"
    lines = [head]
    for i, c in enumerate(candidates, start=1):
        title = c.title if len(c.title) <= _TITLE_CHARS else c.title[: _TITLE_CHARS - 1] + "…"
        lines.append(f"{i:>3}  {c.similarity:>7.2f}  {c.published[:10]:<10}  {c.language[:8]:<8}  "
                     f"{c.domain[:28]:<28}  {title}")
        lines.append(f"{'':>3}  {'':>7}  {'':<10}  {'':<8}  {'':<28}  {c.url}")
    return "\n".join(lines)


def find(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from parallax.discover import discovery_enabled
    from parallax.inputs.local import load_sources

    if not discovery_enabled():
        raise CommandError(OFF)
    loaded = load_sources(args.inputs, limits=env_limits())
    for problem in loaded.problems:
        say_problem(problem)
    if not loaded.articles:
        raise CommandError("no readable article to search from")
    found = found_for(args, loaded.articles, args.reference, encoder_for(settings_from(args)))
    print(f"query: {found.query.text()}", file=sys.stderr)
    for message in found.problems:
        print(f"parallax: {message}", file=sys.stderr)
    if args.json:
        rows = [asdict(c) for c in found.candidates]
        try:
            args.json.write_text(json.dumps({"query": found.query.text(), "candidates": rows, "problems":
                                             list(found.problems)}, indent=2, ensure_ascii=False), encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot write output: {error}") from error
    if found.candidates:
        print(candidate_table(found.candidates))
    else:
        print("no candidates found", file=sys.stderr)
    return 0


def added_by_find(args: argparse.Namespace, articles: Sequence[Any], encoder: Any) -> tuple[list[Any], list[Any]]:
    """`compare --find N`: the top N candidates at or above the similarity floor, fetched; says which on stderr."""
    from parallax.discover import SIMILARITY_FLOOR, search
    from parallax.inputs.web import load_urls

    found = found_for(args, articles, args.reference, encoder)
    for message in found.problems:
        print(f"parallax: {message}", file=sys.stderr)
    chosen = [c for c in found.candidates if c.similarity >= SIMILARITY_FLOOR][: args.find]
    if len(chosen) < args.find:
        print(f"parallax: --find: {len(chosen) or 'no'} candidate{'' if len(chosen) == 1 else 's'} of "
              f"{len(found.candidates)} reach{'es' if len(chosen) == 1 else ''} the similarity floor "
              f"({SIMILARITY_FLOOR})", file=sys.stderr)
    articles_added: list[Any] = []
    problems: list[Any] = []
    for c in chosen:
        loaded = load_urls([c.url], fetch=search.product_fetch, limits=env_limits())
        articles_added += loaded.articles
        problems += loaded.problems
        if loaded.articles:
            print(f"parallax: --find: added {c.domain} (similarity {c.similarity:.2f}): {c.title} <{c.url}>",
                  file=sys.stderr)
    return articles_added, problems


def with_found(args: argparse.Namespace, loaded: Any, encoder: Any) -> Any:
    """The loaded articles plus those `compare --find N` adds (their problems said on stderr)."""
    from parallax.inputs.validate import validate_articles
    from parallax.model import LoadResult

    if not loaded.articles:
        return loaded
    added, problems = added_by_find(args, loaded.articles, encoder)
    checked = validate_articles([*loaded.articles, *added], env_limits())
    problems = [*problems, *(p for p in checked.problems if p.fatal)]
    for problem in problems:
        say_problem(problem)
    return LoadResult(checked.articles, (*loaded.problems, *problems), loaded.name)
