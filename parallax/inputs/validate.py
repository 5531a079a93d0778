"""Checks every article passes before it is compared: not empty, not binary, not too long, not a duplicate."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from parallax.inputs.articles import normalise, slug
from parallax.model import Article, InputProblem, LoadResult
from parallax.settings import Limits

__all__ = ["too_long", "validate", "validate_articles"]

_ENGLISH_WORDS = """the of and to a in is it that for was on with as he be by at his are this from i have or an
    they not but had which were her their she been has we you there all one would will more if
    can its so who what about when up out no also into them some than then these could our only
    other new after two over first do any most my many him may said like me how such us where
    very just those both because through before under while should each between did against
    during without again same does being off here own why down once until few further above
    below nor too your yours hers ours theirs whom whose ever every much must shall might
    yet since though although upon among within around across toward towards whether either
    neither himself herself itself themselves ourselves myself yourself now still even well back
    there's it's don't didn't isn't wasn't aren't weren't can't won't"""
_ENGLISH = frozenset(_ENGLISH_WORDS.split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def validate_articles(articles: list[Article] | tuple[Article, ...], limits: Limits | None = None) -> LoadResult:
    """Check built articles: drop empty, binary-looking, oversized and duplicate ones; warn on non-English."""
    return validate([(a, a.url or a.outlet or a.id) for a in articles], limits)


def too_long(name: str, size: int, limit: int) -> str:
    """The message for a text over the characters-per-article limit."""
    return f"{name} is too long: {size:,} characters (the limit is {limit:,} per article)."


def validate(items: list[tuple[Article, str]], limits: Limits | None = None) -> LoadResult:
    """Apply the article checks to (article, source) pairs; fatal problems drop the article, non-English warns."""
    limits = limits or Limits.from_env()
    kept: list[Article] = []
    problems: list[InputProblem] = []
    seen: dict[str, str] = {}
    for article, source in items:
        text = "\n\n".join(article.passages) if article.passages is not None else article.text
        name = source if article.id in (source, slug(_stem(source))) else f"{source} (id '{article.id}')"
        fatal = _fatal_problem(text, name, limits.max_article_chars)
        if fatal:
            problems.append(InputProblem(source, fatal))
            continue
        key = normalise(text)
        if key in seen:
            problems.append(InputProblem(source, f"{name} has the same text as {seen[key]}; only the first is kept."))
            continue
        seen[key] = name
        if not _looks_english(text):
            problems.append(
                InputProblem(
                    source,
                    f"{name} does not look like English; the model and tone lexicon are English-only, "
                    "so its matches will be unreliable.",
                    fatal=False,
                )
            )
        kept.append(article)
    return LoadResult(tuple(_unique_ids(kept)), tuple(problems))


def _stem(source: str) -> str:
    base = re.split(r"[\\/]", source)[-1]
    return base.rsplit(".", 1)[0] if "." in base else base


def _fatal_problem(text: str, name: str, max_chars: int) -> str:
    """The reason an article's text cannot be used, or "" when it can."""
    if not text.strip():
        return f"{name} is empty."
    if len(text) > max_chars:
        return too_long(name, len(text), max_chars)
    odd = sum(1 for ch in text if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v"))
    if "\x00" in text or odd > max(2, len(text) // 100):
        return f"{name} looks like a binary file, not text."
    if not any(ch.isalnum() for ch in text):
        return f"{name} holds no words (only punctuation, symbols or emoji)."
    return ""


def _looks_english(text: str) -> bool:
    """A cheap language check: enough common English words and mostly Latin letters."""
    text = text[:20_000]
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True
    latin = sum(1 for ch in letters if unicodedata.name(ch, "").startswith("LATIN"))
    if latin / len(letters) < 0.7:
        return False
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    if len(words) < 30:
        return True
    return sum(1 for w in words if w in _ENGLISH) / len(words) >= 0.15


def _unique_ids(articles: list[Article]) -> list[Article]:
    """The articles with ids made unique by a numeric suffix, in order."""
    used: set[str] = set()
    out = []
    for article in articles:
        new_id, n = article.id, 1
        while new_id in used:
            n += 1
            new_id = f"{article.id}-{n}"
        used.add(new_id)
        out.append(article if new_id == article.id else replace(article, id=new_id))
    return out
