"""Links to a view: the page is the URL's path, everything else a query parameter; old `?view=` links still open.

A share link is `<app root>/<page path>?c=<id>&ref=...`; the start page's path is empty, so its
links are the app's root.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from urllib.parse import urlencode

__all__ = ["OLD_PAGE_PARAM", "app_root", "old_link_page", "share_url"]

OLD_PAGE_PARAM = "view"
"""The query parameter that named the page before pages had their own paths (old links still carry it)."""


def old_link_page(params: Mapping[str, str], pages: Collection[str]) -> tuple[str | None, dict[str, str]]:
    """The page an old link names in `view` (None when it names none, or an unknown one) and its other parameters."""
    rest = {key: value for key, value in params.items() if key != OLD_PAGE_PARAM}
    named = params.get(OLD_PAGE_PARAM)
    return (named if named in pages else None), rest


def app_root(url: str, page_path: str = "") -> str:
    """The app's address ending in "/", from an address that may end in a page's path, a query or a fragment.

    "" stays "" (a relative link).
    """
    url = url.strip().split("?", 1)[0].split("#", 1)[0].rstrip("/")
    if not url:
        return ""
    if page_path and url.endswith(f"/{page_path}"):
        url = url.removesuffix(f"/{page_path}")
    return url + "/"


def share_url(root: str, page_path: str, params: Mapping[str, str]) -> str:
    """The link to a page of the app with these query parameters (`root` from `app_root`)."""
    return f"{root}{page_path}?{urlencode(dict(params))}"
