"""End-to-end time for the sample event: model load, then a comparison cold and warm (vectors cached)."""

from __future__ import annotations

import os
import platform
import resource
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "bukele-white-house-2025"


def main() -> None:
    """Print the figures quoted in the README; asserts nothing."""
    os.environ["PARALLAX_CACHE_DIR"] = tempfile.mkdtemp(prefix="parallax-bench-")
    from embeddings import load_encoder
    from parallax.compare import compare
    from parallax.inputs.local import load_sources
    from parallax.model import Event
    from parallax.settings import Settings

    loaded = load_sources([str(SEED)])
    event = Event(loaded.name, loaded.articles)
    started = time.perf_counter()
    encoder = load_encoder()
    load_s = time.perf_counter() - started
    timings = []
    for _ in ("cold", "warm"):
        started = time.perf_counter()
        result = compare(event, Settings(), encoder).result
        timings.append(time.perf_counter() - started)
    passages = sum(len(a["passages"]) for a in result["articles"])
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"sample event: {len(result['articles'])} articles, {passages} passages, {len(result['claims'])} claims")
    print(f"model load, fresh cache folder (the one-time ONNX export included): {load_s:.1f} s")
    print(f"compare, cold vector cache: {timings[0]:.1f} s")
    print(f"compare, warm vector cache: {timings[1]:.1f} s")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
