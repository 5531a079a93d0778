"""Build articles from files, pasted text, saved pages and URLs, naming every source that fails."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from parallax.fetch import FetchedPage, FetchError, fetch_url
from parallax.model import Article, InputProblem, LoadResult

__all__ = [
    "InputError",
    "MAX_ARTICLE_CHARS",
    "MAX_FILE_BYTES",
    "MIN_ARTICLE_WORDS",
    "article_from_html",
    "article_from_text",
    "load_event_json",
    "load_sources",
    "validate_articles",
]

MAX_ARTICLE_CHARS = 200_000
MAX_FILE_BYTES = 20_000_000
MIN_ARTICLE_WORDS = 25
"""A web page whose extracted text is shorter than this holds no article."""

_TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_ARTICLE_FIELDS = ("id", "outlet", "title", "url", "published", "text", "passages")
_ENGLISH_WORDS = """the of and to a in is it that for was on with as he be by at his are this from i have or an
    they not but had which were her their she been has we you there all one would will more if
    can its so who what about when up out no also into them some than then these could our only
    other new after two over first do any most my many him may said like me how such us where
    very just those both because through before under while should each between did against
    during without again same does being off here own why down once until few further above
    below nor too your yours hers ours theirs whom whose ever every much must shall might
    yet since though although upon among within around across toward towards whether either
    neither himself herself itself themselves ourselves myself yourself now still even well back
    there's it's don't didn't isn't wasn't aren't weren't can't won't"""
_ENGLISH = frozenset(_ENGLISH_WORDS.split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


class InputError(ValueError):
    """An input that cannot become an article; the message is one sentence for the user."""


def load_sources(sources: Sequence[str], *, fetch: Callable[[str], FetchedPage] = fetch_url) -> LoadResult:
    """Articles from paths (event JSON, folder with event.json, .txt/.md/.html) and http(s) URLs.

    Each bad source becomes one InputProblem naming it; the others are still loaded and validated.
    """
    items: list[tuple[Article, str]] = []
    problems: list[InputProblem] = []
    name = ""
    for source in map(str, sources):
        try:
            found, found_problems, event_name = _load_one(source, fetch)
        except InputError as exc:
            problems.append(InputProblem(source, str(exc)))
            continue
        name = name or event_name
        problems.extend(found_problems)
        items.extend(found)
    checked = _validate(items)
    return LoadResult(checked.articles, (*problems, *checked.problems), name)


def load_event_json(path_or_text: str | Path) -> LoadResult:
    """Articles from an event JSON file (or its text, or a folder holding event.json), validated.

    Articles carry `text` or `passages`; fields beyond the contract (angle, seed, ...) go to `meta`.
    A bad article is skipped with a problem naming its index and field; InputError when the file
    itself is unreadable or not an event.
    """
    items, problems, name = _read_event(path_or_text)
    checked = _validate(items)
    return LoadResult(checked.articles, (*problems, *checked.problems), name)


def article_from_text(text: str, *, outlet: str, id: str | None = None, title: str = "", url: str = "") -> Article:
    """An article from pasted plain text or simple Markdown (a leading `# heading` becomes the title)."""
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
    return Article(id=id or _slug(outlet or title) or "article", outlet=outlet, title=title, url=url, text=body)


def article_from_html(html: str, *, url: str = "", outlet: str | None = None, source: str = "") -> Article:
    """An article from a web page: main text by trafilatura (no comments), title, date and site name.

    Raises InputError "no article text found in <source>" when the page holds no article.
    """
    import trafilatura

    name = source or url or "the page"
    doc = trafilatura.bare_extraction(html, url=url or None, include_comments=False, with_metadata=True)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    title = (getattr(doc, "title", None) or "").strip() if doc is not None else ""
    lines = text.split("\n")
    if title and lines and _normalise(lines[0]) == _normalise(title):
        text = "\n".join(lines[1:]).strip()
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise InputError(f"No article text found in {name}.")
    url = url or (getattr(doc, "url", None) or "").strip()
    sitename = (getattr(doc, "sitename", None) or "").strip()
    outlet = outlet or sitename or _domain(url) or Path(source).stem or "web page"
    published = (getattr(doc, "date", None) or "").strip()
    return Article(id=_slug(outlet) or "page", outlet=outlet, title=title, url=url, published=published, text=text)


def validate_articles(articles: Iterable[Article]) -> LoadResult:
    """Check built articles: drop empty, binary-looking, oversized and duplicate ones; warn on non-English."""
    return _validate([(a, a.url or a.outlet or a.id) for a in articles])


_Found = tuple[list[tuple[Article, str]], list[InputProblem], str]


def _load_one(source: str, fetch: Callable[[str], FetchedPage]) -> _Found:
    """(article, source) pairs, problems and event name from one source, before validation."""
    if re.match(r"https?://", source, re.IGNORECASE):
        try:
            page = fetch(source)
        except FetchError as exc:
            raise InputError(exc.message) from exc
        return _from_page(page, source)
    if re.match(r"[a-z][a-z0-9+.-]*://", source, re.IGNORECASE):
        raise InputError(f"{source} cannot be read: only http and https addresses are supported.")
    path = Path(source)
    if path.is_dir() or path.suffix.lower() == ".json":
        return _read_event(path)
    if not path.is_file():
        raise InputError(f"{source} does not exist.")
    suffix = path.suffix.lower()
    text = _read_text(path)
    if suffix and suffix not in _TEXT_SUFFIXES + _HTML_SUFFIXES:
        raise InputError(f"{source} is not a supported file type (use .json, .txt, .md, .html or .htm).")
    if suffix in _HTML_SUFFIXES:
        return [(article_from_html(text, source=source), source)], [], ""
    _check_length(text, source)
    return [(article_from_text(text, outlet=path.stem, id=_slug(path.stem) or None), source)], [], ""


def _from_page(page: FetchedPage, source: str) -> _Found:
    """An article (or an event) from a fetched page, by its content type."""
    if "\x00" in page.text:
        raise InputError(f"{source} looks like a binary file, not text.")
    url = page.final_url
    if page.content_type in ("application/json", "application/ld+json"):
        return _read_event(page.text, name=source)
    if page.content_type in ("text/plain", "text/markdown", "text/x-markdown"):
        _check_length(page.text, source)
        return [(article_from_text(page.text, outlet=_domain(url), url=url), source)], [], ""
    return [(article_from_html(page.text, url=url, source=source), source)], [], ""


def _check_length(text: str, source: str) -> None:
    """InputError naming the size when a text is longer than one article may be."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(_too_long(source, len(text)))


def _too_long(name: str, size: int) -> str:
    """The message for a text over MAX_ARTICLE_CHARS."""
    return f"{name} is too long: {size:,} characters (the limit is {MAX_ARTICLE_CHARS:,} per article)."


def _read_text(path: Path) -> str:
    """A file's text (UTF-8, else Windows-1252); InputError for big, binary or undecodable files."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(f"{path} is too large: {size:,} bytes (the limit is {MAX_FILE_BYTES:,}).")
    data = path.read_bytes()
    if b"\x00" in data:
        raise InputError(f"{path} looks like a binary file, not text.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path} looks like a binary file, not text.")


def _read_event(path_or_text: str | Path, name: str = "") -> _Found:
    """Articles of an event JSON (path, folder with event.json, or the JSON text), before validation."""
    if isinstance(path_or_text, str) and path_or_text.lstrip()[:1] in ("{", "["):
        source, raw = name or "the event JSON", path_or_text
    else:
        path = Path(path_or_text)
        if path.is_dir():
            if not (path / "event.json").is_file():
                raise InputError(f"The folder {path} has no event.json.")
            path = path / "event.json"
        if not path.is_file():
            raise InputError(f"{path} does not exist.")
        source, raw = str(path), _read_text(path)
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
    outlet = (entry.get("outlet") or "").strip() or _domain(url) or (entry.get("id") or "").strip()
    given_id = re.sub(r"[\s:]+", "-", (entry.get("id") or "").strip())
    meta = {k: v for k, v in entry.items() if k not in _ARTICLE_FIELDS}
    article = Article(
        id=given_id or _slug(outlet) or "article",
        outlet=outlet or given_id or "Unknown outlet",
        title=entry.get("title") or "",
        url=url,
        published=entry.get("published") or "",
        text=text,
        passages=passages,
        meta=meta,
    )
    return article, warnings


def _validate(items: list[tuple[Article, str]]) -> LoadResult:
    """Apply the article checks; fatal problems drop the article, non-English only warns."""
    kept: list[Article] = []
    problems: list[InputProblem] = []
    seen: dict[str, str] = {}
    for article, source in items:
        text = "\n\n".join(article.passages) if article.passages is not None else article.text
        name = source if article.id in (source, _slug(Path(source).stem)) else f"{source} (id '{article.id}')"
        fatal = _fatal_problem(text, name)
        if fatal:
            problems.append(InputProblem(source, fatal))
            continue
        key = _normalise(text)
        if key in seen:
            problems.append(InputProblem(source, f"{name} has the same text as {seen[key]}; only the first is kept."))
            continue
        seen[key] = name
        if not _looks_english(text):
            problems.append(
                InputProblem(
                    source,
                    f"{name} does not look like English; the model and tone lexicon are English-only, "
                    "so its matches will be unreliable.",
                    fatal=False,
                )
            )
        kept.append(article)
    return LoadResult(tuple(_unique_ids(kept)), tuple(problems))


def _fatal_problem(text: str, name: str) -> str:
    """The reason an article's text cannot be used, or "" when it can."""
    if not text.strip():
        return f"{name} is empty."
    if len(text) > MAX_ARTICLE_CHARS:
        return _too_long(name, len(text))
    odd = sum(1 for ch in text if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v"))
    if "\x00" in text or odd > max(2, len(text) // 100):
        return f"{name} looks like a binary file, not text."
    return ""


def _looks_english(text: str) -> bool:
    """A cheap language check: enough common English words and mostly Latin letters."""
    text = text[:20_000]
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True
    latin = sum(1 for ch in letters if unicodedata.name(ch, "").startswith("LATIN"))
    if latin / len(letters) < 0.7:
        return False
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    if len(words) < 30:
        return True
    return sum(1 for w in words if w in _ENGLISH) / len(words) >= 0.15


def _unique_ids(articles: list[Article]) -> list[Article]:
    """The articles with ids made unique by a numeric suffix, in order."""
    used: set[str] = set()
    out = []
    for article in articles:
        new_id, n = article.id, 1
        while new_id in used:
            n += 1
            new_id = f"{article.id}-{n}"
        used.add(new_id)
        out.append(article if new_id == article.id else replace(article, id=new_id))
    return out


def _inline_markdown(line: str) -> str:
    """A line with images dropped, links reduced to their text and bold/italic/code marks removed."""
    line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)
    line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)
    line = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", line)
    line = re.sub(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])", r"\1", line)
    return re.sub(r"`([^`]+)`", r"\1", line)


def _normalise(text: str) -> str:
    """Text reduced for comparison: case-folded words only."""
    return " ".join(_WORD.findall(text.casefold()))


def _domain(url: str) -> str:
    """A URL's host without "www.", or ""."""
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")


def _slug(text: str) -> str:
    """A short id from a name: lower-case letters, digits and dashes."""
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower())
    return slug.strip("-")[:40].strip("-")
