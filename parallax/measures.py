"""Coverage and emphasis figures per outlet, per claim and per outlet pair."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy.spatial.distance import jensenshannon

from parallax.model import Claim, PairScore, Passage
from parallax.text.tokens import word_count

__all__ = ["measure", "omission_quorum", "outlet_measures"]


def omission_quorum(articles: int) -> int:
    """How many other outlets must report a claim before leaving it out counts as an omission."""
    return max(2, (articles - 1) // 2 + 1)


def measure(
    passages: Mapping[str, Sequence[Passage]], claims: Sequence[Claim], alignments: Sequence[PairScore] = ()
) -> dict[str, Any]:
    """The `measures` block of a result: see the README's table for each figure's definition.

    A claim counts as an outlet's own only when none of its passages matches another outlet's
    passage either, and as an outlet's omission only when none of the outlet's passages matches
    one of the claim's: the claims and the pairwise matches never contradict each other.
    """
    words = _words(passages)
    by_id = {p.id: p for ps in passages.values() for p in ps}
    claim_measures = {c.id: _claim_measures(c, passages, by_id, words) for c in claims}
    return {
        "outlets": outlet_measures(passages, claims, alignments, words),
        "claims": claim_measures,
        "pairs": _pair_measures(list(passages), claims, claim_measures),
    }


def outlet_measures(
    passages: Mapping[str, Sequence[Passage]],
    claims: Sequence[Claim],
    alignments: Sequence[PairScore] = (),
    words: Mapping[str, int] | None = None,
) -> dict[str, dict[str, Any]]:
    """The `outlets` part of `measure` alone: what findings need to regroup at another strictness,
    without the per-claim and per-pair figures whose cost grows with claims times outlets."""
    partners: dict[str, set[str]] = {}
    for pair in alignments:
        if pair.match:
            partners.setdefault(pair.a, set()).add(pair.b.split(":")[0])
            partners.setdefault(pair.b, set()).add(pair.a.split(":")[0])
    return _outlet_measures(passages, claims, words if words is not None else _words(passages), partners)


def _words(passages: Mapping[str, Sequence[Passage]]) -> dict[str, int]:
    return {aid: sum(word_count(p.text) for p in ps) for aid, ps in passages.items()}


def _claim_measures(
    claim: Claim,
    passages: Mapping[str, Sequence[Passage]],
    by_id: Mapping[str, Passage],
    words: Mapping[str, int],
) -> dict[str, Any]:
    coverage: dict[str, dict[str, Any]] = {}
    mine: dict[str, list[Passage]] = {}
    for pid in claim.passages:
        mine.setdefault(by_id[pid].article_id, []).append(by_id[pid])
    for aid, article_passages in passages.items():
        own = sorted(mine.get(aid, ()), key=lambda p: p.index)
        if not own:
            coverage[aid] = {"covered": False, "position": None, "lead": False, "prominence": 0.0, "word_share": 0.0}
            continue
        position = own[0].index / max(len(article_passages) - 1, 1)
        share = sum(word_count(p.text) for p in own) / max(words[aid], 1)
        coverage[aid] = {
            "covered": True,
            "position": round(position, 4),
            "lead": own[0].index == 0,
            "prominence": round(1.0 - position, 4),
            "word_share": round(share, 4),
        }
    return {"outlets": len(claim.outlets), "coverage": coverage}


def _outlet_measures(
    passages: Mapping[str, Sequence[Passage]],
    claims: Sequence[Claim],
    words: Mapping[str, int],
    partners: Mapping[str, set[str]],
) -> dict[str, dict[str, Any]]:
    quorum = omission_quorum(len(passages))
    lead_of = {pid: c.id for c in claims for pid in c.passages}
    # Each article's claims and the claims enough outlets report, gathered once, not per article over every claim.
    claims_of: dict[str, list[Claim]] = {aid: [] for aid in passages}
    for claim in claims:
        for aid in claim.outlets:
            if aid in claims_of:
                claims_of[aid].append(claim)
    widely_reported = [c for c in claims if len(c.outlets) >= quorum]
    result = {}
    for aid, article_passages in passages.items():
        covered = claims_of[aid]
        result[aid] = {
            "words": words[aid],
            "passages": len(article_passages),
            "claims": len(covered),
            "unique_claims": [
                c.id for c in covered if len(c.outlets) == 1 and not any(pid in partners for pid in c.passages)
            ],
            "omitted_claims": [
                c.id
                for c in widely_reported
                if aid not in c.outlets and not any(aid in partners.get(pid, ()) for pid in c.passages)
            ],
            "lead_claim": lead_of.get(article_passages[0].id) if article_passages else None,
        }
    return result


def _pair_measures(
    article_ids: Sequence[str], claims: Sequence[Claim], claim_measures: Mapping[str, Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Per pair of articles: Jaccard of their claim sets and Jensen-Shannon distance of their word shares."""
    row = {a: k for k, a in enumerate(article_ids)}
    covered = np.zeros((len(article_ids), len(claims)), dtype=bool)
    shares = np.zeros((len(article_ids), len(claims)), dtype=np.float64)
    # Only the outlets that report a claim are visited: the rest stay False and 0, and the cost follows the passages.
    for k, claim in enumerate(claims):
        coverage = claim_measures[claim.id]["coverage"]
        for a in claim.outlets:
            if a in row:
                covered[row[a], k] = True
                shares[row[a], k] = coverage[a]["word_share"]
    pairs = []
    for x in range(len(article_ids)):
        divergence = _js_distances(shares[x], shares[x + 1 :])
        unions = (covered[x] | covered[x + 1 :]).sum(axis=1)
        boths = (covered[x] & covered[x + 1 :]).sum(axis=1)
        for offset, y in enumerate(range(x + 1, len(article_ids))):
            union, both = int(unions[offset]), int(boths[offset])
            pairs.append(
                {
                    "a": article_ids[x],
                    "b": article_ids[y],
                    "coverage_similarity": round(both / union, 4) if union else 0.0,
                    "emphasis_divergence": round(float(divergence[offset]), 4),
                }
            )
    return pairs


def _js_distance(p: np.ndarray, q: np.ndarray) -> float:
    """Jensen-Shannon distance (base 2, 0..1) between two emphasis profiles."""
    if p.sum() <= 0 or q.sum() <= 0:
        return 1.0 if p.sum() != q.sum() else 0.0
    return float(jensenshannon(p / p.sum(), q / q.sum(), base=2))


def _js_distances(p: np.ndarray, others: np.ndarray) -> np.ndarray:
    """`_js_distance` of `p` to each row of `others`, in one call (one per article, not one per pair)."""
    if not len(others):
        return np.zeros(0)
    totals = others.sum(axis=1)
    if p.sum() <= 0 or (totals <= 0).any():
        return np.array([_js_distance(p, q) for q in others])
    target = np.broadcast_to(p / p.sum(), others.shape)
    return np.asarray(jensenshannon(target, others / totals[:, None], base=2, axis=1), dtype=np.float64)
