"""Outlet colours: every outlet name written in its colour stays legible on a white page."""

from __future__ import annotations

import pytest

from parallax.plots.colors import OUTLET_PALETTE, contrast_ratio, outlet_colors
from parallax.plots.coverage import SHARED_SCALE
from parallax.plots.emphasis import DIVERGENCE_SCALE

AA_TEXT = 4.5
"""WCAG 2 level AA for normal-size text."""


def test_contrast_ratio_matches_the_wcag_reference_values():
    assert contrast_ratio("#000000") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#767676") == pytest.approx(4.54, abs=0.01), "the lightest grey that passes AA"
    assert contrast_ratio("#777777") < AA_TEXT
    assert contrast_ratio("#FFFFFF", "#000000") == contrast_ratio("#000000", "#FFFFFF")


@pytest.mark.parametrize("color", OUTLET_PALETTE)
def test_every_outlet_colour_reads_on_white_at_aa_contrast(color):
    assert contrast_ratio(color) >= AA_TEXT, f"{color} is too light for an outlet's name on white"


def test_the_colours_ten_outlets_get_are_all_different_and_all_legible():
    result = {"articles": [{"id": f"outlet-{n}"} for n in range(len(OUTLET_PALETTE))]}
    colors = outlet_colors(result)
    assert len(set(colors.values())) == len(OUTLET_PALETTE)
    assert min(contrast_ratio(c) for c in colors.values()) >= AA_TEXT


@pytest.mark.parametrize("scale", [DIVERGENCE_SCALE, SHARED_SCALE], ids=["divergence bars", "shared claims"])
def test_white_values_printed_on_a_colour_scale_read_at_aa_contrast(scale):
    assert all(contrast_ratio("#FFFFFF", color) >= AA_TEXT for _, color in scale)
