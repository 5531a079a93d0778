"""The reference encoder: sentence-transformers on CPU torch, loaded from a folder on disk."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from embeddings.base import ModelUnavailable
from embeddings.locate import set_offline

__all__ = ["SentenceTransformerEncoder"]

BATCH_SIZE = 64


class SentenceTransformerEncoder:
    """Encodes texts with a sentence-transformers model folder; rows are unit-length float32."""

    def __init__(self, path: Path, model_id: str) -> None:
        set_offline()
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging
        except ImportError as exc:
            raise ModelUnavailable(
                f"sentence-transformers is not installed ({exc.name or exc}): "
                "pip install sentence-transformers==6.2.0"
            ) from exc
        transformers_logging.disable_progress_bar()
        try:
            self._model = SentenceTransformer(str(path), device="cpu")
        except Exception as exc:  # a broken folder fails in many ways; the user needs one sentence
            reason = " ".join(str(exc).split())[:300] or type(exc).__name__
            named = "" if model_id == str(path) else f" {model_id!r}"
            raise ModelUnavailable(f"Could not load the model{named} from {path}: {reason}") from exc
        dimension = self._model.get_embedding_dimension()
        if not dimension:
            raise ModelUnavailable(f"The model {model_id!r} at {path} does not declare its vector size.")
        self.model_id = model_id
        self.dimension = int(dimension)
        self.path = Path(path)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of shape (len(texts), dimension), L2-normalised, float32."""
        items = list(texts)
        if not items:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            items,
            batch_size=BATCH_SIZE,
            show_progress_bar=False,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def __repr__(self) -> str:
        return f"SentenceTransformerEncoder(model_id={self.model_id!r}, path={str(self.path)!r})"
