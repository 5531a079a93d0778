"""Saved comparisons: an immutable, versioned store in SQLite (default) or PostgreSQL, for share links."""

from __future__ import annotations

import io
import json
import os
import re
import secrets
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import platformdirs
from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from parallax.export import to_json
from parallax.result import read_result
from parallax.settings import Limits

__all__ = [
    "STORE_VERSION",
    "SUPPORTED_SCHEMES",
    "ComparisonSummary",
    "PruneReport",
    "SavedComparison",
    "Store",
    "StoreError",
    "StoreFull",
    "UnknownComparison",
    "compact_inputs",
    "expand_inputs",
    "default_url",
    "is_valid_id",
    "normalise_url",
    "open_store",
]

STORE_VERSION = 1
SUPPORTED_SCHEMES = ("sqlite", "postgresql", "postgres")
_ID = re.compile(r"[A-Za-z0-9_-]{22}")
_WRITE = "parallax_write"

_metadata = MetaData()
meta_table = Table(
    "meta",
    _metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
comparisons_table = Table(
    "comparisons",
    _metadata,
    Column("id", String(32), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
    Column("schema_version", Integer, nullable=False),
    Column("model", Text, nullable=False),
    Column("event", Text, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("settings", Text, nullable=False),
    Column("inputs", Text, nullable=False),
    Column("result", LargeBinary, nullable=False),
    Column("vectors", LargeBinary, nullable=True),
)


class StoreError(Exception):
    """The store cannot be opened or used; the message says why and what to do."""


class UnknownComparison(StoreError, LookupError):
    """No saved comparison has this id (or the id is not one Parallax could have made)."""


class StoreFull(StoreError):
    """The store has reached its size quota; the message says how to make room."""


@dataclass(frozen=True)
class PruneReport:
    """What a prune removed (or, in a dry run, would remove): how many comparisons and their bytes."""

    comparisons: int
    bytes: int
    cutoff: datetime
    removed: bool


@dataclass(frozen=True)
class SavedComparison:
    """A saved comparison as it was saved: inputs, settings, model, full result and passage vectors."""

    id: str
    created_at: datetime
    model: str
    settings: dict[str, Any]
    inputs: dict[str, Any]
    result: dict[str, Any]
    vectors: dict[str, np.ndarray] | None = field(default=None, compare=False, repr=False)
    event: str = ""


@dataclass(frozen=True)
class ComparisonSummary:
    """One line of the store's listing: enough to pick a comparison without loading it."""

    id: str
    created_at: datetime
    event: str
    model: str
    articles: int
    schema_version: int


def new_id() -> str:
    """A new unguessable id: 128 random bits, URL-safe, never starting with "-" (read as an option by a shell)."""
    while True:
        candidate = secrets.token_urlsafe(16)
        if candidate[0] not in "-_":
            return candidate


def is_valid_id(comparison_id: object) -> bool:
    """True when `comparison_id` has the shape of an id `Store.save` makes (22 URL-safe characters)."""
    return isinstance(comparison_id, str) and _ID.fullmatch(comparison_id) is not None


def default_url() -> str:
    """`$DATABASE_URL`, else a SQLite file `parallax.sqlite` in `$PARALLAX_DATA_DIR` or the user data dir."""
    if url := os.environ.get("DATABASE_URL", "").strip():
        return url
    data_dir = os.environ.get("PARALLAX_DATA_DIR", "").strip() or platformdirs.user_data_dir("parallax")
    return f"sqlite:///{Path(data_dir).expanduser().resolve() / 'parallax.sqlite'}"


def normalise_url(url: str) -> str:
    """Map postgres:// and postgresql:// to the psycopg 3 driver; a bare path means a SQLite file.

    StoreError for any other kind of database, naming the supported ones.
    """
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    scheme, rest = url.split("://", 1)
    base = scheme.split("+", 1)[0].lower()
    if base not in SUPPORTED_SCHEMES:
        raise StoreError(
            f"DATABASE_URL starts with {scheme}://, which Parallax cannot use: give a postgresql:// URL, "
            "a sqlite:/// URL, or unset it to use the SQLite file in the data folder."
        )
    if base in ("postgres", "postgresql"):
        return f"postgresql+psycopg://{rest}"
    return url


def _dumps(data: Any) -> str:
    return to_json(data, indent=None)


def compact_inputs(inputs: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """Inputs without the article texts the result already holds word for word (`expand_inputs` undoes it)."""
    kept = {a.get("id"): a.get("text") for a in result.get("articles") or () if isinstance(a, dict)}
    rows = inputs.get("articles")
    if not isinstance(rows, list):
        return inputs
    compact = []
    for row in rows:
        if isinstance(row, dict) and row.get("text") and kept.get(row.get("id")) == row["text"]:
            row = {**{k: v for k, v in row.items() if k != "text"}, "text_in_result": True}
        compact.append(row)
    return {**inputs, "articles": compact}


def expand_inputs(inputs: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """Inputs with every article text `compact_inputs` left out put back from the result."""
    rows = inputs.get("articles")
    if not isinstance(rows, list):
        return inputs
    texts = {a.get("id"): a.get("text") for a in result.get("articles") or () if isinstance(a, dict)}
    expanded = []
    for row in rows:
        if isinstance(row, dict) and row.get("text_in_result"):
            row = {**{k: v for k, v in row.items() if k != "text_in_result"}, "text": texts.get(row.get("id"), "")}
        expanded.append(row)
    return {**inputs, "articles": expanded}


def _pack_vectors(vectors: dict[str, np.ndarray]) -> bytes:
    ids = list(vectors)
    rows = [np.asarray(vectors[i], dtype=np.float32).ravel() for i in ids]
    if len({row.shape for row in rows}) > 1:
        raise ValueError("all passage vectors must have the same length")
    matrix = np.stack(rows) if rows else np.zeros((0, 0), dtype=np.float32)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, ids=np.array(ids, dtype=str), vectors=matrix)
    return buffer.getvalue()


def _unpack_vectors(blob: bytes | None) -> dict[str, np.ndarray] | None:
    if blob is None:
        return None
    with np.load(io.BytesIO(blob), allow_pickle=False) as npz:
        ids, matrix = npz["ids"], npz["vectors"].astype(np.float32)
    return {str(i): matrix[n] for n, i in enumerate(ids)}


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _result_columns(result: dict[str, Any]) -> dict[str, Any]:
    """The columns derived from a result dict; the same for a new save and a migrated row."""
    if not isinstance(result, dict) or not isinstance(result.get("schema"), int):
        raise ValueError("a comparison result must be a dict with an integer 'schema'")
    return {
        "schema_version": result["schema"],
        "model": str(result.get("model", "")),
        "event": str(result.get("event", "")),
        "articles": len(result.get("articles") or ()),
        "settings": _dumps(result.get("settings") or {}),
        "result": zlib.compress(_dumps(result).encode("utf-8"), 6),
    }


def _migrate_0_to_1(conn: Connection) -> None:
    """Version 0 kept plain-JSON results and no meta table; move every row into the version 1 layout."""
    conn.execute(text("ALTER TABLE comparisons RENAME TO comparisons_v0"))
    comparisons_table.create(conn)
    rows = conn.execute(text("SELECT id, created_at, inputs, result, vectors FROM comparisons_v0 ORDER BY created_at"))
    while batch := rows.fetchmany(200):
        values = []
        for row in batch:
            try:
                result = json.loads(row.result)
                created = _utc(datetime.fromisoformat(row.created_at))
                json.loads(row.inputs)
                columns = _result_columns(result)
            except (ValueError, TypeError) as exc:
                raise StoreError(f"saved comparison {row.id!r} cannot be upgraded: {exc}") from exc
            values.append(
                {"id": row.id, "created_at": created, "inputs": row.inputs, "vectors": row.vectors, **columns}
            )
        conn.execute(comparisons_table.insert(), values)
    conn.execute(text("DROP TABLE comparisons_v0"))
    meta_table.create(conn)
    conn.execute(meta_table.insert(), {"key": "schema_version", "value": "0"})


_MIGRATIONS: dict[int, Callable[[Connection], None]] = {0: _migrate_0_to_1}


class Store:
    """Saved comparisons behind one SQLAlchemy engine; rows are only ever added, never changed."""

    def __init__(self, engine: Engine, quota_mb: int | None = None) -> None:
        """Wrap an engine whose schema `open_store` has checked; use `open_store` rather than this.

        `quota_mb` bounds the store's size; None reads PARALLAX_STORE_QUOTA_MB at each save.
        """
        self.engine = engine
        self.quota_mb = quota_mb

    @property
    def url(self) -> str:
        """The database URL with any password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def save(
        self,
        result: dict[str, Any],
        *,
        inputs: dict[str, Any],
        vectors: dict[str, np.ndarray] | None = None,
    ) -> str:
        """Save a comparison in one transaction and return its new unguessable id.

        StoreFull, before anything is written, when the store has reached its quota.
        """
        self._check_quota()
        comparison_id = new_id()
        row = {
            "id": comparison_id,
            "created_at": datetime.now(UTC),
            "inputs": _dumps(compact_inputs(inputs if inputs is not None else {}, result)),
            "vectors": None if vectors is None else _pack_vectors(vectors),
            **_result_columns(result),
        }
        with self._connect(write=True) as conn:
            conn.execute(comparisons_table.insert(), row)
        return comparison_id

    def load(self, comparison_id: str) -> SavedComparison:
        """The comparison saved under this id; `UnknownComparison` when there is none."""
        if not is_valid_id(comparison_id):
            raise UnknownComparison(f"{comparison_id!r} is not a saved comparison id")
        with self._connect() as conn:
            row = conn.execute(select(comparisons_table).where(comparisons_table.c.id == comparison_id)).one_or_none()
        if row is None:
            raise UnknownComparison(f"no saved comparison has the id {comparison_id!r}")
        try:
            result = read_result(json.loads(zlib.decompress(row.result).decode("utf-8")))
        except ValueError as exc:
            raise StoreError(f"saved comparison {comparison_id!r} cannot be read: {exc}") from exc
        return SavedComparison(
            id=row.id,
            created_at=_utc(row.created_at),
            model=row.model,
            settings=json.loads(row.settings),
            inputs=expand_inputs(json.loads(row.inputs), result),
            result=result,
            vectors=_unpack_vectors(row.vectors),
            event=row.event,
        )

    def close(self) -> None:
        """Release the engine's connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[Connection]:
        """A connection (in one transaction when writing); database failures become `StoreError`."""
        try:
            with self.engine.connect().execution_options(**{_WRITE: write}) as conn:
                if write:
                    with conn.begin():
                        yield conn
                else:
                    yield conn
        except DBAPIError as exc:
            raise StoreError(f"the store at {self.url} failed: {exc.orig}") from exc

    def size_bytes(self) -> int:
        """How many bytes the saved comparisons take on disk (the database's own measure)."""
        with self._connect() as conn:
            if conn.dialect.name == "postgresql":
                return int(conn.execute(text("SELECT pg_total_relation_size('comparisons')")).scalar() or 0)
        database = self.engine.url.database or ""
        files = [Path(f"{database}{suffix}") for suffix in ("", "-wal")]
        return sum(f.stat().st_size for f in files if f.is_file())

    def _check_quota(self) -> None:
        quota_mb = self.quota_mb if self.quota_mb is not None else Limits.from_env().store_quota_mb
        used = self.size_bytes()
        if used >= quota_mb * 1_000_000:
            raise StoreFull(
                f"the store of saved comparisons is full ({used / 1e6:,.0f} MB of its {quota_mb:,} MB quota): "
                "remove old ones with `python -m parallax prune --older-than DAYS --yes`, or raise "
                "PARALLAX_STORE_QUOTA_MB"
            )

    def prune(self, older_than: timedelta, *, remove: bool = False) -> PruneReport:
        """Comparisons saved before now minus `older_than`: counted, and deleted only when `remove`."""
        cutoff = datetime.now(UTC) - older_than
        c = comparisons_table.c
        old = c.created_at < cutoff
        size = func.coalesce(func.length(c.result), 0) + func.coalesce(func.length(c.vectors), 0) + func.length(
            c.inputs
        )
        with self._connect() as conn:
            count, total = conn.execute(select(func.count(), func.coalesce(func.sum(size), 0)).where(old)).one()
        if remove and count:
            with self._connect(write=True) as conn:
                conn.execute(delete(comparisons_table).where(old))
            if self.engine.dialect.name == "sqlite":
                self._vacuum()
        return PruneReport(int(count), int(total), cutoff, bool(remove and count))

    def _vacuum(self) -> None:
        """Give a SQLite file's freed pages back to the disk (outside any transaction, as VACUUM needs)."""
        raw = self.engine.raw_connection()
        try:
            raw.driver_connection.execute("VACUUM")
        except DBAPIError as exc:
            raise StoreError(f"the store at {self.url} could not be compacted: {exc}") from exc
        finally:
            raw.close()

    def list(self, limit: int = 50) -> list[ComparisonSummary]:
        """The most recently saved comparisons first, at most `limit` of them."""
        c = comparisons_table.c
        query = (
            select(c.id, c.created_at, c.event, c.model, c.articles, c.schema_version)
            .order_by(c.created_at.desc(), c.id)
            .limit(max(0, int(limit)))
        )
        with self._connect() as conn:
            rows = conn.execute(query).all()
        return [
            ComparisonSummary(r.id, _utc(r.created_at), r.event, r.model, r.articles, r.schema_version) for r in rows
        ]


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": 30})
    database = engine.url.database or ""
    in_memory = database in ("", ":memory:") or database.startswith("file::memory:")
    if not in_memory:
        Path(database).parent.mkdir(parents=True, exist_ok=True)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" decide BEGIN vs BEGIN IMMEDIATE (pysqlite's own begin is deferred).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 30000")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # A writer takes the write lock up front so two processes queue instead of failing on upgrade.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")

    return engine


def _stored_version(conn: Connection) -> int | None:
    """The store version in the database, 0 for the layout before `meta`, None for an empty database."""
    tables = set(inspect(conn).get_table_names())
    if "meta" in tables:
        value = conn.execute(select(meta_table.c.value).where(meta_table.c.key == "schema_version")).scalar()
        if value is None or not str(value).isdigit():
            raise StoreError(f"the store's meta table holds no readable schema_version ({value!r})")
        return int(value)
    return 0 if "comparisons" in tables else None


def _prepare(engine: Engine) -> None:
    """Create an empty store, upgrade an older one in place, or refuse a newer one."""
    with engine.connect().execution_options(**{_WRITE: True}) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('parallax-store'))"))
        version = _stored_version(conn)
        if version is None:
            _metadata.create_all(conn)
            conn.execute(meta_table.insert(), {"key": "schema_version", "value": str(STORE_VERSION)})
            return
        if version > STORE_VERSION:
            raise StoreError(
                f"this store was written by a newer Parallax (store version {version}; this version "
                f"reads up to {STORE_VERSION}): upgrade Parallax, or point DATABASE_URL or "
                "PARALLAX_DATA_DIR at another store"
            )
        for step in range(version, STORE_VERSION):
            _MIGRATIONS[step](conn)
            conn.execute(meta_table.update().where(meta_table.c.key == "schema_version"), {"value": str(step + 1)})


def open_store(url: str | None = None, *, quota_mb: int | None = None) -> Store:
    """Open (creating or upgrading as needed) the store at `url`, or at `default_url()` when None."""
    raw = normalise_url(url or default_url())
    try:
        engine = (
            _sqlite_engine(raw)
            if make_url(raw).get_backend_name() == "sqlite"
            else create_engine(raw, pool_pre_ping=True)
        )
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        scheme = raw.split("://", 1)[0]
        raise StoreError(f"cannot use a store URL starting {scheme}://: {exc}") from exc
    except OSError as exc:
        raise StoreError(f"cannot create the store's folder: {exc}") from exc
    try:
        _prepare(engine)
    except DBAPIError as exc:
        engine.dispose()
        shown = engine.url.render_as_string(hide_password=True)
        raise StoreError(f"cannot open the store at {shown}: {exc.orig}") from exc
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, quota_mb)
