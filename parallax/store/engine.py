"""Where the store lives and how it is opened: the URL, the SQLite or PostgreSQL engine, the first upgrade."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from parallax.store.errors import StoreError
from parallax.store.rows import WRITE
from parallax.store.schema import prepare
from parallax.store.store import Store

__all__ = ["SUPPORTED_SCHEMES", "default_url", "normalise_url", "open_store"]

SUPPORTED_SCHEMES = ("sqlite", "postgresql", "postgres")


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
            _use_wal(cursor)
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # A writer takes the write lock up front so two processes queue instead of failing on upgrade.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")

    return engine


def _use_wal(cursor: Any, wait_s: float = 10.0) -> None:
    """Put the file in WAL mode. The mode is kept in the file, so only a new file is converted, and the
    conversion needs the file to itself: SQLite answers "locked" at once, without its busy timeout,
    while another process is creating the same store. Wait for that process instead of failing."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


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
        prepare(engine)
    except DBAPIError as exc:
        engine.dispose()
        shown = engine.url.render_as_string(hide_password=True)
        raise StoreError(f"cannot open the store at {shown}: {exc.orig}") from exc
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, quota_mb)
