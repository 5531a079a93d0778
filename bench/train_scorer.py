"""Fit the pair scorer on the densely labelled events and write parallax/align/scorer.json.

Run: python bench/train_scorer.py [--no-write]. Reads bench/dense/*.json (never the sample
event's labels); the pair-only models also learn from ../shared/data/stsb-train.jsonl (grades from
the 0-5 similarity) and, for `same`, from mrpc-train.jsonl's pairs that bench_matching.py does not
hold out. Prints the leave-one-event-out figures the default strictness was chosen on.

The collective (second) stage is stacked without leaks: it learns from each training event's
collective columns read from first-stage probabilities fitted without that event, as an unseen
event's columns are; its cut is chosen on scores where both stages were fitted without the event.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from matching_data import EventRows, dense_files, event_rows, match_counts, mrpc_held_out, read_jsonl, stsb_grade
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from embeddings import load_encoder
from parallax.align import isolated_features
from parallax.align.collective import COLLECTIVE_FEATURES, SUPPORT_FLOOR, collective_columns, logit
from parallax.align.pair_features import CONTEXT_FEATURES, FEATURES
from parallax.align.scorer import SCORER_FILE, STAGE_TWO_FEATURES, GradeModel, Scorer
from parallax.gold import GRADES

C = 0.1
"""Inverse regularisation of every model; the features are few and standardised."""
MIN_PRECISION = 0.85
"""The default strictness is the cut with the best F1 among those whose out-of-fold precision reaches this."""
IN_EVENT = ("cosine", "margin", "word_cover_min", "word_cover_max", "word_jaccard", "word_shared", "entity_rare_shared",
            "figures_agree", "dates_agree", "context_cosine", "cross_neighbour")
"""What the in-event models weigh: cosine, and the features left when removing any other lowered
out-of-fold F1 by less than 0.003 (backward elimination, leave-one-event-out); the others were near-copies."""
STAGE_TWO = (*IN_EVENT, *COLLECTIVE_FEATURES)
"""What the collective stage weighs: the in-event features again, the first stage's log-odds, and the
support through a third article and from neighbouring pairs. In a nested leave-one-event-out study this
small set did as well as larger ones (mutual best, one-to-one assignment, position, more support forms)."""
PAIR_ONLY = tuple(f for f in FEATURES if f not in (*CONTEXT_FEATURES, "word_shared"))
"""Pairs given on their own have no neighbours to be ranked against, and no event to say which words are
common (`word_shared` weighs words by how rare they are in the event): every other feature."""
MATCH, RELATED = GRADES.index("overlap"), GRADES.index("related")
TARGETS = {
    "match": (lambda g: g <= MATCH, lambda g: g >= 0),
    "same": (lambda g: g == GRADES.index("same"), lambda g: g <= MATCH),
    "related": (lambda g: g <= RELATED, lambda g: g > MATCH),
}
"""Per model: its target, and the pairs it is fitted on (`same` decides among matches, `related` among the rest)."""


def fit(
    rows: np.ndarray, labels: np.ndarray, names: tuple[str, ...], columns: tuple[str, ...] = FEATURES
) -> GradeModel:
    """A standardised logistic model over the named columns of rows whose columns are `columns`."""
    x = rows[:, [columns.index(n) for n in names]]
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(C=C, max_iter=5000).fit((x - scaler.mean_) / scale, labels)
    return GradeModel(names, scaler.mean_.copy(), scale, model.coef_[0].copy(), float(model.intercept_[0]))


@dataclass
class PairSets:
    """Pairs given on their own, as feature rows with grade indices: STS-B for every pair-only model, MRPC
    (same meaning or not, both matches) for `same` only."""

    stsb_rows: np.ndarray
    stsb_grades: np.ndarray
    mrpc_rows: np.ndarray
    mrpc_same: np.ndarray


def pair_sets(encoder) -> PairSets | None:
    """STS-B training pairs and MRPC pairs not held out, read with `isolated_features`; None without the data."""
    stsb, mrpc = read_jsonl("stsb-train.jsonl"), read_jsonl("mrpc-train.jsonl")
    if not stsb or not mrpc:
        return None
    mrpc = [r for r in mrpc if not mrpc_held_out(r["id"])]
    return PairSets(
        isolated_features([(r["a"], r["b"]) for r in stsb], encoder),
        np.array([stsb_grade(r["label"]) for r in stsb]),
        isolated_features([(r["a"], r["b"]) for r in mrpc], encoder),
        np.array([r["label"] == 1 for r in mrpc]),
    )


def fit_all(events: list[EventRows], pairs: PairSets | None = None) -> dict[str, dict[str, GradeModel]]:
    """The three in-event models on these events' candidates, and the three pair-only models on the same
    candidates plus the pairs given on their own."""
    rows = np.vstack([e.features for e in events])
    grades = np.concatenate([e.grades for e in events])
    models = {}
    for name, (target, among) in TARGETS.items():
        chosen = among(grades)
        models[name] = fit(rows[chosen], target(grades[chosen]).astype(int), IN_EVENT)
    pair_rows, pair_grades = rows, grades
    if pairs is not None:
        pair_rows = np.vstack([rows, pairs.stsb_rows])
        pair_grades = np.concatenate([grades, pairs.stsb_grades])
    pair_only = {}
    for name, (target, among) in TARGETS.items():
        chosen = among(pair_grades)
        x, y = pair_rows[chosen], target(pair_grades[chosen]).astype(int)
        if name == "same" and pairs is not None:
            x, y = np.vstack([x, pairs.mrpc_rows]), np.concatenate([y, pairs.mrpc_same.astype(int)])
        pair_only[name] = fit(x, y, PAIR_ONLY)
    return {"models": models, "pair_only": pair_only}


def stage_two_rows(event: EventRows, first: GradeModel) -> np.ndarray:
    """The event's feature rows with the collective columns read from `first`'s match probabilities."""
    return np.hstack([event.features, collective_columns(event.event_pairs, first.probability(event.features))])


class Stacked:
    """Both stages of `match` fitted on subsets of the events, each subset once: nested folds ask again and again.

    `kept_out` is a set of indices into `events`: those events take no part in fitting.
    """

    def __init__(self, events: list[EventRows]) -> None:
        self.events = events
        self._first: dict[frozenset[int], GradeModel] = {}
        self._second: dict[frozenset[int], GradeModel] = {}

    def _training(self, kept_out: frozenset[int]) -> list[int]:
        return [k for k in range(len(self.events)) if k not in kept_out]

    def first(self, kept_out: frozenset[int]) -> GradeModel:
        """The first stage (fit_all's in-event `match`), unshifted, on the events not kept out."""
        if kept_out not in self._first:
            train = [self.events[k] for k in self._training(kept_out)]
            rows = np.vstack([e.features for e in train])
            self._first[kept_out] = fit(rows, np.concatenate([e.matches for e in train]).astype(int), IN_EVENT)
        return self._first[kept_out]

    def second(self, kept_out: frozenset[int]) -> GradeModel:
        """The collective stage, unshifted, on the events not kept out; each one's collective columns come
        from a first stage fitted without it too, as an unseen event's do."""
        if kept_out not in self._second:
            train = self._training(kept_out)
            rows = np.vstack([stage_two_rows(self.events[k], self.first(kept_out | {k})) for k in train])
            labels = np.concatenate([self.events[k].matches for k in train]).astype(int)
            self._second[kept_out] = fit(rows, labels, STAGE_TWO, STAGE_TWO_FEATURES)
        return self._second[kept_out]

    def first_scores(self, kept_out: frozenset[int] = frozenset()) -> list[np.ndarray]:
        """First-stage match probabilities of the events not kept out, each from a first stage fitted without it."""
        return [self.first(kept_out | {k}).probability(self.events[k].features) for k in self._training(kept_out)]

    def scores(self, event: EventRows, kept_out: frozenset[int]) -> np.ndarray:
        """An event's match probabilities from both stages fitted without `kept_out` (which holds the event's
        own index when it is one of `events`)."""
        rows = stage_two_rows(event, self.first(kept_out))
        return self.second(kept_out).probability(rows, STAGE_TWO_FEATURES)

    def nested_scores(self, kept_out: frozenset[int] = frozenset()) -> list[np.ndarray]:
        """Out-of-fold scores of the events not kept out, each from both stages fitted without it as well."""
        return [self.scores(self.events[k], kept_out | {k}) for k in self._training(kept_out)]


def counts(score: np.ndarray, event: EventRows, cut: float) -> tuple[int, int, int]:
    """(true matches found, pairs matched, gold matches) at a cut; gold matches outside the candidates are misses."""
    return match_counts(score >= cut, event.matches, event.all_matches)


def prf(tp: int, chosen: int, gold: int) -> tuple[float, float, float]:
    precision, recall = tp / max(chosen, 1), tp / max(gold, 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def choose_cut(events: list[EventRows], scores: list[np.ndarray]) -> float:
    """The best pooled F1 among cuts whose pooled precision reaches MIN_PRECISION (else the best F1)."""
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    table = []
    for cut in grid:
        total = np.sum([counts(s, e, cut) for s, e in zip(scores, events, strict=True)], axis=0)
        table.append((cut, *prf(*total)))
    allowed = [row for row in table if row[1] >= MIN_PRECISION] or table
    return float(max(allowed, key=lambda row: row[3])[0])


def same_meaning_cut(model: GradeModel, pairs: PairSets) -> float:
    """The cut on P(same) that calls MRPC's fitted pairs `same meaning` most accurately.

    MRPC's other pairs mostly share a fact too, so among pairs given alone `same` needs more than
    the even odds that decide it within an event.
    """
    probability = model.probability(pairs.mrpc_rows)
    grid = np.round(np.arange(0.30, 0.951, 0.01), 2)
    return float(max(grid, key=lambda t: float(((probability >= t) == pairs.mrpc_same).mean())))


def shift(model: GradeModel, cut: float) -> GradeModel:
    """The same model with its intercept moved so that probability `cut` becomes 0.5, the default strictness."""
    return GradeModel(model.features, model.mean, model.scale, model.coefficients, model.intercept - float(logit(cut)))


def _table(events: list[EventRows], scores: list[np.ndarray], cut: float) -> tuple[float, float, float]:
    """Print each event's precision, recall and F1 at the cut, then the pooled figures (returned)."""
    print(f"{'event':42s} precision recall    F1")
    for event, score in zip(events, scores, strict=True):
        p, r, f = prf(*counts(score, event, cut))
        print(f"{event.name[:42]:42s} {p:9.3f} {r:6.3f} {f:5.3f}")
    p, r, f = prf(*np.sum([counts(s, e, cut) for s, e in zip(scores, events, strict=True)], axis=0))
    print(f"{'all events (pooled)':42s} {p:9.3f} {r:6.3f} {f:5.3f}")
    return p, r, f


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-write", action="store_true", help="print the figures, leave scorer.json alone")
    args = parser.parse_args(argv)
    files = dense_files()
    if len(files) < 3:
        print(f"need at least three labelled events in {files[0].parent if files else 'bench/dense'}", file=sys.stderr)
        return 2
    encoder = load_encoder()
    events = [event_rows(path, encoder) for path in files]
    print(f"{len(events)} events, {sum(len(e.grades) for e in events)} candidate pairs, model {encoder.model_id}")
    stacked = Stacked(events)
    first_scores = stacked.first_scores()
    first_cut = choose_cut(events, first_scores)
    print(f"\nfirst stage alone: out-of-fold probability {first_cut:.2f} (the pair-only `match` is shifted by it)")
    first_p, first_r, first_f = _table(events, first_scores, first_cut)
    scores = stacked.nested_scores()
    cut = choose_cut(events, scores)
    print(f"\nwith the collective stage (the shipped score): nested out-of-fold probability {cut:.2f} "
          "(shifted to 0.5 in the shipped file)")
    p, r, f = _table(events, scores, cut)
    pairs = pair_sets(encoder)
    fitted = fit_all(events, pairs)
    # The first stage stays as fitted: the collective stage was fitted on its unshifted probabilities.
    models = fitted["models"]
    collective = shift(stacked.second(frozenset()), cut)
    pair_only = {**fitted["pair_only"], "match": shift(fitted["pair_only"]["match"], first_cut)}
    if pairs is not None:
        same_cut = same_meaning_cut(pair_only["same"], pairs)
        pair_only["same"] = shift(pair_only["same"], same_cut)
        print(f"pair-only `same`: cut {same_cut:.2f} (best accuracy on the MRPC pairs it was fitted on)")
    provenance = {
        "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
        "script": "bench/train_scorer.py",
        "data": [f"bench/dense/{e.file}" for e in events],
        "pair_only_data": [] if pairs is None else ["stsb-train.jsonl", "mrpc-train.jsonl (not held out)"],
        "encoder": encoder.model_id,
        "candidate_pairs": int(sum(len(e.grades) for e in events)),
        "out_of_fold_cut": cut,
        "out_of_fold_pooled": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)},
        "first_stage_out_of_fold_cut": first_cut,
        "first_stage_out_of_fold_pooled": {
            "precision": round(first_p, 4), "recall": round(first_r, 4), "f1": round(first_f, 4)},
        "collective": {
            "features": list(COLLECTIVE_FEATURES),
            "support_floor": SUPPORT_FLOOR,
            "fitted_on": "each event's collective columns from a first stage fitted without it",
            "cut_chosen_on": "nested out-of-fold scores: both stages fitted without the event",
            "first_stage": "models.match, unshifted: the collective columns read its probabilities",
        },
        "python": platform.python_version(),
    }
    scorer = Scorer(models, pair_only, 0.5, provenance, collective, first_cut)
    if not args.no_write:
        SCORER_FILE.write_text(json.dumps(scorer.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {SCORER_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
