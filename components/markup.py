"""Article text made safe for Streamlit markdown: every mark escaped, the one markup added a highlight.

Article text never reaches the page as HTML: it goes through `escape_markdown`, which makes every
markdown, HTML, math and emoji mark literal, and nothing in the app uses `unsafe_allow_html`. The
only markup added is a highlight around term spans found by `parallax.lenses.charged_spans`,
holding the escaped term itself.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable

from parallax.lenses import charged_spans

__all__ = ["HIGHLIGHT", "escape_markdown", "highlighted"]

HIGHLIGHT = "orange"
"""Streamlit markdown colour of the highlight around a distinctive term."""
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_SHORTCODE = re.compile(r":(?=[\w+/-]+:)")
_AUTOLINK = re.compile(r"(?i)(https?|ftp|www|mailto)(?=[:.])|(?<=\w)(@)(?=\w)")
"""Where markdown would turn bare text into a link: a word joiner after these stops it."""


def escape_markdown(text: str) -> str:
    """Text shown literally by st.markdown: markdown, HTML, `$` math, colour and emoji codes and bare links escaped."""
    text = "\n".join(line.strip() for line in str(text).splitlines())
    text = _SHORTCODE.sub(":\u200b", text)
    text = _AUTOLINK.sub(lambda m: (m.group(1) or m.group(2)) + "\u2060", text)
    return _PUNCTUATION.sub(r"\\\1", text)


def _plain(text: str) -> str:
    """Escaped text that keeps a single space at either end, so pieces join as the passage read."""
    if not text:
        return ""
    body = escape_markdown(text)
    if not body:
        return " "
    return (" " if text[0].isspace() else "") + body + (" " if text[-1].isspace() else "")


_OPENING = "(\"'“‘«["
_CLOSING = ")\"'”’».,;:!?…]"


def _whole_token(text: str, start: int, end: int, floor: int) -> tuple[int, int]:
    """A term's span widened over the prose punctuation glued to it ("(Crossline)", "Bukele's", "crime,"):
    a highlight's padding would otherwise set the term apart from its own punctuation, as if spaced.
    Markup-like characters ("<b>", "/") are never taken in, so a highlight covers only what a reader
    would call the word."""
    while start > floor and text[start - 1] in _OPENING:
        start -= 1
    stop = len(text)
    while end < stop and (text[end] in _CLOSING or (text[end].isalnum() and text[end - 1] in "'’")):
        end += 1
    return start, end


def highlighted(text: str, terms: Iterable[str]) -> str:
    """Markdown of `text` with every occurrence of `terms` highlighted; everything else escaped, no HTML."""
    pieces, last = [], 0
    for start, end, _ in charged_spans(text, terms):
        start, end = _whole_token(text, start, end, last)
        pieces.append(_plain(text[last:start]))
        pieces.append(f":{HIGHLIGHT}-background[{escape_markdown(text[start:end])}]")
        last = end
    pieces.append(_plain(text[last:]))
    return "".join(pieces)
