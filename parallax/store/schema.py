"""The store's tables, its version, and the upgrades of older stores in place."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

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
    inspect,
    select,
    text,
)

from parallax.store.errors import StoreError
from parallax.store.rows import WRITE, result_columns, utc

__all__ = ["STORE_VERSION", "comparisons_table", "meta_table", "prepare"]

STORE_VERSION = 1

METADATA = MetaData()
meta_table = Table(
    "meta",
    METADATA,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
comparisons_table = Table(
    "comparisons",
    METADATA,
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
                created = utc(datetime.fromisoformat(row.created_at))
                json.loads(row.inputs)
                columns = result_columns(result)
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


def _stored_version(conn: Connection) -> int | None:
    """The store version in the database, 0 for the layout before `meta`, None for an empty database."""
    tables = set(inspect(conn).get_table_names())
    if "meta" in tables:
        value = conn.execute(select(meta_table.c.value).where(meta_table.c.key == "schema_version")).scalar()
        if value is None or not str(value).isdigit():
            raise StoreError(f"the store's meta table holds no readable schema_version ({value!r})")
        return int(value)
    return 0 if "comparisons" in tables else None


def prepare(engine: Engine) -> None:
    """Create an empty store, upgrade an older one in place, or refuse a newer one."""
    with engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('parallax-store'))"))
        version = _stored_version(conn)
        if version is None:
            METADATA.create_all(conn)
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


