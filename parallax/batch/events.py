"""Where a batch's events come from: a folder of event JSON files, a JSON Lines file of events, or event folders."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from parallax.inputs.articles import slug
from parallax.inputs.errors import InputError

__all__ = ["BatchEvent", "find_events"]


@dataclass(frozen=True)
class BatchEvent:
    """One event of a batch: its name, where it came from, and its event JSON text."""

    name: str
    source: str
    text: str

    @property
    def digest(self) -> str:
        """A short digest of the event's content: a changed event gets a new result."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:12]

    @property
    def key(self) -> str:
        """A file-name-safe name for the event's result, unique for its content."""
        return f"{slug(self.name) or 'event'}-{self.digest}"


def find_events(inputs: Sequence[str | Path]) -> tuple[list[BatchEvent], list[tuple[str, str]]]:
    """The events named by `inputs`, and (source, reason) for every input or line that is not one.

    An input is a folder holding `event.json`, a folder of event JSON files (`*.json`, sorted), an
    event JSON file, or a JSON Lines file (`.jsonl`) holding one event per line.
    """
    events: list[BatchEvent] = []
    problems: list[tuple[str, str]] = []
    for raw in map(str, inputs):
        path = Path(raw).expanduser()
        try:
            for source, text in _texts(path):
                try:
                    events.append(_event(source, text))
                except InputError as exc:
                    problems.append((source, str(exc)))
        except (OSError, InputError) as exc:
            problems.append((raw, str(exc) if isinstance(exc, InputError) else f"cannot be read ({exc.strerror})"))
    return events, problems


def _texts(path: Path) -> Iterator[tuple[str, str]]:
    """(source, event JSON text) for everything one input holds."""
    if path.is_dir():
        if (path / "event.json").is_file():
            yield str(path / "event.json"), (path / "event.json").read_text(encoding="utf-8")
            return
        files = sorted(path.glob("*.json"))
        if not files:
            raise InputError(f"{path} holds no event.json and no event JSON files")
        for file in files:
            yield str(file), file.read_text(encoding="utf-8")
        return
    if not path.is_file():
        raise InputError(f"{path} does not exist")
    if path.suffix.lower() == ".jsonl":
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                yield f"{path}:{number}", line
        return
    yield str(path), path.read_text(encoding="utf-8")


def _event(source: str, text: str) -> BatchEvent:
    """A batch event from its JSON text; InputError when it is not an event."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise InputError('not an event: expected an object with an "articles" list')
    name = data.get("event") if isinstance(data.get("event"), str) and data["event"].strip() else Path(source).stem
    return BatchEvent(name=name, source=source, text=json.dumps(data, sort_keys=True, ensure_ascii=False))
