"""What pair features read from two passages, and which pairs become candidates at all."""

import numpy as np

from parallax.align.candidates import candidate_pairs
from parallax.align.pair_features import FEATURES, event_stats, pair_features, signals_of
from parallax.align.signals import agreement_matrix, figure_agreement
from parallax.text.numbers import extract_quantities, quantities_agree
from tests.helpers import RURITANIA_A, RURITANIA_B

SENT = "El Salvador agreed to hold 238 Venezuelan men deported by the United States in March."
PARAPHRASE = "In March the United States deported 238 Venezuelan men, whom El Salvador agreed to hold."
CLASHING = "El Salvador agreed to hold more than 250 Venezuelan men deported by the United States in April."
UNRELATED = "Heavy rain flooded several streets of Madrid on Tuesday."


def features(pairs: list[tuple[str, str]], event: list[str] | None = None) -> list[dict[str, float]]:
    """Feature rows of pairs given on their own, word rarity counted over `event` (default: the pairs)."""
    from parallax.align import isolated_features

    class Fixed:
        """One vector for every text: these tests are about the words, not the cosine."""

        def encode(self, texts):
            return _unit(len(texts))

    rows = isolated_features(pairs, Fixed()) if event is None else _in_event(pairs, event)
    return [dict(zip(FEATURES, row, strict=True)) for row in rows]


def _unit(n: int) -> np.ndarray:
    return np.tile([1.0, 0.0], (n, 1)).astype(np.float32)


def _in_event(pairs: list[tuple[str, str]], event: list[str]) -> np.ndarray:
    from parallax.align.candidates import Candidates

    texts = list(dict.fromkeys([*event, *[t for p in pairs for t in p]]))
    row = {t: k for k, t in enumerate(texts)}
    i = np.array([row[a] for a, _ in pairs])
    j = np.array([row[b] for _, b in pairs])
    zeros, ones = np.zeros(len(pairs), dtype=np.int64), np.ones(len(pairs))
    candidates = Candidates(i, j, ones, zeros, zeros, ones, ones, -ones, -ones)
    signals = signals_of(texts)
    return pair_features(candidates, signals, event_stats(signals), _unit(len(texts)), np.arange(len(texts)))


def test_a_paraphrase_with_the_same_figures_shares_words_and_agreeing_figures():
    same, other, clash = features([(SENT, PARAPHRASE), (SENT, UNRELATED), (SENT, CLASHING)])
    assert same["word_cover_min"] > 0.8 and same["word_jaccard"] > other["word_jaccard"]
    assert same["figures_agree"] == 1.0 and same["dates_agree"] == 1.0 and same["figures_clash"] == 0.0
    assert clash["figures_clash"] == 1.0 and clash["figures_agree"] == 0.0
    assert other["entity_disjoint"] == 1.0


def test_each_agreeing_figure_counts():
    assert figure_agreement(extract_quantities("238 men were flown out for $6 million."),
                            extract_quantities("The $6 million deal covered 238 men.")) == (2.0, 0.0)


def test_sharing_only_the_names_every_passage_carries_says_nothing():
    event = RURITANIA_A + RURITANIA_B
    common, paraphrase = features([(RURITANIA_A[4], RURITANIA_B[4]), (RURITANIA_A[1], RURITANIA_B[1])], event)
    assert common["word_cover_max"] == 0.0, "Kovac and Ruritania are in every passage: they weigh nothing"
    assert paraphrase["word_cover_max"] > 0.3 and paraphrase["entity_rare_shared"] > common["entity_rare_shared"]


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


def test_candidates_are_each_passages_nearest_in_every_other_article_and_never_its_own():
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(30, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    owner = np.repeat([0, 1, 2], 10)
    found = candidate_pairs(owner, vectors, per_article=2, per_passage=10)
    pairs = set(zip(found.i.tolist(), found.j.tolist(), strict=True))
    assert all(owner[i] != owner[j] and i < j for i, j in pairs)
    for i in range(30):
        for other in {0, 1, 2} - {owner[i]}:
            members = np.nonzero(owner == other)[0]
            nearest = members[np.argmax(vectors[members] @ vectors[i])]
            assert (min(i, nearest), max(i, nearest)) in pairs
    np.testing.assert_allclose(found.cosine, np.einsum("ij,ij->i", vectors[found.i], vectors[found.j]), rtol=1e-5)
    best = [k for k, (i, j) in enumerate(zip(found.i, found.j, strict=True)) if found.rank_ij[k] == 0]
    assert all(found.cosine[k] >= found.best_i_in_j[k] - 1e-6 for k in best)


def test_candidates_grow_with_the_passages_not_their_square():
    rng = np.random.default_rng(1)

    def count(n: int) -> int:
        vectors = rng.normal(size=(n, 16)).astype(np.float32)
        return len(candidate_pairs(np.arange(n) % 20, vectors / np.linalg.norm(vectors, axis=1, keepdims=True)))

    small, large = count(400), count(1600)
    assert large < 4.5 * small, (small, large)
