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
from collections.abc import Callable

import numpy as np
from bench_matching import unique_kept
from matching_data import SAMPLE_GOLD, EventRows, dense_files, event_rows, held_out_files
from train_scorer import Stacked, counts, prf

from embeddings import load_encoder
from parallax.gold import GRADES, MATCH_GRADES, gold_pairs

TARGET_F1, TARGET_PRECISION, TARGET_KEPT = 0.80, 0.80, 0.90
SCORER_CUTS = np.round(np.arange(0.10, 0.91, 0.02), 2)
COSINE_CUTS = np.round(np.arange(0.30, 0.91, 0.02), 2)

Row = tuple[float, float, float, float, float]
"""(cut, precision, recall, F1, unique kept)."""


def _scorer_at(event: EventRows, score: np.ndarray, cut: float) -> tuple[tuple[int, int, int], set[str]]:
    """(true matches, pairs matched, gold matches) and the passages matched, over the candidate pairs."""
    matched = {pid for pair, s in zip(event.pairs, score, strict=True) if s >= cut for pid in pair}
    return counts(score, event, cut), matched


def _cosine_at(event: EventRows, _score: np.ndarray, cut: float) -> tuple[tuple[int, int, int], set[str]]:
    """The same over every cross-article pair, by plain cosine."""
    chosen = event.cosine_all >= cut
    gold = np.array([GRADES[g] in MATCH_GRADES for g in event.grades_all])
    keys = [(a.id, b.id) for a, b, _ in gold_pairs(event.gold)]
    matched = {pid for pair, c in zip(keys, chosen, strict=True) if c for pid in pair}
    return (int((chosen & gold).sum()), int(chosen.sum()), event.all_matches), matched


def sweep(events: list[EventRows], scores: list[np.ndarray], cuts: np.ndarray,
          at: Callable[[EventRows, np.ndarray, float], tuple[tuple[int, int, int], set[str]]]) -> list[Row]:
    """Pooled precision, recall and F1 and mean unique kept of a group of events at each cut."""
    rows = []
    for cut in cuts:
        found = [at(e, s, float(cut)) for e, s in zip(events, scores, strict=True)]
        p, r, f = prf(*np.sum([c for c, _ in found], axis=0))
        kept = float(np.mean([unique_kept(e, m) for e, (_, m) in zip(events, found, strict=True)]))
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
    written = [event_rows(path, encoder) for path in dense_files()]
    stacked = Stacked(written)
    groups = {"ten written events": (written, stacked.nested_scores())}
    unseen = {"held-out events": [event_rows(path, encoder) for path in held_out_files()],
              "the sample event": [event_rows(path, encoder) for path in dense_files(include_sample=True)
                                   if path.name == SAMPLE_GOLD]}
    groups.update({name: (events, [stacked.scores(e, frozenset()) for e in events])
                   for name, events in unseen.items() if events})
    for name, (events, scores) in groups.items():
        for method, cuts, at in (("scorer", SCORER_CUTS, _scorer_at), ("cosine", COSINE_CUTS, _cosine_at)):
            rows = sweep(events, scores, cuts, at)
            print(f"\n## {name}, {method}")
            if args.table:
                print(f"  {'cut':>5s} {'P':>6s} {'R':>6s} {'F1':>6s} {'kept':>6s}")
                for cut, p, r, f, kept in rows:
                    print(f"  {cut:5.2f} {p:6.3f} {r:6.3f} {f:6.3f} {kept:6.3f}")
            print("\n".join(summary(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
