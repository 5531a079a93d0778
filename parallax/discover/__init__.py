"""Finding other coverage of the reference's event (GDELT and outlets' feeds), and grouping syndicated copies.

Searches send only the query; candidates are listed for the user to tick, never added on their own.
"""

from parallax.discover.candidates import SIMILARITY_FLOOR, Candidate, rank_candidates
from parallax.discover.feeds import parse_feed, read_feed_list, search_feeds
from parallax.discover.gdelt import WINDOW_DAYS, gdelt_url, parse_gdelt, search_gdelt, window_problem
from parallax.discover.polite import AnswerCache, DiscoveryError, Throttle
from parallax.discover.query import Query, build_query
from parallax.discover.search import SOURCES, Found, discovery_enabled, find_coverage, product_fetch, shared_cache
from parallax.discover.syndication import SYNDICATED_OVERLAP, Syndicated, group_syndicated, passage_overlap

__all__ = [
    "SIMILARITY_FLOOR",
    "SOURCES",
    "SYNDICATED_OVERLAP",
    "WINDOW_DAYS",
    "AnswerCache",
    "Candidate",
    "DiscoveryError",
    "Found",
    "Query",
    "Syndicated",
    "Throttle",
    "build_query",
    "discovery_enabled",
    "find_coverage",
    "gdelt_url",
    "group_syndicated",
    "parse_feed",
    "parse_gdelt",
    "passage_overlap",
    "product_fetch",
    "rank_candidates",
    "read_feed_list",
    "search_feeds",
    "search_gdelt",
    "shared_cache",
    "window_problem",
]
