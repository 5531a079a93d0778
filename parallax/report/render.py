"""The report's page from its template: plain rows from the result, laid out by Jinja2 with autoescape on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["default_figures", "render_report"]


def default_figures(result: Mapping[str, Any]) -> list[go.Figure]:
    """The dashboard's charts for this result (coverage, emphasis, position, divergence)."""
    from parallax.plots.coverage import coverage_heatmap
    from parallax.plots.emphasis import divergence_chart, emphasis_heatmap, position_chart

    return [
        coverage_heatmap(result),
        emphasis_heatmap(result, mode="prominence"),
        emphasis_heatmap(result, mode="word_share"),
        position_chart(result),
        divergence_chart(result),
    ]


def _number(value: Any, digits: int = 2) -> Any:
    """Floats to `digits` places; anything else as it is."""
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return value


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
    return env


def _figure_divs(figures: Sequence[go.Figure]) -> list[Markup]:
    """Each figure as plotly's div; plotly.js is embedded once, with the first, so the file works offline."""
    return [
        Markup(
            fig.to_html(
                full_html=False,
                include_plotlyjs=(n == 0),
                div_id=f"figure-{n + 1}",
                config={"displaylogo": False, "responsive": True},
            )
        )
        for n, fig in enumerate(figures)
    ]


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


def _fields(items: Sequence[Mapping[str, Any]] | None, *names: str) -> list[dict[str, Any]]:
    """The named fields of each item, "" where one is missing."""
    return [{name: item.get(name, "") for name in names} for item in items or []]


def _outlet_rows(result: Mapping[str, Any], name: Mapping[str, str]) -> list[dict[str, Any]]:
    label = {c["id"]: c.get("label", "") for c in result.get("claims") or []}

    def labels(ids: Sequence[str] | None) -> list[str]:
        return [label.get(c, c) for c in ids or []]

    return [
        {
            "outlet": name.get(article_id, article_id),
            "words": m.get("words"),
            "passages": m.get("passages"),
            "claims": m.get("claims"),
            "unique": labels(m.get("unique_claims")),
            "omitted": labels(m.get("omitted_claims")),
            "lead": labels([m["lead_claim"]] if m.get("lead_claim") else []),
        }
        for article_id, m in ((result.get("measures") or {}).get("outlets") or {}).items()
    ]


def _pair_rows(result: Mapping[str, Any], name: Mapping[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "a": name.get(p.get("a"), p.get("a")),
            "b": name.get(p.get("b"), p.get("b")),
            "coverage": p.get("coverage_similarity"),
            "divergence": p.get("emphasis_divergence"),
        }
        for p in (result.get("measures") or {}).get("pairs") or []
    ]


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


def render_report(result: Mapping[str, Any], figures: Sequence[go.Figure] | None = None) -> str:
    """The whole report as one HTML document that works offline; `figures` default to `default_figures`."""
    if figures is None:
        figures = default_figures(result)
    articles = _articles(result)
    name = {a["id"]: a["name"] for a in articles}
    model = result.get("model", "")
    shared, single = _claim_blocks(result, name)
    return _environment().get_template("report.html").render(
        event=result.get("event") or "Untitled event",
        model=model,
        settings=[(k, v) for k, v in (result.get("settings") or {}).items() if not (k == "model" and v == model)],
        articles=articles,
        findings=_fields(result.get("findings"), "kind", "text"),
        figures=_figure_divs(figures),
        outlets=_outlet_rows(result, name),
        pairs=_pair_rows(result, name),
        shared=shared,
        single=single,
        problems=_fields(result.get("problems"), "source", "message"),
        schema=result.get("schema", ""),
    )
