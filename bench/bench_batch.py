"""Many events in one run: `parallax batch` on the local engine and on a local Ray instance, side by side.

Run: python bench/bench_batch.py [--events 100] [--workers 2]. Builds EVENTS events of three articles
of about 650 words each, dealt from the shared news sentences (as bench_scale.py does, no sentence
repeated), then runs `parallax batch` on them twice from nothing (empty output folder, empty vector
cache): once locally, once with `--engine ray --workers WORKERS` on a Ray instance it starts on
127.0.0.1. Prints wall time, events per minute and the command's peak memory for each, and whether
the two engines wrote identical results. Needs Ray (requirements-ray.txt). Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_scale import WORDS_PER_ARTICLE, event_of, news_sentences

from embeddings.cache import cache_root

ARTICLES_PER_EVENT = 3
VOLATILE = ("elapsed", "timings", "created_at")


def write_events(count: int, pool: list[str], folder: Path) -> None:
    """`count` event JSON files of ARTICLES_PER_EVENT articles each, no sentence used twice."""
    per_event = ARTICLES_PER_EVENT * WORDS_PER_ARTICLE
    cursor = 0
    for index in range(count):
        taken, words = [], 0
        while words < per_event + WORDS_PER_ARTICLE:  # room for the last article to reach its length
            if cursor >= len(pool):
                raise SystemExit(f"not enough sentences for {count} events ({len(pool)} in the data)")
            taken.append(pool[cursor])
            words += len(pool[cursor].split())
            cursor += 1
        event = event_of(ARTICLES_PER_EVENT, taken)
        event["event"] = f"Event {index:03d}"
        (folder / f"event-{index:03d}.json").write_text(json.dumps(event), encoding="utf-8")


def run_engine(events: Path, out: Path, cache: Path, extra: list[str]) -> dict:
    """Run `parallax batch` in a child process from nothing; its wall time and peak memory."""
    env = {**os.environ, "PARALLAX_CACHE_DIR": str(cache), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    cache.mkdir(parents=True)
    onnx = cache_root() / "onnx"
    if onnx.is_dir():  # the model export is made once per machine, not part of a batch
        os.symlink(onnx, cache / "onnx")
    script = (
        "import resource, sys, time\n"
        "from parallax.cli import main\n"
        "started = time.perf_counter()\n"
        "code = main(sys.argv[1:])\n"
        "usage = resource.getrusage\n"
        "peak = max(usage(resource.RUSAGE_SELF).ru_maxrss, usage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "print(f'@@ {time.perf_counter() - started:.2f} {peak / 1024:.0f} {code}')\n"
    )
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, "batch", str(events), "--out", str(out), *extra],
                          env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    marker = [line for line in done.stdout.splitlines() if line.startswith("@@ ")]
    if not marker:
        raise SystemExit(f"parallax batch {' '.join(extra)} failed:\n{done.stderr[-3000:]}")
    seconds, peak_mb, code = marker[-1].split()[1:]
    return {"seconds": float(seconds), "wall": wall, "peak_mb": float(peak_mb), "exit": int(code)}


def comparable(path: Path) -> dict:
    """A result without the fields that record when or how long, which differ run to run."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if key not in VOLATILE}


def same_results(first: Path, second: Path) -> tuple[int, list[str]]:
    """How many results both folders hold, and the names of those that differ or are missing."""
    names = sorted({p.name for p in first.glob("*.json")} | {p.name for p in second.glob("*.json")})
    differ = [n for n in names if not ((first / n).is_file() and (second / n).is_file()
                                       and comparable(first / n) == comparable(second / n))]
    return len(names), differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    pool = news_sentences()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}; {args.events} events of {ARTICLES_PER_EVENT} articles "
          f"of ~{WORDS_PER_ARTICLE} words, nothing cached")
    with tempfile.TemporaryDirectory(prefix="parallax-batch-") as folder:
        root = Path(folder)
        events = root / "events"
        events.mkdir()
        write_events(args.events, pool, events)
        runs = {
            "local": run_engine(events, root / "out-local", root / "cache-local", []),
            f"ray, {args.workers} workers": run_engine(
                events, root / "out-ray", root / "cache-ray", ["--engine", "ray", "--workers", str(args.workers)]),
        }
        print(f"{'engine':<18s} {'seconds':>8s} {'events/min':>10s} {'peak MB':>8s} {'exit':>4s}")
        for name, row in runs.items():
            print(f"{name:<18s} {row['seconds']:8.1f} {args.events / row['seconds'] * 60:10.1f} "
                  f"{row['peak_mb']:8.0f} {row['exit']:4d}")
        total, differ = same_results(root / "out-local", root / "out-ray")
        print(f"results: {total} per engine; identical: {total - len(differ)} of {total}"
              + (f"; differ: {', '.join(differ[:5])}" if differ else ""))
    print("peak MB is the command's own process (Ray workers are not its children: see `ray memory`)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
