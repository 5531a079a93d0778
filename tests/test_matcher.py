"""The shipped matcher: its coefficients file, and its decisions on pairs a reader can judge."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from parallax.features import FEATURE_NAMES, event_context, passage_signals
from parallax.matcher import COEFFICIENTS_FILE, load_matcher, match_pairs, score_pairs
from tests.helpers import RURITANIA_A, RURITANIA_B

ROOT = Path(__file__).resolve().parents[1]

SAME_FACT = [
    (
        "El Salvador agreed to hold more than 200 Venezuelans deported by the United States in its CECOT prison.",
        "The Trump administration sent 238 Venezuelan men to the CECOT prison in El Salvador last month.",
    ),
    (
        "The Supreme Court ruled on April 10 that the administration must facilitate Abrego Garcia's return.",
        "On 10 April, the justices said the government had to 'facilitate' the return of Kilmar Abrego Garcia.",
    ),
    (
        "Bukele said he would not return Abrego Garcia to the United States.",
        "Salvadoran President Nayib Bukele told reporters he would not send Abrego Garcia back to the U.S.",
    ),
    (
        "The United States is paying El Salvador about $6 million to detain the deportees.",
        "Washington agreed to pay El Salvador roughly $6 million for holding the prisoners.",
    ),
    (
        "Trump hosted Bukele in the Oval Office on Monday.",
        "President Donald Trump welcomed Nayib Bukele to the White House on Monday.",
    ),
]
SAME_TOPIC_OTHER_FACT = [
    (
        "The CECOT prison has a capacity of 40,000 inmates.",
        "The United States is paying El Salvador about $6 million to detain the deportees.",
    ),
    (
        "Rights groups have criticised the lack of due process for the deported men.",
        "Trump hosted Bukele in the Oval Office on Monday.",
    ),
    (
        "Trump said he would like to send homegrown criminals to El Salvador.",
        "Bukele said he would not return Abrego Garcia to the United States.",
    ),
]
UNRELATED = [
    ("The city council approved a new budget for public parks.", "Bukele said he would not return Abrego Garcia."),
    ("Heavy rain flooded several streets in Madrid on Tuesday.", "Trump hosted Bukele in the Oval Office on Monday."),
]


def test_coefficients_file_is_plain_json_with_provenance():
    data = json.loads(COEFFICIENTS_FILE.read_text(encoding="utf-8"))
    assert data["feature_names"] == list(FEATURE_NAMES)
    for key in ("mean", "scale", "coefficients"):
        assert len(data[key]) == len(FEATURE_NAMES) and all(isinstance(v, float) for v in data[key])
    assert 0 < data["threshold"] < 1
    provenance = data["provenance"]
    assert provenance["data"] == "ecbplus-dev.jsonl" and provenance["script"] == "bench/train_matcher.py"
    assert provenance["topics"] and provenance["trained"] and provenance["fitted_on"]
    held_out = provenance["held_out"]
    first_set = next(iter(held_out["matcher"].keys() - {"threshold"}))
    assert held_out["matcher"][first_set]["f1"] > held_out["cosine"][first_set]["f1"]
    assert (ROOT / provenance["script"]).is_file()


def test_scoring_needs_neither_sklearn_nor_a_pickle():
    code = "import sys, parallax.matcher as m; m.load_matcher(); print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_scores_are_probabilities_that_rise_with_the_evidence():
    matcher = load_matcher()
    weak = dict.fromkeys(FEATURE_NAMES, 0.0) | {"cosine": 0.2, "length_ratio": 0.5, "entity_disjoint": 1.0}
    weak |= {"cosine_z": -0.3}
    strong = weak | {"cosine": 0.8, "word_jaccard": 0.5, "word_overlap": 0.7, "entity_overlap": 1.0}
    strong |= {"entity_disjoint": 0.0, "figures_agree": 1.0, "word_tfidf": 0.6, "rare_shared_entity": 0.8}
    strong |= {"cosine_z": 3.0}
    rows = np.array([[row[name] for name in FEATURE_NAMES] for row in (weak, strong)])
    low, high = matcher.score(rows)
    assert 0 < low < matcher.threshold < high < 1
    clashing = rows[1].copy()
    clashing[FEATURE_NAMES.index("figures_clash")] = 1.0
    assert matcher.score(clashing) < high


def test_a_coefficients_file_for_other_features_is_refused(tmp_path):
    data = json.loads(COEFFICIENTS_FILE.read_text(encoding="utf-8"))
    data["feature_names"] = data["feature_names"][:-1] + ["something_else"]
    bad = tmp_path / "coefficients.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="coefficients.json"):
        load_matcher(bad)


def test_same_fact_pairs_match_and_other_pairs_do_not(encoder):
    pairs = SAME_FACT + SAME_TOPIC_OTHER_FACT + UNRELATED
    decisions = [match for _, match in match_pairs(pairs, encoder)]
    assert decisions == [True] * len(SAME_FACT) + [False] * (len(SAME_TOPIC_OTHER_FACT) + len(UNRELATED))


@pytest.mark.parametrize(
    ("anchor", "same", "other"),
    [
        (SAME_FACT[2][0], SAME_FACT[2][1], "Bukele has ruled El Salvador under a state of exception since March 2022."),
        (SAME_FACT[1][0], SAME_FACT[1][1], "Abrego Garcia was deported in March despite a 2019 court order."),
    ],
)
def test_the_same_fact_outscores_another_fact_about_the_same_people(encoder, anchor, same, other):
    (same_score, _), (other_score, _) = match_pairs([(anchor, same), (anchor, other)], encoder)
    assert same_score > other_score + 0.2


def test_all_pairs_scoring_gives_the_same_decisions_as_single_pairs(encoder):
    texts_a = [a for a, _ in SAME_FACT[:3]]
    texts_b = [b for _, b in SAME_FACT[:3]] + [UNRELATED[0][0]]
    va, vb = encoder.encode(texts_a), encoder.encode(texts_b)
    vectors = np.vstack([va, vb])
    context = event_context([passage_signals(t) for t in texts_a + texts_b], vectors)
    signals_a, signals_b = [passage_signals(t) for t in texts_a], [passage_signals(t) for t in texts_b]
    matrix = score_pairs(signals_a, signals_b, va @ vb.T, context=context)
    assert matrix.shape == (3, 4)
    assert list(matrix.argmax(axis=1)) == [0, 1, 2]
    # match_pairs reads every text of the pairs file as the event, as the alignment reads every passage.
    single = match_pairs([(a, b) for a in texts_a for b in texts_b], encoder)
    np.testing.assert_allclose(matrix.ravel(), [score for score, _ in single], atol=1e-5)
    assert load_matcher().scorer(texts_a + texts_b, vectors)(texts_a, texts_b, va @ vb.T) == pytest.approx(matrix)
    two_articles = load_matcher().score_matrix(texts_a, texts_b, va @ vb.T)
    assert two_articles.shape == (3, 4) and list(two_articles.argmax(axis=1)) == [0, 1, 2]


EVENT_A, EVENT_B = RURITANIA_A, RURITANIA_B


def test_in_an_event_where_every_passage_names_the_same_leader_only_the_same_fact_matches(encoder):
    texts = EVENT_A + EVENT_B
    vectors = encoder.encode(texts)
    va, vb = vectors[: len(EVENT_A)], vectors[len(EVENT_A) :]
    matcher = load_matcher()
    scores = matcher.scorer(texts, vectors)(EVENT_A, EVENT_B, va @ vb.T)
    matches = {(int(i), int(j)) for i, j in zip(*np.nonzero(scores >= matcher.threshold), strict=True)}
    assert matches == {(0, 0), (1, 1), (2, 2)}
    # The short quote shares every name it has with the sanctions passage, and still does not match.
    assert scores[4, 4] < matcher.threshold


def test_an_explicit_threshold_decides(encoder):
    pair = [SAME_FACT[0]]
    ((score, _),) = match_pairs(pair, encoder)
    assert match_pairs(pair, encoder, threshold=score + 0.01)[0][1] is False
    assert match_pairs(pair, encoder, threshold=score)[0][1] is True
    assert match_pairs([], encoder) == []
