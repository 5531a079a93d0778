"""One Find coverage search: the query from the reference, GDELT and the feeds asked politely, candidates ranked."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from embeddings.base import Encoder
from parallax.discover.candidates import Candidate, rank_candidates
from parallax.discover.feeds import read_feed_list, search_feeds
from parallax.discover.gdelt import search_gdelt
from parallax.discover.polite import AnswerCache, DiscoveryError, Fetch, Throttle
from parallax.discover.query import Query, build_query
from parallax.inputs.fetch import fetch_url
from parallax.model import Article
from parallax.settings import option

__all__ = ["SOURCES", "Found", "discovery_enabled", "find_coverage", "product_fetch", "shared_cache", "today"]

SOURCES = ("gdelt", "feeds")
FETCH_TIMEOUT_S = 20.0
FETCH_MAX_BYTES = 5_000_000
"""Article fetching's own bound; a feed or an ArtList answer of 250 articles is far below it."""
_OFF = ("off", "0", "false", "no")

_GDELT_THROTTLE = Throttle()
_FEED_THROTTLE = Throttle(interval=1.0)

product_fetch: Fetch = functools.partial(fetch_url, timeout=FETCH_TIMEOUT_S, max_bytes=FETCH_MAX_BYTES)
"""The fetcher searches use: article fetching's own, with its address, time and size checks."""


@dataclass(frozen=True)
class Found:
    """A search's outcome: the query sent, candidates best first, and a message per source that failed."""

    query: Query
    candidates: tuple[Candidate, ...] = ()
    problems: tuple[str, ...] = field(default=())


def today() -> date:
    """Today's date in UTC: the end of GDELT's three-month window."""
    return datetime.now(UTC).date()


def discovery_enabled(environ: Mapping[str, str] | None = None) -> bool:
    """False when the deployment has switched Find coverage off (`PARALLAX_DISCOVERY=off`)."""
    return option("discovery", environ).lower() not in _OFF


def shared_cache() -> AnswerCache:
    """The answers cache in Parallax's cache folder (`discovery/` beside the vectors)."""
    from embeddings.cache import cache_root

    return AnswerCache(cache_root() / "discovery")


def find_coverage(
    reference: Article,
    encoder: Encoder,
    *,
    today: date,
    cap: int,
    sources: Sequence[str] = SOURCES,
    feeds: Sequence[str] | None = None,
    gdelt_base: str | None = None,
    languages: Sequence[str] = ("english",),
    since: date | None = None,
    until: date | None = None,
    known: Sequence[str] = (),
    fetch: Fetch = product_fetch,
    cache: AnswerCache | None = None,
    gdelt_throttle: Throttle | None = _GDELT_THROTTLE,
    feed_throttle: Throttle | None = _FEED_THROTTLE,
) -> Found:
    """Search `sources` for other reports of the reference's event; nothing is fetched but the searches.

    `feeds` and `gdelt_base` default to the deployment's options; `known` are URLs already compared.
    """
    query = build_query(reference, since=since, until=until)
    found: list[Candidate] = []
    problems: list[str] = []
    if "gdelt" in sources:
        try:
            found += search_gdelt(query, fetch, base=gdelt_base or option("gdelt_url"), today=today,
                                  records=cap, languages=languages, cache=cache, throttle=gdelt_throttle)
        except DiscoveryError as exc:
            problems.append(exc.message)
    if "feeds" in sources:
        listed = read_feed_list(option("feeds")) if feeds is None else list(feeds)
        items, failed = search_feeds(query, listed, fetch, cache=cache, throttle=feed_throttle)
        found += items
        problems += failed
    ranked = rank_candidates(found, reference, encoder, cap=cap, known=known)
    return Found(query=query, candidates=tuple(ranked), problems=tuple(problems))
