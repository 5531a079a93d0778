"""The browser's door: pasted text, uploaded file contents and http(s) addresses, never a server path.

Nothing here opens a local file. A line that is not a web address gets one sentence saying so; a
fetched body is read as its content type says (JSON as an event, never as a path); an upload is
read from its bytes, its name used only for its extension and as the outlet's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from parallax.inputs.articles import article_from_text
from parallax.inputs.documents import kind_of_content_type, kind_of_name, read_bytes_document, read_document
from parallax.inputs.errors import InputError
from parallax.inputs.event_json import Found
from parallax.inputs.fetch import FetchedPage, FetchError, fetch_url
from parallax.inputs.validate import validate
from parallax.model import Article, InputProblem, LoadResult
from parallax.settings import Limits

__all__ = [
    "MAX_URL_CHARS", "article_address_problem", "load_pasted", "load_uploads", "load_urls", "web_address_problem"
]

MAX_URL_CHARS = 2_000
_WEB = re.compile(r"https?://\S+", re.IGNORECASE)
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_BARE_HOST = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/?#]\S*)?", re.IGNORECASE)
_SHOWN = 80


def article_address_problem(url: str) -> str | None:
    """Why an address given as an article's own (beside its pasted text) cannot be kept, or None."""
    if url and web_address_problem(url):
        return f"The article's address must start with http:// or https://: “{url[:_SHOWN]}”."
    return None


def web_address_problem(line: str) -> str | None:
    """Why a line typed into the address box is not a web address Parallax will fetch, or None if it is."""
    shown = line if len(line) <= _SHOWN else line[:_SHOWN] + "…"
    if len(line) > MAX_URL_CHARS:
        return f"“{shown}” is too long for a web address ({len(line):,} characters; the limit is {MAX_URL_CHARS:,})."
    if _WEB.fullmatch(line):
        return None
    if _BARE_HOST.fullmatch(line) and not line.startswith("."):
        return f"“{shown}” is not a full web address: add https:// in front of it."
    is_path = not _SCHEME.match(line) or re.match(r"[a-z]:[\\/]", line, re.IGNORECASE)
    what = "a file path" if is_path else "a file address" if line.lower().startswith("file:") else "not a web page"
    return (
        f"“{shown}” is {what}: only web addresses (http:// or https://) are accepted here. "
        "To compare a file, upload it or paste its text."
    )


def load_urls(lines: Sequence[str], *, fetch: Callable[[str], FetchedPage] = fetch_url,
              limits: Limits | None = None) -> LoadResult:
    """Articles from web addresses, one per line; every other line gets one sentence and is never opened."""
    items: list[tuple[Article, str]] = []
    problems: list[InputProblem] = []
    for line in (raw.strip() for raw in lines):
        if not line:
            continue
        refused = web_address_problem(line)
        if refused:
            problems.append(InputProblem(line if len(line) <= _SHOWN else line[:_SHOWN] + "…", refused))
            continue
        try:
            found, found_problems, _ = _from_url(line, fetch, limits)
        except InputError as exc:
            problems.append(InputProblem(line, str(exc)))
            continue
        items.extend(found)
        problems.extend(found_problems)
    return _checked(items, problems, "", limits)


def load_uploads(files: Sequence[tuple[str, bytes]], *, limits: Limits | None = None) -> LoadResult:
    """Articles from uploaded files given as (file name, contents); the name only chooses how to read them."""
    items: list[tuple[Article, str]] = []
    problems: list[InputProblem] = []
    name = ""
    for file_name, data in files:
        try:
            found, found_problems, event = read_bytes_document(
                data, kind_of_name(file_name), file_name, name=file_name, limits=limits
            )
        except InputError as exc:
            problems.append(InputProblem(file_name, str(exc)))
            continue
        name = name or event
        items.extend(found)
        problems.extend(found_problems)
    return _checked(items, problems, name, limits)


def load_pasted(text: str, *, outlet: str, title: str = "", url: str = "", published: str = "",
                limits: Limits | None = None) -> LoadResult:
    """An article from pasted text (plain or Markdown), checked like every other article."""
    source = outlet or "Pasted text"
    if not text.strip():
        return LoadResult((), (InputProblem(source, "Paste the article's text before adding it."),))
    if message := article_address_problem(url):
        return LoadResult((), (InputProblem(source, message),))
    article = replace(article_from_text(text, outlet=outlet or "Pasted article", title=title, url=url),
                      published=published)
    return _checked([(article, source)], [], "", limits)


def _from_url(url: str, fetch: Callable[[str], FetchedPage], limits: Limits | None) -> Found:
    """An article (or an event) from a fetched page, read by its content type, never as a path."""
    try:
        page = fetch(url)
    except FetchError as exc:
        raise InputError(exc.message) from exc
    items, problems, name = read_document(page.text, kind_of_content_type(page.content_type), url,
                                          url=page.final_url, limits=limits)
    if page.warning:
        problems = [InputProblem(url, page.warning, fatal=False), *problems]
    return items, problems, name


def _checked(items: list[tuple[Article, str]], problems: list[InputProblem], name: str,
             limits: Limits | None) -> LoadResult:
    checked = validate(items, limits)
    return LoadResult(checked.articles, (*problems, *checked.problems), name)
