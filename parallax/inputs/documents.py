"""A document's text to articles, by its kind (event JSON, HTML page, plain text or Markdown)."""

from __future__ import annotations

from parallax.inputs.articles import article_from_html, article_from_text, domain, slug
from parallax.inputs.decode import decode_bytes
from parallax.inputs.errors import InputError
from parallax.inputs.event_json import Found, parse_event
from parallax.inputs.validate import too_long
from parallax.model import InputProblem
from parallax.settings import Limits

__all__ = [
    "HTML_SUFFIXES",
    "JSON_SUFFIXES",
    "MAX_FILE_BYTES",
    "SUPPORTED",
    "TEXT_SUFFIXES",
    "kind_of_content_type",
    "kind_of_name",
    "read_bytes_document",
    "read_document",
]

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSON_SUFFIXES = (".json",)
SUPPORTED = "use .json, .txt, .md, .html or .htm"
MAX_FILE_BYTES = 20_000_000
"""The largest file or upload read at all: an event JSON of many long articles fits well within it."""


def kind_of_name(name: str) -> str:
    """"event", "html" or "text" from a file name's extension; InputError for any other extension."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].lower()
    suffix = "." + base.rsplit(".", 1)[1] if "." in base else ""
    if suffix in JSON_SUFFIXES:
        return "event"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES or not suffix:
        return "text"
    raise InputError(f"{name} is not a supported file type ({SUPPORTED}).")


def kind_of_content_type(content_type: str) -> str:
    """"event", "html" or "text" from a fetched page's content type."""
    if content_type in ("application/json", "application/ld+json"):
        return "event"
    if content_type in ("text/plain", "text/markdown", "text/x-markdown"):
        return "text"
    return "html"


def read_bytes_document(
    data: bytes, kind: str, source: str, *, url: str = "", name: str = "", declared: str | None = None,
    limits: Limits | None = None,
) -> Found:
    """Articles from a document's bytes: decoded (see `decode_bytes`), then read as `kind`."""
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{source} is too large: {len(data):,} bytes (the limit is {MAX_FILE_BYTES:,}).")
    decoded = decode_bytes(data, source, declared)
    items, problems, event = read_document(decoded.text, kind, source, url=url, name=name, limits=limits)
    if decoded.warning:
        problems = [InputProblem(source, decoded.warning, fatal=False), *problems]
    return items, problems, event


def read_document(
    text: str, kind: str, source: str, *, url: str = "", name: str = "", limits: Limits | None = None
) -> Found:
    """Articles from a document's text; `name` (a file name) names a plain-text article's outlet."""
    if "\x00" in text:
        raise InputError(f"{source} looks like a binary file, not text.")
    if kind == "event":
        return parse_event(text, source)
    if kind == "html":
        return [(article_from_html(text, url=url, source=source), source)], [], ""
    limit = (limits or Limits.from_env()).max_article_chars
    if len(text) > limit:
        raise InputError(too_long(source, len(text), limit))
    stem = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0] if name else ""
    outlet = stem or domain(url) or "Untitled"
    return [(article_from_text(text, outlet=outlet, id=slug(outlet) or None, url=url), source)], [], ""
