"""A search query built from the reference article: its title, its most distinctive names and words, its date."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from parallax.model import Article
from parallax.passages import article_text
from parallax.text.names import extract_entities
from parallax.text.tokens import word_runs
from parallax.text.wordlists import STOP_WORDS

__all__ = ["MAX_NAMES", "MAX_WORDS", "Query", "article_date", "build_query"]

MAX_NAMES = 2
"""Names every result must mention: more make GDELT's AND search too narrow to find other outlets."""
MAX_WORDS = 4
"""Title words of which a result must mention at least one."""
_LEAD_CHARS = 1_500
_SHORTEST = 3
"""GDELT refuses shorter phrases ("The specified phrase is too short")."""
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Query:
    """What a search asks for: names (phrases all results mention), words (any one of them), a date window,
    and the reference's own date when it has one."""

    names: tuple[str, ...]
    words: tuple[str, ...]
    since: date | None = None
    until: date | None = None
    published: date | None = None

    def text(self) -> str:
        """The query as a person reads it (and as GDELT takes it): quoted names, then words joined by OR."""
        parts = [f'"{n}"' if " " in n else n for n in self.names]
        if len(self.words) == 1:
            parts.append(self.words[0])
        elif self.words:
            parts.append("(" + " OR ".join(self.words) + ")")
        return " ".join(parts)

    def matches(self, text: str) -> bool:
        """True when `text` mentions a name and a word (case and punctuation aside): looser than GDELT's AND,
        since a feed item's title and summary are short."""
        spaced = " " + " ".join(w for run in word_runs(text) for w in run) + " "
        has_name = not self.names or any(f" {n} " in spaced for n in self.names)
        return has_name and (not self.words or any(f" {w} " in spaced for w in self.words))


def article_date(article: Article) -> date | None:
    """The article's publication date when its `published` field starts with one (YYYY-MM-DD)."""
    found = _DATE.match(article.published.strip())
    if not found:
        return None
    try:
        return date(*(int(x) for x in found.groups()))
    except ValueError:
        return None


def build_query(article: Article, *, since: date | None = None, until: date | None = None) -> Query:
    """The query for other reports of the article's event.

    Names are ranked by how often the lead mentions them, three more for one in the title (a
    capitalised first word of the title counts only when the lead names it too), so the story's
    protagonists come first; words are the title's content words outside the chosen names, those
    the lead repeats most first. The window defaults to three days before the article to a week after.
    """
    lead = article_text(article)[:_LEAD_CHARS]
    counts: Counter[str] = Counter()
    lead_words = " " + " ".join(w for run in word_runs(lead) for w in run) + " "
    in_lead = extract_entities(lead)
    for name in in_lead:
        counts[name] += lead_words.count(f" {name} ")
    for name in extract_entities(article.title) & in_lead if lead.strip() else extract_entities(article.title):
        counts[name] += 3
    names = tuple(_plain(n) for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0])))
    names = tuple(n for n in dict.fromkeys(names) if len(n) >= _SHORTEST)[:MAX_NAMES]
    taken = {w for n in names for w in n.split()}
    title_words = [w for run in word_runs(article.title or lead[:200]) for w in run]
    candidates = [w for w in dict.fromkeys(title_words) if len(w) > 3 and w not in STOP_WORDS and w not in taken]
    words = tuple(sorted(candidates, key=lambda w: (-lead_words.count(f" {w} "), -len(w)))[:MAX_WORDS])
    published = article_date(article)
    if published is not None:
        since = since or published - timedelta(days=3)
        until = until or published + timedelta(days=7)
    return Query(names=names, words=words, since=since, until=until, published=published)


def _plain(name: str) -> str:
    """A name as words of letters only, the way `Query.matches` reads text."""
    return " ".join(w for run in word_runs(name) for w in run)
