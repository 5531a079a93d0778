"""Export: the comparison as JSON, CSV tables and a standalone HTML report, and each chart as PNG or SVG.

Files are made when asked for: the downloads generate their data on click, and a chart's picture
is drawn (by kaleido in the system's Chromium) only when its button is pressed.
"""

from __future__ import annotations

import streamlit as st

from components.markup import escape_markdown
from components.runner import analysis_args, current_result
from parallax.images import FORMATS, ImageExportUnavailable, browser_path, figure_image
from parallax.views.export import MIME, PICTURE_WIDTH, charts, downloads, file_stem, picture, summary

_IMAGES = "_export_images"

st.title("Export")
result = current_result()
if result is None:
    st.stop()
stem = file_stem(result)
st.caption(escape_markdown(summary(result)))

st.subheader("Data and report")
files = downloads(result)
for column, file in zip(st.columns(len(files)), files, strict=True):
    with column:
        st.download_button(
            file.label,
            data=file.make,
            file_name=file.file_name,
            mime=file.mime,
            key=file.key,
            on_click="ignore",
            icon=":material/download:",
            type="primary" if file.key == "download_html" else "secondary",
        )
        st.caption(file.about)

st.subheader("Pictures of the charts")
try:
    browser_path()
except ImageExportUnavailable as exc:
    st.info(
        escape_markdown(f"{exc} The HTML report above holds every chart, interactive."),
        icon=":material/image_not_supported:",
    )
    st.stop()
st.caption(
    "Each picture is drawn when you ask for it, as PNG (for slides and documents) or SVG (for print), "
    "with the event's name and the settings under its title."
)
shown = {found.name: found for found in charts(result)}

signature = hash(analysis_args())
kept = st.session_state.get(_IMAGES)
if kept is None or kept["signature"] != signature:
    kept = st.session_state[_IMAGES] = {"signature": signature, "files": {}, "problem": ""}


def draw(chart: str, fmt: str) -> None:
    """Draw one chart's picture (on its button's click, before the page runs again) and keep it."""
    kept["problem"] = ""
    try:
        figure = picture(result, shown[chart])
        kept["files"][chart, fmt] = figure_image(figure, fmt, width=PICTURE_WIDTH, scale=2 if fmt == "png" else None)
    except ImageExportUnavailable as exc:
        kept["problem"] = f"{exc} The HTML report above holds every chart, interactive."


for chart, found in shown.items():
    with st.container(horizontal=True, vertical_alignment="center", key=f"chart_{chart}"):
        st.markdown(escape_markdown(found.title), width="stretch")
        for fmt in FORMATS:
            if (chart, fmt) not in kept["files"]:
                st.button(f"Make {fmt.upper()}", key=f"make_{chart}_{fmt}", on_click=draw, args=(chart, fmt))
                continue
            st.download_button(
                f"Save {fmt.upper()}",
                data=kept["files"][chart, fmt],
                file_name=f"{stem}-{chart}.{fmt}",
                mime=MIME[fmt],
                key=f"save_{chart}_{fmt}",
                on_click="ignore",
                icon=":material/download:",
            )
if kept["problem"]:
    st.warning(escape_markdown(kept["problem"]))
