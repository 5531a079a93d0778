"""Encode throughput of an embedding backend, uncached, cold cache and warm cache, with peak memory.

Run: python bench/bench_encode.py [--n 500] [--backend torch|onnx]. Prints figures; asserts nothing.
With --compare [--rounds 3] [--plot bench/encoders.png], each backend encodes the same sentences
uncached in a process of its own (clean load time and peak memory), the backends alternating round
by round so that a busy machine slows both alike; it prints medians, the speed ratio and how closely
onnx rows agree with torch rows, and draws them as a PNG.
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
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from embeddings import BACKENDS, load_encoder
from embeddings.cache import CachedEncoder

ROOT = Path(__file__).resolve().parents[1]

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
    """`n` distinct real news sentences (ECB+ and MRPC from ../shared/data, as bench_scale.py deals
    them), or where that data is absent the sample event's, topped up with synthetic ones."""
    from bench_scale import news_sentences

    news = news_sentences()
    if len(news) >= n:
        return news[:n], "real news sentences from ../shared/data"
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


def measure_backend(backend: str, n: int, vectors_file: Path) -> dict[str, float]:
    """Load `backend`, encode the `n` bench sentences once uncached, save the rows; times and peak RSS."""
    sentences, _ = bench_sentences(n)
    started = time.perf_counter()
    model = load_encoder(backend=backend, cached=False)
    loaded = time.perf_counter() - started
    model.encode(["A short warm-up sentence."] * 8)
    started = time.perf_counter()
    vectors = model.encode(sentences)
    elapsed = time.perf_counter() - started
    np.save(vectors_file, np.asarray(vectors, dtype=np.float32))
    return {"load_s": loaded, "per_s": len(sentences) / elapsed, "peak_mb": peak_rss_mb()}


def run_isolated(backend: str, n: int, vectors_file: Path) -> dict[str, float]:
    """`measure_backend` in a fresh interpreter, so neither backend's libraries or memory touch the other."""
    command = [sys.executable, __file__, "--n", str(n), "--worker", backend, "--vectors", str(vectors_file)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the {backend} run failed:\n{done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def compare(n: int, rounds: int, plot_to: Path | None = None) -> None:
    """Alternate torch and onnx processes for `rounds` rounds; print medians, ratio and agreement."""
    backends = ("torch", "onnx")
    runs: dict[str, list[dict[str, float]]] = {backend: [] for backend in backends}
    with tempfile.TemporaryDirectory(prefix="parallax-bench-") as folder:
        files = {backend: Path(folder) / f"{backend}.npy" for backend in backends}
        for _ in range(rounds):
            for backend in backends:
                runs[backend].append(run_isolated(backend, n, files[backend]))
        torch_rows, onnx_rows = (np.load(files[backend]) for backend in backends)
    cosines = np.sum(torch_rows * onnx_rows, axis=1)
    median = {b: {k: statistics.median(r[k] for r in runs[b]) for k in runs[b][0]} for b in backends}
    print(f"compare: {rounds} rounds, each backend in its own process, alternating; medians")
    print(f"{'backend':<8} {'load s':>7} {'passages/s':>11} {'peak RSS MB':>12}   passages/s per round")
    for backend in backends:
        figures = median[backend]
        each = " ".join(f"{run['per_s']:.0f}" for run in runs[backend])
        print(
            f"{backend:<8} {figures['load_s']:7.2f} {figures['per_s']:11.0f} {figures['peak_mb']:12.0f}   {each}"
        )
    ratios = [o["per_s"] / t["per_s"] for t, o in zip(runs["torch"], runs["onnx"], strict=True)]
    print(
        f"onnx/torch speed: {median['onnx']['per_s'] / median['torch']['per_s']:.2f}x "
        f"(per round: {' '.join(f'{ratio:.2f}' for ratio in ratios)})"
    )
    print(f"onnx vs torch cosine over {len(cosines)} rows: mean {cosines.mean():.4f}, min {cosines.min():.4f}")
    if plot_to is not None:
        plot(median, float(cosines.mean()), float(cosines.min()), n, plot_to)


def plot(median: dict[str, dict[str, float]], mean_cos: float, min_cos: float, n: int, target: Path) -> None:
    """The two backends' speed and memory side by side, their agreement in the title, as a PNG."""
    import plotly.graph_objects as go
    from bench_scale import save_plot
    from plotly.subplots import make_subplots

    names = list(median)
    fig = make_subplots(rows=1, cols=2, subplot_titles=("passages per second", "peak memory (MB)"))
    colours = ["#6b7280", "#1d4ed8"]
    for col, key in ((1, "per_s"), (2, "peak_mb")):
        fig.add_trace(go.Bar(x=names, y=[median[b][key] for b in names], marker_color=colours,
                             text=[f"{median[b][key]:.0f}" for b in names], textposition="outside",
                             showlegend=False, cliponaxis=False), row=1, col=col)
    ratio = median["onnx"]["per_s"] / median["torch"]["per_s"]
    fig.update_layout(
        title=f"Encoding {n} news sentences, uncached, 2 cores: onnx {ratio:.1f}x torch<br>"
              f"<sup>onnx vectors' cosine to torch's: mean {mean_cos:.3f}, min {min_cos:.3f}</sup>",
        width=760, height=420, template="plotly_white", margin={"t": 90},
    )
    save_plot(fig, target)


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="number of distinct sentences")
    parser.add_argument("--backend", choices=BACKENDS, default="torch", help="encoder backend")
    parser.add_argument("--compare", action="store_true", help="torch and onnx side by side, uncached")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds for --compare")
    parser.add_argument("--plot", type=Path, default=Path(__file__).with_name("encoders.png"),
                        help="where --compare draws its figure")
    parser.add_argument("--worker", choices=BACKENDS, help=argparse.SUPPRESS)
    parser.add_argument("--vectors", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(measure_backend(args.worker, args.n, args.vectors)))
        return

    sentences, origin = bench_sentences(args.n)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, load average {load}, "
        f"Python {platform.python_version()}"
    )
    print(
        f"sentences: {len(sentences)} ({origin}), mean {sum(map(len, sentences)) / len(sentences):.0f} chars"
    )
    if args.compare:
        compare(args.n, max(1, args.rounds), args.plot)
        return

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
