"""Outlets' RSS and Atom feeds: each read with feedparser, its items kept when their title and summary match."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Sequence

from parallax.discover.candidates import Candidate
from parallax.discover.polite import AnswerCache, DiscoveryError, Fetch, Throttle, polite_get
from parallax.discover.query import Query
from parallax.inputs.articles import domain

__all__ = ["parse_feed", "read_feed_list", "search_feeds"]

_TAG = re.compile(r"<[^>]+>")
_SUMMARY_CHARS = 500


def read_feed_list(text: str) -> list[str]:
    """Feed addresses from a typed list (spaces, commas or lines between them), duplicates dropped."""
    return list(dict.fromkeys(part for part in re.split(r"[\s,]+", text) if part))


def parse_feed(text: str, url: str) -> list[Candidate]:
    """Every item of an RSS or Atom feed as a candidate; DiscoveryError for a document that is not a feed."""
    import feedparser

    parsed = feedparser.parse(text, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        raise DiscoveryError(f"{url} is not a readable RSS or Atom feed.")
    outlet = " ".join(str(parsed.feed.get("title", "")).split())
    found = []
    for entry in parsed.entries:
        link = str(entry.get("link") or "")
        if not link.startswith(("http://", "https://")):
            continue
        summary = html.unescape(_TAG.sub(" ", str(entry.get("summary") or "")))
        found.append(Candidate(
            url=link,
            title=" ".join(html.unescape(str(entry.get("title") or "")).split()),
            domain=domain(link),
            published=_day(entry.get("published_parsed") or entry.get("updated_parsed")),
            language=str(entry.get("language") or parsed.feed.get("language") or ""),
            summary=" ".join(summary.split())[:_SUMMARY_CHARS],
            source=outlet or domain(url) or url,
        ))
    return found


def search_feeds(
    query: Query, feeds: Sequence[str], fetch: Fetch, *, cache: AnswerCache | None = None,
    throttle: Throttle | None = None,
) -> tuple[list[Candidate], list[str]]:
    """Items of `feeds` whose title and summary match `query` and date window, and one message per failed feed."""
    found: list[Candidate] = []
    problems: list[str] = []
    for url in feeds:
        try:
            page = polite_get(url, fetch, what=f"The feed {url}", cache=cache, throttle=throttle)
            items = parse_feed(page.text, url)
        except DiscoveryError as exc:
            problems.append(exc.message)
            continue
        found.extend(c for c in items if query.matches(c.text()) and _in_window(c.published, query))
    return found, problems


def _in_window(published: str, query: Query) -> bool:
    """True unless the item's date is known and falls outside the query's window."""
    if not published[:10] or query.since is None and query.until is None:
        return True
    day = published[:10]
    return not ((query.since and day < query.since.isoformat()) or (query.until and day > query.until.isoformat()))


def _day(parsed: time.struct_time | None) -> str:
    return time.strftime("%Y-%m-%d", parsed) if parsed else ""
