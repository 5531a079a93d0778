"""The shipped pair scorer: its file, and its decisions and grades on pairs a reader can judge."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from parallax.align import align_passages, match_pairs
from parallax.align.collective import COLLECTIVE_FEATURES
from parallax.align.pair_features import CONTEXT_FEATURES, FEATURES
from parallax.align.scorer import SCORER_FILE, STAGE_TWO_FEATURES, load_scorer
from parallax.gold import MATCH_GRADES, gold_pairs, load_gold
from tests.helpers import RURITANIA_A, RURITANIA_B, passages_of

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


def test_the_scorer_file_is_plain_json_with_provenance():
    data = json.loads(SCORER_FILE.read_text(encoding="utf-8"))
    for group in ("models", "pair_only"):
        for name in ("match", "same", "related"):
            model = data[group][name]
            assert set(model["features"]) <= set(FEATURES)
            for key in ("mean", "scale", "coefficients"):
                assert len(model[key]) == len(model["features"]) and all(isinstance(v, float) for v in model[key])
    assert not set(data["pair_only"]["match"]["features"]) & set(CONTEXT_FEATURES)
    stage_two = data["collective"]["features"]
    assert set(COLLECTIVE_FEATURES) <= set(stage_two) <= set(STAGE_TWO_FEATURES), "the second stage reads the others"
    assert data["threshold"] == 0.5
    provenance = data["provenance"]
    assert provenance["script"] == "bench/train_scorer.py" and (ROOT / provenance["script"]).is_file()
    assert provenance["data"] and all((ROOT / d).is_file() for d in provenance["data"])
    assert "bench/dense/bukele-sample.json" not in provenance["data"], "the sample event is never trained on"
    held_out = {p.name for p in (ROOT / "bench" / "dense" / "held-out").glob("*.json")}
    fitted_on = {Path(d).name for d in provenance["data"]}
    assert held_out and not held_out & fitted_on, "the held-out events are only ever measured"
    assert provenance["collective"]["features"] == list(COLLECTIVE_FEATURES)


def test_scoring_needs_neither_sklearn_nor_a_pickle():
    code = "import sys, parallax.align.scorer as s; s.load_scorer(); print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_scorer_file_for_other_features_is_refused(tmp_path):
    data = json.loads(SCORER_FILE.read_text(encoding="utf-8"))
    data["models"]["match"]["features"][0] = "something_else"
    bad = tmp_path / "scorer.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="scorer.json"):
        load_scorer(bad)


def test_same_fact_pairs_match_and_other_pairs_do_not(encoder):
    pairs = SAME_FACT + SAME_TOPIC_OTHER_FACT + UNRELATED
    decisions = [match for _, match, _ in match_pairs(pairs, encoder)]
    assert decisions == [True] * len(SAME_FACT) + [False] * (len(SAME_TOPIC_OTHER_FACT) + len(UNRELATED))


GRADED = [
    ("The Senate passed the bill 61-39.", "Lawmakers approved the measure by 61 votes to 39.", "same"),
    ("The storm killed 12 people.", "The storm, which killed 12, left 40,000 homes without power.", "overlap"),
    ("The storm closed 30 schools.", "Schools will reopen on Monday.", "related"),
    ("The city council approved a new budget for public parks.", "Bukele said he would not return Abrego Garcia.",
     "unrelated"),
]


def test_grades_say_how_two_passages_relate(encoder):
    found = match_pairs([(a, b) for a, b, _ in GRADED], encoder)
    assert [match for _, match, _ in found] == [True, True, False, False]
    assert [grade for _, _, grade in found][1:] == ["overlap", "related", "unrelated"]
    assert found[0][2] in MATCH_GRADES


@pytest.mark.parametrize(
    ("anchor", "same", "other"),
    [
        (SAME_FACT[2][0], SAME_FACT[2][1], "Bukele has ruled El Salvador under a state of exception since March 2022."),
        (SAME_FACT[1][0], SAME_FACT[1][1], "Abrego Garcia was deported in March despite a 2019 court order."),
    ],
)
def test_the_same_fact_outscores_another_fact_about_the_same_people(encoder, anchor, same, other):
    (same_score, _, _), (other_score, _, _) = match_pairs([(anchor, same), (anchor, other)], encoder)
    assert same_score > other_score + 0.2


def test_in_an_event_where_every_passage_names_the_same_leader_only_the_same_fact_matches(encoder):
    passages = {"a": passages_of("a", *RURITANIA_A), "b": passages_of("b", *RURITANIA_B)}
    flat = [p for ps in passages.values() for p in ps]
    vectors = dict(zip([p.id for p in flat], encoder.encode([p.text for p in flat]), strict=True))
    matched = {(s.a, s.b) for s in align_passages(passages, vectors, 0.5) if s.match}
    assert matched == {("a:0", "b:0"), ("a:1", "b:1"), ("a:2", "b:2")}


def test_an_explicit_threshold_decides(encoder):
    pair = [SAME_FACT[0]]
    ((score, _, _),) = match_pairs(pair, encoder)
    assert match_pairs(pair, encoder, threshold=score + 0.01)[0][1] is False
    assert match_pairs(pair, encoder, threshold=score)[0][1] is True
    assert match_pairs([], encoder) == []


def test_on_a_slice_of_a_labelled_event_most_matches_are_right(encoder):
    """Two outlets of the storm event (never trained on together with this check's figures in mind)."""
    gold = load_gold(ROOT / "bench" / "dense" / "coastal-storm.json")
    kept = [p for p in gold.passages if p.article in ("a", "b")]
    passages = {aid: passages_of(aid, *[p.text for p in kept if p.article == aid]) for aid in ("a", "b")}
    flat = [p for ps in passages.values() for p in ps]
    vectors = dict(zip([p.id for p in flat], encoder.encode([p.text for p in flat]), strict=True))
    found = {(s.a, s.b) for s in align_passages(passages, vectors, 0.5) if s.match}
    truth = {(x.id, y.id) for x, y, grade in gold_pairs(gold)
             if grade in MATCH_GRADES and {x.article, y.article} == {"a", "b"}}
    right = len(found & truth)
    assert right / len(found) >= 0.75 and right / len(truth) >= 0.6, (len(found), len(truth), right)


# Candidates, features and scores (both stages), unrounded, for 1,500 passages of 30 articles with random unit vectors.
ALIGN_RANDOM_EVENT = """
import json
import numpy as np
from parallax.align import event_features
from parallax.align.scorer import load_scorer
from parallax.model import Passage

rng = np.random.default_rng(7)
base = rng.standard_normal((300, 384)).astype(np.float32)
rows = base[rng.integers(0, 300, 1500)] + 0.6 * rng.standard_normal((1500, 384)).astype(np.float32)
rows /= np.linalg.norm(rows, axis=1, keepdims=True)
passages = {f"a{k}": [Passage(f"a{k}:{i}", f"a{k}", i, f"Passage {i} of outlet {k} on the port.", 0, 30)
                      for i in range(50)] for k in range(30)}
flat = [q for ps in passages.values() for q in ps]
found = event_features([q.text for q in flat], np.repeat(np.arange(30), 50), rows)
scored = load_scorer().score(found.features, 0.5, pairs=found.pairs)
print(json.dumps({"pairs": np.stack([found.candidates.i, found.candidates.j]).tolist(),
                  "features": found.features.tolist(), "scores": np.asarray(scored.score).tolist(),
                  "grades": list(scored.grade)}))
"""


def test_alignment_does_not_depend_on_the_number_of_threads():
    """A Ray worker runs numeric libraries on one thread, this machine on several: same scores, same grades."""
    outputs = []
    for threads in ("1", "2"):
        env = {k: v for k, v in __import__("os").environ.items() if not k.endswith("_NUM_THREADS")}
        env.update(OMP_NUM_THREADS=threads, OPENBLAS_NUM_THREADS=threads, MKL_NUM_THREADS=threads)
        done = subprocess.run([sys.executable, "-c", ALIGN_RANDOM_EVENT], env=env, capture_output=True, text=True,
                              cwd=Path(__file__).parents[1], timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        outputs.append(json.loads(done.stdout))
    assert len(outputs[0]["pairs"][0]) > 1000
    for part in ("pairs", "features", "scores", "grades"):
        assert outputs[0][part] == outputs[1][part], f"the {part} differ with the thread count"
