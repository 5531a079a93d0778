"""Articles from the text of an event JSON document; this module never opens a file."""

from __future__ import annotations

import json
import re
from typing import Any

from parallax.inputs.articles import domain, slug
from parallax.inputs.errors import InputError
from parallax.inputs.validate import validate
from parallax.model import Article, InputProblem, LoadResult

__all__ = ["Found", "load_event_text", "parse_event"]

_ARTICLE_FIELDS = ("id", "outlet", "title", "url", "published", "text", "passages")

Found = tuple[list[tuple[Article, str]], list[InputProblem], str]
"""(article, source) pairs, problems and the event's name, before the articles are validated."""


def parse_event(raw: str, source: str) -> Found:
    """The articles of an event JSON text; `source` names it in messages.

    Articles carry `text` or `passages`; fields beyond the contract (angle, seed, ...) go to `meta`.
    A bad article is skipped with a problem naming its index and field; InputError when the text
    itself is not an event.
    """
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source} is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}).") from exc
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise InputError(f'{source} is not an event: expected an object with an "articles" list.')
    items, problems = [], []
    for index, entry in enumerate(data["articles"]):
        where = f"{source} article {index}"
        try:
            article, warnings = _article_from_entry(entry, where)
        except InputError as exc:
            problems.append(InputProblem(where, str(exc)))
            continue
        problems.extend(InputProblem(where, w, fatal=False) for w in warnings)
        items.append((article, where))
    return items, problems, data["event"] if isinstance(data.get("event"), str) else ""


def load_event_text(raw: str, source: str = "the event JSON") -> LoadResult:
    """The validated articles of an event JSON text (never a path), with a problem per bad article."""
    items, problems, name = parse_event(raw, source)
    checked = validate(items)
    return LoadResult(checked.articles, (*problems, *checked.problems), name)


def _article_from_entry(entry: Any, where: str) -> tuple[Article, list[str]]:
    """One article of an event JSON, checked field by field; also returns non-fatal warnings."""
    if not isinstance(entry, dict):
        raise InputError(f'{where} must be an object with "text" or "passages".')
    for key in ("id", "outlet", "title", "url", "published", "text"):
        if key in entry and entry[key] is not None and not isinstance(entry[key], str):
            raise InputError(f'{where}: field "{key}" must be a string.')
    text = entry.get("text") or ""
    passages, warnings = None, []
    if entry.get("passages") is not None:
        given = entry["passages"]
        if not isinstance(given, list) or not all(isinstance(p, str) for p in given):
            raise InputError(f'{where}: field "passages" must be a list of strings.')
        blank = [i for i, p in enumerate(given) if not p.strip()]
        if blank:
            warnings.append(f"{where}: empty passage(s) {', '.join(map(str, blank))} left out.")
        passages = tuple(p for p in given if p.strip())
        if not passages:
            raise InputError(f'{where}: field "passages" holds no text.')
    elif not text.strip():
        raise InputError(f'{where} has no "text" or "passages" (or they are empty).')
    url = entry.get("url") or ""
    outlet = (entry.get("outlet") or "").strip() or domain(url) or (entry.get("id") or "").strip()
    given_id = re.sub(r"[\s:]+", "-", (entry.get("id") or "").strip())
    meta = {k: v for k, v in entry.items() if k not in _ARTICLE_FIELDS}
    article = Article(
        id=given_id or slug(outlet) or "article",
        outlet=outlet or given_id or "Unknown outlet",
        title=entry.get("title") or "",
        url=url,
        published=entry.get("published") or "",
        text=text,
        passages=passages,
        meta=meta,
    )
    return article, warnings
