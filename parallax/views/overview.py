"""The Overview page's data: the findings (the reference's first, each with its passage in context), the event in
one line, and a table row per outlet."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from plotly.colors import sample_colorscale

from parallax.findings import strictness_around
from parallax.plots.coverage import SHARED_SCALE, claim_overlap, shade_range
from parallax.plots.labels import clip_text, outlet_labels

__all__ = [
    "CONTEXT_CHARS",
    "Context",
    "Finding",
    "FindingSection",
    "OverlapTable",
    "finding_sections",
    "holds_note",
    "outlet_rows",
    "overlap_table",
    "summary",
]

LEAD_CHARS = 90
"""Characters of an article's opening in the outlet table."""
CONTEXT_CHARS = 240
"""Characters of the passage before and after a finding's passage (the nearer end kept)."""


@dataclass(frozen=True)
class Context:
    """A finding's passage between its neighbours in its article, whose outlet and 1-based place it names."""

    outlet: str
    position: int
    before: str
    passage: str
    after: str


@dataclass(frozen=True)
class Finding:
    """One finding in words, with its claim, its passage in context and whether it holds across strictness.

    `number` is its place in the result's findings; `holds` is None for results that did not check.
    """

    number: int
    kind: str
    text: str
    claim: Mapping[str, Any]
    context: Context | None
    holds: bool | None


@dataclass(frozen=True)
class FindingSection:
    """The findings about one side of the comparison (the reference, or the other outlets), in the result's order."""

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


def finding_sections(result: Mapping[str, Any]) -> list[FindingSection]:
    """The reference article's findings, then the other outlets' (both kept when empty, so the page can say so).

    Findings of claims no longer in the result are left out. A result from before findings named
    their passage shows the claim's passage in the finding's article, or else its first.
    """
    labels = outlet_labels(result)
    claims = {c["id"]: c for c in result["claims"]}
    articles = {a["id"]: a for a in result["articles"]}
    reference = result["reference"]
    found = [
        Finding(
            n,
            f.get("kind", ""),
            f["text"],
            claims[f["claim"]],
            _context(articles, labels, f.get("passage") or _passage_of(claims[f["claim"]], f["article"])),
            f.get("holds"),
        )
        for n, f in enumerate(result["findings"])
        if f["claim"] in claims
    ]
    mine = {n for n, f in enumerate(result["findings"]) if f["article"] == reference}
    heading = f"{labels.get(reference, reference)}, the reference"
    return [
        FindingSection(heading, tuple(f for f in found if f.number in mine)),
        FindingSection("The other outlets", tuple(f for f in found if f.number not in mine)),
    ]


def holds_note(result: Mapping[str, Any], finding: Finding) -> str:
    """Whether the finding stands a step either side of the result's strictness, in words ("" when unchecked)."""
    threshold = (result.get("settings") or {}).get("threshold")
    if finding.holds is None or threshold is None:
        return ""
    around = [f"{t:g}" for t in strictness_around(float(threshold))]
    if not around:
        return ""
    if finding.holds:
        return f"holds at strictness {' and '.join(around)}"
    return f"changes at strictness {' or '.join(around)}"


def _passage_of(claim: Mapping[str, Any], article: str) -> str:
    own = [p for p in claim["passages"] if p.rsplit(":", 1)[0] == article]
    return (own or claim["passages"])[0]


def _context(articles: Mapping[str, Any], labels: Mapping[str, str], passage: str) -> Context | None:
    """The passage with the one before and after it in its article; None when the result does not hold it."""
    article = articles.get(passage.rsplit(":", 1)[0])
    if article is None:
        return None
    shown: Sequence[Mapping[str, Any]] = article["passages"]
    at = next((k for k, p in enumerate(shown) if p["id"] == passage), None)
    if at is None:
        return None
    before = _flat(shown[at - 1]["text"]) if at > 0 else ""
    after = _flat(shown[at + 1]["text"]) if at + 1 < len(shown) else ""
    return Context(
        labels[article["id"]],
        shown[at]["index"] + 1,
        _clip_start(before, CONTEXT_CHARS),
        _flat(shown[at]["text"]),
        clip_text(after, CONTEXT_CHARS),
    )


def _flat(text: str) -> str:
    return " ".join(text.split())


def _clip_start(text: str, limit: int) -> str:
    """The end of `text`, cut at a word boundary to `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return "…" + text[-(limit - 1) :].split(" ", 1)[-1].lstrip(",;: ")


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


@dataclass(frozen=True)
class OverlapTable:
    """Which outlets tell the same story: per pair of outlets, the share of their claims in common, and its shade.

    A table rather than a chart: the first page a session opens draws in about a second less without the
    charting library, and every share is printed anyway.
    """

    outlets: list[str]
    shares: list[list[float | None]]
    """Row by row in article order; None on the diagonal (an outlet against itself)."""
    styles: list[list[str]]
    """CSS per cell: the heatmap's colour scale over the shares present, white figures; the diagonal plain."""


def overlap_table(result: Mapping[str, Any]) -> OverlapTable:
    """The overlap between every pair of outlets, shaded as the exported heatmap is."""
    labels = outlet_labels(result)
    shares = claim_overlap(result)
    low, high = shade_range(shares)

    def style(share: float | None) -> str:
        if share is None:
            return ""
        (colour,) = sample_colorscale(SHARED_SCALE, [min(max((share - low) / (high - low), 0.0), 1.0)])
        return f"background-color: {colour}; color: white"

    return OverlapTable(
        [labels[a["id"]] for a in result["articles"]], shares, [[style(v) for v in row] for row in shares]
    )
