"""Could a different default strictness meet the matching targets? Every cut of the scorer and of cosine.

Run: python bench/cut_sweep.py [--table] (under a minute on two cores). The scorer's match probability from
both stages, nested leave-one-event-out on the ten written events as `train_scorer.py` chooses its
cut; the held-out events and the sample scored by both stages fitted on all ten. Plain cosine of
the same vectors over every cross-article pair beside it. At each cut: pooled precision, recall,
F1 and the mean share of single-outlet passages left unmatched. The cut here is chosen with sight
of the labels, so each group's best row is an upper bound on what one default can reach.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
from bench_matching import unique_kept
from matching_data import EventRows, dense_files, event_rows, held_out_files, match_counts, passages_of, sample_files
from train_scorer import Stacked, prf

from embeddings import load_encoder

TARGET_F1, TARGET_PRECISION, TARGET_KEPT = 0.80, 0.80, 0.90
SCORER_CUTS = np.round(np.arange(0.10, 0.91, 0.02), 2)
COSINE_CUTS = np.round(np.arange(0.30, 0.91, 0.02), 2)

Row = tuple[float, float, float, float, float]
"""(cut, precision, recall, F1, unique kept)."""
Scored = tuple[np.ndarray, np.ndarray, list[tuple[str, str]]]
"""One event's pair scores, which of those pairs the labels call a match, and the pairs themselves."""


def sweep(events: list[EventRows], scored: list[Scored], cuts: np.ndarray) -> list[Row]:
    """Pooled precision, recall and F1 and mean unique kept of a group of events at each cut."""
    rows = []
    for cut in cuts:
        chosen = [score >= cut for score, _, _ in scored]
        p, r, f = prf(*np.sum([match_counts(c, gold, e.all_matches)
                               for e, c, (_, gold, _) in zip(events, chosen, scored, strict=True)], axis=0))
        kept = float(np.mean([unique_kept(e, passages_of(pairs, c))
                              for e, c, (_, _, pairs) in zip(events, chosen, scored, strict=True)]))
        rows.append((float(cut), p, r, f, kept))
    return rows


def summary(rows: list[Row]) -> list[str]:
    """The best row with no condition, with precision at target, with unique kept at target, and with both."""
    def best(label: str, allowed: list[Row]) -> str:
        if not allowed:
            return f"  {label:34s} no cut"
        cut, p, r, f, kept = max(allowed, key=lambda row: row[3])
        return f"  {label:34s} cut {cut:.2f}  P {p:.3f}  R {r:.3f}  F1 {f:.3f}  kept {kept:.3f}"
    return [
        best("best F1 at any cut", rows),
        best(f"best F1 with P >= {TARGET_PRECISION:.2f}", [r for r in rows if r[1] >= TARGET_PRECISION]),
        best(f"best F1 with kept >= {TARGET_KEPT:.2f}", [r for r in rows if r[4] >= TARGET_KEPT]),
        best("best F1 with both", [r for r in rows if r[1] >= TARGET_PRECISION and r[4] >= TARGET_KEPT]),
        f"  cuts meeting every target (F1 >= {TARGET_F1:.2f} too): "
        + (", ".join(f"{r[0]:.2f}" for r in rows
                     if r[3] >= TARGET_F1 and r[1] >= TARGET_PRECISION and r[4] >= TARGET_KEPT) or "none"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--table", action="store_true", help="print every cut, not only the summary")
    args = parser.parse_args(argv)
    encoder = load_encoder()
    print(f"model {encoder.model_id}; the cut chosen with sight of the labels (an upper bound)")
    written = [event_rows(path, encoder) for path in dense_files()]
    stacked = Stacked(written)
    groups = {"ten written events": (written, stacked.nested_scores())}
    unseen = {"held-out events": [event_rows(path, encoder) for path in held_out_files()],
              "the sample event": [event_rows(path, encoder) for path in sample_files()]}
    groups.update({name: (events, [stacked.scores(e, frozenset()) for e in events])
                   for name, events in unseen.items() if events})
    for name, (events, scores) in groups.items():
        methods = {
            "scorer": (SCORER_CUTS, [(s, e.matches, e.pairs) for e, s in zip(events, scores, strict=True)]),
            "cosine": (COSINE_CUTS, [(e.cosine_all, e.matches_all, e.pairs_all) for e in events]),
        }
        for method, (cuts, scored) in methods.items():
            rows = sweep(events, scored, cuts)
            print(f"\n## {name}, {method}")
            if args.table:
                print(f"  {'cut':>5s} {'P':>6s} {'R':>6s} {'F1':>6s} {'kept':>6s}")
                for cut, p, r, f, kept in rows:
                    print(f"  {cut:5.2f} {p:6.3f} {r:6.3f} {f:6.3f} {kept:6.3f}")
            print("\n".join(summary(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
