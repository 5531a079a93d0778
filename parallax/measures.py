"""Coverage and emphasis figures per outlet, per claim and per outlet pair."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

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
    """Per pair of articles: Jaccard of their claim sets and Jensen-Shannon distance of their word shares.

    Both are summed over the claims two articles share, claim by claim, so the work follows how many
    outlets each claim has rather than every pair of outlets times every claim.
    """
    n = len(article_ids)
    row = {a: k for k, a in enumerate(article_ids)}
    held = [sorted((row[a], claim_measures[c.id]["coverage"][a]["word_share"]) for a in c.outlets if a in row)
            for c in claims]
    claims_of, totals = np.zeros(n, dtype=np.int64), np.zeros(n)
    for members in held:
        for x, share in members:
            claims_of[x] += 1
            totals[x] += share
    first, second, p, q = _shared(held, totals)
    key = first * n + second
    both = np.bincount(key, minlength=n * n)
    # Jensen-Shannon (base 2) of two profiles: each claim only one side gives words to adds that side's
    # share; each both do adds p log2(2p / (p + q)) + q log2(2q / (p + q)); the whole is halved.
    mixed = np.zeros(len(p))
    positive = (p > 0) & (q > 0)
    mixed[positive] = _entropy_term(p[positive], q[positive]) + _entropy_term(q[positive], p[positive])
    shared_terms = np.bincount(key, weights=mixed, minlength=n * n)
    shared_p = np.bincount(key, weights=np.where(positive, p, 0.0), minlength=n * n)
    shared_q = np.bincount(key, weights=np.where(positive, q, 0.0), minlength=n * n)
    pairs = []
    for x in range(n):
        for y in range(x + 1, n):
            at = x * n + y
            union = int(claims_of[x] + claims_of[y] - both[at])
            if totals[x] <= 0 or totals[y] <= 0:
                divergence = 1.0 if totals[x] != totals[y] else 0.0
            else:
                halves = 0.5 * (shared_terms[at] + (1.0 - shared_p[at]) + (1.0 - shared_q[at]))
                divergence = float(np.sqrt(min(max(halves, 0.0), 1.0)))
            pairs.append(
                {
                    "a": article_ids[x],
                    "b": article_ids[y],
                    "coverage_similarity": round(int(both[at]) / union, 4) if union else 0.0,
                    "emphasis_divergence": round(divergence, 4),
                }
            )
    return pairs


def _shared(
    held: Sequence[Sequence[tuple[int, float]]], totals: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per claim and pair of articles reporting it (first < second): both rows and each one's share of
    its own words (the share over the article's total; 0 where the article has none)."""
    first, second, p, q = [], [], [], []
    for members in held:
        for k, (x, share_x) in enumerate(members):
            for y, share_y in members[k + 1 :]:
                first.append(x)
                second.append(y)
                p.append(share_x / totals[x] if totals[x] > 0 else 0.0)
                q.append(share_y / totals[y] if totals[y] > 0 else 0.0)
    return (np.array(first, dtype=np.int64), np.array(second, dtype=np.int64),
            np.array(p, dtype=np.float64), np.array(q, dtype=np.float64))


def _entropy_term(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """p log2(2p / (p + q)): one side's part of a shared claim in the Jensen-Shannon divergence."""
    return p * np.log2(2.0 * p / (p + q))
