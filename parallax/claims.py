"""Group matched passages across articles into claims: the passages that report one thing."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

from parallax.model import Claim, PairScore, Passage

__all__ = ["group_claims", "short_label"]

LABEL_WORDS = 14
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(\([^)]*\))?\s*[—–-]+\s*")


def group_claims(
    passages: Mapping[str, Sequence[Passage]],
    alignments: Sequence[PairScore],
    threshold: float,
    reference: str | None = None,
) -> list[Claim]:
    """Cluster passages into claims by constrained average linkage over match scores.

    A claim takes at most one passage from each article while it grows, so that a chain of loose
    matches cannot pull a whole article into one claim; afterwards a passage that repeats a claim
    its article already reports joins that claim instead of standing alone. Claims are ordered by
    how many outlets report them, then by where the reference article reports them.
    """
    flat = [p for article in passages.values() for p in article]
    if not flat:
        return []
    index = {p.id: i for i, p in enumerate(flat)}
    similarity = np.zeros((len(flat), len(flat)), dtype=np.float64)
    for pair in alignments:
        i, j = index[pair.a], index[pair.b]
        similarity[i, j] = similarity[j, i] = pair.score
    article_of = [p.article_id for p in flat]
    groups = _attach_repeats(_cluster(similarity, article_of, threshold), similarity, article_of, threshold)
    article_order = {aid: k for k, aid in enumerate(passages)}
    ref = reference if reference in passages else next(iter(passages))
    members = sorted(
        ([flat[i] for i in group] for group in groups), key=lambda g: _order_key(g, article_order, ref)
    )
    return [
        _claim(f"c{k + 1}", group, similarity, index, article_order, ref) for k, group in enumerate(members)
    ]


def _cluster(similarity: np.ndarray, article_of: Sequence[str], threshold: float) -> list[list[int]]:
    """Average-linkage merging, best pair first, never joining two passages of one article.

    scikit-learn's AgglomerativeClustering has no cannot-link constraint, hence this small loop.
    """
    n = len(article_of)
    clusters: list[list[int]] = [[i] for i in range(n)]
    articles = [{a} for a in article_of]
    linkage = similarity.copy()
    np.fill_diagonal(linkage, -1.0)
    alive = np.ones(n, dtype=bool)
    same = np.array([[a == b for b in article_of] for a in article_of])
    linkage[same] = -1.0
    while True:
        i, j = np.unravel_index(int(np.argmax(linkage)), linkage.shape)
        if linkage[i, j] < threshold:
            break
        if not _coherent(similarity, clusters[i] + clusters[j], threshold):
            linkage[i, j] = linkage[j, i] = -1.0
            continue
        size_i, size_j = len(clusters[i]), len(clusters[j])
        merged = (linkage[i] * size_i + linkage[j] * size_j) / (size_i + size_j)
        clusters[i] += clusters[j]
        articles[i] |= articles[j]
        alive[j] = False
        linkage[j, :] = linkage[:, j] = -1.0
        for k in np.nonzero(alive)[0]:
            if k == i:
                continue
            value = -1.0 if articles[i] & articles[k] else merged[k]
            linkage[i, k] = linkage[k, i] = value
    return [clusters[i] for i in np.nonzero(alive)[0]]


def _coherent(similarity: np.ndarray, members: list[int], threshold: float) -> bool:
    """Every passage of a claim must match at least half of the claim's other passages.

    Average linkage alone lets one strong pair carry a passage that matches nothing else.
    """
    block = similarity[np.ix_(members, members)] >= threshold
    np.fill_diagonal(block, False)
    return bool((2 * block.sum(axis=1) >= len(members) - 1).all())


def _attach_repeats(
    clusters: list[list[int]], similarity: np.ndarray, article_of: Sequence[str], threshold: float
) -> list[list[int]]:
    """Let a lone passage join a claim its own article already reports, when it matches that claim.

    The bar is halfway between the threshold and certainty, so only a clear repeat joins.
    """
    shared = [c for c in clusters if len(c) > 1]
    result = [list(c) for c in shared]
    bar = (1.0 + threshold) / 2
    for lone in (c for c in clusters if len(c) == 1):
        (i,) = lone
        best, best_score = None, bar
        for k, claim in enumerate(shared):
            if article_of[i] not in {article_of[j] for j in claim}:
                continue
            others = [j for j in claim if article_of[j] != article_of[i]]
            score = float(similarity[i, others].mean()) if others else 0.0
            if score >= best_score:
                best, best_score = k, score
        if best is None:
            result.append([i])
        else:
            result[best].append(i)
    return result


def _order_key(group: list[Passage], article_order: Mapping[str, int], ref: str) -> tuple:
    outlets = {p.article_id for p in group}
    ref_positions = [p.index for p in group if p.article_id == ref]
    first = min((article_order[p.article_id], p.index) for p in group)
    return (-len(outlets), ref_positions[0] if ref_positions else 10**9, first)


def _claim(
    claim_id: str,
    group: list[Passage],
    similarity: np.ndarray,
    index: Mapping[str, int],
    article_order: Mapping[str, int],
    ref: str,
) -> Claim:
    ordered = sorted(group, key=lambda p: (article_order[p.article_id], p.index))
    rows = [index[p.id] for p in ordered]
    centrality = similarity[np.ix_(rows, rows)].sum(axis=1)
    best = max(
        range(len(ordered)),
        key=lambda k: (round(float(centrality[k]), 6), ordered[k].article_id == ref, -ordered[k].index),
    )
    outlets = tuple(dict.fromkeys(p.article_id for p in ordered))
    return Claim(
        id=claim_id,
        label=short_label(ordered[best].text),
        passages=tuple(p.id for p in ordered),
        outlets=outlets,
    )


def short_label(text: str, words: int = LABEL_WORDS) -> str:
    """A readable label: the passage without its dateline, cut at a word boundary."""
    body = _DATELINE.sub("", text.strip()).strip().strip('"“”')
    tokens = body.split()
    if len(tokens) <= words:
        return body
    return " ".join(tokens[:words]).rstrip(",;:.!?—–-\"“”") + "…"
