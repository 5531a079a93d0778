"""Would an encoder fine-tuned on the dense events' graded pairs match better? A study; nothing here ships.

Run: python bench/study_tuned_encoder.py [--layers 3] [--folds 5] (about 20 minutes on two cores).
The top `--layers` transformer layers of the packaged model are fine-tuned for one epoch on the
candidate pairs (and every labelled match) of the written events, with a ranking loss over their
grades (CoSENT: same > overlap > related > unrelated). Each written event's vectors come from a model
fitted without it (folds by event); the held-out events and the sample get a model fitted on all ten.
The scorer is then measured on base and on tuned vectors exactly as bench_matching.py measures the
shipped one (both stages nested leave-one-event-out, one cut), with plain cosine's average precision.
"""

from __future__ import annotations

import argparse
import random
import sys

import numpy as np
import torch
from bench_matching import ap_all, unique_kept
from matching_data import EventRows, dense_files, event_rows, held_out_files, passages_of, sample_files
from sentence_transformers import SentenceTransformer
from sklearn.metrics import average_precision_score
from train_scorer import Stacked, choose_cut, counts, prf

from embeddings import load_encoder
from embeddings.locate import default_model_path
from parallax.gold import GRADES, MATCH_GRADES, gold_pairs

BATCH = 32
RATE = 5e-5
SCALE = 20.0


class _Given:
    """An encoder that returns vectors worked out already, in the order it is asked for them."""

    def __init__(self, vectors: np.ndarray) -> None:
        self.vectors = vectors

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.vectors


def _graded_pairs(event: EventRows) -> list[tuple[str, str, int]]:
    """The event's candidate pairs and every labelled match, with 3 for same down to 0 for unrelated."""
    text = {p.id: p.text for p in event.gold.passages}
    grade = {(a.id, b.id): GRADES.index(g) for a, b, g in gold_pairs(event.gold)}
    chosen = set(event.pairs) | {pair for pair, g in grade.items() if GRADES[g] in MATCH_GRADES}
    return [(text[a], text[b], 3 - grade[a, b]) for a, b in sorted(chosen)]


def _cosent(cosine: torch.Tensor, grade: torch.Tensor) -> torch.Tensor:
    """Ranking loss: every pair of pairs whose grades differ should have their cosines in the same order."""
    gaps = SCALE * (cosine[None, :] - cosine[:, None])
    gaps = gaps - (grade[:, None] <= grade[None, :]).float() * 1e12
    return torch.logsumexp(torch.cat([torch.zeros(1), gaps.flatten()]), 0)


def fine_tune(events: list[EventRows], layers: int, seed: int) -> SentenceTransformer:
    """The packaged model with its top `layers` layers fitted for one epoch on the events' graded pairs."""
    torch.manual_seed(seed)
    model = SentenceTransformer(str(default_model_path()), device="cpu")
    bert = model[0].auto_model
    for parameter in bert.parameters():
        parameter.requires_grad = False
    for layer in bert.encoder.layer[-layers:]:
        for parameter in layer.parameters():
            parameter.requires_grad = True
    data = [pair for event in events for pair in _graded_pairs(event)]
    random.Random(seed).shuffle(data)
    steps = len(data) // BATCH
    optimiser = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=RATE)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, 1 - s / steps))
    model.train()
    for step in range(steps):
        batch = data[step * BATCH:(step + 1) * BATCH]
        features = model.preprocess([a for a, _, _ in batch] + [b for _, b, _ in batch])
        vectors = torch.nn.functional.normalize(model(features)["sentence_embedding"], dim=-1)
        loss = _cosent((vectors[:BATCH] * vectors[BATCH:]).sum(-1), torch.tensor([g for *_, g in batch]))
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
    model.eval()
    return model


def _measure(label: str, written: list[EventRows], unseen: dict[str, list[EventRows]]) -> None:
    stacked = Stacked(written)
    nested = stacked.nested_scores()
    cut = choose_cut(written, nested)
    print(f"\n## {label} (cut {cut:.2f})")
    print(f"{'events':24s} {'P':>6s} {'R':>6s} {'F1':>6s} {'AP':>6s} {'kept':>6s} {'cosine AP':>9s}")
    groups = {"ten written, nested": (written, nested)}
    groups.update({name: (events, [stacked.scores(e, frozenset()) for e in events]) for name, events in unseen.items()})
    for name, (events, scores) in groups.items():
        p, r, f = prf(*np.sum([counts(s, e, cut) for s, e in zip(scores, events, strict=True)], axis=0))
        ap = np.mean([ap_all(s, e.matches, e.all_matches) for e, s in zip(events, scores, strict=True)])
        kept = np.mean([unique_kept(e, passages_of(e.pairs, s >= cut)) for e, s in zip(events, scores, strict=True)])
        cosine = np.mean([average_precision_score(e.matches_all, e.cosine_all)
                          for e in events])
        print(f"{name:24s} {p:6.3f} {r:6.3f} {f:6.3f} {ap:6.3f} {kept:6.3f} {cosine:9.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--layers", type=int, default=3, help="top layers fine-tuned (the rest stay as packaged)")
    parser.add_argument("--folds", type=int, default=5, help="folds by event for the written events' vectors")
    args = parser.parse_args(argv)
    torch.set_num_threads(2)
    encoder = load_encoder()
    files = {"written": dense_files(), "held-out": held_out_files(), "sample": sample_files()}
    base = {name: [event_rows(path, encoder) for path in paths] for name, paths in files.items()}
    written = base["written"]
    tuned: dict[str, np.ndarray] = {}
    for fold in range(args.folds):
        kept_out = written[fold::args.folds]
        left_out = {e.file for e in kept_out}
        model = fine_tune([e for e in written if e.file not in left_out], args.layers, seed=fold)
        for event in kept_out:
            tuned[event.file] = model.encode([p.text for p in event.gold.passages], normalize_embeddings=True)
        print(f"fold {fold + 1} of {args.folds} fitted", file=sys.stderr, flush=True)
    model = fine_tune(written, args.layers, seed=args.folds)
    for event in base["held-out"] + base["sample"]:
        tuned[event.file] = model.encode([p.text for p in event.gold.passages], normalize_embeddings=True)
    again = {name: [event_rows(path, _Given(tuned[e.file])) for path, e in zip(paths, base[name], strict=True)]
             for name, paths in files.items()}
    print(f"top {args.layers} layers fine-tuned, one epoch; {args.folds} folds by event; model {encoder.model_id}")
    _measure("scorer on the packaged model's vectors", base["written"], {k: base[k] for k in ("held-out", "sample")})
    _measure("scorer on the fine-tuned vectors", again["written"], {k: again[k] for k in ("held-out", "sample")})
    return 0


if __name__ == "__main__":
    sys.exit(main())
