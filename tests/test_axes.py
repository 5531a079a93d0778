"""Semantic axes lens: spec strings, passage positions between two poles, per-outlet summaries."""

from __future__ import annotations

import json

import numpy as np
import pytest

from parallax.lenses import LENSES, run_lenses
from parallax.lenses.axes import PRESET_AXES, Axis, axis_positions, axis_summary, format_axis, parse_axis
from parallax.model import Article, PairScore, Passage

SPEC = "security:crime,gangs,law enforcement|rights:due process,human rights,courts"


def test_a_spec_string_parses_into_an_axis_and_formats_back_unchanged():
    axis = parse_axis(SPEC)
    assert axis == Axis("security vs rights", "security", ("crime", "gangs", "law enforcement"),
                        "rights", ("due process", "human rights", "courts"))
    assert format_axis(axis) == SPEC
    named = parse_axis(" Framing = security : crime , gangs | rights: courts ")
    assert (named.name, named.left_phrases, named.right_label) == ("Framing", ("crime", "gangs"), "rights")
    assert parse_axis(format_axis(named)) == named
    for preset in PRESET_AXES:
        assert parse_axis(format_axis(preset)) == preset


@pytest.mark.parametrize("bad", ["security:crime", "security|rights:courts", ":crime|rights:courts",
                                 "a:x|b:y|c:z", "left:crime,courts|right:courts,crime"])
def test_a_bad_spec_is_refused_with_a_reason(bad):
    with pytest.raises(ValueError):
        parse_axis(bad)


def test_a_phrase_holding_a_separator_cannot_be_written_as_a_spec():
    with pytest.raises(ValueError, match="','"):
        format_axis(Axis("x", "left", ("a, b",), "right", ("c",)))


def test_a_passage_built_from_one_poles_phrases_sits_on_that_side(encoder):
    axis = parse_axis(SPEC)
    texts = {
        "a:0": "Police fought crime and gangs; law enforcement arrested the gang members.",
        "a:1": "The courts upheld due process and human rights for every detainee.",
    }
    vectors = dict(zip(texts, encoder.encode(list(texts.values())), strict=True))
    positions = axis_positions(axis, vectors, encoder)
    assert positions["a:0"] < 0 < positions["a:1"]
    assert all(-1.0 <= p <= 1.0 for p in positions.values())
    flipped = axis_positions(parse_axis("rights:due process,human rights,courts|security:crime,gangs,law enforcement"),
                             vectors, encoder)
    assert flipped["a:0"] == pytest.approx(-positions["a:0"], abs=1e-3)


def test_summary_gives_each_outlets_mean_median_count_and_its_extreme_passages():
    positions = {"a:0": -0.3, "a:1": -0.1, "a:2": 0.0, "a:3": 0.2, "a:4": 0.5, "b:0": 0.1}
    owner = {pid: pid.split(":")[0] for pid in positions}
    summary = axis_summary(positions, owner, extremes=2)
    assert summary["outlets"]["a"] == {"mean": 0.06, "median": 0.0, "n": 5}
    assert summary["outlets"]["b"] == {"mean": 0.1, "median": 0.1, "n": 1}
    assert [e["passage"] for e in summary["extremes"]["a"]["left"]] == ["a:0", "a:1"]
    assert [e["passage"] for e in summary["extremes"]["a"]["right"]] == ["a:4", "a:3"]
    assert summary["extremes"]["b"] == {"left": [], "right": [{"passage": "b:0", "position": 0.1}]}


def test_run_lenses_returns_every_lens_as_json(encoder):
    texts = {
        "a": ['"We will not return him," Bukele said.', "The United States sent 238 Venezuelans to the prison."],
        "b": ['"He stays here," said President Nayib Bukele.', "More than 250 Venezuelans were sent to the prison."],
    }
    articles = [Article(aid, aid.upper(), text=" ".join(ts)) for aid, ts in texts.items()]
    passages, pos = {}, 0
    for aid, ts in texts.items():
        passages[aid], pos = [], 0
        for i, t in enumerate(ts):
            passages[aid].append(Passage(f"{aid}:{i}", aid, i, t, pos, pos + len(t)))
            pos += len(t) + 1
    every = [p for ps in passages.values() for p in ps]
    vectors = dict(zip([p.id for p in every], encoder.encode([p.text for p in every]), strict=True))
    alignments = [PairScore("a:1", "b:1", 0.9, True), PairScore("a:0", "b:0", 0.7, True)]
    lenses = run_lenses(articles, passages, alignments, vectors, encoder, axes=[SPEC],
                        claims=[{"id": "c1", "passages": ["a:1", "b:1"]}])
    assert tuple(lenses) == LENSES
    assert json.loads(json.dumps(lenses)) == lenses
    assert lenses["clashes"][0]["detail"] == "238 vs More than 250"
    assert {v["voice"] for vs in lenses["voices"]["articles"].values() for v in vs} == {"Nayib Bukele"}
    assert set(lenses["tone"]["claims"]["c1"]) == {"a", "b"}
    assert lenses["axes"][0]["axis"]["spec"] == SPEC
    assert set(lenses["axes"][0]["positions"]) == set(vectors)
    assert isinstance(next(iter(vectors.values())), np.ndarray)
