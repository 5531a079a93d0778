"""The store of saved comparisons: save, load, list, prune, behind one SQLAlchemy engine."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine, delete, func, select, text
from sqlalchemy.exc import DBAPIError

from parallax.result import read_result
from parallax.settings import Limits
from parallax.store.errors import StoreError, StoreFull, UnknownComparison
from parallax.store.records import ComparisonSummary, PruneReport, SavedComparison
from parallax.store.rows import (
    WRITE,
    compact_inputs,
    dumps,
    expand_inputs,
    is_valid_id,
    new_id,
    pack_vectors,
    result_columns,
    unpack_vectors,
    utc,
)
from parallax.store.schema import comparisons_table

__all__ = ["Store"]


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
            "inputs": dumps(compact_inputs(inputs if inputs is not None else {}, result)),
            "vectors": None if vectors is None else pack_vectors(vectors),
            **result_columns(result),
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
            created_at=utc(row.created_at),
            model=row.model,
            settings=json.loads(row.settings),
            inputs=expand_inputs(json.loads(row.inputs), result),
            result=result,
            vectors=unpack_vectors(row.vectors),
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
            with self.engine.connect().execution_options(**{WRITE: write}) as conn:
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
            ComparisonSummary(r.id, utc(r.created_at), r.event, r.model, r.articles, r.schema_version) for r in rows
        ]


