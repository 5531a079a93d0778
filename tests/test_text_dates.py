"""Dates read from tokens: normalised keys and the parts two dates compare on."""

import pytest

from parallax.text.dates import key_parts, read_date
from parallax.text.tokens import Token


def _tokens(*words: str) -> list[Token]:
    toks, at = [], 0
    for word in words:
        glued = word in (",", "-", ".")
        at += 0 if glued else 1
        toks.append(Token(word, word.lower(), at, at + len(word), glued))
        at += len(word)
    return toks


@pytest.mark.parametrize(
    ("words", "key"),
    [
        (("April", "10"), "--04-10"),
        (("10", "April", "2025"), "2025-04-10"),
        (("March", "2022"), "2022-03"),
        (("Monday",), "monday"),
    ],
)
def test_a_date_starting_at_a_token_gets_its_key(words, key):
    found = read_date(_tokens(*words), 0)
    assert found is not None and found[0].key == key and found[1] == len(words)


def test_words_that_only_look_like_dates_are_not_dates():
    assert read_date(_tokens("may", "10"), 0) is None  # lowercase "may" is a verb
    assert read_date(_tokens("February", "30", ",", "2025"), 0) is None


def test_key_parts_say_what_the_text_does_not():
    assert key_parts("2025-04-10") == (2025, 4, 10, 3)
    assert key_parts("--04-10") == (-1, 4, 10, -1)
    assert key_parts("monday") == (-1, -1, -1, 0)
