"""Shared fixtures: the encoder is loaded once per test session."""

from __future__ import annotations

import os
import tempfile

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("PARALLAX_CACHE_DIR", tempfile.mkdtemp(prefix="parallax-test-cache-"))
os.environ.setdefault("PARALLAX_DATA_DIR", tempfile.mkdtemp(prefix="parallax-test-data-"))


@pytest.fixture(scope="session")
def encoder():
    """The default packaged model, loaded once for the whole run."""
    from embeddings import load_encoder

    return load_encoder()
