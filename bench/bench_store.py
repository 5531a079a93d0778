"""Save/load speed and stored size of one comparison, plus the cost of each export, on this machine.

Usage: python bench/bench_store.py [RESULT.json]   (default: bench/out/sample-result.json, else a
synthetic 6-outlet result). Runs on a temporary SQLite file, and on PostgreSQL (in a throwaway
schema) when DATABASE_URL is set.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sqlalchemy import create_engine, text

from parallax.export import csv_zip_bytes, to_json
from parallax.report import render_report
from parallax.store import normalise_url, open_store

SAMPLE = Path(__file__).resolve().parent / "out" / "sample-result.json"


def synthetic_result(outlets: int = 6, passages: int = 40) -> dict:
    """A result of realistic size: `outlets` articles of `passages` 25-word sentences each."""
    sentence = (
        "The minister said on Tuesday that the new bridge would open to traffic next spring, officials said."
    )
    articles = [
        {
            "id": f"o{n}",
            "outlet": f"Outlet {n}",
            "title": f"Report {n}",
            "url": "",
            "published": "",
            "words": passages * 18,
            "text": " ".join([sentence] * passages),
            "passages": [
                {"id": f"o{n}:{i}", "index": i, "text": sentence, "start": 0, "end": len(sentence)}
                for i in range(passages)
            ],
        }
        for n in range(outlets)
    ]
    return {
        "schema": 1,
        "event": "Synthetic event",
        "model": "all-MiniLM-L6-v2",
        "settings": {},
        "reference": "o0",
        "articles": articles,
        "problems": [],
        "claims": [],
        "findings": [],
        "alignments": [
            {"a": f"o0:{i}", "b": f"o{n}:{i}", "score": 0.5, "match": False}
            for n in range(1, outlets)
            for i in range(passages)
        ],
        "measures": {"outlets": {}, "claims": {}, "pairs": []},
        "lenses": {},
    }


def timed(fn, repeat: int = 5) -> tuple[float, object]:
    """Best wall time in milliseconds over `repeat` runs, and the last value."""
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        best = min(best, (time.perf_counter() - start) * 1000)
    return best, value


def bench_store(url: str, result: dict, vectors: dict) -> None:
    with open_store(url) as store:
        save_ms, comparison_id = timed(lambda: store.save(result, inputs={"articles": []}, vectors=vectors))
        load_ms, _ = timed(lambda: store.load(comparison_id))
        list_ms, _ = timed(lambda: store.list(50))
        with store.engine.connect() as conn:
            query = text("SELECT length(result), length(vectors) FROM comparisons WHERE id = :id")
            result_bytes, vector_bytes = conn.execute(query, {"id": comparison_id}).one()
        print(
            f"{store.engine.dialect.name:10s} save {save_ms:7.1f} ms  load {load_ms:7.1f} ms  "
            f"list {list_ms:6.1f} ms  stored result {result_bytes / 1024:7.1f} KiB  "
            f"vectors {vector_bytes / 1024:7.1f} KiB"
        )


def bench_postgres(base: str, result: dict, vectors: dict) -> None:
    """The same on PostgreSQL, in a schema of its own that is dropped afterwards (the store is untouched)."""
    schema = f"bench_{secrets.token_hex(4)}"
    admin = create_engine(normalise_url(base))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        bench_store(f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}", result, vectors)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE
    result = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else synthetic_result()
    pids = [p["id"] for a in result["articles"] for p in a["passages"]]
    rng = np.random.default_rng(0)
    vectors = {pid: rng.standard_normal(384).astype(np.float32) for pid in pids}
    print(
        f"result: {path if path.is_file() else 'synthetic'}; {len(result['articles'])} articles, "
        f"{len(pids)} passages, JSON {len(to_json(result, indent=None)) / 1024:.1f} KiB"
    )
    with tempfile.TemporaryDirectory() as tmp:
        bench_store(f"sqlite:///{tmp}/bench.sqlite", result, vectors)
    if base := os.environ.get("DATABASE_URL"):
        bench_postgres(base, result, vectors)
    json_ms, _ = timed(lambda: to_json(result))
    zip_ms, data = timed(lambda: csv_zip_bytes(result))
    html_ms, html = timed(lambda: render_report(result, figures=[]), repeat=3)
    print(
        f"exports    JSON {json_ms:.1f} ms; CSV zip {zip_ms:.1f} ms ({len(data) / 1024:.0f} KiB); "
        f"HTML report without charts {html_ms:.1f} ms ({len(html) / 1024:.0f} KiB)"
    )


if __name__ == "__main__":
    main()
