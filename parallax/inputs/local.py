"""The command line's door: local files and folders, and http(s) addresses. The app never calls this."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from parallax.inputs.documents import MAX_FILE_BYTES, kind_of_name, read_bytes_document
from parallax.inputs.errors import InputError
from parallax.inputs.event_json import Found
from parallax.inputs.fetch import FetchedPage, fetch_url
from parallax.inputs.validate import validate
from parallax.inputs.web import load_urls
from parallax.model import Article, InputProblem, LoadResult
from parallax.settings import Limits

__all__ = ["load_event_file", "load_sources"]

_SHOWN = 80


def load_sources(sources: Sequence[str], *, fetch: Callable[[str], FetchedPage] = fetch_url,
                 limits: Limits | None = None) -> LoadResult:
    """Articles from paths (event JSON, folder with event.json, .txt/.md/.html) and http(s) URLs.

    Each bad source becomes one InputProblem naming it; the others are still loaded and validated.
    """
    items: list[tuple[Article, str]] = []
    problems: list[InputProblem] = []
    name = ""
    for source in map(str, sources):
        if re.match(r"https?://", source, re.IGNORECASE):
            fetched = load_urls([source], fetch=fetch, limits=limits)
            items.extend((a, a.url or source) for a in fetched.articles)
            problems.extend(fetched.problems)
            continue
        try:
            found, found_problems, event_name = _read_path(source, limits)
        except InputError as exc:
            problems.append(InputProblem(_shown(source), str(exc)))
            continue
        name = name or event_name
        problems.extend(found_problems)
        items.extend(found)
    checked = validate(items, limits)
    return LoadResult(checked.articles, (*problems, *checked.problems), name)


def load_event_file(path: str | Path, *, limits: Limits | None = None) -> LoadResult:
    """Articles from an event JSON file (or a folder holding event.json), validated."""
    items, problems, name = _read_path(str(path), limits, event_only=True)
    checked = validate(items, limits)
    return LoadResult(checked.articles, (*problems, *checked.problems), name)


def _read_path(source: str, limits: Limits | None, event_only: bool = False) -> Found:
    """Articles from one local path, before validation; InputError for anything unreadable."""
    if re.match(r"[a-z][a-z0-9+.-]*://", source, re.IGNORECASE):
        raise InputError(f"{_shown(source)} cannot be read: only http and https addresses are supported.")
    try:
        path = Path(source).expanduser()
        if path.is_dir():
            if not (path / "event.json").is_file():
                raise InputError(f"The folder {source} has no event.json.")
            path = path / "event.json"
        if not path.is_file():
            raise InputError(f"{_shown(source)} does not exist.")
        kind = "event" if event_only else kind_of_name(path.name)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"{source} is too large: {size:,} bytes (the limit is {MAX_FILE_BYTES:,}).")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{_shown(source)} cannot be read ({exc.strerror or exc}).") from exc
    return read_bytes_document(data, kind, str(path), name=path.name, limits=limits)


def _shown(source: str) -> str:
    """A source as messages show it: long ones cut, so one bad line stays one line."""
    return source if len(source) <= _SHOWN else source[:_SHOWN] + "…"
