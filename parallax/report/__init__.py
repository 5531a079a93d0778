"""A standalone HTML report of one comparison: findings, interactive charts, measures, aligned passages."""

from parallax.report.render import default_figures, render_report

__all__ = ["default_figures", "render_report"]
