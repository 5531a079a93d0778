"""One article from one text: pasted or uploaded plain text and Markdown, or a web page's HTML."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from parallax.inputs.errors import InputError
from parallax.model import Article

__all__ = ["MAX_HEADLINE_WORDS", "MIN_ARTICLE_WORDS", "article_from_html", "article_from_text", "domain",
           "looks_like_headline", "slug"]

MIN_ARTICLE_WORDS = 25
"""A web page whose extracted text is shorter than this holds no article."""

MAX_HEADLINE_WORDS = 20
"""A first line longer than this is a paragraph, never a headline."""

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_OPENING = re.compile(r"[\"“‘'(\[]*[A-Z0-9]")
_FINAL_STOP = re.compile(r"[.,;:…\-–—][\"”’')\]]*$")
_INNER_SENTENCE = re.compile(r"[a-z0-9][.!?][\"”’')]*\s+[\"“‘(]*[A-Z]")
_NOT_HEADLINE = re.compile(r"(?i)^(?:by|updated|published|posted|photo|image|source)\b")


def article_from_text(text: str, *, outlet: str, id: str | None = None, title: str = "", url: str = "") -> Article:
    """An article from pasted plain text or simple Markdown.

    A leading `# heading`, or else a first line that looks like a headline (`looks_like_headline`)
    with text after it, is the title, never the first passage; a first line repeating a given
    `title` is dropped.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = []
    for line in lines:
        heading = re.match(r"\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if heading:
            if not title and heading.group(1) == "#" and not any(k.strip() for k in kept):
                title = _inline_markdown(heading.group(2))
                continue
            line = heading.group(2)
        if re.fullmatch(r"\s{0,3}(?:[-*_]\s*){3,}", line):
            continue
        kept.append(_inline_markdown(re.sub(r"^\s{0,3}>\s?", "", line)))
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    first, _, rest = body.partition("\n")
    wrapped = not rest.startswith("\n") and rest.lstrip()[:1].islower()
    if rest.strip() and (normalise(first) == normalise(title) if title else looks_like_headline(first) and not wrapped):
        title, body = title or first.strip(), rest.strip()
    return Article(id=id or slug(outlet or title) or "article", outlet=outlet, title=title, url=url, text=body)


def article_from_html(html: str, *, url: str = "", outlet: str | None = None, source: str = "") -> Article:
    """An article from a web page: main text by trafilatura (no comments), title, date and site name.

    Raises InputError "No article text found in <source>" when the page holds no article.
    """
    import trafilatura

    name = source or url or "the page"
    doc = trafilatura.bare_extraction(html, url=url or None, include_comments=False, with_metadata=True)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    title = (getattr(doc, "title", None) or "").strip() if doc is not None else ""
    lines = text.split("\n")
    if title and lines and normalise(lines[0]) == normalise(title):
        text = "\n".join(lines[1:]).strip()
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise InputError(f"No article text found in {name}.")
    url = url or (getattr(doc, "url", None) or "").strip()
    sitename = (getattr(doc, "sitename", None) or "").strip()
    outlet = outlet or sitename or domain(url) or _stem(source) or "web page"
    published = (getattr(doc, "date", None) or "").strip()
    return Article(id=slug(outlet) or "page", outlet=outlet, title=title, url=url, published=published, text=text)


def looks_like_headline(line: str) -> bool:
    """Whether a text's first line reads as its headline: one short line that opens with a capital or a
    figure and ends without a full stop or comma, holding no second sentence, and no byline or date line."""
    line = line.strip()
    words = line.split()
    return (
        2 <= len(words) <= MAX_HEADLINE_WORDS
        and bool(_OPENING.match(line))
        and not _FINAL_STOP.search(line)
        and not _INNER_SENTENCE.search(line)
        and not _NOT_HEADLINE.match(line)
        and sum(1 for w in words if _WORD.search(w)) >= 2
    )


def normalise(text: str) -> str:
    """Text reduced for comparison: case-folded words only."""
    return " ".join(_WORD.findall(text.casefold()))


def domain(url: str) -> str:
    """A URL's host without "www.", or ""."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def slug(text: str) -> str:
    """A short id from a name: lower-case letters, digits and dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:40].strip("-")


def _stem(name: str) -> str:
    """A file name without folders and extension, as a fallback outlet name."""
    base = re.split(r"[\\/]", name)[-1]
    return base.rsplit(".", 1)[0] if "." in base else base


def _inline_markdown(line: str) -> str:
    """A line with images dropped, links reduced to their text and bold/italic/code marks removed."""
    line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)
    line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)
    line = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", line)
    line = re.sub(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])", r"\1", line)
    return re.sub(r"`([^`]+)`", r"\1", line)
