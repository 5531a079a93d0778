"""Time and peak memory of the largest comparison the limits allow, cold vector cache, in a fresh process.

Run: python bench/bench_limits.py [--articles N] [--passages N]. The articles are real news sentences
from ../shared/data/ecbplus-dev.jsonl (every sentence of every article, dealt into the allowed number
of articles); without that file the script says so and uses generated sentences instead.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from parallax.settings import Limits

ECB = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-dev.jsonl"


def sentences() -> tuple[list[str], str]:
    """Every sentence of the development news corpus, in order, and where they came from."""
    if ECB.is_file():
        found = []
        for line in ECB.read_text(encoding="utf-8").splitlines():
            for article in json.loads(line)["articles"]:
                found.extend(s for s in article["sentences"] if len(s.split()) >= 4)
        return found, f"{ECB.name} (real news sentences)"
    print(f"{ECB} is absent: using generated sentences", file=sys.stderr)
    subjects = ["The minister", "Police", "The company", "Residents", "The court", "Officials", "The union"]
    verbs = ["said on Monday that", "announced that", "denied reports that", "confirmed that"]
    tails = ["the plan would cost {n} million dollars.", "{n} people had been evacuated.",
             "talks would resume in {n} days.", "the vote was {n} to {m}."]
    return [
        f"{subjects[i % 7]} {verbs[i % 4]} {tails[i % 4].format(n=i % 97 + 3, m=i % 13)}" for i in range(20_000)
    ], "generated sentences"


def event_of(articles: int, passages: int) -> dict:
    """`articles` articles holding `passages` sentences in all, one paragraph per sentence."""
    pool, _ = sentences()
    per = passages // articles
    rows = []
    for k in range(articles):
        chunk = [pool[(k * per + i) % len(pool)] for i in range(per)]
        rows.append({"id": f"a{k}", "outlet": f"Outlet {k}", "passages": chunk})
    return {"event": "Largest allowed comparison", "articles": rows}


CHILD = """
import json, sys, time
from embeddings import load_encoder
from parallax.compare import compare
from parallax.inputs import load_event_text
from parallax.model import Event
from parallax.settings import Limits, Settings
loaded = load_event_text(open(sys.argv[1], encoding="utf-8").read())
encoder = load_encoder()
started = time.perf_counter()
result = compare(Event(loaded.name, loaded.articles), Settings(), encoder, limits=Limits()).result
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "articles": len(result["articles"]), "claims": len(result["claims"]),
                  "passages": sum(len(a["passages"]) for a in result["articles"]),
                  "alignments": len(result["alignments"]), "model": result["model"]}))
"""


def main(argv: list[str] | None = None) -> int:
    limits = Limits.from_env()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=limits.max_articles)
    parser.add_argument("--passages", type=int, default=limits.max_passages)
    args = parser.parse_args(argv)
    _, source = sentences()
    with tempfile.TemporaryDirectory(prefix="parallax-bench-") as folder:
        path = Path(folder) / "event.json"
        path.write_text(json.dumps(event_of(args.articles, args.passages)), encoding="utf-8")
        env = {**os.environ, "PARALLAX_CACHE_DIR": str(Path(folder) / "cache"), "HF_HUB_OFFLINE": "1",
               "TRANSFORMERS_OFFLINE": "1"}
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", CHILD, str(path)], env=env, capture_output=True, text=True)
        wall = time.perf_counter() - started
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return done.returncode
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"input: {figures['articles']} articles, {figures['passages']:,} passages ({source}); limits "
          f"{limits.max_articles} articles, {limits.max_passages:,} passages")
    print(f"model: {figures['model']}; {figures['alignments']:,} scored pairs kept, {figures['claims']:,} claims")
    print(f"compare, cold vector cache: {figures['seconds']:.1f} s (process with model load: {wall:.1f} s)")
    print(f"peak memory of the process: {peak_mb:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
