"""A standalone HTML report of one comparison: findings, interactive charts, measures, aligned passages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["default_figures", "render_report"]

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1200px;
padding:0 1rem;color:#1d1d1f;line-height:1.45}
h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}
.sub{color:#666;margin-top:0}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f5f5f7}td.num{text-align:right;font-variant-numeric:tabular-nums}
.kind{display:inline-block;min-width:5.5em;font-size:.8em;text-transform:uppercase;color:#555}
.missing{color:#999;font-style:italic}.claim{margin:1.4rem 0}.claim h3{margin-bottom:.3rem}
.grid{overflow-x:auto}.grid table{table-layout:fixed}.grid td p{margin:0 0 .4rem}.figure{margin:1rem 0}
dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
"""


def default_figures(result: Mapping[str, Any]) -> list[go.Figure]:
    """The dashboard's charts for this result (coverage, emphasis, position, divergence)."""
    from components import figures

    return [
        figures.coverage_heatmap(result),
        figures.emphasis_heatmap(result, mode="prominence"),
        figures.emphasis_heatmap(result, mode="word_share"),
        figures.position_chart(result),
        figures.divergence_chart(result),
    ]


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _number(value: Any, digits: int = 2) -> str:
    if isinstance(value, bool) or value is None:
        return _e(value)
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return _e(value)


def _link(url: str, label: str) -> str:
    """A link only for http(s) addresses; anything else (javascript:, data:) stays plain text."""
    if urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(label)}</a>'
    return _e(label)


def _table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Table from already-escaped cells; cells starting with '<td' are used as given."""
    header = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(c if c.startswith("<td") else f"<td>{c}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"


def _num_cell(value: Any) -> str:
    return f'<td class="num">{_number(value)}</td>'


def _figures_html(figures: Sequence[go.Figure]) -> str:
    """Each figure as a div; plotly.js is embedded once, with the first, so the file works offline."""
    parts = []
    for n, fig in enumerate(figures):
        div = fig.to_html(
            full_html=False,
            include_plotlyjs=(n == 0),
            div_id=f"figure-{n + 1}",
            config={"displaylogo": False, "responsive": True},
        )
        parts.append(f'<div class="figure">{div}</div>')
    return "\n".join(parts) or '<p class="missing">No charts in this report.</p>'


def _articles_section(result: Mapping[str, Any]) -> str:
    reference = result.get("reference")
    rows = []
    for a in result.get("articles") or []:
        outlet = _e(a.get("outlet", "")) + (" <em>(reference)</em>" if a.get("id") == reference else "")
        title = _link(str(a.get("url") or ""), a.get("title") or a.get("url") or "")
        passages = len(a.get("passages") or [])
        rows.append([outlet, title, _e(a.get("published", "")), _num_cell(a.get("words")), _num_cell(passages)])
    return _table(["Outlet", "Title", "Published", "Words", "Passages"], rows)


def _findings_section(result: Mapping[str, Any]) -> str:
    items = [
        f'<li><span class="kind">{_e(f.get("kind", ""))}</span> {_e(f.get("text", ""))}</li>'
        for f in result.get("findings") or []
    ]
    return f"<ul>{''.join(items)}</ul>" if items else '<p class="missing">No findings.</p>'


def _measures_section(result: Mapping[str, Any], outlet: Mapping[str, str], label: Mapping[str, str]) -> str:
    measures = result.get("measures") or {}

    def claims(ids: Iterable[str] | None) -> str:
        return "; ".join(_e(label.get(c, c)) for c in ids or [])

    rows = [
        [
            _e(outlet.get(article_id, article_id)),
            _num_cell(m.get("words")),
            _num_cell(m.get("passages")),
            _num_cell(m.get("claims")),
            claims(m.get("unique_claims")),
            claims(m.get("omitted_claims")),
            claims([m["lead_claim"]] if m.get("lead_claim") else []),
        ]
        for article_id, m in (measures.get("outlets") or {}).items()
    ]
    html = _table(["Outlet", "Words", "Passages", "Claims", "Only here", "Omitted", "Leads with"], rows)
    pairs = [
        [
            _e(outlet.get(p.get("a"), p.get("a"))),
            _e(outlet.get(p.get("b"), p.get("b"))),
            _num_cell(p.get("coverage_similarity")),
            _num_cell(p.get("emphasis_divergence")),
        ]
        for p in measures.get("pairs") or []
    ]
    if pairs:
        head = ["Outlet", "Outlet", "Coverage similarity", "Emphasis divergence"]
        html += "<h3>Outlet pairs</h3>" + _table(head, pairs)
    return html


def _passages_section(result: Mapping[str, Any], outlet: Mapping[str, str]) -> str:
    """Claims several outlets report, side by side per outlet; then what only one outlet reports."""
    articles = result.get("articles") or []
    text = {p["id"]: p.get("text", "") for a in articles for p in a.get("passages") or []}
    article_of = {p["id"]: a["id"] for a in articles for p in a.get("passages") or []}
    shared, single = [], []
    for claim in result.get("claims") or []:
        by_article: dict[str, list[str]] = {}
        for pid in claim.get("passages", []):
            by_article.setdefault(article_of.get(pid, ""), []).append(pid)
        heading = f"{_e(claim.get('id', ''))} · {_e(claim.get('label', ''))}"
        if len(by_article) < 2:
            for article_id, pids in by_article.items():
                body = "".join(f"<p>{_e(text.get(pid, ''))}</p>" for pid in pids)
                single.append((article_id, f'<div class="claim"><h4>{heading}</h4>{body}</div>'))
            continue
        cells = []
        for a in articles:
            pids = by_article.get(a["id"])
            cells.append(
                "".join(f"<p>{_e(text.get(pid, ''))}</p>" for pid in pids)
                if pids
                else '<span class="missing">not reported</span>'
            )
        grid = _table([outlet.get(a["id"], a["id"]) for a in articles], [cells])
        count = f'<p class="sub">reported by {len(by_article)} of {len(articles)} articles</p>'
        shared.append(f'<div class="claim"><h3>{heading}</h3>{count}<div class="grid">{grid}</div></div>')
    html = "".join(shared) or '<p class="missing">No claim is reported by more than one outlet.</p>'
    if single:
        html += "<h2>Reported by one outlet only</h2>"
        for a in articles:
            mine = [block for article_id, block in single if article_id == a["id"]]
            if mine:
                html += f"<h3>{_e(outlet.get(a['id'], a['id']))}</h3>" + "".join(mine)
    return html


def _problems_section(result: Mapping[str, Any]) -> str:
    problems = result.get("problems") or []
    if not problems:
        return ""
    items = "".join(f"<li>{_e(p.get('source', ''))}: {_e(p.get('message', ''))}</li>" for p in problems)
    return f"<h2>Inputs left out or used with a caveat</h2><ul>{items}</ul>"


def render_report(result: Mapping[str, Any], figures: Sequence[go.Figure] | None = None) -> str:
    """The whole report as one HTML document that works offline; `figures` default to `default_figures`."""
    if figures is None:
        figures = default_figures(result)
    articles = result.get("articles") or []
    outlet = {a["id"]: a.get("outlet") or a["id"] for a in articles}
    label = {c["id"]: c.get("label", "") for c in result.get("claims") or []}
    settings = result.get("settings") or {}
    event = result.get("event") or "Untitled event"
    model = result.get("model", "")
    setting_rows = "".join(
        f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in settings.items() if not (k == "model" and v == model)
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parallax report: {_e(event)}</title>
<style>{_STYLE}</style>
</head>
<body>
<h1>{_e(event)}</h1>
<p class="sub">How {len(articles)} articles covered this event, compared passage by passage.</p>
<dl><dt>Model</dt><dd>{_e(model)}</dd>{setting_rows}</dl>
<h2>Articles</h2>
{_articles_section(result)}
<h2>Findings</h2>
{_findings_section(result)}
<h2>Charts</h2>
{_figures_html(figures)}
<h2>Per-outlet measures</h2>
{_measures_section(result, outlet, label)}
<h2>Aligned passages</h2>
{_passages_section(result, outlet)}
{_problems_section(result)}
<footer><p class="sub">Made with Parallax. Result schema {_e(result.get("schema", ""))}.</p></footer>
</body>
</html>
"""
