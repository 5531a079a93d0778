"""The scorer's collective stage: a pair read against the event's other pairs, on events a reader can check."""

import json

import numpy as np
import pytest

from parallax.align import align_passages
from parallax.align.collective import COLLECTIVE_FEATURES, EventPairs, collective_columns
from parallax.align.pair_features import FEATURES
from parallax.align.scorer import SCORER_FILE, load_scorer
from tests.helpers import passages_of

SUPPORT, DIAGONAL = COLLECTIVE_FEATURES.index("support_max"), COLLECTIVE_FEATURES.index("diag_support")

PORT_A = [
    "The port of Vell reopened on Thursday after a week-long closure caused by the storm.",
    "Dockworkers said cargo backlogs could take a month to clear.",
    "The harbour master blamed silt for the delay.",
]
PORT_B = [
    "Ships were again allowed into Vell harbour this week once the storm damage had been repaired.",
    "The mayor praised the emergency crews.",
    "Fishing boats stayed ashore for another day.",
]
PORT_C = [
    "Vell's port opened again on Thursday, ending a seven-day shutdown after the storm.",
    "Insurers expect claims to top 40 million.",
    "Schools in the region remain closed.",
]


def _scores(encoder, articles: dict[str, list[str]]) -> dict[tuple[str, str], float]:
    passages = {aid: passages_of(aid, *texts) for aid, texts in articles.items()}
    flat = [p for ps in passages.values() for p in ps]
    vectors = dict(zip([p.id for p in flat], encoder.encode([p.text for p in flat]), strict=True))
    return {(s.a, s.b): s.score for s in align_passages(passages, vectors, 0.5)}


def test_a_third_outlet_reporting_the_same_fact_raises_the_pairs_match(encoder):
    alone = _scores(encoder, {"a": PORT_A, "b": PORT_B})
    with_third = _scores(encoder, {"a": PORT_A, "b": PORT_B, "c": PORT_C})
    assert with_third["a:0", "c:0"] > 0.5 and with_third["b:0", "c:0"] > 0.5, "the third outlet matches both"
    assert with_third["a:0", "b:0"] > alone["a:0", "b:0"], "support from the third raises what two alone give"


# Three articles of two passages each: rows 0-1 are article 0, rows 2-3 article 1, rows 4-5 article 2.
OWNER = np.array([0, 0, 1, 1, 2, 2])


def test_support_is_the_weaker_link_through_the_best_passage_of_a_third_article():
    pairs = EventPairs(np.array([0, 0, 2, 0, 2]), np.array([2, 4, 4, 5, 5]), OWNER)
    columns = collective_columns(pairs, np.array([0.3, 0.9, 0.6, 0.8, 0.1]))
    # Pair (0, 2): through row 4, min(0.9, 0.6) = 0.6; through row 5, min(0.8, 0.1) = 0.1.
    assert columns[0, SUPPORT] == pytest.approx(0.6)
    # Pair (0, 4): the only third-article partners, rows 2 and 3, give min(0.3, 0.6) and nothing.
    assert columns[1, SUPPORT] == pytest.approx(0.3)


def test_without_a_third_article_there_is_no_support():
    owner = np.array([0, 0, 0, 1, 1, 1])
    pairs = EventPairs(np.array([0, 0, 1, 1, 2, 2]), np.array([3, 4, 3, 4, 4, 5]), owner)
    columns = collective_columns(pairs, np.array([0.9, 0.8, 0.7, 0.95, 0.6, 0.5]))
    assert not columns[:, SUPPORT].any()
    assert columns.shape == (6, len(COLLECTIVE_FEATURES))


def test_neighbours_that_match_support_a_pair():
    # Rows 0-2 article 0, rows 3-5 article 1: (0, 3) and (2, 5) match, so (1, 4) between them is supported.
    owner = np.array([0, 0, 0, 1, 1, 1])
    pairs = EventPairs(np.array([0, 1, 2, 0]), np.array([3, 4, 5, 5]), owner)
    columns = collective_columns(pairs, np.array([0.7, 0.2, 0.9, 0.4]))
    assert columns[1, DIAGONAL] == pytest.approx(0.9)
    assert columns[0, DIAGONAL] == pytest.approx(0.2), "only the next pair: row 0 has no previous passage"
    assert columns[3, DIAGONAL] == 0.0, "(0, 5) has no pair in step: row 0 has no previous passage, row 5 no next"


def test_the_columns_do_not_depend_on_the_order_of_the_pairs():
    rng = np.random.default_rng(3)
    owner = np.repeat(np.arange(4), 5)
    i, j = np.nonzero(owner[:, None] < owner[None, :])
    p = rng.random(len(i))
    columns = collective_columns(EventPairs(i, j, owner), p)
    order = rng.permutation(len(i))
    swap = rng.random(len(i)) < 0.5
    shuffled = EventPairs(np.where(swap, j, i)[order], np.where(swap, i, j)[order], owner)
    assert np.array_equal(collective_columns(shuffled, p[order]), columns[order])
    assert columns[:, SUPPORT].any() and columns[:, DIAGONAL].any()


def test_the_score_does_not_depend_on_the_order_of_the_pairs():
    scorer = load_scorer()
    rng = np.random.default_rng(5)
    owner = np.repeat(np.arange(3), 4)
    i, j = np.nonzero(owner[:, None] < owner[None, :])
    rows = rng.normal(0.2, 0.2, (len(i), len(FEATURES)))
    score = scorer.score(rows, pairs=EventPairs(i, j, owner)).score
    order = rng.permutation(len(i))
    shuffled = scorer.score(rows[order], pairs=EventPairs(j[order], i[order], owner)).score
    assert np.array_equal(shuffled, score[order])


def test_a_scorer_file_without_the_collective_stage_still_scores_by_match_alone(tmp_path):
    data = json.loads(SCORER_FILE.read_text(encoding="utf-8"))
    data.pop("collective")
    old = tmp_path / "scorer.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    scorer = load_scorer(old)
    rows = np.random.default_rng(1).normal(0.2, 0.2, (5, len(FEATURES)))
    assert scorer.collective is None
    assert np.array_equal(scorer.score(rows).score, scorer.models["match"].probability(rows))


def test_the_collective_stage_needs_to_know_where_the_pairs_sit():
    with pytest.raises(ValueError, match="pairs"):
        load_scorer().score(np.zeros((1, len(FEATURES))))


def test_two_outlets_are_matched_by_the_first_stage_at_its_own_cut():
    scorer = load_scorer()
    owner = np.repeat(np.arange(2), 5)
    i, j = np.nonzero(owner[:, None] < owner[None, :])
    rows = np.random.default_rng(7).normal(0.3, 0.3, (len(i), len(FEATURES)))
    scored = scorer.score(rows, pairs=EventPairs(i, j, owner))
    first = scorer.models["match"].probability(rows)
    assert np.array_equal(scored.match, first >= scorer.first_stage_cut), "no third outlet, no missing support"
    assert np.all(np.diff(scored.score[np.argsort(first)]) >= 0), "the first stage's order is kept"
