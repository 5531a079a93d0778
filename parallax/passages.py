"""Split articles into passages (sentences or paragraphs) with exact character offsets.

pysbd does the sentence splitting; the repairs below fix what it gets wrong on news text
(party-state tags like "D-Md.", attributions cut off after a quote, closing quotes left alone,
time zones after "a.m.") and the line rules drop what is not reporting (bylines, share buttons).
"""

from __future__ import annotations

import re

import pysbd

from parallax.model import Article, Passage
from parallax.text.tokens import word_count
from parallax.text.wordlists import SPEECH_VERBS, WEEKDAYS

__all__ = [
    "BOILERPLATE_MAX_WORDS",
    "BOILERPLATE_PATTERNS",
    "MAX_PASSAGE_CHARS",
    "bounded_spans",
    "PIECE_CHARS",
    "SIZES",
    "article_text",
    "is_boilerplate",
    "split_passages",
]

SIZES = ("sentence", "paragraph")

BOILERPLATE_PATTERNS: tuple[str, ...] = (
    r"read more\b.*",
    r"(?:skip )?advertisement",
    r"story continues below(?: advertisement)?",
    r"continue reading\b.*",
    r"share(?: this(?: article| story| page)?)?(?:\s+(?:on|via)\s+\w+(?:\s*/\s*\w+)*)?[.:!]?",
    r"share this (?:article|story|page)\b.*",
    r"(?:facebook|twitter|x|linkedin|whatsapp|reddit|email|print|copy link)"
    r"(?:\s*[|·•,/]?\s*(?:facebook|twitter|x|linkedin|whatsapp|reddit|email|print|copy link))+",
    r"sign up\b.*",
    r"subscribe\b.*",
    r"click here\b.*",
    r"related(?: articles?| stories| coverage| content)?\s*:.*",
    r"(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*\d{4}\b).*",
    r"all rights reserved\.?",
    r"follow us\b.*",
    r"listen to this article\b.*",
    r"\d+\s*min(?:ute)?s? read",
    r"(?:[—–-]+\s*|\()(?:additional )?(?:reporting|writing|editing|edited) by\b.*",
    r"(?:additional )?reporting by [^.;]{1,60};\s*(?:writing|editing) by\b.*",
)
"""Whole lines (case-insensitive, at most BOILERPLATE_MAX_WORDS words) that are page furniture."""

BOILERPLATE_MAX_WORDS = 25

_BOILERPLATE = tuple(re.compile(p, re.IGNORECASE) for p in BOILERPLATE_PATTERNS)
_BYLINE_WORD = r"(?:[A-Z][\w.'’-]*|and|of|the|de|del|da|van|von|staff|writer|reporter|correspondent|editor)"
_BYLINE = re.compile(rf"(?:By|BY)\s+[A-Z][\w.'’-]*(?:(?:\s*[,|&]\s*|\s+){_BYLINE_WORD})*\.?")
_UPDATED = re.compile(
    r"(?:Last |LAST )?(?:Updated|UPDATED|Published|PUBLISHED|Posted|POSTED|First published)(?: on| at)?:?\s+"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}\b|\d{1,2}(?::\d{2})?\s*[AaPp]\.?[Mm]\b|\d{1,2}[/.-]\d{1,2}|\d{4}-\d{2}"
    r"|\d{1,2} [A-Z][a-z]{2,8}\b|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b).{0,60}"
)
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*"
    r"(?:,\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"\s*(?:\([^()\n]{1,40}\)\s*)?[—–-]{1,2}"
)
_BULLET = re.compile(r"(?:[-*•·▪◦‣–—]|\d{1,2}[.)])\s+")
_CREDIT_TAIL = re.compile(
    r"(?:\s+[—–-]{1,2}\s*|\s*\()(?:additional )?(?:reporting|writing|editing|edited) by\b[^\n]*$",
    re.IGNORECASE,
)
_LEADING_CLOSER = re.compile(r"[”’\"'»)\]]+(?=\s|$)")
_ENDS_WITH_QUOTE = re.compile(r"(?:[”\"]|[.,!?…][’'])\s*$")
_NEVER_FINAL = re.compile(
    r"(?:^|[\s(“\"])(?:Sen|Sens|Gov|Rep|Reps|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Maj|Prof|Rev|Hon"
    r"|Atty|Supt|Pres|Mt|Ft|vs|v)\.$"
)
_MONTH_ABBR = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|No|Nos)\.$")
_CLOCK = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
_TIME_ZONE = re.compile(r"(?:(?:Eastern|Central|Mountain|Pacific|local)\s+time|[ECMP][DS]?T|GMT|UTC)\b")
_SPEECH_VERB = r"(?:" + "|".join(sorted(SPEECH_VERBS)) + r")"
_TAIL_START = (
    r"(?:reporters|journalists|him|her|them|us|me|the\s+\w+|a\s+\w+|on|in|at|during|after|before|from|to"
    r"|via|while|when|as|of|about|with|outside|later|earlier|then|today|yesterday|last|this|"
    + "|".join(day.capitalize() for day in WEEKDAYS)
    + r")"
)
_ATTRIBUTION = re.compile(
    rf"[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){{0,5}}\s+{_SPEECH_VERB}(?:,?\s+{_TAIL_START}\b[^.!?]{{0,80}})?[.!?]"
)
_STREET_END = re.compile(
    r"\b[A-Z][a-z]+ (?:St|Ave|Blvd|Rd)\.(\s+)"
    r"(?=(?:He|She|It|They|The|A|An|We|I|His|Her|Their|This|That|Police|Officials)\b)"
)
_LINE = re.compile(r"[^\r\n\u2028\u2029]+")
_SAFE_BREAK = re.compile(r"(?<=[a-z]{3}[.!?])\s+(?=[A-Z])")
_CUT_PATTERNS = (
    re.compile(r"[.!?][”’\"')\]]*\s"),
    re.compile(r"[;:]\s|\s[—–]\s?|—"),
    re.compile(r",\s"),
    re.compile(r"\s"),
)
MAX_PASSAGE_CHARS = 1000
"""The default longest passage (see parallax.settings.LIMITS, `max_passage_chars`)."""
PIECE_CHARS = 2000
"""Lines longer than this are handed to pysbd in pieces (see `_pieces`)."""


def is_boilerplate(line: str) -> bool:
    """True when a whole line is page furniture, a byline, a time stamp or a lone dateline, not reporting."""
    line = line.strip()
    if not line:
        return True
    if word_count(line) <= BOILERPLATE_MAX_WORDS and any(p.fullmatch(line) for p in _BOILERPLATE):
        return True
    if word_count(line) <= 12 and _BYLINE.fullmatch(line):
        return True
    if word_count(line) <= 14 and _UPDATED.fullmatch(line):
        return True
    return bool(_DATELINE.fullmatch(line))


def article_text(article: Article) -> str:
    """The text that an article's passage offsets point into.

    It is `article.text`, except for an article given as passages whose strings cannot all be found,
    in order, in its text (or that has no text): then the passages joined by blank lines.
    """
    return _given_spans(article)[0] if article.passages is not None else article.text


def split_passages(article: Article, size: str = "sentence", max_chars: int = MAX_PASSAGE_CHARS) -> list[Passage]:
    """The article's passages in reading order, each with exact offsets into `article_text(article)`.

    `size` is "sentence" or "paragraph". Passages given with the article are used as given, except
    that any passage longer than `max_chars` is split into pieces (see `bounded_spans`).
    """
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(SIZES)}, got {size!r}")
    if article.passages is not None:
        text, spans = _given_spans(article)
    else:
        text = article.text
        spans = [span for line in _kept_lines(text) for span in _line_spans(text, *line, size)]
    spans = [piece for span in spans for piece in bounded_spans(text, *span, max_chars)]
    return [
        Passage(id=f"{article.id}:{i}", article_id=article.id, index=i, text=text[s:e], start=s, end=e)
        for i, (s, e) in enumerate(spans)
    ]


def bounded_spans(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """A span cut into pieces of at most `max_chars`, never dropping text.

    Run-on text would otherwise reach the model whole, and the model reads only its first few
    hundred words. Each cut falls at the last sentence end, else clause mark (; : — –), else comma,
    else space in the second half of the allowed length; a single word longer than the limit is cut
    where the limit falls.
    """
    pieces: list[tuple[int, int]] = []
    while end - start > max_chars:
        window = text[start + max_chars // 2 : start + max_chars + 1]
        cut = None
        for pattern in _CUT_PATTERNS:
            found = list(pattern.finditer(window))
            if found:
                cut = start + max_chars // 2 + found[-1].end()
                break
        cut = cut or start + max_chars
        piece = _strip(text, start, cut)
        if piece[0] < piece[1]:
            pieces.append(piece)
        start, end = _strip(text, cut, end)
    if start < end:
        pieces.append((start, end))
    return pieces


def _given_spans(article: Article) -> tuple[str, list[tuple[int, int]]]:
    """Offsets of given passages in the article's text, or in the passages joined by blank lines."""
    pieces = [p.strip() for p in article.passages or () if p.strip()]
    if article.text:
        spans, cursor = [], 0
        for piece in pieces:
            at = article.text.find(piece, cursor)
            if at < 0:
                break
            spans.append((at, at + len(piece)))
            cursor = at + len(piece)
        else:
            return article.text, spans
    spans, cursor = [], 0
    for piece in pieces:
        spans.append((cursor, cursor + len(piece)))
        cursor += len(piece) + 2
    return "\n\n".join(pieces), spans


def _kept_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line that holds reporting, bullet marker and credit tail removed."""
    kept = []
    for match in _LINE.finditer(text):
        start, end = _strip(text, match.start(), match.end())
        if start == end or is_boilerplate(text[start:end]):
            continue
        bullet = _BULLET.match(text, start, end)
        if bullet:
            start = bullet.end()
            if is_boilerplate(text[start:end]):
                continue
        credit = _CREDIT_TAIL.search(text, start, end)
        if credit:
            start, end = _strip(text, start, credit.start())
        if start < end and any(ch.isalnum() for ch in text[start:end]):
            kept.append((start, end))
    return kept


def _line_spans(text: str, start: int, end: int, size: str) -> list[tuple[int, int]]:
    """Passage spans of one line: the whole line, or its sentences after repair."""
    if size == "paragraph":
        return [(start, end)]
    line = text[start:end]
    cuts = []
    for offset, piece in _pieces(line):
        cursor = 0
        for sentence in pysbd.Segmenter(language="en", clean=False).segment(piece):
            sentence = sentence.strip()
            at = piece.find(sentence, cursor) if sentence else -1
            if at >= 0:
                cursor = at + len(sentence)
                cuts.append(offset + cursor)
    cuts.extend(m.start(1) for m in _STREET_END.finditer(line))
    bounds = [0, *sorted(set(cuts) - {0, len(line)}), len(line)]
    spans = [_strip(line, a, b) for a, b in zip(bounds, bounds[1:], strict=False)]
    repaired = _repair(line, [s for s in spans if s[0] < s[1]])
    return [(start + a, start + b) for a, b in repaired if not is_boilerplate(line[a:b])]


def _pieces(line: str) -> list[tuple[int, str]]:
    """A long line cut into pieces of about PIECE_CHARS, with their offsets.

    pysbd's time grows faster than the length of its input: a 100,000-character line without
    paragraph breaks took half a minute whole and takes a few seconds in pieces. Cuts fall only at
    unmistakable sentence ends outside quotations (pysbd pairs quote marks within its input), unless
    a quotation never seems to close.
    """
    pieces, start = [], 0
    while len(line) - start > PIECE_CHARS:
        found = next(
            (
                m
                for m in _SAFE_BREAK.finditer(line, start + PIECE_CHARS // 2)
                if _balanced(line[start : m.start()]) or m.start() - start > 4 * PIECE_CHARS
            ),
            None,
        )
        if found is None:
            break
        pieces.append((start, line[start : found.start()]))
        start = found.end()
    pieces.append((start, line[start:]))
    return pieces


def _balanced(text: str) -> bool:
    """True when every quotation opened in `text` is closed in it."""
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def _repair(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Undo wrong sentence breaks: glue fragments back onto the sentence they belong to."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            closer = _LEADING_CLOSER.match(line, start, end)
            if closer:
                out[-1] = (out[-1][0], closer.end())
                start, _ = _strip(line, closer.end(), end)
                if start >= end:
                    continue
            if _belongs_to_previous(line[out[-1][0] : out[-1][1]], line[start:end]):
                out[-1] = (out[-1][0], end)
                continue
        out.append((start, end))
    return out


def _belongs_to_previous(prev: str, cur: str) -> bool:
    """True when `cur` is not a sentence of its own but the rest of `prev`."""
    first = cur[0]
    if first.islower() and not (len(cur) > 1 and cur[1].isupper()):
        return True
    if first in ",;:—–-…" or not any(ch.isalnum() for ch in cur):
        return True
    if _NEVER_FINAL.search(prev) or (_MONTH_ABBR.search(prev) and first.isdigit()):
        return True
    if _CLOCK.search(prev) and _TIME_ZONE.match(cur):
        return True
    if _ENDS_WITH_QUOTE.search(prev) and _ATTRIBUTION.fullmatch(cur):
        return True
    return bool(_DATELINE.fullmatch(prev))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow (start, end) to exclude white space at either side."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
