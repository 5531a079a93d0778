"""What one saved row holds: the result compressed, the inputs without texts the result already has, vectors."""

from __future__ import annotations

import io
import re
import secrets
import zlib
from datetime import UTC, datetime
from typing import Any

import numpy as np

from parallax.export import to_json

__all__ = ["WRITE", "compact_inputs", "dumps", "expand_inputs", "is_valid_id", "new_id", "pack_vectors",
           "result_columns", "unpack_vectors", "utc"]

WRITE = "parallax_write"
"""Execution option that marks a connection as a writer (SQLite then takes its write lock up front)."""
_ID = re.compile(r"[A-Za-z0-9_-]{22}")


def new_id() -> str:
    """A new unguessable id: 128 random bits, URL-safe, never starting with "-" (read as an option by a shell)."""
    while True:
        candidate = secrets.token_urlsafe(16)
        if candidate[0] not in "-_":
            return candidate


def is_valid_id(comparison_id: object) -> bool:
    """True when `comparison_id` has the shape of an id `Store.save` makes (22 URL-safe characters)."""
    return isinstance(comparison_id, str) and _ID.fullmatch(comparison_id) is not None


def dumps(data: Any) -> str:
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


def pack_vectors(vectors: dict[str, np.ndarray]) -> bytes:
    ids = list(vectors)
    rows = [np.asarray(vectors[i], dtype=np.float32).ravel() for i in ids]
    if len({row.shape for row in rows}) > 1:
        raise ValueError("all passage vectors must have the same length")
    matrix = np.stack(rows) if rows else np.zeros((0, 0), dtype=np.float32)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, ids=np.array(ids, dtype=str), vectors=matrix)
    return buffer.getvalue()


def unpack_vectors(blob: bytes | None) -> dict[str, np.ndarray] | None:
    if blob is None:
        return None
    with np.load(io.BytesIO(blob), allow_pickle=False) as npz:
        ids, matrix = npz["ids"], npz["vectors"].astype(np.float32)
    return {str(i): matrix[n] for n, i in enumerate(ids)}


def utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def result_columns(result: dict[str, Any]) -> dict[str, Any]:
    """The columns derived from a result dict; the same for a new save and a migrated row."""
    if not isinstance(result, dict) or not isinstance(result.get("schema"), int):
        raise ValueError("a comparison result must be a dict with an integer 'schema'")
    return {
        "schema_version": result["schema"],
        "model": str(result.get("model", "")),
        "event": str(result.get("event", "")),
        "articles": len(result.get("articles") or ()),
        "settings": dumps(result.get("settings") or {}),
        "result": zlib.compress(dumps(result).encode("utf-8"), 6),
    }


