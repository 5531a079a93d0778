"""Figures in news text (numbers, money, percentages, years, dates) and whether two agree, for matching and clashes."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from parallax.text.dates import BEFORE_DATES, key_parts, read_date, read_year
from parallax.text.tokens import Token, lower_at, token_at
from parallax.text.wordlists import NUMBER_WORDS, STOP_WORDS, TENS_WORDS, word_set

__all__ = [
    "KINDS",
    "NEAR_QUALIFIERS",
    "Quantity",
    "counted_noun",
    "counted_noun_at",
    "date_parts",
    "extract_quantities",
    "interval",
    "quantities_agree",
    "tolerance",
]

KINDS = ("number", "money", "percent", "year", "date")

_TOKEN = re.compile(r"US\$|[ACN]\$|[$€£¥]|\d+(?:,\d{3})*(?:\.\d+)?|[A-Za-z]+|\S")

_YEAR_AFTER = BEFORE_DATES | word_set("of the year")
_COUNT_NOUNS = word_set("people men women children persons residents troops soldiers")
_ONES = {w: i for i, w in enumerate(NUMBER_WORDS)}
_TENS = {w: 10 * i for i, w in enumerate(TENS_WORDS, 2)}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_GLUED_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12}
_CURRENCY_WORDS = word_set("dollar dollars euro euros pound pounds yuan yen peso pesos rupee rupees")
_CURRENCY_SYMBOLS = frozenset({"$", "€", "£", "¥", "US$", "A$", "C$", "N$"})
_CURRENCY_CODES = frozenset({"USD", "EUR", "GBP"})
_NOT_A_FIGURE = frozenset({"st", "nd", "rd", "th", "s", "am", "pm"})
# Modifiers between a figure and its noun ("3 new centres", "four of the other men").
_UNIT_MODIFIERS = word_set("other more additional new extra further former top full")
_DETERMINERS = word_set("the these those its their his her our")
_IRREGULAR_PLURALS = word_set("people men women children")
_IE_NOUNS = word_set("movie cookie calorie rookie zombie selfie prairie hippie brownie smoothie")
"""Nouns whose plural ends in -ies but whose singular ends in -ie, not -y."""
_NOUN_PHRASE_WORDS = 4

# How a qualifier turns a stated figure v into a range: (shape, factor) -> phrases.
_QUALIFIER_PHRASES = {
    ("above", 1.0): "more than|greater than|over|above|in excess of|upwards of|upward of|exceeding",
    ("above", 1.1): "just over|just above|slightly more than",
    ("from", 1.0): "at least|no fewer than|no less than|a minimum of|or more|plus",
    ("below", 1.0): "less than|fewer than|under|below",
    ("to", 1.0): "at most|up to|no more than|as many as|as much as|a maximum of",
    ("to", 0.9): "nearly|almost|close to|just under|just shy of",
    ("near", 0.1): "about|around|approximately|roughly|some|an estimated|estimated|circa|or so",
    ("range", 0.0): "between",
}
_QUALIFIERS = {phrase: shape for shape, phrases in _QUALIFIER_PHRASES.items() for phrase in phrases.split("|")}
NEAR_QUALIFIERS = frozenset(q for q, (shape, _) in _QUALIFIERS.items() if shape == "near")
"""Qualifiers that widen a figure both ways ("about", "roughly"): a range from rounding, not a bound."""
_PREFIX_QUALIFIERS = sorted((q for q in _QUALIFIERS if q not in ("or more", "plus", "or so")), key=len, reverse=True)


@dataclass(frozen=True)
class Quantity:
    """A figure stated in text.

    `value` is the stated figure (the lower end of a range, whose upper end is `upper`); for dates
    it is year*10000 + month*100 + day with unknown parts 0. `key` normalises years and dates:
    "2025-04-10", "2022-03", "--04-10" (no year), "--04" (month only), or a weekday ("monday").
    `precision` is the unit of the last stated digit ("$6 million" -> 1e6). `start`/`end` are
    character offsets into the text. `unit` is the counted noun of a plain number (`counted_noun`:
    "10 people" -> "people", "36-year-old" -> "year", "3 new detention centres" -> "centre").
    """

    value: float
    kind: str
    qualifier: str | None = None
    start: int = 0
    end: int = 0
    key: str | None = None
    precision: float = 1.0
    upper: float | None = None
    text: str = ""
    unit: str | None = None


def _tokens(text: str) -> list[Token]:
    toks: list[Token] = []
    prev_end = -1
    for m in _TOKEN.finditer(text):
        toks.append(Token(m.group(), m.group().lower(), m.start(), m.end(), m.start() == prev_end))
        prev_end = m.end()
    return toks


def _digit_value(tok: Token) -> tuple[float, float]:
    raw = tok.text.replace(",", "")
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    return float(raw), 10.0**-decimals


def _date(toks: list[Token], i: int) -> tuple[Quantity, int] | None:
    """A calendar date or weekday starting at token i, as a Quantity, and the index after it."""
    found = read_date(toks, i)
    if found is None:
        return None
    d, end = found
    return Quantity(d.value, "date", None, d.start, d.end, d.key, 1.0, None, d.text), end


def _words_number(toks: list[Token], i: int) -> tuple[float, float, int] | None:
    """A number spelled in words ("two hundred thirty-eight", "a dozen"): value, precision, next index."""
    total = current = 0.0
    last_scale = 0.0
    j = i
    if lower_at(toks, j) in ("a", "an") and lower_at(toks, j + 1) in ("dozen", "hundred", *_SCALES):
        current, j = 1.0, j + 1
    start = j
    while j < len(toks):
        word = toks[j].low
        if word in _ONES and not current % 10:
            current += _ONES[word]
        elif word in _TENS and not current % 100:
            current += _TENS[word]
        elif word == "dozen" and (current or j == start):
            current = max(current, 1.0) * 12
        elif word == "hundred" and current:
            current *= 100
        elif word in _SCALES and (current or total):
            total += max(current, 1.0) * _SCALES[word]
            current, last_scale = 0.0, _SCALES[word]
        elif (
            word in ("-", "and")
            and j > start
            and (word == "-" or not current % 100)
            and (lower_at(toks, j + 1) in _ONES or lower_at(toks, j + 1) in _TENS)
        ):
            j += 1
            continue
        else:
            break
        j += 1
    words = [t.low for t in toks[start:j]]
    if not words or words in (["one"], ["zero"]) or not (total or current):
        return None
    return total + current, last_scale if last_scale and not current else 1.0, j


def _qualifier_before(text: str, start: int) -> str | None:
    before = text[max(0, start - 40) : start].lower().rstrip()
    for phrase in _PREFIX_QUALIFIERS:
        if before.endswith(phrase) and (len(before) == len(phrase) or not before[-len(phrase) - 1].isalnum()):
            return phrase
    return None


def _digits(toks: list[Token], j: int, joined: bool) -> tuple[float, float, int] | None:
    """A figure written in digits at token j, with a scale ("6m", "6 million"): value, precision, next.

    Digits glued to a word or symbol ("COVID-19", "G7", "9/11") are not figures unless `joined`,
    the second half of a range such as "10-15%".
    """
    tok = toks[j]
    before = token_at(toks, j - 1)
    glued_to = tok.glued and before is not None and (before.text.isalpha() or before.text in ("-", "/", ":", "."))
    if glued_to and not (joined and before is not None and before.text == "-"):
        return None
    value, precision = _digit_value(tok)
    j += 1
    after = token_at(toks, j)
    if after is not None and after.glued:
        if after.low in (":", "/") or after.low in _NOT_A_FIGURE:
            return None
        if after.low in _GLUED_SCALES:
            scale = _GLUED_SCALES[after.low]
            value, precision, j = value * scale, precision * scale, j + 1
    if lower_at(toks, j) == "-" and lower_at(toks, j + 1) in _SCALES:
        j += 1
    if lower_at(toks, j) in _SCALES:
        scale = _SCALES[lower_at(toks, j)]
        value, precision, j = value * scale, precision * scale, j + 1
    if lower_at(toks, j) in ("am", "pm") or (lower_at(toks, j) in ("a", "p") and lower_at(toks, j + 1) == "."):
        return None
    return value, precision, j


def _figure(toks: list[Token], i: int, joined: bool = False) -> tuple[float, float, str, int, bool] | None:
    """A figure at token i: value, precision, kind, next index, whether it was written in digits."""
    j = i
    kind = "number"
    if toks[j].text in _CURRENCY_SYMBOLS or toks[j].text in _CURRENCY_CODES:
        kind, j = "money", j + 1
    if j >= len(toks):
        return None
    digits = toks[j].text[0].isdigit()
    found = _digits(toks, j, joined) if digits else _words_number(toks, j)
    if found is None:
        return None
    value, precision, j = found
    word, following = lower_at(toks, j), lower_at(toks, j + 1)
    if word in ("%", "percent", "pct"):
        kind, j = "percent", j + 1
    elif (word, following) == ("per", "cent") or (word == "percentage" and following in ("point", "points")):
        kind, j = "percent", j + 2
    elif word in _CURRENCY_WORDS or (j < len(toks) and toks[j].text in _CURRENCY_CODES):
        kind, j = "money", j + 1
    return value, precision, kind, j, digits


def _is_year(toks: list[Token], i: int, end: int) -> bool:
    """Whether the bare four-digit figure toks[i] (ending at `end`) names a year rather than a count."""
    if end != i + 1 or "," in toks[i].text or read_year(toks, i) is None:
        return False
    if lower_at(toks, i - 1) in _YEAR_AFTER:
        return True
    nxt = token_at(toks, end)
    if nxt is None:
        return True
    plural = nxt.text.isalpha() and nxt.text.islower() and len(nxt.text) > 3 and nxt.low.endswith("s")
    return not (nxt.low in _COUNT_NOUNS or plural)


def _number(toks: list[Token], i: int, text: str) -> tuple[Quantity, int] | None:
    """A number, sum of money or percentage starting at token i (with a range or qualifier)."""
    found = _figure(toks, i)
    if found is None:
        return None
    value, precision, kind, end, digits = found
    first = toks[i]
    if digits and kind == "number" and _is_year(toks, i, end):
        return Quantity(value, "year", None, first.start, first.end, f"{int(value)}", 1.0, None, first.text), end
    qualifier = _qualifier_before(text, first.start)
    upper = None
    joiner = lower_at(toks, end)
    ranged = joiner in ("to", "-", "–") and lower_at(toks, i - 1) != "from"
    if (ranged or (joiner == "and" and qualifier == "between")) and end + 1 < len(toks):
        second = _figure(toks, end + 1, joined=True)
        if second is not None and second[0] > value and kind in ("number", second[2]):
            upper, kind, end = second[0], second[2], second[3]
            precision = min(precision, second[1])
            qualifier = "between"
    if qualifier == "between" and upper is None:
        qualifier = None
    if qualifier is None:
        postfix = f"{lower_at(toks, end)} {lower_at(toks, end + 1)}"
        if postfix in ("or more", "or so"):
            qualifier, end = postfix, end + 2
        elif end < len(toks) and toks[end].low in ("plus", "+") and toks[end].glued:
            qualifier, end = "plus", end + 1
        elif lower_at(toks, end) == "-" and lower_at(toks, end + 1) == "plus":
            qualifier, end = "plus", end + 2
    last = toks[end - 1].end
    unit = _counted_noun(toks, end, plural=(upper or value) != 1) if kind == "number" else None
    stated = text[first.start : last]
    return Quantity(value, kind, qualifier, first.start, last, None, precision, upper, stated, unit), end


def _plural(word: str) -> bool:
    """Whether a lowercased word reads as a plural noun ("centres", "men"; not "census", "crisis")."""
    if word in _IRREGULAR_PLURALS or (len(word) > 3 and word.endswith("men")):
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _past(toks: list[Token], j: int, words: frozenset[str]) -> int:
    while lower_at(toks, j) in words:
        j += 1
    return j


def _singular(word: str) -> str:
    """The singular a count's noun is compared by: "casualties" and "casualty" alike, "movies" and "movie"."""
    if not (_plural(word) and word.endswith("s")):
        return word
    if word.endswith("ies") and len(word) > 4 and word[:-1] not in _IE_NOUNS:
        return word[:-3] + "y"
    return word[:-1]


def _noun_token(toks: list[Token], j: int, plural: bool) -> Token | None:
    """The token of the noun a figure counts, read from token j on: the word after a hyphen ("36-year-old");
    else, past modifiers ("new", "other") and a partitive "of the", the first plural of the noun phrase when
    the figure counts more than one, or its first word. The phrase ends at a stop word or punctuation."""
    if lower_at(toks, j) == "-":
        tok = token_at(toks, j + 1)
        return tok if tok is not None and tok.low.isalpha() and tok.low not in STOP_WORDS else None
    j = _past(toks, j, _UNIT_MODIFIERS)
    if lower_at(toks, j) == "of":
        j = _past(toks, j + 1, _DETERMINERS | _UNIT_MODIFIERS)
    phrase = []
    for tok in toks[j : j + _NOUN_PHRASE_WORDS]:
        if not tok.low.isalpha() or tok.low in STOP_WORDS:
            break
        phrase.append(tok)
    if not phrase:
        return None
    # More than one takes a plural head, and the singular words before it modify it ("detention
    # centres"); a singular head cannot be told from a verb ("order protects"), so the first word stands.
    return next((tok for tok in phrase if _plural(tok.low)), phrase[0]) if plural else phrase[0]


def _counted_noun(toks: list[Token], j: int, plural: bool) -> str | None:
    """The singular of `_noun_token`, or None."""
    tok = _noun_token(toks, j, plural)
    return _singular(tok.low) if tok is not None else None


def counted_noun(text: str, q: Quantity) -> str | None:
    """What a figure found in `text` counts or dates, singular and lowercased, or None.

    For a number it is its `unit` ("3 new detention centres" -> "centre", "four of the dead" ->
    "dead"); for other figures the first noun after them ("a 2019 court order" -> "court", "18% of
    patients" -> "patient").
    """
    if q.kind == "number":
        return q.unit
    return _counted_noun(_tokens(text[q.end :]), 0, plural=False)


def counted_noun_at(text: str, q: Quantity) -> int | None:
    """Where in `text` the word `counted_noun` was read from starts ("casualties" for "casualty"), or None."""
    plural = q.kind == "number" and (q.upper or q.value) != 1
    tok = _noun_token(_tokens(text[q.end :]), 0, plural)
    return None if tok is None else q.end + tok.start


def extract_quantities(text: str) -> list[Quantity]:
    """Every number, sum of money, percentage, year and date stated in `text`, in order."""
    return list(_quantities(text))


@lru_cache(maxsize=65_536)
def _quantities(text: str) -> tuple[Quantity, ...]:
    """`extract_quantities`, kept per text: alignment, clashes and findings all read the same passages."""
    toks = _tokens(text)
    found: list[Quantity] = []
    i = 0
    while i < len(toks):
        hit = _date(toks, i) or _number(toks, i, text)
        if hit is None:
            i += 1
            continue
        quantity, i = hit
        found.append(quantity if quantity.text else replace(quantity, text=text[quantity.start : quantity.end]))
    return tuple(found)


def tolerance(q: Quantity) -> float:
    """How far the true value may be from an exact figure: half its last stated unit, 0 for counts."""
    if q.kind == "number" and q.precision == 1.0 and q.value == int(q.value):
        return 0.0
    return q.precision / 2


def interval(q: Quantity) -> tuple[float, bool, float, bool]:
    """The values a figure allows, as (low, low included, high, high included).

    An exact figure covers what rounds to it (a count stated in full is a point); a qualifier
    turns the figure into a range: "more than 250" is (250, inf), "about 6 million" is 6 million
    plus or minus 10%, "nearly 250" is [225, 250].
    """
    v = q.value
    if q.qualifier is None:
        tol = tolerance(q)
        return v - tol, True, v + tol, True
    shape, factor = _QUALIFIERS[q.qualifier]
    if shape == "range":
        return v, True, (q.upper if q.upper is not None else v), True
    if shape == "above":
        return v, False, (v * factor if factor > 1 else math.inf), factor > 1
    if shape == "from":
        return v, True, math.inf, False
    if shape == "below":
        return -math.inf, False, v, False
    if shape == "to":
        return (v * factor if factor < 1 else -math.inf), factor < 1, v, True
    return v * (1 - factor), True, v * (1 + factor), True


def date_parts(q: Quantity) -> tuple[int, int, int, int]:
    """(year, month, day, weekday 0-6) of a date's key, -1 where the text does not say."""
    return key_parts(q.key or "")


def _contains(span: tuple[float, bool, float, bool], x: float, eps: float) -> bool:
    lo, lo_in, hi, hi_in = span
    return (x > lo + eps or (lo_in and x >= lo - eps)) and (x < hi - eps or (hi_in and x <= hi + eps))


def _overlap(a: tuple[float, bool, float, bool], b: tuple[float, bool, float, bool]) -> bool:
    lo, lo_in = max((a[0], a[1]), (b[0], b[1]), key=lambda end: (end[0], not end[1]))
    hi, hi_in = min((a[2], a[3]), (b[2], b[3]), key=lambda end: (end[0], end[1]))
    return lo < hi or (lo == hi and lo_in and hi_in)


def quantities_agree(a: Quantity, b: Quantity, units: bool = True) -> bool | None:
    """Whether two figures can both be true of one fact; None when they measure different things.

    Figures of different kinds never compare, nor (unless `units` is False) numbers of different
    things ("10 people" and "seven villages"; a number without a counted noun compares with any).
    Dates compare on the parts both state ("April 10" agrees with "10 April 2025" and clashes with
    "April 14"); years must be equal. Two exact figures agree when equal at the coarser one's
    precision ("$6 million" and "$6.2 million"); an exact figure agrees with a qualified one when
    it lies in its range ("238" and "more than 200"); two qualified figures agree when their ranges
    overlap.
    """
    if a.kind != b.kind or (units and a.unit and b.unit and a.unit != b.unit):
        return None
    if a.kind == "date":
        shared = [(x, y) for x, y in zip(date_parts(a), date_parts(b), strict=True) if x >= 0 and y >= 0]
        return all(x == y for x, y in shared) if shared else None
    if a.kind == "year":
        return a.value == b.value
    eps = 1e-9 * max(abs(a.value), abs(b.value), 1.0)
    if a.qualifier is None and b.qualifier is None:
        return abs(a.value - b.value) <= max(tolerance(a), tolerance(b)) + eps
    if a.qualifier is None or b.qualifier is None:
        exact, ranged = (a, b) if a.qualifier is None else (b, a)
        return _contains(interval(ranged), exact.value, eps)
    return _overlap(interval(a), interval(b))
