"""Words lens: distinctive terms by weighted log-odds with an informative Dirichlet prior."""

from __future__ import annotations

import pytest

from parallax.lenses.words import CLEAR_Z, charged_spans, distinctive_terms, term_counts, words_lens
from parallax.model import Passage

SHARED = [
    "President Bukele met President Trump at the White House on Monday.",
    "The leaders discussed the prison, the deportation flights and the agreement.",
    "Bukele said he would not return the man to the United States.",
]
TEXTS = {
    "hawk": SHARED + [
        "The thugs were sent to the prison.",
        "Officials said the thugs belonged to violent gangs.",
        "Many thugs remain locked up, officials said.",
    ],
    "dove": SHARED + [
        "The migrants were sent to the prison.",
        "Lawyers said the migrants were denied due process.",
        "Families of the migrants want due process for every detainee.",
    ],
    "wire": SHARED + [
        "The men were sent to the prison.",
        "Officials said the men belonged to violent gangs.",
        "Lawyers for the men said they were denied a hearing.",
    ],
}
LOW = 1.0
"""A threshold under the lens's own, so the three short texts above have terms to rank."""
# The hawk keeps repeating one word, fills its copy with general words and a month, and names itself.
LOUD_HAWK = TEXTS["hawk"] + [
    "The thugs ran the streets far too long, and little was done to make them stop in April.",
    "Thugs, thugs and more thugs filled the prison on Monday.",
    "Harbour Herald counted the thugs.",
    "Harbour Herald says the thugs were violent.",
]


def test_a_term_only_one_outlet_uses_tops_its_list():
    terms = distinctive_terms(TEXTS, min_z=LOW)
    top = terms["hawk"][0]
    assert (top.term, top.count, top.others) == ("thugs", 3, 0)
    assert top.z > 0
    assert "thugs" not in {t.term for t in terms["dove"] + terms["wire"]}


def test_terms_every_outlet_uses_alike_are_not_distinctive():
    terms = distinctive_terms(TEXTS, min_z=LOW)
    for article in TEXTS:
        listed = {t.term for t in terms[article]}
        assert not listed & {"bukele", "trump", "white house", "prison", "deportation flights"}


def test_two_word_phrase_is_listed_once_instead_of_its_words_and_stop_words_never_are():
    dove = {t.term: t for t in distinctive_terms(TEXTS, min_z=LOW)["dove"]}
    assert dove["due process"].ngram == 2 and dove["due process"].count == 2
    assert "due" not in dove and "process" not in dove
    assert dove["migrants"].count == 3
    everything = {t.term for ts in distinctive_terms(TEXTS, min_z=LOW).values() for t in ts}
    assert not everything & {"the", "were", "said", "of the", "to the"}


def test_terms_drop_stop_words_and_possessives_and_bigrams_stop_at_punctuation():
    unigrams, bigrams = term_counts(["Bukele’s mega-prison, CECOT.", "He did not return him."])
    assert unigrams == {"bukele": 1, "mega-prison": 1, "cecot": 1, "return": 1}
    assert set(bigrams) == {"bukele mega-prison", "not return"}


def test_a_single_article_has_nothing_to_stand_out_from_and_prior_must_be_positive():
    assert distinctive_terms({"only": ["Thugs and more thugs."]}) == {"only": []}
    with pytest.raises(ValueError, match="prior_scale"):
        distinctive_terms(TEXTS, prior_scale=0)


def test_lens_lists_terms_per_article_as_plain_data():
    passages = {a: [Passage(f"{a}:{i}", a, i, t, 0, len(t)) for i, t in enumerate(ts)] for a, ts in TEXTS.items()}
    lens = words_lens(passages, top=3, min_z=LOW)
    assert set(lens["terms"]) == set(TEXTS)
    assert all(len(ts) <= 3 for ts in lens["terms"].values())
    assert lens["terms"]["hawk"][0] == {
        "term": "thugs", "ngram": 1, "z": lens["terms"]["hawk"][0]["z"],
        "delta": lens["terms"]["hawk"][0]["delta"], "count": 3, "others": 0,
    }


def test_only_terms_at_the_clear_threshold_are_listed_by_default():
    texts = {**TEXTS, "hawk": LOUD_HAWK}
    every = distinctive_terms(texts, min_z=0.0)
    assert any(t.z < CLEAR_Z for ts in every.values() for t in ts), "weaker leanings exist"
    clear = distinctive_terms(texts)
    assert [t.term for t in clear["hawk"]] == ["thugs"] and clear["hawk"][0].z >= CLEAR_Z
    assert clear["dove"] == clear["wire"] == [], "three uses in a few sentences is no clear preference"


def test_general_words_months_weekdays_and_the_outlets_own_names_are_never_terms():
    passages = {
        a: [Passage(f"{a}:{i}", a, i, t, 0, len(t)) for i, t in enumerate(LOUD_HAWK if a == "hawk" else ts)]
        for a, ts in TEXTS.items()
    }
    listed = {t["term"] for ts in words_lens(passages, min_z=0.0, outlets=["Harbour Herald"])["terms"].values()
              for t in ts}
    assert "thugs" in listed and "streets" in listed
    assert not listed & {"far", "little", "long", "make", "april", "monday", "harbour", "herald", "harbour herald"}
    unnamed = {t["term"] for t in words_lens(passages, min_z=0.0)["terms"]["hawk"]}
    assert "harbour herald" in unnamed, "without the outlet's name, its dateline reads as its word"


def test_charged_spans_find_whole_words_case_insensitively_longest_first():
    text = "Due process was denied; the thugs' lawyers processed appeals. THUGS, they said, have no due process."
    spans = charged_spans(text, ["thugs", "due process", "process"])
    assert [(text[s:e], t) for s, e, t in spans] == [
        ("Due process", "due process"),
        ("thugs", "thugs"),
        ("THUGS", "thugs"),
        ("due process", "due process"),
    ]
    assert charged_spans("Bukele’s prison", ["bukele"]) == [(0, 6, "bukele")]
    assert charged_spans("anything", []) == []
