"""Shared word lists: each says what it holds, and the matcher's stop list stays the one it was fitted on."""

from parallax.text.wordlists import (
    ENGLISH_STOP_WORDS,
    HONORIFICS,
    MONTHS,
    NUMBER_WORDS,
    REPORTING_VERBS,
    SPEECH_VERBS,
    STOP_WORDS,
    TENS_WORDS,
    TITLES,
    WEEKDAYS,
)


def test_stop_words_are_sklearns_less_news_words_plus_reporting_verbs():
    # The shipped scorer was fitted on exactly this list.
    assert len(ENGLISH_STOP_WORDS) == 318
    kept, added = ENGLISH_STOP_WORDS - STOP_WORDS, STOP_WORDS - ENGLISH_STOP_WORDS
    assert kept == {"fire", "bill", "system", "interest", "call", "found", "move", "show", "serious"}
    assert added == REPORTING_VERBS
    assert {"said", "told", "according"} <= REPORTING_VERBS


def test_speech_verbs_attribute_speech_and_titles_hold_honorifics():
    assert {"said", "told", "asked", "wrote", "quipped", "tweeted"} <= SPEECH_VERBS
    assert HONORIFICS <= TITLES and {"president", "sen", "attorney"} <= TITLES
    assert "general" not in TITLES  # "General Motors" is a name


def test_calendar_and_number_words_count_from_their_first():
    assert WEEKDAYS[0] == "monday" and len(WEEKDAYS) == 7
    assert MONTHS["january"] == MONTHS["jan"] == 1 and MONTHS["sept"] == MONTHS["september"] == 9
    assert len(set(MONTHS.values())) == 12
    assert NUMBER_WORDS[7] == "seven" and NUMBER_WORDS[19] == "nineteen"
    assert TENS_WORDS[0] == "twenty" and TENS_WORDS[-1] == "ninety"
