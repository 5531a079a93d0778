"""Every user-facing setting, declared once: CLI flags, app controls and README come from here."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

__all__ = ["Setting", "SETTINGS", "Settings", "DEFAULT_MODEL"]

DEFAULT_MODEL = "all-MiniLM-L6-v2"


@dataclass(frozen=True)
class Setting:
    """One setting: its name, default, a line of help and, where it has them, its choices."""

    name: str
    default: Any
    help: str
    choices: tuple[Any, ...] = ()


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "model",
        DEFAULT_MODEL,
        "Embedding model: the packaged all-MiniLM-L6-v2, a local model folder, or a hub id "
        "already in the local cache.",
    ),
    Setting(
        "threshold",
        0.5,
        "Match strictness, 0-1: how sure the matcher must be that two passages report the same "
        "thing. Higher pairs fewer passages, lower pairs more.",
    ),
    Setting(
        "passage_size",
        "sentence",
        "Unit of comparison: one sentence, or one paragraph.",
        ("sentence", "paragraph"),
    ),
)


@dataclass(frozen=True)
class Settings:
    """The values of SETTINGS for one comparison; part of every result and cache key."""

    model: str = DEFAULT_MODEL
    threshold: float = 0.5
    passage_size: str = "sentence"

    def to_dict(self) -> dict[str, Any]:
        """The settings as plain JSON-ready data."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Settings from plain data, ignoring unknown keys and validating values."""
        known = {f.name for f in fields(cls)}
        settings = replace(cls(), **{k: v for k, v in data.items() if k in known})
        settings.validate()
        return settings

    def validate(self) -> None:
        """Raise ValueError naming the setting when a value is out of range."""
        if not 0.0 <= float(self.threshold) <= 1.0:
            raise ValueError(f"threshold must be between 0 and 1, got {self.threshold}")
        if self.passage_size not in ("sentence", "paragraph"):
            raise ValueError(f"passage_size must be 'sentence' or 'paragraph', got {self.passage_size!r}")
        if not str(self.model).strip():
            raise ValueError("model must name a model")


