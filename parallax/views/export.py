"""The Export page's files: the downloads of a result, every chart that can be pictured, and their names."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from parallax.export import csv_zip_bytes, to_json
from parallax.plots.coverage import coverage_heatmap
from parallax.plots.emphasis import divergence_chart, emphasis_heatmap, position_chart
from parallax.plots.labels import settings_line
from parallax.plots.spread import axis_chart
from parallax.plots.style import stamp_figure
from parallax.plots.tone import same_fact_tone_chart
from parallax.plots.voices import voices_chart
from parallax.plots.words import words_chart
from parallax.report import render_report

__all__ = ["MIME", "PICTURE_WIDTH", "Chart", "Download", "charts", "downloads", "file_stem", "picture", "summary"]

MIME = {"png": "image/png", "svg": "image/svg+xml"}
PICTURE_WIDTH = 1200
"""Pixels across a chart's picture: wide enough for two-line claim labels beside six outlets' columns."""


@dataclass(frozen=True)
class Chart:
    """One chart of a result: `name` goes into file names and keys, `section` is the page that shows it."""

    name: str
    title: str
    section: str
    build: Callable[[Mapping[str, Any]], go.Figure]


@dataclass(frozen=True)
class Download:
    """One file the page offers: `make` builds its content when the person asks for it."""

    key: str
    label: str
    make: Callable[[], str | bytes]
    file_name: str
    mime: str
    about: str


def _slug(text: str, limit: int = 60) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")[:limit].strip("-")


def file_stem(result: Mapping[str, Any]) -> str:
    """The start of every file name: the event's name in lower-case words joined by dashes, or "parallax"."""
    return _slug(result["event"]) or "parallax"


def summary(result: Mapping[str, Any]) -> str:
    """The comparison in one line: event, outlets, claims, model."""
    return f"{result['event']} · {len(result['articles'])} outlets · {len(result['claims'])} claims · {result['model']}"


def _axis_builder(entry: Mapping[str, Any]) -> Callable[[Mapping[str, Any]], go.Figure]:
    return lambda result: axis_chart(result, entry)


def charts(result: Mapping[str, Any]) -> list[Chart]:
    """Every chart this result can draw, in the order the app shows them: framing charts for the lenses it holds.

    Tone is charted fact by fact, so a result saved before tone was compared that way has no tone
    chart; a semantic axis gives one chart per axis the result holds, named `axis-<its name>`.
    """
    found = [
        Chart("coverage", "Which outlets tell the same story", "overview", coverage_heatmap),
        Chart(
            "prominence",
            "How early each outlet reports each claim",
            "emphasis",
            lambda r: emphasis_heatmap(r, "prominence"),
        ),
        Chart(
            "word-share",
            "How much of each article each claim takes",
            "emphasis",
            lambda r: emphasis_heatmap(r, "word_share"),
        ),
        Chart("positions", "Where each outlet places the claims several report", "emphasis", position_chart),
        Chart("divergence", "Which outlets weigh the claims most differently", "emphasis", divergence_chart),
    ]
    lenses = result.get("lenses") or {}
    names: set[str] = set()
    tone = lenses.get("tone")
    if isinstance(tone, Mapping) and "same_fact" in tone:
        found.append(
            Chart("tone", "How warm or cold each outlet tells the facts others tell too", "tone", same_fact_tone_chart)
        )
    words = lenses.get("words")
    if isinstance(words, Mapping) and any((words.get("terms") or {}).values()):
        found.append(Chart("words", "Words each outlet uses more than the others", "words", words_chart))
    voices = lenses.get("voices")
    if isinstance(voices, Mapping) and any((voices.get("articles") or {}).values()):
        found.append(Chart("voices", "Whom each outlet lets speak", "voices", voices_chart))
    for n, entry in enumerate(lenses.get("axes") or []):
        axis = entry.get("axis") or {}
        poles = [(axis.get(side) or {}).get("label", "") for side in ("left", "right")]
        name = axis.get("name") or " vs ".join(poles)
        key = f"axis-{_slug(name, 40) or n + 1}"
        key = key if key not in names else f"{key}-{n + 1}"
        names.add(key)
        found.append(Chart(key, f"Semantic axis: {name}", "axes", _axis_builder(entry)))
    return found


def picture(result: Mapping[str, Any], chart: Chart) -> go.Figure:
    """The chart as its picture shows it: the event's name and the settings under its title, on white."""
    return stamp_figure(chart.build(result), settings_line(result))


def downloads(result: Mapping[str, Any]) -> list[Download]:
    """The JSON result, the CSV tables in a zip, and the standalone HTML report."""
    stem = file_stem(result)
    return [
        Download(
            "download_json",
            "JSON result",
            lambda: to_json(result),
            f"{stem}.json",
            "application/json",
            "The whole comparison: articles, passages, alignments, claims, findings, measures and lenses.",
        ),
        Download(
            "download_csv",
            "CSV tables (zip)",
            lambda: csv_zip_bytes(result),
            f"{stem}-tables.zip",
            "application/zip",
            "One table per file, for spreadsheets and statistics: passages, alignments, claims, measures, lenses.",
        ),
        Download(
            "download_html",
            "HTML report",
            lambda: render_report(result),
            f"{stem}-report.html",
            "text/html",
            "Contents, findings linked to their passages, every chart and lens, and the aligned passages, "
            "in one file that opens offline.",
        ),
    ]
