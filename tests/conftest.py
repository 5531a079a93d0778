"""Shared fixtures: the encoder is loaded once per test session."""

from __future__ import annotations

import os
import tempfile

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("PARALLAX_CACHE_DIR", tempfile.mkdtemp(prefix="parallax-test-cache-"))
os.environ.setdefault("PARALLAX_DATA_DIR", tempfile.mkdtemp(prefix="parallax-test-data-"))
# Page tests see real exceptions; the browser tests' server runs without this, as users' servers do.
os.environ.setdefault("PARALLAX_DEBUG", "1")


@pytest.fixture(scope="session")
def encoder():
    """The default packaged model on the default backend (ONNX), loaded once for the whole run."""
    from embeddings import load_encoder

    return load_encoder()


@pytest.fixture(scope="session")
def reference_encoder():
    """The packaged model on torch, the reference the fast backend is checked against; loaded once."""
    from embeddings import load_encoder

    return load_encoder(backend="torch")
