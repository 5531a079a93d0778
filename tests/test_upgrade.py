"""A user who updates Parallax keeps what the previous release wrote: saved comparisons and cached vectors.

The fixtures in tests/fixtures/previous-release are SQL dumps of a store and a vector cache written by
the previous release (store version 1, result schema 2, torch vectors) comparing two short articles.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

import components.runner
import embeddings
from embeddings import ModelUnavailable
from embeddings.cache import CachedEncoder, cache_file
from parallax.result import read_result
from parallax.store import open_store
from tests.helpers import plain, run, texts

PREVIOUS = Path(__file__).parent / "fixtures" / "previous-release"
SAVED_ID = "97GtVKw7iwDXXTooozGrUA"


def restore(dump: str, target: Path) -> Path:
    """Write the SQLite database a dump describes to `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(target) as conn:
        conn.executescript((PREVIOUS / dump).read_text(encoding="utf-8"))
    return target


@pytest.fixture
def previous_store(tmp_path, monkeypatch) -> Path:
    """The previous release's store in the data folder the app and the command line read."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("PARALLAX_DATA_DIR", str(tmp_path / "data"))
    return restore("store.sql", tmp_path / "data" / "parallax.sqlite")


class RefusingEncoder:
    """The reference model's id with no model behind it: any text not in the cache is an error."""

    model_id = "all-MiniLM-L6-v2"
    dimension = 384

    def encode(self, texts):
        raise AssertionError(f"{len(texts)} texts missed the cache")


def test_a_comparison_saved_by_the_previous_release_still_opens(previous_store):
    with open_store() as store:
        assert [s.id for s in store.list()] == [SAVED_ID]
        saved = store.load(SAVED_ID)
    result = read_result(saved.result)
    assert [a["id"] for a in result["articles"]] == ["gazette", "delta"]
    assert result["claims"], "its claims survive the upgrade"
    assert result["settings"]["backend"] == "torch", "it was made on torch, the only backend then"
    assert {p["text"] for p in result["articles"][0]["passages"]} >= {
        "The port of Tecoluca reopened on Tuesday after three weeks of storm repairs."
    }


def test_the_app_opens_a_link_made_by_the_previous_release_without_the_model(previous_store, monkeypatch):
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append("model")
        raise ModelUnavailable("opening a saved comparison must not need the model")

    monkeypatch.setattr(components.runner, "get_encoder", refuse)
    monkeypatch.setattr(embeddings, "load_encoder", refuse)
    at = run("alignment", c=SAVED_ID)
    assert at.query_params["c"] == SAVED_ID
    assert any("Tecoluca reopened on Tuesday" in plain(t) for t in texts(at))
    assert attempts == []


def test_vectors_cached_by_the_previous_release_are_read_not_recomputed(previous_store, tmp_path):
    cache_dir = tmp_path / "cache" / "vectors"
    restore("vectors-all-MiniLM-L6-v2.sql", cache_file(cache_dir, "all-MiniLM-L6-v2"))
    with open_store() as store:
        result = read_result(store.load(SAVED_ID).result)
    passages = [p["text"] for a in result["articles"] for p in a["passages"]]

    cached = CachedEncoder(RefusingEncoder(), cache_dir)
    vectors = cached.encode(passages)
    assert vectors.shape == (len(passages), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert cached.stats.hits == len(passages) and cached.stats.misses == 0
