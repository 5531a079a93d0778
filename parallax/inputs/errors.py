"""The one error every input reader raises for a source that cannot become an article."""

from __future__ import annotations

__all__ = ["InputError"]


class InputError(ValueError):
    """An input that cannot become an article; the message is one sentence for the user."""
