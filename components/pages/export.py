"""Export: the comparison as JSON, CSV tables and a standalone HTML report, and each chart as PNG or SVG.

Files are made when asked for: the downloads generate their data on click, and a chart's picture
is drawn (by kaleido in the system's Chromium) only when its button is pressed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from components import state
from components.widgets import escape_markdown
from parallax.export import csv_zip_bytes, to_json
from parallax.images import FORMATS, ImageExportUnavailable, browser_path, figure_image
from parallax.plots.coverage import coverage_heatmap
from parallax.plots.emphasis import divergence_chart, emphasis_heatmap, position_chart
from parallax.report import render_report

CHARTS: dict[str, tuple[str, Callable[[dict[str, Any]], go.Figure]]] = {
    "coverage": ("Which outlets tell the same story", coverage_heatmap),
    "prominence": ("How early each outlet reports each claim", lambda r: emphasis_heatmap(r, "prominence")),
    "word-share": ("How much of each article each claim takes", lambda r: emphasis_heatmap(r, "word_share")),
    "positions": ("Where in each article each claim appears", position_chart),
    "divergence": ("Which outlets weigh the claims most differently", divergence_chart),
}
MIME = {"png": "image/png", "svg": "image/svg+xml"}
_IMAGES = "_export_images"

st.title("Export")
result = state.current_result()
if result is None:
    st.stop()
stem = re.sub(r"[^a-z0-9]+", "-", str(result["event"]).lower()).strip("-")[:60] or "parallax"
st.caption(escape_markdown(
    f"{result['event']} · {len(result['articles'])} outlets · {len(result['claims'])} claims · {result['model']}"
))

st.subheader("Data and report")
files = [
    ("download_json", "JSON result", lambda: to_json(result), f"{stem}.json", "application/json",
     "The whole comparison: articles, passages, alignments, claims, findings, measures and lenses."),
    ("download_csv", "CSV tables (zip)", lambda: csv_zip_bytes(result), f"{stem}-tables.zip", "application/zip",
     "One table per file, for spreadsheets and statistics: passages, alignments, claims, measures, lenses."),
    ("download_html", "HTML report", lambda: render_report(result), f"{stem}-report.html", "text/html",
     "Findings, interactive charts and the aligned passages in one file that opens offline."),
]
for column, (key, label, data, file_name, mime, about) in zip(st.columns(len(files)), files, strict=True):
    with column:
        st.download_button(label, data=data, file_name=file_name, mime=mime, key=key, on_click="ignore",
                           icon=":material/download:", type="primary" if key == "download_html" else "secondary")
        st.caption(about)

st.subheader("Pictures of the charts")
try:
    browser_path()
except ImageExportUnavailable as exc:
    st.info(escape_markdown(f"{exc} The HTML report above holds every chart, interactive."),
            icon=":material/image_not_supported:")
    st.stop()
st.caption("Each picture is drawn when you ask for it, as PNG (for slides and documents) or SVG (for print).")

signature = hash(state.analysis_args())
kept = st.session_state.get(_IMAGES)
if kept is None or kept["signature"] != signature:
    kept = st.session_state[_IMAGES] = {"signature": signature, "files": {}, "problem": ""}


def draw(chart: str, fmt: str) -> None:
    """Draw one chart's picture (on its button's click, before the page runs again) and keep it."""
    kept["problem"] = ""
    try:
        figure = CHARTS[chart][1](result)
        kept["files"][chart, fmt] = figure_image(figure, fmt, scale=2 if fmt == "png" else None)
    except ImageExportUnavailable as exc:
        kept["problem"] = f"{exc} The HTML report above holds every chart, interactive."


for chart, (title, _) in CHARTS.items():
    with st.container(horizontal=True, vertical_alignment="center", key=f"chart_{chart}"):
        st.markdown(title, width="stretch")
        for fmt in FORMATS:
            if (chart, fmt) not in kept["files"]:
                st.button(f"Make {fmt.upper()}", key=f"make_{chart}_{fmt}", on_click=draw, args=(chart, fmt))
                continue
            st.download_button(f"Save {fmt.upper()}", data=kept["files"][chart, fmt], file_name=f"{stem}-{chart}.{fmt}",
                               mime=MIME[fmt], key=f"save_{chart}_{fmt}", on_click="ignore", icon=":material/download:")
if kept["problem"]:
    st.warning(escape_markdown(kept["problem"]))
