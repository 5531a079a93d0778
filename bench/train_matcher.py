"""Train the passage matcher on ECB+ development data and measure it against plain cosine and word overlap.

Run: python bench/train_matcher.py [DATA] [--no-write]
DATA defaults to ../shared/data/ecbplus-dev.jsonl beside the repository; when it is absent the script
says so and exits 0. Pairs are cross-article pairs of annotated sentences within one topic: a gold
alignment is a match; another pair of one event, or any pair across the topic's two events, is not.
Each topic is one comparison's context: word and name frequencies and the usual cosine come from
every sentence of its articles. Topics 1-17 train, 18-25 are held out; every method's threshold is
the one that maximises F1 on the training topics. The shipped coefficients are refitted on all
development topics. Writes parallax/matcher_coefficients.json (unless --no-write) and
bench/out/matcher.json, and prints Markdown tables for bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from embeddings.base import Encoder  # noqa: E402
from parallax.features import FEATURE_NAMES, event_context, feature_matrix, passage_signals  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/data/ecbplus-dev.jsonl"
COEFFICIENTS = ROOT / "parallax" / "matcher_coefficients.json"
OUT = ROOT / "bench" / "out" / "matcher.json"
TRAIN_TOPICS = frozenset(range(1, 18))
HARDER = "same-event pairs and other-event pairs of the topic"
SAME_EVENT = "same-event pairs only"
CONTEXT_DEFINITION = (
    "document frequencies of content words and names, and the mean and spread of the cosine, over every "
    "sentence of the topic's articles (both events)"
)
PAIRS_DEFINITION = (
    "cross-article pairs of annotated sentences within one topic; gold alignments are matches, other "
    "pairs of one event and every pair across the topic's two events are not"
)
FOLDS = 5
SWEEP = (0.3, 0.4, 0.5, 0.6, 0.7)
CANDIDATES = tuple({"C": c, "class_weight": w} for w in (None, "balanced") for c in (0.1, 1.0, 10.0))


@dataclass(frozen=True)
class Pairs:
    """Labelled sentence pairs: features, label, topic, and whether both come from one event."""

    features: np.ndarray
    labels: np.ndarray
    topics: np.ndarray
    same_event: np.ndarray


def _clean(sentence: str) -> str:
    """Undo the corpus tokenisation where it splits figures: "2, 000" was "2,000"."""
    return re.sub(r"(?<=\d), (?=\d{3}\b)", ",", sentence)


def load_pairs(path: Path, encoder: Encoder) -> Pairs:
    """Every cross-article pair of annotated sentences within a topic, with features and labels.

    Pairs from one event carry the gold label; pairs across a topic's two events (same kind of
    news, a different happening) are negatives, and `same_event` tells them apart. A topic plays
    the part of one comparison: document frequencies and the usual cosine come from every sentence
    of its articles (both events, so that the context never gives the label away).
    """
    events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts: dict[tuple[str, int], str] = {}
    by_topic: dict[int, list[tuple[str, int]]] = {}
    for event in events:
        for article in event["articles"]:
            for i, sentence in enumerate(article["sentences"]):
                texts[(article["id"], i)] = _clean(sentence)
                by_topic.setdefault(event["topic"], []).append((article["id"], i))
    keys = list(texts)
    index = {k: n for n, k in enumerate(keys)}
    vectors = encoder.encode([texts[k] for k in keys])
    signals = [passage_signals(texts[k]) for k in keys]
    contexts = {
        topic: event_context([signals[index[k]] for k in members], vectors[[index[k] for k in members]])
        for topic, members in by_topic.items()
    }
    gold = {
        frozenset({(g["article_a"], g["sent_a"]), (g["article_b"], g["sent_b"])})
        for event in events
        for g in event["gold_alignments"]
        if g["in_selection"]
    }
    articles = [(event, article) for event in events for article in event["articles"]]
    rows, labels, topics, same = [], [], [], []
    for n, (event_a, art_a) in enumerate(articles):
        for event_b, art_b in articles[n + 1 :]:
            if event_a["topic"] != event_b["topic"] or not art_a["annotated_sentences"]:
                continue
            ia = [index[(art_a["id"], i)] for i in art_a["annotated_sentences"]]
            ib = [index[(art_b["id"], i)] for i in art_b["annotated_sentences"]]
            if not ib:
                continue
            feats = feature_matrix(
                [signals[i] for i in ia], [signals[j] for j in ib], vectors[ia] @ vectors[ib].T,
                contexts[event_a["topic"]],
            )
            for r, i in enumerate(ia):
                for c, j in enumerate(ib):
                    rows.append(feats[r, c])
                    labels.append(frozenset({keys[i], keys[j]}) in gold)
                    topics.append(event_a["topic"])
                    same.append(event_a["event_id"] == event_b["event_id"])
    return Pairs(np.array(rows), np.array(labels), np.array(topics), np.array(same))


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> float:
    """The cut-off maximising F1 when pairs scoring at or above it are matches."""
    order = np.argsort(-scores, kind="stable")
    s, y = scores[order], labels[order].astype(float)
    tp = np.cumsum(y)
    f1 = 2 * tp / (np.arange(1, len(s) + 1) + y.sum())
    last = np.r_[s[1:] != s[:-1], True]
    k = int(np.argmax(np.where(last, f1, -1)))
    below = s[k + 1] if k + 1 < len(s) else s[k] - 1e-3
    return float((s[k] + below) / 2)


def prf(scores: np.ndarray, labels: np.ndarray, threshold: float) -> dict[str, float]:
    """Precision, recall and F1 of deciding `score >= threshold`."""
    pred = scores >= threshold
    tp = float(np.sum(pred & labels))
    precision = tp / max(float(pred.sum()), 1.0)
    recall = tp / max(float(labels.sum()), 1.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def _fit(x: np.ndarray, y: np.ndarray, config: dict) -> tuple[Any, Any]:
    """A standard scaler and a logistic regression fitted on the scaled rows."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    model = LogisticRegression(max_iter=2000, **config).fit(scaler.transform(x), y)
    return scaler, model


def _predict(fitted: tuple[Any, Any], x: np.ndarray) -> np.ndarray:
    scaler, model = fitted
    return model.predict_proba(scaler.transform(x))[:, 1]


def out_of_fold(x: np.ndarray, y: np.ndarray, topics: np.ndarray, config: dict) -> np.ndarray:
    """Probabilities for every pair from models that never saw its topic (k folds by topic)."""
    from sklearn.model_selection import GroupKFold

    scores = np.zeros(len(y))
    for fit_idx, score_idx in GroupKFold(n_splits=FOLDS).split(x, y, topics):
        scores[score_idx] = _predict(_fit(x[fit_idx], y[fit_idx], config), x[score_idx])
    return scores


def choose(x: np.ndarray, y: np.ndarray, topics: np.ndarray) -> tuple[dict, float, list[dict]]:
    """The regularisation and class weighting with the best out-of-fold F1, its threshold, the trials."""
    trials = []
    for config in CANDIDATES:
        scores = out_of_fold(x, y, topics, config)
        threshold = best_threshold(scores, y)
        trials.append({**config, "threshold": threshold, **prf(scores, y, threshold)})
    best = max(trials, key=lambda t: t["f1"])
    return {"C": best["C"], "class_weight": best["class_weight"]}, best["threshold"], trials


def average_precision(scores: np.ndarray, labels: np.ndarray) -> float:
    """Area under the precision-recall curve: how well the scores rank matches first, at any threshold."""
    from sklearn.metrics import average_precision_score

    return round(float(average_precision_score(labels, scores)), 3)


def compare(pairs: Pairs) -> dict:
    """Matcher, cosine and word overlap, each tuned on the training topics, measured on the others."""
    col = {name: i for i, name in enumerate(FEATURE_NAMES)}
    train = np.isin(pairs.topics, sorted(TRAIN_TOPICS))
    config, threshold, trials = choose(pairs.features[train], pairs.labels[train], pairs.topics[train])
    fitted = _fit(pairs.features[train], pairs.labels[train], config)
    methods = {
        "matcher": (lambda x: _predict(fitted, x), threshold),
        "cosine": (lambda x: x[:, col["cosine"]], None),
        "word overlap (Jaccard)": (lambda x: x[:, col["word_jaccard"]], None),
        "every pair matches": (lambda x: np.ones(len(x)), 1.0),
    }
    sets = {HARDER: ~train, SAME_EVENT: ~train & pairs.same_event}
    results: dict = {"config": config, "trials": trials, "methods": {}}
    for name, (score, cut) in methods.items():
        cut = best_threshold(score(pairs.features[train]), pairs.labels[train]) if cut is None else cut
        results["methods"][name] = {"threshold": round(cut, 3)}
        for set_name, mask in sets.items():
            scores, labels = score(pairs.features[mask]), pairs.labels[mask]
            results["methods"][name][set_name] = {**prf(scores, labels, cut), "ap": average_precision(scores, labels)}
    results["counts"] = {
        name: {"pairs": int(mask.sum()), "matches": int(pairs.labels[mask].sum())}
        for name, mask in {"train": train, **sets}.items()
    }
    held = _predict(fitted, pairs.features[~train])
    results["sweep"] = {f"{cut:.1f}": prf(held, pairs.labels[~train], cut) for cut in SWEEP}
    return results


def cross_validate(pairs: Pairs, config: dict) -> dict:
    """Every method over all topics, 5 folds by topic: thresholds tuned on four folds, decisions on the fifth."""
    from sklearn.model_selection import GroupKFold

    col = {name: i for i, name in enumerate(FEATURE_NAMES)}
    x, y = pairs.features, pairs.labels
    decisions = {name: np.zeros(len(y), dtype=bool) for name in ("matcher", "cosine", "word overlap (Jaccard)")}
    for fit_idx, score_idx in GroupKFold(n_splits=FOLDS).split(x, y, pairs.topics):
        fitted = _fit(x[fit_idx], y[fit_idx], config)
        scorers = {
            "matcher": lambda rows, f=fitted: _predict(f, rows),
            "cosine": lambda rows: rows[:, col["cosine"]],
            "word overlap (Jaccard)": lambda rows: rows[:, col["word_jaccard"]],
        }
        for name, score in scorers.items():
            cut = best_threshold(score(x[fit_idx]), y[fit_idx])
            decisions[name][score_idx] = score(x[score_idx]) >= cut
    return {name: prf(d.astype(float), y, 0.5) for name, d in decisions.items()}


def ship(pairs: Pairs, config: dict, data: Path, held_out: dict) -> dict:
    """Refit on every development topic; the threshold maximises out-of-fold F1 over them all."""
    x, y, topics = pairs.features, pairs.labels, pairs.topics
    threshold = best_threshold(out_of_fold(x, y, topics, config), y)
    scaler, model = _fit(x, y, config)
    return {
        "feature_names": list(FEATURE_NAMES),
        "mean": [round(float(v), 6) for v in scaler.mean_],
        "scale": [round(float(v), 6) for v in scaler.scale_],
        "coefficients": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "threshold": round(threshold, 3),
        "provenance": {
            "data": data.name,
            "pairs": PAIRS_DEFINITION,
            "context": CONTEXT_DEFINITION,
            "topics": sorted(int(t) for t in set(topics)),
            "pairs_used": {"pairs": int(len(y)), "matches": int(y.sum())},
            "fitted_on": "all development topics",
            "model": "logistic regression on standardised features (scikit-learn), scored with numpy",
            "config": config,
            "threshold_rule": "maximises F1 of out-of-fold predictions, 5 folds by topic",
            "held_out": held_out,
            "trained": dt.date.today().isoformat(),
            "script": "bench/train_matcher.py",
        },
    }


def markdown(results: dict) -> str:
    """The held-out figures as Markdown tables for the README."""
    counts = results["counts"]
    blocks = []
    for set_name in (HARDER, SAME_EVENT):
        n = counts[set_name]
        blocks.append(f"Held-out topics 18-25, {set_name}: {n['pairs']} pairs, {n['matches']} matches.\n")
        blocks.append("| method | threshold | precision | recall | F1 | average precision |\n|---|---|---|---|---|---|")
        for name, m in results["methods"].items():
            cells = [m["threshold"], *(m[set_name][k] for k in ("precision", "recall", "f1", "ap"))]
            blocks.append(f"| {name} | " + " | ".join(f"{v:.3f}" for v in cells) + " |")
        blocks.append("")
    blocks.append("Matcher on the first held-out set at other thresholds:\n")
    blocks.append("| threshold | precision | recall | F1 |\n|---|---|---|---|")
    for cut, r in results["sweep"].items():
        blocks.append(f"| {cut} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} |")
    blocks.append("\nAll topics, 5 folds by topic (same-event and other-event pairs; thresholds tuned on 4 folds):\n")
    blocks.append("| method | precision | recall | F1 |\n|---|---|---|---|")
    for name, r in results["cross_validated"].items():
        blocks.append(f"| {name} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} |")
    return "\n".join(blocks)


def main(argv: list[str] | None = None) -> int:
    """Train, compare, write the coefficients and the figures; exit 0 without data."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="ECB+ development JSONL")
    parser.add_argument("--no-write", action="store_true", help="do not overwrite the shipped coefficients")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"No development data at {args.data}: nothing to train on (pass the JSONL path as an argument).")
        return 0
    from embeddings import load_encoder

    started = time.perf_counter()
    encoder = load_encoder()
    pairs = load_pairs(args.data, encoder)
    results = compare(pairs)
    results["cross_validated"] = cross_validate(pairs, results["config"])
    held_out = {name: {k: m[k] for k in ("threshold", HARDER, SAME_EVENT)} for name, m in results["methods"].items()}
    coefficients = ship(pairs, results["config"], args.data, held_out)
    results.update(
        shipped_threshold=coefficients["threshold"],
        seconds=round(time.perf_counter() - started, 1),
        machine=f"{platform.machine()}, {platform.python_version()}",
        model=encoder.model_id,
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if not args.no_write:
        COEFFICIENTS.write_text(json.dumps(coefficients, indent=2) + "\n", encoding="utf-8")
    print(f"Training topics: {results['counts']['train']}; chosen {results['config']}")
    print(f"Shipped coefficients: refitted on all topics, threshold {coefficients['threshold']}")
    print(markdown(results))
    written = [OUT] if args.no_write else [OUT, COEFFICIENTS]
    print(f"{results['seconds']} s; wrote " + ", ".join(str(p.relative_to(ROOT)) for p in written))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
