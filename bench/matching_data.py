"""Densely labelled events as training and evaluation rows: candidate pairs, their features and grades.

Shared by train_scorer.py and bench_matching.py; reads the events in bench/dense/.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from parallax.align import event_features
from parallax.align.collective import EventPairs
from parallax.gold import GRADES, MATCH_GRADES, GoldEvent, gold_pairs, load_gold

DENSE = Path(__file__).resolve().parent / "dense"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
HELD_OUT = DENSE / "held-out"
"""Events written after the scorer was fitted, in the style of real coverage: measured, never fitted or tuned on."""
SAMPLE_GOLD = "bukele-sample.json"
"""The sample event's labels: for checking what the app shows, never for training or tuning."""


@dataclass
class EventRows:
    """One labelled event's candidate pairs: features, grade indices (GRADES order), and match totals;
    `event_pairs` says where the pairs sit, for the scorer's collective stage. The `_all` fields cover
    every cross-article pair, in `pairs_all` order."""

    name: str
    file: str
    gold: GoldEvent
    features: np.ndarray
    grades: np.ndarray
    pairs: list[tuple[str, str]]
    cosine_all: np.ndarray
    grades_all: np.ndarray
    pairs_all: list[tuple[str, str]]
    all_matches: int
    unique: set[str]
    event_pairs: EventPairs
    vectors: np.ndarray
    """Each passage's vector, in `gold.passages` order."""

    @property
    def matches(self) -> np.ndarray:
        return self.grades <= GRADES.index("overlap")

    @property
    def matches_all(self) -> np.ndarray:
        """Which of every cross-article pair the labels call a match."""
        return self.grades_all <= GRADES.index("overlap")


def match_counts(chosen: np.ndarray, gold: np.ndarray, all_matches: int) -> tuple[int, int, int]:
    """(true matches found, pairs matched, gold matches) of a mask over some pairs; gold matches outside
    those pairs count as missed."""
    return int((chosen & gold).sum()), int(chosen.sum()), all_matches


def passages_of(pairs: list[tuple[str, str]], chosen: np.ndarray) -> set[str]:
    """The passages that the chosen pairs touch (`chosen` is a mask over `pairs`)."""
    return {pid for pair, c in zip(pairs, chosen, strict=True) if c for pid in pair}


def dense_files() -> list[Path]:
    """The written events' label files, for fitting and measuring (not the sample's, see sample_files)."""
    return sorted(p for p in DENSE.glob("*.json") if p.name != SAMPLE_GOLD)


def sample_files() -> list[Path]:
    """The sample event's labels, if present, as a list of one (for measuring only)."""
    return [DENSE / SAMPLE_GOLD] if (DENSE / SAMPLE_GOLD).is_file() else []


def held_out_files() -> list[Path]:
    """The held-out events (see HELD_OUT), for measuring only."""
    return sorted(HELD_OUT.glob("*.json"))


def event_rows(path: Path, encoder) -> EventRows:
    """Candidate pairs of one labelled event, scored by nothing yet: features and gold grades."""
    gold = load_gold(path)
    passages = list(gold.passages)
    order = [a["id"] for a in gold.event["articles"]]
    owner = np.array([order.index(p.article) for p in passages])
    vectors = encoder.encode([p.text for p in passages])
    found = event_features([p.text for p in passages], owner, vectors)
    grade = {}
    for a, b, g in gold_pairs(gold):
        grade[a.id, b.id] = GRADES.index(g)
    ids = [p.id for p in passages]
    pairs = [(ids[i], ids[j]) for i, j in zip(found.candidates.i.tolist(), found.candidates.j.tolist(), strict=True)]
    index = {pid: k for k, pid in enumerate(ids)}
    keys = list(grade)
    cosine_all = np.array([float(vectors[index[a]] @ vectors[index[b]]) for a, b in keys])
    grades_all = np.array([grade[k] for k in keys])
    labelled = np.array([GRADES[g] in MATCH_GRADES for g in grades_all], dtype=bool)
    return EventRows(
        gold.name, path.name, gold, found.features, np.array([grade[p] for p in pairs]), pairs,
        cosine_all, grades_all, keys, int(labelled.sum()), set(ids) - passages_of(keys, labelled), found.pairs, vectors,
    )


def mrpc_held_out(pair_id: str) -> bool:
    """MRPC pairs kept out of every fit, for measuring: ids ending in 0 or 1 (about a fifth)."""
    return pair_id[-1] in "01"


def read_jsonl(name: str) -> list[dict] | None:
    """Rows of a shared data file, or None (said on stderr) when it is absent."""
    path = SHARED / name
    if not path.is_file():
        print(f"({path} is absent: skipped)", file=sys.stderr)
        return None
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def stsb_grade(label: float) -> int:
    """An STS-B similarity (0-5) as a grade index: 4+ same, 2.5+ overlap, 1+ related, else unrelated."""
    if label >= 4.0:
        return GRADES.index("same")
    if label >= 2.5:
        return GRADES.index("overlap")
    return GRADES.index("related") if label >= 1.0 else GRADES.index("unrelated")
