"""Polite, bounded requests: at most one per interval per server, answers kept on disk for a day.

Every request still goes through the fetcher given (in the product `fetch_url`, with its address,
time and size checks); this module only decides whether to ask at all and how often.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from parallax.inputs.articles import domain
from parallax.inputs.fetch import FetchedPage, FetchError

__all__ = ["CACHE_TTL_S", "GDELT_INTERVAL_S", "AnswerCache", "DiscoveryError", "Throttle", "polite_get"]

GDELT_INTERVAL_S = 5.0
"""GDELT's own limit: one request every five seconds."""
CACHE_TTL_S = 24 * 3600
"""How long an answer is reused before the same request is sent again."""

Fetch = Callable[[str], FetchedPage]


class DiscoveryError(Exception):
    """A search that could not be made or answered; `message` is one sentence for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Throttle:
    """At most one request per `interval` seconds per server: a request that comes sooner waits its turn."""

    interval: float = GDELT_INTERVAL_S
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, host: str) -> float:
        """Block until `host` may be asked again, claim the slot, and return the seconds waited."""
        with self._lock:
            now = self.clock()
            turn = max(now, self._last.get(host, -self.interval) + self.interval)
            self._last[host] = turn
        delay = turn - now
        if delay > 0:
            self.sleep(delay)
        return max(delay, 0.0)


class AnswerCache:
    """Answers on disk, one JSON file per URL, reused for `ttl` seconds."""

    def __init__(self, folder: Path, ttl: float = CACHE_TTL_S, clock: Callable[[], float] = time.time) -> None:
        self.folder, self.ttl, self.clock = Path(folder), ttl, clock

    def _path(self, url: str) -> Path:
        return self.folder / (hashlib.sha256(url.encode("utf-8")).hexdigest()[:32] + ".json")

    def get(self, url: str) -> FetchedPage | None:
        """The cached answer for `url` when it is younger than the time to live, else None."""
        try:
            data = json.loads(self._path(url).read_text(encoding="utf-8"))
            if data["url"] != url or self.clock() - float(data["saved"]) > self.ttl:
                return None
            return FetchedPage(url, data["final_url"], data["content_type"], data["text"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, page: FetchedPage) -> None:
        """Keep an answer; a cache folder that cannot be written only costs a repeat request later."""
        record = {"url": page.url, "final_url": page.final_url, "content_type": page.content_type,
                  "text": page.text, "saved": self.clock()}
        path = self._path(page.url)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(record), encoding="utf-8")
            partial.replace(path)
        except OSError:
            pass


def polite_get(
    url: str, fetch: Fetch, *, what: str, cache: AnswerCache | None, throttle: Throttle | None
) -> FetchedPage:
    """`url` from the cache, else fetched once the throttle allows; DiscoveryError naming `what` on failure."""
    if cache is not None and (kept := cache.get(url)) is not None:
        return kept
    host = domain(url) or url
    if throttle is not None:
        throttle.wait(host)
    try:
        page = fetch(url)
    except FetchError as exc:
        raise DiscoveryError(_explain(exc.message, what, host)) from exc
    if cache is not None:
        cache.put(page)
    return page


def _explain(message: str, what: str, host: str) -> str:
    """A fetch failure as the user should read it: refusal, time-out and no network named plainly."""
    if "HTTP 429" in message:
        return f"{what} refused the search for now (too many requests to {host}); wait a minute and try again."
    if "did not answer in time" in message or "in time" in message:
        return f"{what} did not answer in time ({host}); try again later."
    if "does not resolve" in message or "name lookup" in message:
        return f"{what} cannot be reached: no network, or {host} is unknown to this machine."
    return f"{what}: {message}"
