"""Text to vectors: find a model on disk, load a backend behind the Encoder interface, cache its vectors."""

from __future__ import annotations

import os
from pathlib import Path

from embeddings.base import Encoder, ModelUnavailable
from embeddings.cache import CachedEncoder, CacheStats
from embeddings.locate import DEFAULT_MODEL, locate_model, resolve_model

__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "DEFAULT_MODEL",
    "CacheStats",
    "CachedEncoder",
    "Encoder",
    "ModelUnavailable",
    "load_encoder",
    "resolve_model",
]

BACKENDS = ("onnx", "torch")
DEFAULT_BACKEND = "onnx"


def load_encoder(
    model: str | os.PathLike[str] | None = None,
    *,
    cache_dir: Path | None = None,
    cached: bool = True,
    backend: str = DEFAULT_BACKEND,
    allow_paths: bool = True,
) -> Encoder:
    """Load `model` (default: the packaged all-MiniLM-L6-v2) offline, wrapped in the on-disk vector cache.

    `backend` is "onnx" (the default: int8, over twice as fast, agreeing with the reference to
    a mean cosine of 0.99; its model id says so, so its vectors never mix with the reference's) or
    "torch" (the sentence-transformers reference). `allow_paths` False takes `model` only as a name,
    never a path (for names typed in a browser). Raises ModelUnavailable with one sentence saying
    what to install or fix.
    """
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, got {backend!r}")
    location = locate_model(model, allow_paths=allow_paths)
    inner: Encoder
    if backend == "torch":
        from embeddings.sentence_transformer import SentenceTransformerEncoder

        inner = SentenceTransformerEncoder(location.path, location.model_id)
    else:
        from embeddings.onnx import OnnxEncoder

        inner = OnnxEncoder(location.path, location.model_id)
    return CachedEncoder(inner, cache_dir) if cached else inner
