"""Dates and weekdays in tokenised news text as normalised keys ("April 10" -> "--04-10"), so dates compare."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from parallax.text.tokens import Token, lower_at, token_at
from parallax.text.wordlists import MONTHS, WEEKDAYS, word_set

__all__ = ["BEFORE_DATES", "DateMatch", "key_parts", "read_date", "read_year"]

BEFORE_DATES = word_set("in since until till by from during early late mid before after")
"""Words that introduce a date or a year ("since March", "in 2019")."""
_MONTH_ALONE_AFTER = BEFORE_DATES | word_set("last next this of through")


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: year*10000 + month*100 + day (unknown parts 0), its key and character span.

    `key` is "2025-04-10", "2022-03", "--04-10" (no year), "--04" (month only) or a weekday ("monday").
    `text` is the date as written when it is a lone weekday token, else empty (the caller slices it).
    """

    value: float
    key: str
    start: int
    end: int
    text: str = ""


def _month(toks: list[Token], i: int) -> tuple[int, int] | None:
    """Month number and the index after it, for a capitalised month name or abbreviation."""
    tok = token_at(toks, i)
    if tok is None or not tok.text[0].isupper() or tok.low not in MONTHS:
        return None
    nxt = i + 1
    if len(tok.low) <= 4 and tok.low not in ("may", "june", "july"):
        if lower_at(toks, nxt) == ".":
            nxt += 1
        elif not (token_at(toks, nxt) is not None and toks[nxt].text.isdigit()):
            return None
    return MONTHS[tok.low], nxt


def _day(toks: list[Token], i: int) -> tuple[int, int] | None:
    tok = token_at(toks, i)
    if tok is None or not tok.text.isdigit() or not 1 <= int(tok.text) <= 31 or len(tok.text) > 2:
        return None
    nxt = i + 1
    suffix = token_at(toks, nxt)
    if suffix is not None and suffix.glued and suffix.low in ("st", "nd", "rd", "th"):
        nxt += 1
    elif suffix is not None and suffix.glued and suffix.text[0].isalnum():
        return None
    return int(tok.text), nxt


def read_year(toks: list[Token], i: int) -> tuple[int, int] | None:
    """A four-digit year (1000-2199) standing alone at token i, and the index after it."""
    tok = token_at(toks, i)
    if tok is None or not tok.text.isdigit() or len(tok.text) != 4 or not 1000 <= int(tok.text) <= 2199:
        return None
    after = token_at(toks, i + 1)
    if after is not None and after.glued and after.text[0].isalnum():
        return None
    return int(tok.text), i + 1


def _date_key(year: int | None, month: int | None, day: int | None) -> str:
    head = f"{year:04d}" if year else "-"
    parts = [head] + [f"{p:02d}" for p in (month, day) if p]
    return "-".join(parts)


def _iso_date(toks: list[Token], i: int) -> tuple[DateMatch, int] | None:
    """A date written 2025-04-10."""
    parts = toks[i : i + 5]
    if len(parts) < 5 or [t.text for t in parts[1::2]] != ["-", "-"] or not all(t.glued for t in parts[1:]):
        return None
    if len(parts[0].text) != 4 or len(parts[2].text) != 2 or len(parts[4].text) != 2:
        return None
    try:
        day = dt.date(int(parts[0].text), int(parts[2].text), int(parts[4].text))
    except ValueError:
        return None
    value = float(day.year * 10000 + day.month * 100 + day.day)
    return DateMatch(value, day.isoformat(), parts[0].start, parts[4].end), i + 5


def _year_after(toks: list[Token], end: int, separators: tuple[str, ...]) -> tuple[int | None, int]:
    found = read_year(toks, end + 1 if lower_at(toks, end) in separators else end)
    return found if found is not None else (None, end)


def read_date(toks: list[Token], i: int) -> tuple[DateMatch, int] | None:
    """A calendar date or weekday starting at token i, and the index after it.

    Reads "April 10", "10 April 2025", "2025-04-10", "March 2022" and "Monday" in the tokens
    `parallax.text.numbers` made of the text once.
    """
    tok = toks[i]
    if (iso := _iso_date(toks, i)) is not None:
        return iso
    if tok.low in WEEKDAYS and tok.text[0].isupper():
        return DateMatch(0.0, tok.low, tok.start, tok.end, tok.text), i + 1
    if (found := _month(toks, i)) is not None:
        month, end = found
        day, end = _day(toks, end) or (None, end)
        year, end = _year_after(toks, end, (",",) if day else (",", "of"))
        if day is None and year is None and lower_at(toks, i - 1) not in _MONTH_ALONE_AFTER:
            return None
    elif (d := _day(toks, i)) and (found := _month(toks, d[1] + (lower_at(toks, d[1]) == "of"))) is not None:
        day, (month, end) = d[0], found
        year, end = _year_after(toks, end, (",",))
    else:
        return None
    if day is not None and year is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            return None
    value = float((year or 0) * 10000 + month * 100 + (day or 0))
    return DateMatch(value, _date_key(year, month, day), tok.start, toks[end - 1].end), end


def key_parts(key: str) -> tuple[int, int, int, int]:
    """(year, month, day, weekday 0-6) of a date key, -1 where the text does not say."""
    if key in WEEKDAYS:
        return -1, -1, -1, WEEKDAYS.index(key)
    head, *rest = key.split("-") if not key.startswith("--") else ["", *key[2:].split("-")]
    year, month, day = int(head) if head else -1, *(int(p) for p in (rest + ["-1", "-1"])[:2])
    weekday = dt.date(year, month, day).weekday() if min(year, month, day) > 0 else -1
    return year, month, day, weekday
