"""Encode throughput of an embedding backend, uncached, cold cache and warm cache, with peak memory.

Run: python bench/bench_encode.py [--n 500] [--backend torch|onnx]. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from embeddings import BACKENDS, load_encoder  # noqa: E402
from embeddings.cache import CachedEncoder  # noqa: E402

_SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])")


def _seed_texts(folder: Path) -> Iterator[str]:
    """Article texts and given passages from the sample events under `folder` (not its READMEs)."""
    for path in sorted(folder.rglob("*")):
        if path.stem.upper() == "README":
            continue
        if path.suffix == ".json":
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            articles = data.get("articles", [data]) if isinstance(data, dict) else []
            for article in articles:
                if isinstance(article, dict):
                    yield from (p for p in article.get("passages") or () if isinstance(p, str))
                    if isinstance(article.get("text"), str):
                        yield article["text"]
        elif path.suffix in (".txt", ".md"):
            yield path.read_text(encoding="utf-8", errors="replace")


def _synthetic() -> Iterator[str]:
    """An endless stream of distinct news-like sentences, in a fixed order."""
    who = [
        "The president",
        "A spokeswoman for the ministry",
        "Rights groups",
        "The attorney general",
        "Local officials",
        "The opposition leader",
        "A federal judge",
        "Several lawmakers",
    ]
    did = [
        "said on Monday that",
        "told reporters that",
        "warned in a statement that",
        "confirmed late on Tuesday that",
        "argued before the court that",
        "denied reports that",
    ]
    what = [
        "the agreement would be signed within weeks",
        "more than 200 detainees had been transferred",
        "the prison holds up to 40,000 inmates",
        "the payment amounted to about $6 million",
        "the ruling must be respected",
        "the homicide rate had fallen sharply since 2022",
        "the deportation was an administrative error",
        "talks would resume after the holiday",
    ]
    where = [
        "",
        " in Washington",
        " in San Salvador",
        " at a press briefing",
        " during a visit to the border",
    ]
    combos = list(itertools.product(who, did, what, where))
    random.Random(0).shuffle(combos)
    for round_ in itertools.count():
        tail = f", report {round_}" if round_ else ""
        for subject, verb, fact, place in combos:
            yield f"{subject} {verb} {fact}{place}{tail}."


def bench_sentences(n: int) -> tuple[list[str], str]:
    """`n` distinct sentences: the sample event's first, topped up with synthetic ones."""
    seen: dict[str, None] = {}
    seeds = ROOT / "seeds"
    if seeds.is_dir():
        for text in _seed_texts(seeds):
            for sentence in _SENTENCE_END.split(text):
                sentence = " ".join(sentence.split())
                if len(sentence) > 20:
                    seen.setdefault(sentence)
    from_seeds = min(len(seen), n)
    sentences = list(seen)[:n]
    taken = set(sentences)
    stream = _synthetic()
    while len(sentences) < n:
        sentence = next(stream)
        if sentence not in taken:
            taken.add(sentence)
            sentences.append(sentence)
    return sentences, f"{from_seeds} from seeds/, {n - from_seeds} synthetic"


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def timed(label: str, count: int, run: Callable[[], object]) -> None:
    """Run once and print passages per second."""
    started = time.perf_counter()
    run()
    elapsed = time.perf_counter() - started
    print(f"{label:<34} {elapsed:8.2f} s  {count / elapsed:9.0f} passages/s")


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="number of distinct sentences")
    parser.add_argument("--backend", choices=BACKENDS, default="torch", help="encoder backend")
    args = parser.parse_args()

    sentences, origin = bench_sentences(args.n)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, load average {load}, "
        f"Python {platform.python_version()}"
    )
    print(
        f"sentences: {len(sentences)} ({origin}), mean {sum(map(len, sentences)) / len(sentences):.0f} chars"
    )

    started = time.perf_counter()
    model = load_encoder(backend=args.backend, cached=False)
    print(f"model: {model.model_id} ({args.backend}), loaded in {time.perf_counter() - started:.2f} s")
    model.encode(["A short warm-up sentence."] * 8)

    with tempfile.TemporaryDirectory(prefix="parallax-bench-") as folder:
        timed("uncached", len(sentences), lambda: model.encode(sentences))
        cold = CachedEncoder(model, Path(folder))
        timed("cold cache (encode and store)", len(sentences), lambda: cold.encode(sentences))
        cold.close()
        warm = CachedEncoder(model, Path(folder))
        timed("warm cache (new run, from disk)", len(sentences), lambda: warm.encode(sentences))
        print(f"warm cache: {warm.stats.hits} hits, {warm.stats.misses} misses (no model calls when 0)")
        warm.close()
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
