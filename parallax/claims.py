"""Group matched passages across articles into claims: the passages that report one thing."""

from __future__ import annotations

import heapq
import re
from collections.abc import Mapping, Sequence

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
    """Cluster passages into claims by constrained average linkage over their matches.

    Only matches (grade same or overlap) link passages; any other pair counts as 0. A claim takes at
    most one passage from each article while it grows, so that a chain of loose matches cannot pull
    a whole article into one claim; afterwards a passage that repeats a claim its article already
    reports joins that claim instead of standing alone. Claims are ordered by how many outlets
    report them, then by where the reference article reports them.
    """
    flat = [p for article in passages.values() for p in article]
    if not flat:
        return []
    index = {p.id: i for i, p in enumerate(flat)}
    edges: dict[tuple[int, int], float] = {}
    for pair in alignments:
        if pair.match:
            i, j = index[pair.a], index[pair.b]
            edges[min(i, j), max(i, j)] = float(pair.score)
    article_of = [p.article_id for p in flat]
    groups = _attach_repeats(_cluster(edges, article_of, threshold), edges, article_of, threshold)
    article_order = {aid: k for k, aid in enumerate(passages)}
    ref = reference if reference in passages else next(iter(passages))
    members = sorted(
        ([flat[i] for i in group] for group in groups), key=lambda g: _order_key(g, article_order, ref)
    )
    return [_claim(f"c{k + 1}", group, edges, index, article_order, ref) for k, group in enumerate(members)]


def _score(edges: Mapping[tuple[int, int], float], i: int, j: int) -> float:
    return edges.get((min(i, j), max(i, j)), 0.0)


def _cluster(edges: Mapping[tuple[int, int], float], article_of: Sequence[str], threshold: float) -> list[list[int]]:
    """Average-linkage merging over the sparse match graph, best pair first, never two passages of one article.

    scikit-learn's AgglomerativeClustering has no cannot-link constraint and wants a dense matrix,
    hence this heap over the matched pairs; its work follows the number of matches.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(len(article_of))}
    articles: dict[int, set[str]] = {i: {a} for i, a in enumerate(article_of)}
    links: dict[int, dict[int, float]] = {i: {} for i in members}
    for (i, j), score in edges.items():
        links[i][j] = links[i].get(j, 0.0) + score
        links[j][i] = links[j].get(i, 0.0) + score
    heap = [(-score, i, j) for (i, j), score in edges.items() if score >= threshold]
    heapq.heapify(heap)
    refused: set[tuple[int, int]] = set()
    next_id = len(article_of)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members or (a, b) in refused:
            continue
        average = links[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if abs(average + neg) > 1e-12 or average < threshold:
            continue
        if articles[a] & articles[b] or not _coherent(edges, members[a] + members[b], threshold):
            refused.add((a, b))
            continue
        new = next_id
        next_id += 1
        members[new] = members.pop(a) + members.pop(b)
        articles[new] = articles.pop(a) | articles.pop(b)
        merged: dict[int, float] = {}
        for old in (a, b):
            for other, total in links.pop(old).items():
                if other in (a, b):
                    continue
                merged[other] = merged.get(other, 0.0) + total
                links[other].pop(old, None)
        links[new] = merged
        for other, total in merged.items():
            links[other][new] = total
            average = total / (len(members[new]) * len(members[other]))
            if average >= threshold and not articles[new] & articles[other]:
                heapq.heappush(heap, (-average, min(new, other), max(new, other)))
    return list(members.values())


def _coherent(edges: Mapping[tuple[int, int], float], members: list[int], threshold: float) -> bool:
    """Every passage of a claim must match at least half of the claim's other passages.

    Average linkage alone lets one strong pair carry a passage that matches nothing else.
    """
    for i in members:
        matched = sum(1 for j in members if j != i and _score(edges, i, j) >= threshold)
        if 2 * matched < len(members) - 1:
            return False
    return True


def _attach_repeats(
    clusters: list[list[int]], edges: Mapping[tuple[int, int], float], article_of: Sequence[str], threshold: float
) -> list[list[int]]:
    """Let a lone passage join a claim its own article already reports, when it matches that claim.

    The bar is halfway between the threshold and certainty, so only a clear repeat joins.
    """
    shared = [c for c in clusters if len(c) > 1]
    result = [list(c) for c in shared]
    claim_of = {i: k for k, claim in enumerate(shared) for i in claim}
    bar = (1.0 + threshold) / 2
    neighbours: dict[int, set[int]] = {}
    for i, j in edges:
        neighbours.setdefault(i, set()).add(j)
        neighbours.setdefault(j, set()).add(i)
    for lone in (c for c in clusters if len(c) == 1):
        (i,) = lone
        best, best_score = None, bar
        for k in sorted({claim_of[j] for j in neighbours.get(i, ()) if j in claim_of}):
            claim = shared[k]
            if article_of[i] not in {article_of[j] for j in claim}:
                continue
            others = [j for j in claim if article_of[j] != article_of[i]]
            score = sum(_score(edges, i, j) for j in others) / len(others) if others else 0.0
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
    edges: Mapping[tuple[int, int], float],
    index: Mapping[str, int],
    article_order: Mapping[str, int],
    ref: str,
) -> Claim:
    """A claim whose label is its most central passage: the one with the highest summed match to the others."""
    ordered = sorted(group, key=lambda p: (article_order[p.article_id], p.index))
    rows = [index[p.id] for p in ordered]
    centrality = [sum(_score(edges, r, other) for other in rows if other != r) for r in rows]
    best = max(
        range(len(ordered)),
        key=lambda k: (round(centrality[k], 6), ordered[k].article_id == ref, -ordered[k].index),
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
