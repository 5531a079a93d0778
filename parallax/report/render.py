"""The report's page from its template: plain rows from the result, laid out by Jinja2 with autoescape on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import plotly.graph_objects as go
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from parallax.plots.labels import clip_text, setting_rows
from parallax.plots.style import STANDALONE_TEMPLATE

__all__ = ["LISTED", "render_report"]

LISTED = 3
"""Claims named in a cell of the per-outlet table before "and n more"."""
_SIDE_BY_SIDE = 5
"""Pairs of passages shown for tone gaps and for clashing figures."""
_FRAMING = (
    ("tone", "Tone"),
    ("words", "Words"),
    ("voices", "Voices"),
    ("clashes", "Clashing figures"),
    ("axes", "Semantic axes"),
)
"""Framing lenses in the order the report shows them, with their headings."""


def _number(value: Any, digits: int = 2) -> Any:
    """Floats to `digits` places; anything else as it is."""
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return value


def _percent(value: Any) -> Any:
    """A share as a whole percentage; anything else as it is."""
    return f"{value:.0%}" if isinstance(value, float | int) and not isinstance(value, bool) else value


def _web_address(url: Any) -> str | None:
    """The address when it is http(s), the only kind the report links; javascript:, data: and the rest stay text."""
    url = str(url or "")
    return url if urlsplit(url).scheme in ("http", "https") else None


@cache
def _environment() -> Environment:
    """The packaged templates with every value escaped; a missing value (None) shows as a blank, never "None"."""
    env = Environment(
        loader=PackageLoader("parallax.report"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=lambda value: "" if value is None else value,
    )
    env.filters["number"] = _number
    env.filters["percent"] = _percent
    return env


class _Divs:
    """Figures as plotly's divs, numbered in the order the page shows them; plotly.js goes in with the first."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, fig: go.Figure) -> Markup:
        self.count += 1
        fig = go.Figure(fig).update_layout(template=STANDALONE_TEMPLATE)
        return Markup(
            fig.to_html(
                full_html=False,
                include_plotlyjs=(self.count == 1),
                div_id=f"figure-{self.count}",
                config={"displaylogo": False, "responsive": True},
            )
        )


def _articles(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    reference = result.get("reference")
    return [
        {
            "id": a["id"],
            "outlet": a.get("outlet", ""),
            "name": a.get("outlet") or a["id"],
            "reference": a.get("id") == reference,
            "title": a.get("title") or a.get("url") or "",
            "href": _web_address(a.get("url")),
            "published": a.get("published", ""),
            "words": a.get("words"),
            "passages": len(a.get("passages") or []),
        }
        for a in result.get("articles") or []
    ]


def _claim_links(ids: Sequence[str] | None, label: Mapping[str, str]) -> list[dict[str, str]]:
    """Claims as {"id", "label"} for links, unknown ids left out."""
    return [{"id": c, "label": clip_text(label[c], 90)} for c in ids or [] if c in label]


def _findings(result: Mapping[str, Any], label: Mapping[str, str]) -> list[dict[str, Any]]:
    """Each finding's kind and words, with the claim whose passages it links to ("" when it names none)."""
    return [
        {
            "kind": f.get("kind", ""),
            "text": f.get("text", ""),
            "claim": f.get("claim") if f.get("claim") in label else "",
        }
        for f in result.get("findings") or []
    ]


def _outlet_rows(result: Mapping[str, Any], name: Mapping[str, str], label: Mapping[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "outlet": name.get(article_id, article_id),
            "words": m.get("words"),
            "passages": m.get("passages"),
            "claims": m.get("claims"),
            "unique": _claim_links(m.get("unique_claims"), label),
            "omitted": _claim_links(m.get("omitted_claims"), label),
            "lead": _claim_links([m["lead_claim"]] if m.get("lead_claim") else [], label),
        }
        for article_id, m in ((result.get("measures") or {}).get("outlets") or {}).items()
    ]


def _pair_rows(result: Mapping[str, Any], name: Mapping[str, str], label: Mapping[str, str]) -> list[dict[str, Any]]:
    """Outlet pairs, most different emphasis first, each with the claim that sets them furthest apart."""
    from parallax.plots.emphasis import pair_gaps

    pairs = sorted(
        (result.get("measures") or {}).get("pairs") or [], key=lambda p: -(p.get("emphasis_divergence") or 0)
    )
    rows = []
    for p in pairs:
        try:
            gaps = pair_gaps(result, p["a"], p["b"])[:1]
        except (KeyError, TypeError):
            gaps = []
        rows.append(
            {
                "a": name.get(p.get("a"), p.get("a")),
                "b": name.get(p.get("b"), p.get("b")),
                "coverage": p.get("coverage_similarity"),
                "divergence": p.get("emphasis_divergence"),
                "apart": _claim_links([g["claim"] for g in gaps], label),
            }
        )
    return rows


def _claim_blocks(result: Mapping[str, Any], name: Mapping[str, str]) -> tuple[list[dict], list[tuple[str, list]]]:
    """Claims several outlets report, with a cell of passage texts per article; then each article's own claims."""
    articles = result.get("articles") or []
    text = {p["id"]: p.get("text", "") for a in articles for p in a.get("passages") or []}
    article_of = {p["id"]: a["id"] for a in articles for p in a.get("passages") or []}
    shared: list[dict[str, Any]] = []
    alone: dict[str, list[dict[str, Any]]] = {}
    for claim in result.get("claims") or []:
        by_article: dict[str, list[str]] = {}
        for pid in claim.get("passages", []):
            by_article.setdefault(article_of.get(pid, ""), []).append(text.get(pid, ""))
        block = {"id": claim.get("id", ""), "label": claim.get("label", "")}
        if len(by_article) < 2:
            for article_id, texts in by_article.items():
                alone.setdefault(article_id, []).append({**block, "texts": texts})
            continue
        cells = [by_article.get(a["id"], []) for a in articles]
        shared.append({**block, "reported_by": len(by_article), "cells": cells})
    single = [(name[a["id"]], alone[a["id"]]) for a in articles if a["id"] in alone]
    return shared, single


def _side_by_side(items: Sequence[Any]) -> list[dict[str, Any]]:
    """Pairs of passages from the framing views as {"heading", "kind", "cells": [{"outlet", "note", "text"}]}."""
    return [
        {
            "heading": item.heading,
            "kind": item.kind,
            "cells": [{"outlet": c.outlet, "note": c.note, "text": c.text} for c in item.cells],
        }
        for item in items[:_SIDE_BY_SIDE]
    ]


def _framing(result: Mapping[str, Any], charts: Mapping[str, list[go.Figure]], div: _Divs) -> list[dict[str, Any]]:
    """One section per framing lens the result holds: its charts as divs and the rows its tables show."""
    from parallax.views import framing

    lenses = result.get("lenses") or {}
    sections = []
    for key, heading in _FRAMING:
        if key not in lenses:
            continue
        section: dict[str, Any] = {"key": key, "heading": heading, "figures": [], "pairs": [], "rows": [], "axes": []}
        if key == "tone":
            section["figures"] = [div(f) for f in charts.get("tone", [])]
            section["pairs"] = _side_by_side(framing.tone_gap_pairs(result))
            if "same_fact" in lenses["tone"]:
                section["rows"] = framing.same_fact_tone_rows(result)
                section["columns"] = list(framing.TONE_COLUMNS)
        elif key == "words":
            section["figures"] = [div(f) for f in charts.get("words", [])]
            section["rows"] = [
                {"outlet": outlet, "terms": [f"{t['term']} ({t['z']:.1f})" for t in terms]}
                for outlet, terms in framing.terms_by_outlet(result)
            ]
        elif key == "voices":
            section["figures"] = [div(f) for f in charts.get("voices", [])]
            section["rows"] = framing.voice_rows(result)
            section["columns"] = list(framing.VOICE_COLUMNS)
        elif key == "clashes":
            section["pairs"] = _side_by_side(framing.clash_pairs(result))
        elif key == "axes":
            figures = charts.get("axes", [])
            for n, entry in enumerate(lenses.get("axes") or []):
                ends = [
                    {"pole": pole, "cells": [{"outlet": c.outlet, "note": c.note, "text": c.text} for c in cells]}
                    for pole, cells in framing.axis_extremes(result, entry)
                ]
                section["axes"].append({"figure": div(figures[n]) if n < len(figures) else "", "ends": ends})
        sections.append(section)
    return sections


def _contents(sections: Sequence[tuple[str, str, bool]]) -> list[dict[str, str]]:
    """The contents list: (anchor, heading) of each section present."""
    return [{"anchor": anchor, "heading": heading} for anchor, heading, present in sections if present]


def render_report(result: Mapping[str, Any], figures: Sequence[go.Figure] | None = None) -> str:
    """The whole report as one HTML document that works offline.

    Without `figures`, every chart of the result (the Export page's list) sits in its section: the
    overlap, emphasis and each framing lens. Given `figures`, those are shown together under "Charts".
    """
    from parallax.plots.emphasis import TOP_CLAIMS
    from parallax.views.export import charts as result_charts

    articles = _articles(result)
    name = {a["id"]: a["name"] for a in articles}
    label = {c["id"]: c.get("label", "") for c in result.get("claims") or []}
    model = result.get("model", "")
    shared, single = _claim_blocks(result, name)
    div = _Divs()
    by_section: dict[str, list[go.Figure]] = {}
    if figures is None and result.get("articles"):
        for chart in result_charts(result):
            by_section.setdefault(chart.section, []).append(chart.build(result))
    overview = [div(f) for f in by_section.get("overview", [])]
    emphasis = [div(f) for f in by_section.get("emphasis", [])]
    framing = _framing(result, by_section, div)
    extra = [div(f) for f in figures or []]
    settings = dict(result.get("settings") or {})
    settings.setdefault("model", model)
    problems = [{"source": p.get("source", ""), "message": p.get("message", "")} for p in result.get("problems") or []]
    contents = _contents(
        [
            ("articles", "Articles", True),
            ("findings", "Findings", True),
            ("overlap", "Which outlets tell the same story", True),
            ("emphasis", "Emphasis", bool(emphasis)),
            ("charts", "Charts", figures is not None),
            *((f"framing-{s['key']}", s["heading"], True) for s in framing),
            ("passages", "Aligned passages", True),
            ("single", "Reported by one outlet only", bool(single)),
            ("problems", "Inputs left out or used with a caveat", bool(problems)),
        ]
    )
    return (
        _environment()
        .get_template("report.html")
        .render(
            event=result.get("event") or "Untitled event",
            settings=setting_rows(settings),
            contents=contents,
            articles=articles,
            findings=_findings(result, label),
            overview=overview,
            emphasis=emphasis,
            top_claims=min(TOP_CLAIMS, len(label)),
            claim_count=len(label),
            framing=framing,
            extra=extra,
            custom=figures is not None,
            listed=LISTED,
            outlets=_outlet_rows(result, name, label),
            pairs=_pair_rows(result, name, label),
            shared=shared,
            single=single,
            problems=problems,
            schema=result.get("schema", ""),
        )
    )
