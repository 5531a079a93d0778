"""A standalone HTML report of one comparison: findings, interactive charts, measures, aligned passages."""

from parallax.report.render import render_report

__all__ = ["render_report"]
