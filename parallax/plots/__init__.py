"""Plotly figures of a comparison result, one module per chart family; no Streamlit, shared by app and report.

`colors`, `labels` and `style` are what every chart shares; `coverage`, `emphasis`, `spread` (tone and
semantic axes), `words` and `voices` build the charts, each a pure function returning a `go.Figure`.
"""
