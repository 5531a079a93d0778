"""Pair features: overlap of words and names, figures that agree or clash, and the all-pairs matrix."""

import time

import numpy as np
import pytest

from parallax.features import (
    FEATURE_NAMES,
    agreement_matrix,
    content_words,
    event_context,
    feature_matrix,
    features_for_pairs,
    idf_weight,
    pair_features,
    passage_signals,
)
from parallax.numbers import extract_quantities, quantities_agree
from tests.helpers import RURITANIA_A, RURITANIA_B

SENT = "El Salvador agreed to hold 238 Venezuelan men deported by the United States in March."
PARAPHRASE = "In March the United States deported 238 Venezuelan men, whom El Salvador agreed to hold."
CLASHING = "El Salvador agreed to hold more than 250 Venezuelan men deported by the United States in April."
UNRELATED = "Heavy rain flooded several streets of Madrid on Tuesday."


# The mini event's first five passages a side: every passage names Ruritania and its prime minister.
EVENT_A, EVENT_B = RURITANIA_A[:5], RURITANIA_B[:5]


def features(a: str, b: str, cosine: float = 0.5, context=None) -> dict[str, float]:
    return dict(zip(FEATURE_NAMES, pair_features(a, b, cosine, context), strict=True))


def event_features(a: str, b: str) -> dict[str, float]:
    """Features of a pair read against the whole mini event."""
    return features(a, b, context=event_context([passage_signals(t) for t in EVENT_A + EVENT_B]))


def test_content_words_drop_stop_words_and_meet_across_inflections():
    assert content_words("The deported men were deporting") == content_words("men deport deports")
    assert "the" not in content_words("The fire spread") and "fire" in content_words("The fire spread")


def test_a_paraphrase_with_the_same_figures_overlaps_and_agrees():
    same, other = features(SENT, PARAPHRASE), features(SENT, UNRELATED)
    assert same["word_jaccard"] > other["word_jaccard"] and same["word_overlap"] > 0.8
    assert same["entity_overlap"] == 1.0 and same["entity_disjoint"] == 0.0
    assert same["figures_agree"] == 1.0 and same["dates_agree"] == 1.0
    assert same["figures_clash"] == 0.0 and same["dates_clash"] == 0.0


def test_clashing_figures_and_dates_are_counted():
    clash = features(SENT, CLASHING)
    assert clash["figures_clash"] == 1.0 and clash["figures_agree"] == 0.0
    assert clash["dates_clash"] == 1.0


def test_passages_naming_different_people_are_flagged():
    f = features("Bukele met Trump in Washington.", "Maduro spoke in Caracas.")
    assert f["entity_disjoint"] == 1.0 and f["entity_overlap"] == 0.0 and f["entity_missing"] == 0.0
    assert features("Bukele met Trump.", "It rained all day.")["entity_missing"] == 1.0


def test_length_ratio_is_shorter_over_longer():
    assert features("one two three four", "one two three four five six seven eight")["length_ratio"] == 0.5


def test_the_cosine_is_passed_through():
    assert features(SENT, PARAPHRASE, cosine=0.83)["cosine"] == pytest.approx(0.83)


def test_all_pairs_of_two_articles_match_pair_by_pair_features():
    texts_a, texts_b = [SENT, UNRELATED, "No figures here."], [PARAPHRASE, CLASHING]
    cos = np.array([[0.9, 0.8], [0.1, 0.2], [0.3, 0.4]])
    matrix = features_for_pairs(texts_a, texts_b, cos)
    assert matrix.shape == (3, 2, len(FEATURE_NAMES))
    context = event_context([passage_signals(t) for t in texts_a + texts_b])
    z = FEATURE_NAMES.index("cosine_z")
    for i, a in enumerate(texts_a):
        for j, b in enumerate(texts_b):
            single = pair_features(a, b, cos[i, j], context)
            np.testing.assert_allclose(np.delete(matrix[i, j], z), np.delete(single, z))


def test_a_word_every_passage_uses_weighs_less_than_a_rare_one():
    n = len(EVENT_A + EVENT_B)
    assert idf_weight(n, n) < idf_weight(2, n)
    common = event_features("Kovac spoke.", "Kovac listened.")  # shares the name in every passage
    rare = event_features("The Danube rose.", "The Danube fell.")  # shares a word two passages use
    assert rare["word_tfidf"] > common["word_tfidf"] and rare["word_jaccard"] == common["word_jaccard"]
    assert rare["rare_shared_entity"] > common["rare_shared_entity"] > 0


def test_sharing_only_the_event_s_common_names_says_little_and_a_paraphrase_says_a_lot():
    paraphrase = event_features(EVENT_A[1], EVENT_B[1])
    common_names = event_features(EVENT_A[4], EVENT_B[4])
    alone = features(EVENT_A[4], EVENT_B[4])  # frequencies from the two passages only
    # All the short passage's words are in the other one, and so are all its names.
    assert alone["word_overlap"] == 1.0 and alone["entity_overlap"] == 1.0
    assert common_names["word_tfidf"] < alone["word_tfidf"] - 0.1
    assert paraphrase["word_tfidf"] >= features(EVENT_A[1], EVENT_B[1])["word_tfidf"]
    assert common_names["word_tfidf"] < 0.6 * paraphrase["word_tfidf"]
    assert common_names["rare_shared_entity"] < 0.5 * paraphrase["rare_shared_entity"]


def test_the_cosine_is_read_against_the_event_s_usual_cosine():
    signals = [passage_signals(t) for t in EVENT_A[:3]]
    vectors = np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]])  # pairwise cosines 0.6, 0.0, 0.8
    context = event_context(signals, vectors)
    assert context.cosine_mean == pytest.approx(1.4 / 3)
    high, usual = (features(EVENT_A[0], EVENT_B[0], c, context)["cosine_z"] for c in (0.9, 1.4 / 3))
    assert high > 1.0 and usual == pytest.approx(0.0)


def test_an_article_without_passages_gives_an_empty_matrix():
    assert features_for_pairs([], [SENT], np.zeros((0, 1))).shape == (0, 1, len(FEATURE_NAMES))


def test_six_articles_of_forty_passages_are_featured_well_under_a_second():
    rng = np.random.default_rng(0)
    articles = [
        [
            f"On April {rng.integers(1, 29)}, Senator Smith {i} said {rng.integers(10, 900)} people were moved "
            f"to the prison in Tecoluca for about ${rng.integers(1, 9)} million, up {rng.integers(1, 50)}% since 2019."
            for i in range(40)
        ]
        for _ in range(6)
    ]

    def run() -> float:
        started = time.perf_counter()
        signals = [[passage_signals(t) for t in article] for article in articles]
        for i in range(6):
            for j in range(i + 1, 6):
                feature_matrix(signals[i], signals[j], rng.uniform(-0.1, 0.9, (40, 40)))
        return time.perf_counter() - started

    assert min(run() for _ in range(3)) < 1.0  # best of three: a busy machine should not fail it


def test_each_agreeing_figure_counts():
    f = features("238 men were flown out for $6 million.", "The $6 million deal covered 238 men.")
    assert f["figures_agree"] == 2.0 and f["figures_clash"] == 0.0


def test_the_batch_comparison_gives_the_same_verdicts_as_quantities_agree():
    text = (
        "238 men; more than 250 men; two hundred thirty-eight men; about $6 million; $6.5 million; $7 million; "
        "nearly 250 men; between 200 and 300 people; fewer than 100 people; 10%; 12 percent; 10 villages; "
        "on April 10; on 10 April 2025; on April 14; since March 2022; in March; on Monday; on Tuesday; "
        "in 2019; in 2020; 40,000 inmates; 40000 inmates; at least 40,000; up to 6 million; 6m"
    )
    found = extract_quantities(text)
    assert len(found) > 20
    code = {True: 1, False: 0, None: -1}
    for units in (True, False):
        expected = [[code[quantities_agree(a, b, units=units)] for b in found] for a in found]
        np.testing.assert_array_equal(agreement_matrix(found, found, units=units), expected)
