"""Words and tokens of a text: how many words it has, its content words, and the token type readers share."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from parallax.text.wordlists import STOP_WORDS

__all__ = ["Token", "content_words", "lower_at", "stem", "token_at", "word_count", "word_runs"]

_CONTENT_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)*|\d+(?:[.,]\d+)*")
_LETTER_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
_RUN_BREAK = re.compile(r"[^\w\s'’-]+")


@dataclass(frozen=True)
class Token:
    """One token of a text: as written, lowercased, its character span, and whether it touches the previous one."""

    text: str
    low: str
    start: int
    end: int
    glued: bool


def token_at(toks: list[Token], i: int) -> Token | None:
    """The token at index i, or None past either end."""
    return toks[i] if 0 <= i < len(toks) else None


def lower_at(toks: list[Token], i: int) -> str:
    """The lowercased token at index i, or "" past either end."""
    tok = token_at(toks, i)
    return tok.low if tok else ""


def word_count(text: str) -> int:
    """Number of words in `text`: white-space separated tokens holding a letter or digit ("—" is none)."""
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def word_runs(text: str) -> list[list[str]]:
    """Lowercased words of letters in `text` (possessive 's dropped), in runs that punctuation separates,
    so that two-word phrases stay inside a run."""
    runs = []
    for chunk in _RUN_BREAK.split(text.lower().replace("’", "'")):
        words = [w[:-2] if w.endswith("'s") else w for w in _LETTER_WORD.findall(chunk)]
        if words:
            runs.append(words)
    return runs


def stem(word: str) -> str:
    """A light suffix stripper, enough to meet "deported"/"deports"/"deporting" and "rulings"/"ruling"."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def content_words(text: str, stop: Collection[str] = STOP_WORDS) -> frozenset[str]:
    """Lowercased, lightly stemmed words of `text` without `stop` words (figures kept as written)."""
    found = set()
    for match in _CONTENT_WORD.finditer(text.lower()):
        word = re.sub(r"['’]s$", "", match.group()).replace(",", "")
        if word and word not in stop and (len(word) > 1 or word.isdigit()):
            found.add(stem(word) if word[0].isalpha() else word)
    return frozenset(found)
