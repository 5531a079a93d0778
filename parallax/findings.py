"""The comparison's findings in words, ranked by what a reader would call news, each pointing at a claim and a passage.

Four kinds lead: an outlet leaving out a fact most others report (`omission`), two outlets giving
different figures for one fact (`clash`), a lead no other outlet opens with (`lead`), and a fact only
one outlet reports (`unique`) that carries a name, a figure or a quote; single-outlet facts without
one follow, ranked lower. A passage too thin to be
news on its own (a fragment: `Substance.fragment`) is never a finding. The reference article's
findings come first, its lead at their head; each finding says whether it still holds when the
claims are grouped again at a strictness a step either side (`strictness_around`), from the pair
scores the alignment already produced.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from parallax.claims import group_claims, short_label
from parallax.measures import outlet_measures
from parallax.model import Claim, PairScore, Passage
from parallax.text.names import extract_entities
from parallax.text.numbers import extract_quantities
from parallax.text.tokens import content_words
from parallax.text.wordlists import MONTHS, NUMBER_WORDS, WEEKDAYS, word_set

__all__ = ["BARE_WORDS", "CENTRAL_SHARE", "MIN_WORDS", "SPREAD_PENALTY", "STRICTNESS_STEP", "UNIQUE_PER_OUTLET",
           "Substance", "findings", "strictness_around", "substance"]

UNIQUE_PER_OUTLET = 3
"""Single-outlet facts worth a finding per outlet: the ones richest in names, figures and quotes."""
MIN_WORDS = 5
"""Content words below which a passage is a fragment, whatever it names ("Mejía did not laugh.")."""
BARE_WORDS = 8
"""Content words a passage needs to stand alone when it names no one and states no figure."""
STRICTNESS_STEP = 0.1
"""How far either side of the chosen strictness a finding is checked at."""
SPREAD_PENALTY = 0.5
"""Weight an outlet's finding loses, among the other outlets', for each finding of that outlet ranked ahead of it."""
CENTRAL_SHARE = 0.8
"""A claim's passage may tell it when its summed match score inside the claim is at least this share of the highest."""

_QUOTE = re.compile(r"[\"“”]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_OPENING_WORDS = 8
_CALENDAR = frozenset(WEEKDAYS) | frozenset(MONTHS)
_POINTING_BACK = word_set("he she it its they them their his her this these those there such")
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z’'-]*")
_KIND_WEIGHT = {"clash": 4.0, "omission": 3.0, "lead": 3.0, "unique": 2.0}


@dataclass(frozen=True)
class Substance:
    """What a passage carries: names, figures (not weekdays), a quote, its content words, and whether it
    opens with a word of its own rather than a pronoun that points back ("It has also held…")."""

    names: int
    figures: int
    quote: bool
    words: int
    standalone: bool = True

    @property
    def fragment(self) -> bool:
        """Too thin to stand alone: under MIN_WORDS content words, or under BARE_WORDS with no name or figure."""
        return self.words < MIN_WORDS or (not self.names and not self.figures and self.words < BARE_WORDS)

    @property
    def specific(self) -> bool:
        """Carries a name, a figure or a quote: what makes a single outlet's fact worth reporting."""
        return not self.fragment and bool(self.names or self.figures or self.quote)

    @property
    def richness(self) -> float:
        """How much the passage states, 0 to about 1.6: names, figures, a quote, then length."""
        return (0.2 * min(self.names, 3) + 0.25 * min(self.figures, 2) + 0.2 * self.quote
                + min(self.words, 20) / 40)


def substance(text: str, ordinary: frozenset[str] = frozenset()) -> Substance:
    """What `text` carries; a one-word name in `ordinary` (`_ordinary_words`: "Human rights groups",
    "Cargo ships queued") is taken for the ordinary word it is."""
    names = {n for n in extract_entities(text) if " " in n or n not in ordinary}
    figures = [q for q in extract_quantities(text) if not (q.kind == "date" and q.key in WEEKDAYS)]
    return Substance(
        len(names), len(figures), bool(_QUOTE.search(text)), len(content_words(text)), _standalone(text, ordinary)
    )


def _ordinary_words(texts: Iterable[str]) -> frozenset[str]:
    """Lowercased words the texts show to be no names: written in lower case somewhere, or capitalised only
    where a passage opens."""
    lower: set[str] = set()
    openers: set[str] = set()
    inner: set[str] = set()
    for text in texts:
        lower.update(_LOWER_WORD.findall(text))
        words = _WORD.findall(text)
        openers.update(w.lower() for w in words[:1])
        inner.update(w.lower() for w in words[1:] if w[0].isupper())
    return frozenset(lower | (openers - inner))


def _standalone(text: str, ordinary: frozenset[str]) -> bool:
    """Whether a name comes before any pronoun pointing back ("Since March it has…", "He had been…")."""
    for k, word in enumerate(_WORD.findall(text)[:_OPENING_WORDS]):
        low = word.lower()
        if low in _POINTING_BACK:
            return False
        if word[0].isupper() and low not in _CALENDAR and (k > 0 or low not in ordinary):
            return True
    return True


def strictness_around(threshold: float) -> tuple[float, ...]:
    """The strictness values either side of `threshold` that a finding is checked at, within 0..1."""
    return tuple(sorted({round(min(1.0, max(0.0, threshold + d)), 4) for d in (-STRICTNESS_STEP, STRICTNESS_STEP)}
                        - {round(threshold, 4)}))


@dataclass(frozen=True)
class _Grouping:
    """Claims and measures at one strictness, read the way findings need them."""

    claim_of: dict[str, str]
    measures: Mapping[str, Any]

    def unique(self, article: str, passage: str) -> bool:
        """Whether the passage is still a fact only its article reports."""
        return self.claim_of.get(passage) in self.measures["outlets"][article]["unique_claims"]

    def omitted(self, article: str, passages: Iterable[str]) -> bool:
        """Whether the article still leaves out a claim holding any of these passages."""
        omitted = set(self.measures["outlets"][article]["omitted_claims"])
        return any(self.claim_of.get(p) in omitted for p in passages)

    def co_leaders(self, leads: Mapping[str, str], article: str) -> frozenset[str]:
        """The other articles whose first passage reports the same claim as the article's."""
        claim = self.claim_of.get(leads[article])
        if claim is None:
            return frozenset()
        return frozenset(a for a, p in leads.items() if a != article and self.claim_of.get(p) == claim)


@dataclass(frozen=True)
class _Event:
    """What every kind of finding reads: outlet names, passage texts and substance, leads, the reference."""

    outlets: Mapping[str, str]
    text: Mapping[str, str]
    rich: Mapping[str, Substance]
    leads: Mapping[str, str]
    reference: str | None
    centrality: Mapping[str, tuple[float, float]]

    def label(self, passage: str) -> str:
        return short_label(self.text[passage])

    def told_by(self, claim: Claim) -> str | None:
        """The passage that tells the claim best: the fullest of its central ones; None if all are fragments.

        A claim's passages can drift from its core (a passage that also reports a neighbouring claim's
        fact), so only those near the top of summed match scores inside the claim, and matching
        inside it at least as strongly as outside, are considered.
        """
        own = {p: self.centrality.get(p, (0.0, 0.0)) for p in claim.passages}
        top = max(inside for inside, _ in own.values())
        near = [p for p, (inside, outside) in own.items() if inside >= CENTRAL_SHARE * top and inside >= outside]
        best = max(near or claim.passages,
                   key=lambda p: (self.rich[p].specific, self.rich[p].standalone, self.rich[p].richness))
        return None if self.rich[best].fragment else best


@dataclass(frozen=True)
class _Candidate:
    """A finding before ranking: its tier (0 leads the four kinds' list), weight, and test at another strictness."""

    kind: str
    article: str
    claim: str
    passage: str
    text: str
    tier: int
    weight: float
    holds_at: Callable[[_Grouping, float], bool]


def _grouping(claims: Sequence[Claim], measures: Mapping[str, Any]) -> _Grouping:
    return _Grouping({p: c.id for c in claims for p in c.passages}, measures)


def _regroup(
    passages: Mapping[str, Sequence[Passage]], alignments: Sequence[PairScore], threshold: float, reference: str | None
) -> _Grouping:
    """Claims and measures again from the same pair scores, with matches cut at another strictness."""
    pairs = [replace(p, match=p.score >= threshold) for p in alignments]
    claims = group_claims(passages, pairs, threshold, reference=reference)
    return _grouping(claims, {"outlets": outlet_measures(passages, claims, pairs)})


def findings(
    passages: Mapping[str, Sequence[Passage]],
    claims: Sequence[Claim],
    measures: Mapping[str, Any],
    outlets: Mapping[str, str],
    *,
    alignments: Sequence[PairScore] = (),
    threshold: float | None = None,
    reference: str | None = None,
    clashes: Sequence[Mapping[str, Any]] = (),
) -> list[dict[str, Any]]:
    """The findings, most newsworthy first, the reference article's ahead of the others'.

    `outlets` maps article id to outlet name; `clashes` is the clashes lens's output. Each finding
    has kind, article, claim, text, passage (the passage it is about) and holds (whether it stands
    at every `strictness_around(threshold)`; None when no threshold is given).
    """
    text = {p.id: p.text for ps in passages.values() for p in ps}
    ordinary = _ordinary_words(text.values())
    event = _Event(
        outlets,
        text,
        {pid: substance(t, ordinary) for pid, t in text.items()},
        {aid: ps[0].id for aid, ps in passages.items() if ps},
        reference,
        _centrality(claims, alignments),
    )
    here = _grouping(claims, measures)
    leads = _leads(event, claims, measures, here)
    found = [
        *leads,
        *_omissions(event, claims, measures),
        *_clashes(event, clashes, alignments, here),
        *_uniques(event, claims, measures, {c.claim for c in leads}),
    ]
    around = strictness_around(threshold) if threshold is not None else ()
    groupings = [(_regroup(passages, alignments, t, reference), t) for t in around]
    ranked = _spread(sorted(
        found,
        key=lambda c: (c.article != reference, not (c.kind == "lead" and c.article == reference), c.tier, -c.weight),
    ), reference)
    return [
        {
            "kind": c.kind,
            "article": c.article,
            "claim": c.claim,
            "text": c.text,
            "passage": c.passage,
            "holds": all(c.holds_at(g, t) for g, t in groupings) if threshold is not None else None,
        }
        for c in ranked
    ]


def _leads(event: _Event, claims: Sequence[Claim], measures: Mapping[str, Any], here: _Grouping) -> list[_Candidate]:
    """Leads no other outlet opens with; the reference's lead always, saying who shares it."""
    size = {c.id: len(c.outlets) for c in claims}
    found = []
    for aid, passage in event.leads.items():
        claim = measures["outlets"][aid]["lead_claim"]
        shared = here.co_leaders(event.leads, aid)
        if claim is None or event.rich[passage].fragment or (shared and aid != event.reference):
            continue
        if shared:
            names = sorted(event.outlets[a] for a in shared)
            note = f", as {'does' if len(names) == 1 else 'do'} {_and(names)}"
        elif size[claim] == 1:
            note = ", which no other outlet reports"
        else:
            note = "; no other outlet opens with it"
        weight = _KIND_WEIGHT["lead"] + (0.5 if size[claim] == 1 else 0.0) + event.rich[passage].richness

        def holds(g: _Grouping, _t: float, aid: str = aid, shared: frozenset[str] = shared) -> bool:
            return g.co_leaders(event.leads, aid) == shared

        text = f"{event.outlets[aid]} leads with “{event.label(passage)}”{note}"
        found.append(_Candidate("lead", aid, claim, passage, text, 0, weight, holds))
    return found


def _omissions(event: _Event, claims: Sequence[Claim], measures: Mapping[str, Any]) -> list[_Candidate]:
    """Facts most other outlets report that some leave out, told through the claim's fullest passage.

    The more outlets report a fact, and the nearer their tops they put it, the more its absence tells.
    The reference's omission is a finding of its own; other outlets leaving out the same fact share one.
    """
    others = max(len(measures["outlets"]) - 1, 1)
    found = []
    for claim in claims:
        missing = [aid for aid, figures in measures["outlets"].items() if claim.id in figures["omitted_claims"]]
        passage = event.told_by(claim) if missing else None
        if passage is None:
            continue
        count = len(claim.outlets)
        cover = measures["claims"][claim.id]["coverage"]
        placed = sum(cover[a]["prominence"] for a in claim.outlets) / count
        weight = _KIND_WEIGHT["omission"] + 2 * count / others + placed + event.rich[passage].richness
        mine = [a for a in missing if a == event.reference]
        rest = [a for a in missing if a != event.reference]
        for group in (g for g in (mine, rest) if g):

            def holds(g: _Grouping, _t: float, group: list[str] = group, claim: Claim = claim) -> bool:
                return all(g.omitted(aid, claim.passages) for aid in group)

            names = _and([event.outlets[a] for a in group])
            verb = "leaves" if len(group) == 1 else "leave"
            text = f"{names} {verb} out “{event.label(passage)}”, which {_count(count)} others report"
            found.append(_Candidate("omission", group[0], claim.id, passage, text, 0, weight, holds))
    return found


def _clashes(
    event: _Event, clashes: Sequence[Mapping[str, Any]], alignments: Sequence[PairScore], here: _Grouping
) -> list[_Candidate]:
    """One finding per matched pair whose figures clash, told from the reference's side when it is one."""
    score = {(p.a, p.b): p.score for p in alignments}
    by_pair: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for clash in clashes:
        by_pair.setdefault((clash["a"], clash["b"]), []).append(clash)
    found = []
    for (a, b), items in by_pair.items():
        flip = _article(b) == event.reference
        mine, theirs = (b, a) if flip else (a, b)
        if mine not in here.claim_of or mine not in event.text or theirs not in event.text:
            continue
        values = "; ".join(
            f"“{c['b_value'] if flip else c['a_value']}” where {event.outlets[_article(theirs)]} gives "
            f"“{c['a_value'] if flip else c['b_value']}”"
            for c in items
        )
        possible = all(c.get("possible") for c in items)
        text = f"{'Possibly different figures: ' if possible else ''}{event.outlets[_article(mine)]} gives {values}"
        weight = _KIND_WEIGHT["clash"] - (1.0 if possible else 0.0) + event.rich[mine].richness
        pair_score = score.get((a, b), score.get((b, a), 1.0))

        def holds(_g: _Grouping, t: float, pair_score: float = pair_score) -> bool:
            return pair_score >= t

        found.append(_Candidate("clash", _article(mine), here.claim_of[mine], mine, text, 0, weight, holds))
    return found


def _uniques(
    event: _Event, claims: Sequence[Claim], measures: Mapping[str, Any], told: Collection[str]
) -> list[_Candidate]:
    """Each outlet's richest facts no other outlet reports, but for claims already `told` (as a lead); those
    without a name, figure or quote rank last."""
    by_id = {c.id: c for c in claims}
    rich = event.rich
    found = []
    for aid, figures in measures["outlets"].items():
        ranked = []
        for cid in (c for c in figures["unique_claims"] if c not in told):
            passage = event.told_by(by_id[cid])
            if passage is None:
                continue
            cover = measures["claims"][cid]["coverage"][aid]
            weight = _KIND_WEIGHT["unique"] + rich[passage].richness + cover["word_share"] + 0.5 * cover["prominence"]

            def holds(g: _Grouping, _t: float, aid: str = aid, passage: str = passage) -> bool:
                return g.unique(aid, passage)

            text = f"Only {event.outlets[aid]} reports “{event.label(passage)}”"
            tier = 0 if rich[passage].specific else 1
            ranked.append(_Candidate("unique", aid, cid, passage, text, tier, weight, holds))
        found.extend(sorted(ranked, key=lambda c: (c.tier, -c.weight))[:UNIQUE_PER_OUTLET])
    return found


def _spread(ranked: list[_Candidate], reference: str | None) -> list[_Candidate]:
    """The other outlets' findings reordered tier by tier so that one outlet's run does not crowd out the rest:
    each finding an outlet already has ahead costs its next one SPREAD_PENALTY of weight."""
    out = [c for c in ranked if c.article == reference]
    for tier in sorted({c.tier for c in ranked if c.article != reference}):
        # Per outlet, its findings best first (ties in ranked order); a heap holds each outlet's next, so the
        # pick is the one a scan of every finding left would make, without the scan.
        queues: dict[str, list[tuple[float, int, _Candidate]]] = {}
        for position, c in enumerate(ranked):
            if c.article != reference and c.tier == tier:
                queues.setdefault(c.article, []).append((-c.weight, position, c))
        for queue in queues.values():
            queue.sort(key=lambda entry: entry[:2], reverse=True)
        shown: dict[str, int] = {}
        heap = [(-q[-1][2].weight, q[-1][1], article) for article, q in queues.items()]
        heapq.heapify(heap)
        while heap:
            _, _, article = heapq.heappop(heap)
            out.append(queues[article].pop()[2])
            shown[article] = shown.get(article, 0) + 1
            if queues[article]:
                _, position, nxt = queues[article][-1]
                heapq.heappush(heap, (-(nxt.weight - SPREAD_PENALTY * shown[article]), position, article))
    return out


def _centrality(claims: Sequence[Claim], alignments: Sequence[PairScore]) -> dict[str, tuple[float, float]]:
    """Per passage, its summed match score to the other passages of its claim and to passages outside it."""
    claim_of = {p: c.id for c in claims for p in c.passages}
    found: dict[str, tuple[float, float]] = {}
    for pair in alignments:
        if pair.match:
            inside = claim_of.get(pair.a) == claim_of.get(pair.b)
            for p in (pair.a, pair.b):
                own, outside = found.get(p, (0.0, 0.0))
                found[p] = (own + pair.score, outside) if inside else (own, outside + pair.score)
    return found


def _article(passage: str) -> str:
    return passage.rsplit(":", 1)[0]


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _count(n: int) -> str:
    return NUMBER_WORDS[n] if 2 <= n <= 9 else str(n)
