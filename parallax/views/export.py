"""The Export page's files: the downloads of a result, the charts that can be pictured, and their names."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from parallax.export import csv_zip_bytes, to_json
from parallax.plots.coverage import coverage_heatmap
from parallax.plots.emphasis import divergence_chart, emphasis_heatmap, position_chart
from parallax.report import render_report

__all__ = ["CHARTS", "MIME", "Download", "downloads", "file_stem", "summary"]

CHARTS: dict[str, tuple[str, Callable[[Mapping[str, Any]], go.Figure]]] = {
    "coverage": ("Which outlets tell the same story", coverage_heatmap),
    "prominence": ("How early each outlet reports each claim", lambda r: emphasis_heatmap(r, "prominence")),
    "word-share": ("How much of each article each claim takes", lambda r: emphasis_heatmap(r, "word_share")),
    "positions": ("Where in each article each claim appears", position_chart),
    "divergence": ("Which outlets weigh the claims most differently", divergence_chart),
}
"""Chart name (in file names and keys) -> (title, the figure builder)."""
MIME = {"png": "image/png", "svg": "image/svg+xml"}


@dataclass(frozen=True)
class Download:
    """One file the page offers: `make` builds its content when the person asks for it."""

    key: str
    label: str
    make: Callable[[], str | bytes]
    file_name: str
    mime: str
    about: str


def file_stem(result: Mapping[str, Any]) -> str:
    """The start of every file name: the event's name in lower-case words joined by dashes, or "parallax"."""
    return re.sub(r"[^a-z0-9]+", "-", str(result["event"]).lower()).strip("-")[:60] or "parallax"


def summary(result: Mapping[str, Any]) -> str:
    """The comparison in one line: event, outlets, claims, model."""
    return f"{result['event']} · {len(result['articles'])} outlets · {len(result['claims'])} claims · {result['model']}"


def downloads(result: Mapping[str, Any]) -> list[Download]:
    """The JSON result, the CSV tables in a zip, and the standalone HTML report."""
    stem = file_stem(result)
    return [
        Download("download_json", "JSON result", lambda: to_json(result), f"{stem}.json", "application/json",
                 "The whole comparison: articles, passages, alignments, claims, findings, measures and lenses."),
        Download("download_csv", "CSV tables (zip)", lambda: csv_zip_bytes(result), f"{stem}-tables.zip",
                 "application/zip", "One table per file, for spreadsheets and statistics: passages, alignments, "
                 "claims, measures, lenses."),
        Download("download_html", "HTML report", lambda: render_report(result), f"{stem}-report.html", "text/html",
                 "Findings, interactive charts and the aligned passages in one file that opens offline."),
    ]
