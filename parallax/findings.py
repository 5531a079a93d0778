"""The comparison's headline findings, in words, each pointing at one claim."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from parallax.model import Claim
from parallax.text.wordlists import NUMBER_WORDS

__all__ = ["findings", "UNIQUE_PER_OUTLET"]

UNIQUE_PER_OUTLET = 3
"""Single-outlet claims worth a headline per outlet: the ones it gives most space and prominence."""


def findings(
    outlets: Mapping[str, str],
    claims: Sequence[Claim],
    measures: Mapping[str, Any],
    leads: Mapping[str, str] | None = None,
) -> list[dict[str, str]]:
    """Leads, omissions and single-outlet claims as sentences.

    `outlets` maps article id to outlet name; `leads` maps article id to the label of its own first
    passage (the claim's label may come from another outlet's wording). Omissions come most
    widely reported first.
    """
    by_id = {c.id: c for c in claims}
    leads = leads or {}
    result: list[dict[str, str]] = []
    for aid, figures in measures["outlets"].items():
        lead = figures["lead_claim"]
        if lead:
            label = leads.get(aid, by_id[lead].label)
            result.append(_finding("lead", aid, lead, f"{outlets[aid]} leads with “{label}”"))
    omissions = [
        (len(by_id[cid].outlets), aid, cid)
        for aid, figures in measures["outlets"].items()
        for cid in figures["omitted_claims"]
    ]
    for count, aid, cid in sorted(omissions, key=lambda o: -o[0]):
        text = f"{outlets[aid]} leaves out “{by_id[cid].label}”, which {_count(count)} others report"
        result.append(_finding("omission", aid, cid, text))
    for aid, figures in measures["outlets"].items():
        ranked = sorted(figures["unique_claims"], key=lambda cid: -_weight(measures, cid, aid))
        for cid in ranked[:UNIQUE_PER_OUTLET]:
            result.append(_finding("unique", aid, cid, f"Only {outlets[aid]} reports “{by_id[cid].label}”"))
    return result


def _finding(kind: str, article: str, claim: str, text: str) -> dict[str, str]:
    return {"kind": kind, "article": article, "claim": claim, "text": text}


def _weight(measures: Mapping[str, Any], claim: str, article: str) -> float:
    cover = measures["claims"][claim]["coverage"][article]
    return cover["word_share"] + cover["prominence"]


def _count(n: int) -> str:
    return NUMBER_WORDS[n] if 2 <= n <= 9 else str(n)
