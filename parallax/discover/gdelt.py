"""The GDELT DOC 2.0 API (ArtList mode, JSON, no key): the query goes out, a list of articles comes back.

Only the query text and its date window are sent. The API searches the last three months only,
so a window older than that is refused here, with the other ways in named, rather than sent.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, timedelta
from urllib.parse import urlencode

from parallax.discover.candidates import Candidate
from parallax.discover.polite import AnswerCache, DiscoveryError, Fetch, Throttle, polite_get
from parallax.discover.query import Query
from parallax.inputs.articles import domain

__all__ = ["WINDOW_DAYS", "gdelt_url", "parse_gdelt", "search_gdelt", "window_problem"]

WINDOW_DAYS = 90
"""GDELT's DOC API searches about the last three months."""
MAX_RECORDS = 250
"""The most articles one ArtList answer holds."""
OLDER = ("GDELT searches only the last three months of news, and {when}: search your outlets' feeds instead, "
         "or paste or link the other reports.")


def window_problem(query: Query, today: date) -> str | None:
    """Why GDELT cannot search this query's window (it ends before the last three months), or None."""
    if query.until is not None and query.until < today - timedelta(days=WINDOW_DAYS):
        when = (f"this article is from {query.published.isoformat()}" if query.published
                else f"this search's window ends on {query.until.isoformat()}")
        return OLDER.format(when=when)
    return None


def gdelt_url(base: str, query: Query, *, today: date, records: int, languages: Sequence[str] = ("english",)) -> str:
    """The ArtList request for `query`: its text, source languages, and the window clipped to GDELT's."""
    text = query.text()
    if languages:
        langs = [f"sourcelang:{lang}" for lang in languages]
        text += " " + (langs[0] if len(langs) == 1 else "(" + " OR ".join(langs) + ")")
    params = {"query": text, "mode": "ArtList", "format": "json", "maxrecords": max(1, min(records, MAX_RECORDS)),
              "sort": "HybridRel"}
    earliest = today - timedelta(days=WINDOW_DAYS)
    if query.since is not None:
        params["startdatetime"] = max(query.since, earliest).strftime("%Y%m%d") + "000000"
    if query.until is not None and query.until < today:
        params["enddatetime"] = query.until.strftime("%Y%m%d") + "235959"
    return f"{base}?{urlencode(params)}"


def parse_gdelt(text: str, source: str = "GDELT") -> list[Candidate]:
    """Candidates from an ArtList JSON answer; DiscoveryError when the answer is not that JSON.

    GDELT answers a search it cannot run with a sentence of plain text, and no match with `{}`.
    """
    try:
        data = json.loads(text, strict=False)
    except ValueError as exc:
        said = " ".join(text.split())[:200]
        raise DiscoveryError(f"{source} did not return a list of articles" + (f": “{said}”" if said else ".")) from exc
    if not isinstance(data, dict):
        raise DiscoveryError(f"{source} returned JSON that is not a list of articles.")
    rows = data.get("articles") or []
    if not isinstance(rows, list):
        raise DiscoveryError(f"{source} returned JSON that is not a list of articles.")
    found = []
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("url"), str) or not row["url"].startswith("http"):
            continue
        found.append(Candidate(
            url=row["url"],
            title=" ".join(str(row.get("title") or "").split()),
            domain=str(row.get("domain") or domain(row["url"])),
            published=_seen(str(row.get("seendate") or "")),
            language=str(row.get("language") or ""),
            source="GDELT",
        ))
    return found


def search_gdelt(
    query: Query, fetch: Fetch, *, base: str, today: date, records: int, languages: Sequence[str] = ("english",),
    cache: AnswerCache | None = None, throttle: Throttle | None = None,
) -> list[Candidate]:
    """Ask GDELT for articles matching `query`; DiscoveryError when the window is too old or the search fails."""
    if problem := window_problem(query, today):
        raise DiscoveryError(problem)
    if not query.names and not query.words:
        raise DiscoveryError("The reference article has no title or names to search for.")
    url = gdelt_url(base, query, today=today, records=records, languages=languages)
    page = polite_get(url, fetch, what="GDELT", cache=cache, throttle=throttle)
    return parse_gdelt(page.text)


def _seen(stamp: str) -> str:
    """GDELT's "20250415T121500Z" as "2025-04-15"; anything else as given."""
    if len(stamp) >= 8 and stamp[:8].isdigit():
        return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}"
    return stamp
