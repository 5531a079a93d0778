"""`parallax` (or `python -m parallax`): compare articles, score passage pairs, run batches, and save,
show, export or prune comparisons. One module per group of commands; this one builds the parser and runs."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from parallax.cli.batch import batch
from parallax.cli.common import CommandError, add_settings
from parallax.cli.compare import add_naming, compare, match
from parallax.cli.find import add_find_options, find
from parallax.cli.saved import export, prune, show

__all__ = ["CommandError", "build_parser", "main"]

COMMANDS = {"compare": compare, "match": match, "show": show, "export": export, "prune": prune, "batch": batch,
            "find": find}


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
    add_naming(compare)
    compare.add_argument("--find", type=int, default=0, metavar="N", help="also search for other coverage of the "
                         "reference's event and add the top N candidates above the similarity floor (see `find`)")
    compare.add_argument("--split-copies", action="store_true", help="analyse syndicated copies (near-identical "
                         "articles) separately instead of counting each story once")
    add_find_options(compare)
    add_settings(compare)

    find = commands.add_parser("find", help="list other reports of the reference article's event (GDELT, feeds)")
    find.add_argument("inputs", nargs="+", metavar="INPUT", help="the reference article: file, event JSON or URL")
    find.add_argument("--reference", metavar="ID", help="which article of the inputs to search from (default: the "
                      "event's seed, else the first)")
    find.add_argument("--json", type=Path, metavar="OUT", help="write the candidates (JSON)")
    add_find_options(find)
    add_settings(find, only=("model", "backend"))

    match = commands.add_parser("match", help="score given passage pairs with the alignment's decision")
    match.add_argument("pairs", type=Path, metavar="PAIRS.jsonl", help='lines of {"id", "a", "b"}')
    match.add_argument("--out", type=Path, help="write result lines here instead of stdout")
    add_settings(match, only=("model", "threshold"))

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
    add_settings(batch)

    prune = commands.add_parser("prune", help="remove saved comparisons older than some days")
    prune.add_argument("--older-than", type=float, required=True, metavar="DAYS", help="age in days")
    prune.add_argument("--yes", action="store_true", help="remove them (without it, only report what would go)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; 0 on success, 2 with a one-line message on bad input."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
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


