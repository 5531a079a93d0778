"""Words of a text: how many there are, its content words and its runs of words."""

from parallax.text.tokens import content_words, stem, word_count, word_runs
from parallax.text.wordlists import REPORTING_VERBS, STOP_WORDS


def test_word_count_counts_words_not_punctuation():
    assert word_count("The U.S. paid $6 million — about 40,000 dollars a head.") == 10
    assert word_count("He said — yes") == 3
    assert word_count("  ") == 0


def test_content_words_drop_stop_and_reporting_words_and_meet_across_inflections():
    assert content_words("The deported men were deporting") == content_words("men deport deports")
    assert "the" not in content_words("The fire spread") and "fire" in content_words("The fire spread")
    assert content_words("Kovac said it, she told reporters") == content_words("Kovac it, reporters")


def test_content_words_take_another_stop_list():
    assert "said" not in content_words("Kovac said 238")
    assert content_words("Kovac said 238", stop=STOP_WORDS - REPORTING_VERBS) == {"kovac", "said", "238"}


def test_stem_meets_inflections_and_keeps_short_words():
    assert stem("deported") == stem("deports") == stem("deporting") == "deport"
    assert stem("rulings") == stem("ruling")
    assert stem("bus") == "bus" and stem("crisis") == "crisis"


def test_word_runs_are_lowercase_words_without_possessives_split_at_punctuation():
    assert word_runs("Bukele’s mega-prison, CECOT.") == [["bukele", "mega-prison"], ["cecot"]]
    assert word_runs("— 238 —") == []
