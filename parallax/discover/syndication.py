"""Syndicated copies: articles whose text is near-identical (one wire story on many sites) grouped as one story.

Measured on tests/fixtures/discover/syndicated_event.json and the sample event (sentence passages):
the three copies of the wire story carry 0.86 to 1.0 of each other's passages (one adds a line,
one drops two and rewords a third); the independent reports of the same event carry at most 0.14
of any other (one shared quotation), and the sample event's six reports at most 0.04 of each
other. SYNDICATED_OVERLAP sits between the two, at 0.6.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from parallax.model import Article, InputProblem, Passage
from parallax.result import SyndicatedCopy, SyndicatedRow
from parallax.text.tokens import word_runs

__all__ = ["CARRIED", "SYNDICATED_OVERLAP", "Syndicated", "group_syndicated", "passage_overlap", "set_aside_copies"]

SYNDICATED_OVERLAP = 0.6
"""Share of the shorter article's passages the other carries at or above which two articles are one story."""
CARRIED = 0.8
"""Share of a passage's word triples found in the other article at or above which that article carries it."""
_PREFILTER = 0.3


@dataclass(frozen=True)
class Syndicated:
    """One story published by several articles: the one analysed, and the copies counted with it."""

    story: str
    copies: tuple[str, ...]
    overlap: Mapping[str, float]
    """Copy id -> passage overlap with the story."""


def _triples(text: str) -> list[tuple[str, ...]]:
    """Word triples of a text (one tuple of all its words when it has fewer than three)."""
    words = [w for run in word_runs(text) for w in run]
    if len(words) < 3:
        return [tuple(words)] if words else []
    return [tuple(words[i : i + 3]) for i in range(len(words) - 2)]


def passage_overlap(a: Sequence[Passage], b: Sequence[Passage]) -> float:
    """Share of the shorter article's passages whose word triples the other article holds (CARRIED or more)."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    kept = [t for t in (_triples(p.text) for p in short) if t]
    if not kept:
        return 0.0
    pool = {t for p in long_ for t in _triples(p.text)}
    carried = sum(1 for triples in kept if sum(t in pool for t in triples) >= CARRIED * len(triples))
    return carried / len(kept)


def group_syndicated(
    passages: Mapping[str, Sequence[Passage]], *, prefer: str | None = None, threshold: float = SYNDICATED_OVERLAP
) -> list[Syndicated]:
    """Groups of near-identical articles, each with the article to analyse (`prefer` when it is in the group,
    else the one with most passages, else the first) and its copies; articles alone are not listed."""
    ids = list(passages)
    pools = {aid: {t for p in passages[aid] for t in _triples(p.text)} for aid in ids}
    parent = {aid: aid for aid in ids}

    def root(aid: str) -> str:
        while parent[aid] != aid:
            parent[aid] = parent[parent[aid]]
            aid = parent[aid]
        return aid

    links: dict[tuple[str, str], float] = {}
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            smaller = min(len(pools[a]), len(pools[b]))
            if not smaller or len(pools[a] & pools[b]) < _PREFILTER * smaller:
                continue
            overlap = passage_overlap(passages[a], passages[b])
            if overlap >= threshold:
                links[(a, b)] = links[(b, a)] = overlap
                parent[root(b)] = root(a)
    members: dict[str, list[str]] = {}
    for aid in ids:
        members.setdefault(root(aid), []).append(aid)
    groups = []
    for group in members.values():
        if len(group) < 2:
            continue
        story = prefer if prefer in group else max(group, key=lambda aid: (len(passages[aid]), -ids.index(aid)))
        copies = tuple(aid for aid in group if aid != story)
        overlap = {c: round(links.get((story, c), passage_overlap(passages[story], passages[c])), 3) for c in copies}
        groups.append(Syndicated(story=story, copies=copies, overlap=overlap))
    return groups


def set_aside_copies(
    articles: Sequence[Article], passages: Mapping[str, list[Passage]], prefer: str | None = None
) -> tuple[dict[str, list[Passage]], list[SyndicatedRow], list[InputProblem]]:
    """The passages to analyse with each group's copies set aside, the groups as result rows, and one note per copy.

    An article whose `meta["syndication"]` is "separate" (the user split its group) is never grouped.
    """
    by_id = {a.id: a for a in articles}
    groupable = {aid: ps for aid, ps in passages.items() if by_id[aid].meta.get("syndication") != "separate"}
    groups = group_syndicated(groupable, prefer=prefer)
    rows: list[SyndicatedRow] = []
    notes: list[InputProblem] = []
    for group in groups:
        story = by_id[group.story]
        copies = [by_id[c] for c in group.copies]
        rows.append(SyndicatedRow(
            story=story.id,
            outlet=story.outlet,
            copies=[SyndicatedCopy(id=c.id, outlet=c.outlet, title=c.title, url=c.url, overlap=group.overlap[c.id])
                    for c in copies],
        ))
        notes += [InputProblem(c.outlet or c.id, f"{c.outlet or c.id} republishes {story.outlet or story.id}'s story "
                               f"({group.overlap[c.id]:.0%} of passages near-identical), so it is counted once, "
                               "with that story.", fatal=False) for c in copies]
    set_aside = {c for group in groups for c in group.copies}
    return {aid: ps for aid, ps in passages.items() if aid not in set_aside}, rows, notes
