"""The Overview page's data: the findings grouped by kind, the event in one line, and a table row per outlet."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from parallax.plots.labels import clip_text, outlet_labels

__all__ = ["KINDS", "Finding", "FindingGroup", "finding_groups", "outlet_rows", "summary"]

KINDS: dict[str, str] = {
    "lead": "What each outlet leads with",
    "omission": "What an outlet leaves out",
    "unique": "What only one outlet reports",
}
"""Finding kinds in the order the page shows them, with their headings."""
LEAD_CHARS = 90
"""Characters of an article's opening in the outlet table."""


@dataclass(frozen=True)
class Finding:
    """One finding in words, with the claim it is about; `number` is its place in the result's findings."""

    number: int
    text: str
    claim: Mapping[str, Any]


@dataclass(frozen=True)
class FindingGroup:
    """The findings of one kind, in the result's order."""

    kind: str
    heading: str
    findings: tuple[Finding, ...]


def summary(result: Mapping[str, Any]) -> str:
    """The event in one line: outlets, claims, how many every outlet reports, the reference."""
    labels = outlet_labels(result)
    everyone = sum(1 for c in result["claims"] if len(c["outlets"]) == len(result["articles"]))
    return (
        f"{result['event']} · {len(result['articles'])} outlets · {len(result['claims'])} claims, "
        f"{everyone} reported by every outlet · reference: {labels.get(result['reference'], '')}"
    )


def finding_groups(result: Mapping[str, Any]) -> list[FindingGroup]:
    """One group per kind (empty ones too, so the page can say so); findings of unknown claims are left out."""
    claims = {c["id"]: c for c in result["claims"]}
    return [
        FindingGroup(
            kind,
            heading,
            tuple(
                Finding(n, f["text"], claims[f["claim"]])
                for n, f in enumerate(result["findings"])
                if f["kind"] == kind and f["claim"] in claims
            ),
        )
        for kind, heading in KINDS.items()
    ]


def outlet_rows(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The outlet table: one row per article, in order, with its figures and the opening it leads with."""
    labels = outlet_labels(result)
    outlets = result["measures"]["outlets"]
    rows = []
    for article in result["articles"]:
        figures = outlets[article["id"]]
        opening = article["passages"][0]["text"] if article["passages"] else ""
        rows.append({
            "Outlet": labels[article["id"]],
            "Reference": article["id"] == result["reference"],
            "Words": figures["words"],
            "Passages": figures["passages"],
            "Claims": figures["claims"],
            "Only this outlet": len(figures["unique_claims"]),
            "Leaves out": len(figures["omitted_claims"]),
            "Leads with": clip_text(opening, LEAD_CHARS) if figures["lead_claim"] else "",
        })
    return rows
