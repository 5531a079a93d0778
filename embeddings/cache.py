"""On-disk vector cache keyed by model id and text hash, so no passage is embedded twice across runs.

One SQLite file per model id holds (sha256 of the text, float32 bytes). WAL mode and a busy timeout
let several processes share it; a corrupt file is set aside and rebuilt with a warning, and any other
database trouble only costs speed: the texts are encoded without the cache, never lost.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import threading
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from embeddings.base import Encoder

__all__ = [
    "CACHE_ENV",
    "CacheStats",
    "CachedEncoder",
    "cache_file",
    "cache_root",
    "default_cache_dir",
    "text_key",
]

CACHE_ENV = "PARALLAX_CACHE_DIR"
BUSY_TIMEOUT_S = 15.0
_CHUNK = 500
_SCHEMA = "1"
_CORRUPT_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


def cache_root() -> Path:
    """Parallax's cache folder: `$PARALLAX_CACHE_DIR`, else the platform's user cache folder."""
    configured = os.environ.get(CACHE_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("parallax"))


def default_cache_dir() -> Path:
    """Where vector files live unless a caller names another folder."""
    return cache_root() / "vectors"


def cache_file(cache_dir: Path, model_id: str) -> Path:
    """The SQLite file for one model id: a readable slug plus a digest, so distinct ids never share."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", model_id).strip("-.")[-60:] or "model"
    tag = hashlib.sha256(model_id.encode("utf-8")).hexdigest()[:12]
    return Path(cache_dir) / f"{slug}-{tag}.sqlite3"


def text_key(text: str) -> str:
    """The cache key of one text: SHA-256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    """Whether SQLite says the file is damaged or not a database at all."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _CORRUPT_CODES
    message = str(exc).lower()
    return "malformed" in message or "not a database" in message


class _ForeignFile(sqlite3.DatabaseError):
    """The file is a database, but not a vector cache for this model."""

    sqlite_errorcode = sqlite3.SQLITE_NOTADB


@dataclass(frozen=True)
class CacheStats:
    """How many distinct texts came from the cache (hits) and how many the model encoded (misses)."""

    hits: int
    misses: int


class CachedEncoder:
    """Wraps an encoder so each distinct text is embedded once per model, across calls and runs."""

    def __init__(self, inner: Encoder, cache_dir: Path | None = None) -> None:
        self.inner = inner
        self.model_id: str = inner.model_id
        self.dimension: int = int(inner.dimension)
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.path = cache_file(self.cache_dir, self.model_id)
        self.hits = 0
        self.misses = 0
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        self._inherited: list[sqlite3.Connection] = []
        self._disabled = False

    @property
    def stats(self) -> CacheStats:
        """Hits and misses counted over this encoder's lifetime."""
        with self._lock:
            return CacheStats(self.hits, self.misses)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of shape (len(texts), dimension), L2-normalised, float32; only new texts are encoded."""
        items = list(texts)
        if not items:
            return np.zeros((0, self.dimension), dtype=np.float32)
        keys = [text_key(text) for text in items]
        distinct: dict[str, str] = {}
        for key, text in zip(keys, items, strict=True):
            distinct.setdefault(key, text)
        found = self._lookup(list(distinct))
        missing = [key for key in distinct if key not in found]
        if missing:
            fresh = np.asarray(self.inner.encode([distinct[key] for key in missing]), dtype=np.float32)
            if fresh.shape != (len(missing), self.dimension):
                raise RuntimeError(
                    f"The encoder {self.model_id!r} returned vectors of shape {fresh.shape}, "
                    f"expected {(len(missing), self.dimension)}."
                )
            new = dict(zip(missing, fresh, strict=True))
            self._store(new)
            found.update(new)
        with self._lock:
            self.hits += len(distinct) - len(missing)
            self.misses += len(missing)
        return np.stack([found[key] for key in keys]).astype(np.float32, copy=False)

    def close(self) -> None:
        """Close this process's connection to the cache file."""
        with self._lock:
            if self._conn is not None and self._pid == os.getpid():
                self._conn.close()
            self._conn = None

    def __repr__(self) -> str:
        return f"CachedEncoder({self.inner!r}, path={str(self.path)!r})"

    def _lookup(self, keys: list[str]) -> dict[str, np.ndarray]:
        """Cached vectors for those keys that have one of the right size."""
        found: dict[str, np.ndarray] = {}
        width = self.dimension * 4

        def read(conn: sqlite3.Connection) -> None:
            found.clear()
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(f"SELECT hash, vec FROM vectors WHERE hash IN ({marks})", chunk)
                for key, blob in rows:
                    if isinstance(blob, bytes) and len(blob) == width:
                        found[key] = np.frombuffer(blob, dtype="<f4")

        self._with_db(read)
        return found

    def _store(self, vectors: dict[str, np.ndarray]) -> None:
        """Save fresh vectors; another process saving the same text at once is harmless."""
        rows = [(key, np.asarray(vec, dtype="<f4").tobytes()) for key, vec in vectors.items()]

        def write(conn: sqlite3.Connection) -> None:
            with conn:
                conn.executemany("INSERT OR REPLACE INTO vectors (hash, vec) VALUES (?, ?)", rows)

        self._with_db(write)

    def _with_db(self, operation: Callable[[sqlite3.Connection], None]) -> None:
        """Run `operation` on the cache, rebuilding a corrupt file once; otherwise carry on without it."""
        with self._lock:
            for attempt in range(2):
                try:
                    conn = self._connection()
                    if conn is None:
                        return
                    operation(conn)
                    return
                except sqlite3.DatabaseError as exc:
                    if _is_corrupt(exc) and attempt == 0:
                        self._rebuild(exc)
                        continue
                    self._warn(
                        f"The vector cache {self.path} could not be used ({exc}); encoding without it."
                    )
                    return
                except OSError as exc:
                    self._disabled = True
                    self._warn(f"The vector cache folder {self.cache_dir} is unusable ({exc}); not caching.")
                    return

    def _connection(self) -> sqlite3.Connection | None:
        """This process's connection, opened on first use (a connection must not cross a fork)."""
        if self._disabled:
            return None
        if self._conn is not None and self._pid != os.getpid():
            self._inherited.append(self._conn)
            self._conn = None
        if self._conn is None:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            self._conn = self._open()
            self._pid = os.getpid()
        return self._conn

    def _open(self) -> sqlite3.Connection:
        """Open (creating if needed) the cache file and check it is a vector cache for this model."""
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            with conn:
                conn.execute("CREATE TABLE IF NOT EXISTS vectors (hash TEXT PRIMARY KEY, vec BLOB NOT NULL)")
                conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                conn.executemany(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                    [("schema", _SCHEMA), ("model_id", self.model_id), ("dimension", str(self.dimension))],
                )
            columns = [row[1] for row in conn.execute("PRAGMA table_info(vectors)")]
            meta = dict(conn.execute("SELECT key, value FROM meta"))
            expected = {"schema": _SCHEMA, "model_id": self.model_id, "dimension": str(self.dimension)}
            if columns[:2] != ["hash", "vec"] or any(meta.get(k) != v for k, v in expected.items()):
                raise _ForeignFile(f"it holds {meta or 'no vector cache'}, not vectors of {self.model_id!r}")
        except BaseException:
            conn.close()
            raise
        return conn

    def _rebuild(self, exc: sqlite3.DatabaseError) -> None:
        """Set a damaged cache file aside so the next open starts an empty one."""
        self._warn(f"The vector cache {self.path} is damaged or not ours ({exc}); rebuilding it.")
        if self._conn is not None and self._pid == os.getpid():
            self._conn.close()
        self._conn = None
        try:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        except OSError as error:
            self._disabled = True
            self._warn(f"The damaged vector cache {self.path} cannot be removed ({error}); not caching.")

    @staticmethod
    def _warn(message: str) -> None:
        warnings.warn(message, RuntimeWarning, stacklevel=4)
