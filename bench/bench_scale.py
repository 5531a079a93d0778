"""How time and peak memory grow with coverage: 12, 50, 100 and 200 articles of about 650 words.

Run: python bench/bench_scale.py [--sizes 12 50 100 200] [--repeat 3] [--plot bench/scaling.png].
Each size is compared `--repeat` times, each in a fresh process with an empty vector cache (so
encoding is included), with the default backend, the app's limits lifted (this is what the command
line and batch runs do); the median run is reported, every run's time beside it. Articles are real
news sentences, ECB+ and MRPC from ../shared/data, dealt in order so no sentence repeats. Prints
figures and the ratio per doubling; writes the curve as a PNG. Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from matching_data import read_jsonl

from embeddings.cache import cache_root

ROOT = Path(__file__).resolve().parents[1]
WORDS_PER_ARTICLE = 650

CHILD = """
import json, resource, sys, time
from embeddings import load_encoder
from parallax.compare import compare
from parallax.inputs import load_event_text
from parallax.model import Event
from parallax.settings import Limits, Settings
loaded = load_event_text(open(sys.argv[1], encoding="utf-8").read())
encoder = load_encoder()
started = time.perf_counter()
result = compare(Event(loaded.name, loaded.articles), Settings(), encoder,
                 limits=Limits(max_articles=10_000, max_passages=1_000_000, max_article_chars=1_000_000)).result
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "passages": sum(len(a["passages"]) for a in result["articles"]),
                  "model": result["model"], "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def news_sentences() -> list[str]:
    """Every sentence of the shared news data, in order, each once."""
    seen: dict[str, None] = {}
    for line in read_jsonl("ecbplus-dev.jsonl") or []:
        for article in line["articles"]:
            seen.update((s, None) for s in article["sentences"] if len(s.split()) >= 4)
    for row in read_jsonl("mrpc-train.jsonl") or []:
        seen.update(((row["a"], None), (row["b"], None)))
    return list(seen)


def event_of(articles: int, pool: list[str]) -> dict:
    """`articles` articles of about WORDS_PER_ARTICLE words each, dealt from `pool` without repeats."""
    rows, cursor = [], 0
    for k in range(articles):
        chunk, words = [], 0
        while words < WORDS_PER_ARTICLE:
            if cursor >= len(pool):
                raise SystemExit(f"not enough sentences for {articles} articles ({len(pool)} in the data)")
            chunk.append(pool[cursor])
            words += len(pool[cursor].split())
            cursor += 1
        rows.append({"id": f"a{k}", "outlet": f"Outlet {k}", "text": "\n\n".join(chunk)})
    return {"event": f"{articles} articles", "articles": rows}


def measure(articles: int, pool: list[str]) -> dict:
    with tempfile.TemporaryDirectory(prefix="parallax-scale-") as folder:
        path = Path(folder) / "event.json"
        path.write_text(json.dumps(event_of(articles, pool)), encoding="utf-8")
        env = {**os.environ, "PARALLAX_CACHE_DIR": str(Path(folder) / "cache"), "HF_HUB_OFFLINE": "1",
               "TRANSFORMERS_OFFLINE": "1"}
        onnx = cache_root() / "onnx"
        if onnx.is_dir():  # the model export is made once per machine, not part of a comparison
            (Path(folder) / "cache").mkdir()
            os.symlink(onnx, Path(folder) / "cache" / "onnx")
        done = subprocess.run([sys.executable, "-c", CHILD, str(path)], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    return {"articles": articles, **json.loads(done.stdout.strip().splitlines()[-1])}


def plot(rows: list[dict], target: Path) -> None:
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    x = [r["articles"] for r in rows]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Scatter(x=x, y=[r["seconds"] for r in rows], name="time (s)", mode="lines+markers"))
    fig.add_trace(go.Scatter(x=x, y=[r["peak_mb"] for r in rows], name="peak memory (MB)", mode="lines+markers",
                             line={"dash": "dot"}), secondary_y=True)
    fig.update_layout(title=f"One comparison, nothing cached, ~{WORDS_PER_ARTICLE} words per article (2 cores)",
                      xaxis_title="articles", width=760, height=420, template="plotly_white")
    fig.update_yaxes(title_text="seconds", rangemode="tozero", secondary_y=False)
    fig.update_yaxes(title_text="MB", rangemode="tozero", secondary_y=True)
    save_plot(fig, target)


def save_plot(fig, target: Path) -> None:
    """Write `fig` as a PNG and say where, relative to the repository; or say why no picture was made."""
    from parallax.images import ImageExportUnavailable, figure_image

    try:
        target.write_bytes(figure_image(fig, "png"))
    except ImageExportUnavailable as exc:
        print(f"no plot: {exc}")
        return
    shown = target.resolve()
    print(f"wrote {shown.relative_to(ROOT) if shown.is_relative_to(ROOT) else shown.name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[12, 50, 100, 200])
    parser.add_argument("--plot", type=Path, default=Path(__file__).with_name("scaling.png"))
    parser.add_argument("--repeat", type=int, default=3,
                        help="fresh processes per size; the median is reported (a busy host moves one run by 15%%)")
    args = parser.parse_args(argv)
    pool = news_sentences()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}; {len(pool):,} distinct news sentences")
    rows = []
    print(f"{'articles':>8s} {'passages':>8s} {'seconds':>8s} {'peak MB':>8s} {'x time':>7s} {'x memory':>8s}"
          f"  (medians of {args.repeat} runs; each run's seconds)")
    for size in args.sizes:
        runs = [measure(size, pool) for _ in range(max(args.repeat, 1))]
        row = {**runs[0], "seconds": statistics.median(r["seconds"] for r in runs),
               "peak_mb": statistics.median(r["peak_mb"] for r in runs)}
        ratio = ""
        if rows:
            growth = size / rows[-1]["articles"]
            ratio = (f"{row['seconds'] / rows[-1]['seconds']:7.2f} {row['peak_mb'] / rows[-1]['peak_mb']:8.2f}"
                     f"  (articles x{growth:.1f})")
        rows.append(row)
        each = " ".join(f"{r['seconds']:.1f}" for r in runs)
        print(f"{size:8d} {row['passages']:8,d} {row['seconds']:8.1f} {row['peak_mb']:8.0f} {ratio:<32s} [{each}]",
              flush=True)
    print(f"model: {rows[-1]['model']}; peak memory is the whole process, model included "
          f"(children: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB at most)")
    plot(rows, args.plot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
