"""What every command shares: its one error, settings and limits from flags, the encoder, progress, problems."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from parallax.settings import SETTINGS, Limits, Settings

__all__ = ["DEFAULT_BASE_URL", "CommandError", "add_settings", "encoder_for", "env_limits", "progress", "saved_link",
           "say_problem", "settings_from"]

DEFAULT_BASE_URL = "http://localhost:8501/"


class CommandError(Exception):
    """Bad input: reported as one line on stderr with exit status 2."""


def add_settings(parser: argparse.ArgumentParser, only: Sequence[str] | None = None) -> None:
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


def env_limits() -> Limits:
    try:
        return Limits.from_env()
    except ValueError as error:
        raise CommandError(str(error)) from error


def settings_from(args: argparse.Namespace) -> Settings:
    values = {s.name: getattr(args, s.name) for s in SETTINGS if hasattr(args, s.name)}
    try:
        return Settings.from_dict(values)
    except ValueError as error:
        raise CommandError(str(error)) from error


def encoder_for(settings: Settings):
    from embeddings import ModelUnavailable, load_encoder

    try:
        return load_encoder(settings.model, backend=settings.backend)
    except ModelUnavailable as error:
        raise CommandError(str(error)) from error


def progress(done: int, total: int, stage: str) -> None:
    """A live counter on a terminal; elsewhere (logs, pipes) one line per finished stage."""
    if sys.stderr.isatty():
        print(f"\r{stage}: {done}/{total}   ", end="" if done < total else "\n", file=sys.stderr, flush=True)
    elif done >= total:
        print(f"{stage}: {done}/{total}", file=sys.stderr, flush=True)


def say_problem(problem: Any) -> None:
    """One line on stderr per problem: dropped sources say so, warnings say they are warnings."""
    kind = "dropped" if problem.fatal else "warning"
    text = problem.message if problem.source in problem.message else f"{problem.source}: {problem.message}"
    print(f"parallax: {kind}: {text}", file=sys.stderr)


def saved_link(comparison_id: str) -> str:
    """The link that opens a saved comparison; the app's address comes from PARALLAX_BASE_URL."""
    base = os.environ.get("PARALLAX_BASE_URL", DEFAULT_BASE_URL)
    return f"{base.rstrip('/')}/?c={comparison_id}"


