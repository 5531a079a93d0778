"""Sources to articles, through two doors: `web` for what a browser sends, `local` for the command line.

The app imports only the browser's door (pasted text, uploaded contents, http(s) addresses); local
files and folders are read only through `local`, which the command line uses.
"""

from __future__ import annotations

from parallax.inputs.articles import MIN_ARTICLE_WORDS, article_from_html, article_from_text
from parallax.inputs.errors import InputError
from parallax.inputs.event_json import load_event_text, parse_event
from parallax.inputs.validate import validate_articles

__all__ = [
    "MIN_ARTICLE_WORDS",
    "InputError",
    "article_from_html",
    "article_from_text",
    "load_event_text",
    "parse_event",
    "validate_articles",
]
