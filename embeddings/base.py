"""The one interface the core depends on: texts in, normalised float32 rows out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

__all__ = ["Encoder", "ModelUnavailable"]


class ModelUnavailable(RuntimeError):
    """The named model cannot be loaded; the message says what to install or fix."""


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into unit-length float32 vectors, one row per text."""

    model_id: str
    dimension: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of shape (len(texts), dimension), L2-normalised, float32."""
        ...
