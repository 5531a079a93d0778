"""Voices lens: who each outlet lets speak, and how many words each voice gets.

Direct quotes ("..." and “...”) are attributed from the words around them: `"...," X said`,
`X said, "..."`, `"...," said X`, `according to X, "..."`, `X told reporters: "..."`, with the verbs
in `parallax.text.wordlists.SPEECH_VERBS`; a full-sentence quote right after an attributed one, in
the same paragraph, continues it. Indirect speech is a sentence with `X said (that) ...`,
`..., X said.`, `according to X, ...`. A role written before the name is read past, the commonest
attribution in news: `said union president X`, `according to logistics consultant X`, `the
company's chief executive, X, said`. The text is the article's own (so a quote split across
passages is still found) and every quote maps back to the passages it overlaps.

Speakers are capitalised names. Titles and honorifics are stripped ("President", "Mr.",
"Attorney General", "El Salvador's"), and across all articles a name merges into the one longer
name it ends with ("Bukele" and "President Bukele" into "Nayib Bukele"). "he"/"she" resolves to the
named speaker (anywhere in the event) mentioned last before it in the same article, outside quotes;
other speakers ("officials", "they") are dropped.

JSON shape (the result dict's ``lenses["voices"]``)::

    {"articles": {article_id: [{"voice": str,          # display name, e.g. "Nayib Bukele"
                                "words": int,          # words quoted directly + indirect content
                                "quotes": int,         # direct + indirect
                                "direct": int, "indirect": int,
                                "passages": [passage_id]}]},   # most words first
     "quotes": [{"article": article_id, "voice": str, "kind": "direct" | "indirect",
                 "text": str, "words": int, "passages": [passage_id]}],   # in text order
     "unique": [{"voice": str, "article": article_id}]}   # voices only one article includes
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from parallax.model import Article, Passage
from parallax.passages import article_text as passage_source_text
from parallax.text.names import NAME_PARTICLES
from parallax.text.tokens import word_count
from parallax.text.wordlists import SPEECH_VERBS, STOP_WORDS, TITLES, WEEKDAYS, word_set

__all__ = [
    "Quote",
    "Utterance",
    "article_text",
    "find_quotes",
    "normalise_speaker",
    "merge_names",
    "voices_unique",
    "voices_lens",
]

_UP = "A-ZÀ-ÖØ-Þ"
_ABBR_WORDS = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Jr|Sr|Prof|Rev|Capt|Adm|Maj|Pres|Atty|St)"
_ABBR = rf"{_ABBR_WORDS}\."
_CAP = rf"(?:(?:[{_UP}]\.){{2,}}|{_ABBR}|[{_UP}]\.|[{_UP}][\w'’-]*\w|[{_UP}])"
_CONN = r"(?:" + "|".join(sorted(NAME_PARTICLES)) + r")"
_NAME = rf"(?:{_CAP}(?:[ \t]+(?:{_CONN}[ \t]+)?{_CAP}){{0,7}})"
_PRON = r"(?:[Hh]e|[Ss]he)\b"
_SPK = rf"(?:{_PRON}|{_NAME})"
_APPOS = r"(?:,[ \t]+(?:[^,\"“”;:()\n.?!]|\.(?![ \t]+[A-Z\"“])){1,90}?,)"
_ADV = r"(?:(?:later|also|then|previously|recently|again|once|publicly|repeatedly|has|had|have)[ \t]+){0,2}"
_VERB = r"(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\b"
_INVERT = r"(?:said|says|added|wrote|noted|argued|asked|replied|answered|continued|explained|insisted|warned)"
# A role in lowercase words before a name ("union president", "the company's chief executive"):
# no word of it a stop word, so "said on Monday" or "according to reports" never read as one.
_ROLE_WORD = r"(?!(?:" + "|".join(sorted(STOP_WORDS - word_set("former"), key=len, reverse=True)) + r")\b)[a-z][\w'’-]*"
_ROLE = rf"(?:(?:the|a|an)[ \t]+)?(?:{_ROLE_WORD}[ \t]+){{0,3}}{_ROLE_WORD}"
_LEAD_ROLE = rf"(?:(?:[Tt]he|[Aa]n?)[ \t]+)?(?:{_ROLE_WORD}[ \t]+){{0,3}}{_ROLE_WORD},[ \t]+"
_LEAD_ATTR = rf"(?:{_LEAD_ROLE}(?={_NAME},))?(?P<s1>{_SPK})[ \t]*{_APPOS}{{0,2}}?,?[ \t]+{_ADV}(?P<v1>{_VERB})"
_AFTER = re.compile(
    rf"[ \t]*,?[ \t]*(?:{_LEAD_ATTR}|(?P<v2>{_INVERT})[ \t]+(?:{_ROLE},?[ \t]+)?(?P<s2>{_SPK})"
    rf"|according[ \t]+to[ \t]+(?:{_ROLE},?[ \t]+)?(?P<s3>{_NAME}))"
)
_BEFORE = re.compile(
    rf"(?:{_LEAD_ATTR}|[Aa]ccording[ \t]+to[ \t]+(?:{_ROLE},?[ \t]+)?(?P<s3>{_NAME}))"
    r"(?:[^\"“”.!?\n]{0,80}?[ \t]*(?:[,:]|\bthat)|[ \t]*,?)[ \t]*$"
)
_INDIRECT = re.compile(
    rf"(?<![\w'’-])(?:{_LEAD_ATTR}"
    rf"(?:(?:(?<=told)|(?<=tells)|(?<=asked))[ \t]+(?:reporters|journalists|the press|him|her|them|{_NAME}))?"
    rf"(?:[ \t]+that\b)?|(?P<v2>{_INVERT})[ \t]+(?:{_ROLE},?[ \t]+)?(?P<s2>{_NAME})(?=[ \t]*(?:{_APPOS}|[,.;:!?]|$))"
    rf"|[Aa]ccording[ \t]+to[ \t]+(?:{_ROLE},?[ \t]+)?(?P<s3>{_NAME}))"
)
_QUOTES = re.compile(r"“([^“”]*)”|\"([^\"\n]*)\"")
_BOUNDARY = re.compile(rf"(?<=[.!?])[\"”’)]*[ \t]+(?=[\"“‘(]?[{_UP}0-9])|\n+")
_ABBR_END = re.compile(rf"(?:\b{_ABBR_WORDS}|(?<![\w.])[{_UP}]|[{_UP}]\.[{_UP}])\.$")
# Words that open a sentence before its speaker ("Later, Bukele said").
_LEAD = word_set(
    "the a an but and yet so then later when while after before as in on at meanwhile still also however "
    "earlier now today yesterday tonight asked speaking instead though although because if since"
) | frozenset(WEEKDAYS)
# Titles and the words of an office or role that stand before a speaker's name ("White House Press
# Secretary", "Deputy Director", "Attorney General").
_ROLE_WORDS = TITLES | word_set(
    "acting advocate agent assistant chair chief circuit congressman congresswoman defense deputy director "
    "district federal foreign former general homeland house interior lawyer leader maj press prime security "
    "speaker spokesperson state treasury u.s. us white"
)
_ORG = word_set(
    "department ministry office court watch union council agency committee party government administration "
    "association foundation institute university police army commission bureau service center centre "
    "group league network times post news forum clinic observatory"
)
_GENERIC = word_set(
    "officials critics experts analysts prosecutors lawyers advocates authorities residents witnesses "
    "police sources observers activists supporters opponents researchers some others many both it they "
    "we i you he she this that these those there"
)
_PREPOSITIONS = word_set("of for to with by from about against among near like than between behind beside")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@dataclass(frozen=True)
class Quote:
    """One attributed utterance: direct (the quoted words) or indirect (the reported content)."""

    article: str
    voice: str
    kind: str
    text: str
    words: int
    start: int
    end: int
    passages: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The quote as plain JSON-ready data (without offsets, which depend on the text used)."""
        return {
            "article": self.article,
            "voice": self.voice,
            "kind": self.kind,
            "text": self.text,
            "words": self.words,
            "passages": list(self.passages),
        }


def article_text(article: Article, passages: Sequence[Passage]) -> tuple[str, list[tuple[int, int, str]]]:
    """The article's text with (start, end, passage id) spans: the text the passages' offsets point
    into when they fit it, else the passages joined by spaces."""
    text = passage_source_text(article)
    if text and passages and all(text[p.start : p.end] == p.text for p in passages):
        return text, [(p.start, p.end, p.id) for p in passages]
    spans, parts, pos = [], [], 0
    for p in passages:
        parts.append(p.text)
        spans.append((pos, pos + len(p.text), p.id))
        pos += len(p.text) + 1
    return " ".join(parts), spans


def normalise_speaker(raw: str) -> str | None:
    """A speaker's name without titles, honorifics, possessive roles or leading filler words; a body
    made only of such words ("White House") stays whole; None for pronouns, a bare title and generic
    nouns ("officials")."""
    tokens = raw.replace("’", "'").split()
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i].endswith("'s"):
            tokens = tokens[i + 1 :]
            break
    while tokens and tokens[0].lower().rstrip(",") in _LEAD:
        tokens = tokens[1:]
    if not tokens or tokens[0].lower() in _GENERIC:
        return None
    if not any(t.lower() in _ORG for t in tokens):
        rest = list(tokens)
        while rest and (
            rest[0].lower().rstrip(".") in _ROLE_WORDS
            or rest[0].lower() in _ROLE_WORDS
            or (rest[0] in ("of", "the") and len(rest) > 1)
        ):
            rest = rest[1:]
        if not rest:
            return " ".join(tokens) if len(tokens) > 1 else None
        if rest[0][0].islower():
            return None
        for i, t in enumerate(rest):
            if i and t in ("of", "for"):
                rest = rest[:i]
                break
        tokens = rest
    return " ".join(tokens) or None


def _key(name: str) -> tuple[str, ...]:
    return tuple(t.lower().rstrip(".,") for t in name.split() if t.lower().rstrip(".,") not in _SUFFIXES)


def merge_names(names_by_article: Mapping[str, set[str]]) -> dict[tuple[str, str], str]:
    """Map each (article id, name) to its voice: the one longest name, in the same article if it is
    ambiguous event-wide, that the name ends with ("Bukele" -> "Nayib Bukele")."""
    all_names = {n for names in names_by_article.values() for n in names}
    keys = {n: _key(n) for n in all_names}

    def longer(name: str, pool: set[str]) -> set[str]:
        k = keys[name]
        ends = {m for m in pool if len(keys[m]) >= len(k) and keys[m][-len(k) :] == k}
        return {
            m
            for m in ends
            if not any(len(keys[o]) > len(keys[m]) and keys[o][-len(keys[m]) :] == keys[m] for o in ends)
        }

    out = {}
    for article, names in names_by_article.items():
        for name in names:
            top = longer(name, all_names)
            if len(top) > 1:
                top = longer(name, set(names))
            out[(article, name)] = next(iter(top)) if len(top) == 1 else name
    return out


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < pos < e for s, e in spans)


def _quote_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(outer start, outer end, inner start, inner end) of every quotation, in order."""
    return [(m.start(), m.end(), m.start(m.lastindex or 1), m.end(m.lastindex or 1)) for m in _QUOTES.finditer(text)]


def _speaker(m: re.Match[str]) -> tuple[str, int]:
    for group in ("s1", "s2", "s3"):
        if m.group(group):
            return m.group(group), m.start(group)
    return "", m.start()


def _object_of_preposition(text: str, m: re.Match[str], offset: int = 0) -> bool:
    """Whether a leading speaker is the object of a preposition ("lawyers for the Venezuelans said")."""
    if not m.group("s1"):
        return False
    at = offset + m.start("s1")
    before = re.search(r"(\w+)\s+(?:the\s+|a\s+)?$", text[max(0, at - 40) : at])
    return bool(before) and before.group(1).lower() in _PREPOSITIONS


def _sentences(text: str, quotes: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    cuts = [0] + [
        m.end()
        for m in _BOUNDARY.finditer(text)
        if not _inside(m.end() - 1, quotes) and not _ABBR_END.search(text, max(0, m.start() - 6), m.start())
    ]
    cuts.append(len(text))
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]


@dataclass(frozen=True)
class Utterance:
    """An attributed utterance before names are merged: `speaker` as written (maybe "he"), `at` where
    it is written, the content's offsets and the end of the sentence holding the attribution."""

    speaker: str
    at: int
    kind: str
    text: str
    words: int
    start: int
    end: int
    sentence_end: int


def _sentence_end(sentences: Sequence[tuple[int, int]], pos: int) -> int:
    return next((e for s, e in sentences if s <= pos < e), pos)


def find_quotes(text: str) -> list[Utterance]:
    """Attributed direct quotes and indirect speech in `text`, in text order (speakers unresolved)."""
    quotes = _quote_spans(text)
    outer = [(q[0], q[1]) for q in quotes]
    sentences = _sentences(text, outer)
    found: list[Utterance] = []
    attributions: list[tuple[int, int]] = []
    loose = []
    for i, (qs, qe, cs, ce) in enumerate(quotes):
        content = text[cs:ce].strip().rstrip(",")
        # A quote closing on a full stop ends its sentence: what follows is not its attribution.
        ends_sentence = content.endswith(".") and not content.endswith("...")
        match = None if ends_sentence else _AFTER.match(text, qe, min(len(text), qe + 200))
        offset = 0
        if not match:
            offset = max(outer[i - 1][1] if i else 0, qs - 250)
            fragment = text[offset:qs]
            cut = max([m.end() for m in _BOUNDARY.finditer(fragment)], default=0)
            match = _BEFORE.search(fragment, cut)
            if match and _object_of_preposition(text, match, offset):
                match = None
        if not match:
            loose.append((qs, cs, ce, content))
            continue
        speaker, at = _speaker(match)
        attributions.append((offset + match.start(), offset + match.end()))
        found.append(
            Utterance(
                speaker,
                offset + at,
                "direct",
                content,
                word_count(content),
                cs,
                ce,
                _sentence_end(sentences, max(qe, offset + match.end()) - 1),
            )
        )
    for s, e in sentences:
        if any(a < e and s < b for a, b in attributions) or any(qs <= s and e <= qe for qs, qe in outer):
            continue
        for m in _INDIRECT.finditer(text, s, e):
            raw, at = _speaker(m)
            if _inside(at, outer) or _object_of_preposition(text, m):
                continue
            before, after = text[s : m.start()].strip(), text[m.end() : e].strip()
            if word_count(after) < 3 or (m.group("v2") and word_count(before) >= 3):
                content = before
            elif before.endswith(",") and after.startswith(","):
                content = before + " " + after.lstrip(", ")
            else:
                content = after
            content = content.strip(" \t\n,.;:—-")
            if word_count(content) >= 3:
                found.append(Utterance(raw, at, "indirect", content, word_count(content), s, e, e))
            break
    for qs, cs, ce, content in loose:
        # A full-sentence quote opening the sentence right after an attributed one continues it.
        prev = max((u for u in found if u.sentence_end <= qs), key=lambda u: u.sentence_end, default=None)
        gap = text[prev.sentence_end : qs] if prev else "\n"
        if prev and re.search(r"[.!?]$", content) and not gap.strip() and "\n" not in gap:
            found.append(
                Utterance(
                    prev.speaker,
                    prev.at,
                    "direct",
                    content,
                    word_count(content),
                    cs,
                    ce,
                    _sentence_end(sentences, ce),
                )
            )
    found.sort(key=lambda u: u.start)
    return found


def _passages_for(start: int, end: int, spans: Sequence[tuple[int, int, str]]) -> tuple[str, ...]:
    return tuple(pid for s, e, pid in spans if s < end and start < e)


def _resolve_pronoun(text: str, pos: int, quotes: Sequence[tuple[int, int]], people: Mapping[str, str]) -> str | None:
    """The person (display name) whose surname is mentioned last before `pos`, outside quotes."""
    if not people:
        return None
    best = None
    for m in _surnames_pattern(tuple(people)).finditer(text, 0, pos):
        if not _inside(m.start(), quotes):
            best = people[m.group(0)]
    return best


@lru_cache(maxsize=256)
def _surnames_pattern(surnames: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for every surname as a whole word, longest first; compiled once per set of people."""
    names = "|".join(re.escape(s) for s in sorted(surnames, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?:{names})(?![\w-])")


def voices_unique(voices_by_article: Mapping[str, Sequence[Mapping[str, Any]]]) -> list[dict[str, str]]:
    """Voices that only one article includes, as {"voice", "article"} sorted by article then voice."""
    seen: dict[str, set[str]] = defaultdict(set)
    for article, voices in voices_by_article.items():
        for v in voices:
            seen[v["voice"]].add(article)
    return sorted(
        ({"voice": v, "article": next(iter(a))} for v, a in seen.items() if len(a) == 1),
        key=lambda d: (list(voices_by_article).index(d["article"]), d["voice"]),
    )


def voices_lens(articles: Sequence[Article], passages_by_article: Mapping[str, Sequence[Passage]]) -> dict[str, Any]:
    """The whole voices lens as JSON-ready data (shape in the module docstring)."""
    texts, raw = {}, {}
    for article in articles:
        texts[article.id] = article_text(article, passages_by_article.get(article.id, ()))
        raw[article.id] = find_quotes(texts[article.id][0])
    named: dict[str, dict[str, str]] = {}
    for aid, found in raw.items():
        named[aid] = {u.speaker: n for u in found if (n := normalise_speaker(u.speaker))}
    merged = merge_names({aid: set(names.values()) for aid, names in named.items()})
    people: dict[str, str] = {}
    for voice in sorted(set(merged.values())):
        tokens = [t for t in voice.split() if t.lower().rstrip(".,") not in _SUFFIXES]
        if tokens and not any(t.lower() in _ORG for t in tokens) and tokens[-1].lower() not in _ROLE_WORDS:
            people.setdefault(tokens[-1], voice)
    quotes: list[Quote] = []
    for article in articles:
        text, spans = texts[article.id]
        outer = [(q[0], q[1]) for q in _quote_spans(text)]
        for u in raw[article.id]:
            if re.fullmatch(_PRON, u.speaker):
                voice = _resolve_pronoun(text, u.at, outer, people)
            else:
                name = named[article.id].get(u.speaker)
                voice = merged.get((article.id, name)) if name else None
            if voice:
                quotes.append(
                    Quote(
                        article.id, voice, u.kind, u.text, u.words, u.start, u.end, _passages_for(u.start, u.end, spans)
                    )
                )
    by_article: dict[str, list[dict[str, Any]]] = {}
    for article in articles:
        tally: dict[str, dict[str, Any]] = {}
        for q in (q for q in quotes if q.article == article.id):
            t = tally.setdefault(
                q.voice, {"voice": q.voice, "words": 0, "quotes": 0, "direct": 0, "indirect": 0, "passages": []}
            )
            t["words"] += q.words
            t["quotes"] += 1
            t[q.kind] += 1
            t["passages"] += [p for p in q.passages if p not in t["passages"]]
        by_article[article.id] = sorted(tally.values(), key=lambda t: (-t["words"], t["voice"]))
    return {"articles": by_article, "quotes": [q.to_dict() for q in quotes], "unique": voices_unique(by_article)}
