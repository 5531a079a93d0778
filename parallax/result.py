"""The comparison result contract's versions, and the migration of older saved results to the current one."""

from __future__ import annotations

from typing import Any

__all__ = ["SCHEMA", "migrate"]

SCHEMA = 2
"""2 added `grade` to every alignment; 1 had `score` and `match` only."""


def migrate(result: dict[str, Any]) -> dict[str, Any]:
    """A result of any known schema as the current schema (a new dict; the input is left alone).

    Schema 1 had no grades: its matches read as `overlap` (a shared fact, the closer grade unknown)
    and its other pairs as `related`. ValueError for a schema newer than this version reads.
    """
    version = result.get("schema")
    if not isinstance(version, int) or version < 1:
        raise ValueError(f"not a comparison result (schema {version!r})")
    if version > SCHEMA:
        raise ValueError(f"this result has schema {version}, newer than this version of Parallax reads ({SCHEMA})")
    if version == SCHEMA:
        return result
    alignments = [
        {**row, "grade": row.get("grade") or ("overlap" if row.get("match") else "related")}
        for row in result.get("alignments") or ()
    ]
    return {**result, "schema": SCHEMA, "alignments": alignments}
