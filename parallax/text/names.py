"""Names of people, places and bodies by a light heuristic, lowercased so that outlets' names compare."""

from __future__ import annotations

import re

from parallax.text.wordlists import ENGLISH_STOP_WORDS, MONTHS, TITLES, WEEKDAYS, word_set

__all__ = ["NAME_PARTICLES", "entity_tokens", "extract_entities", "normalise_name"]

NAME_PARTICLES = word_set("of de del la las los le van von der den da dos du al bin y")
"""Lowercase words inside a name ("Department of Homeland Security", "Mohammed bin Salman")."""

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z]+(?:['’\-][A-Za-z]+)*|\S")
_SENTENCE_BREAKS = frozenset('.!?:;"“”‘(—–')
_TITLE_PHRASES = (("attorney", "general"), ("secretary", "of", "state"), ("prime", "minister"), ("chief", "justice"))
_CALENDAR = frozenset(WEEKDAYS) | frozenset(MONTHS)
# Words that open a sentence with a capital but are no name.
_STARTERS = word_set(
    "police officials authorities residents witnesses critics experts analysts prosecutors lawyers "
    "investigators firefighters rescuers doctors troops soldiers protesters voters reports sources "
    "according asked speaking earlier later today yesterday tomorrow instead despite meanwhile "
    "hundreds thousands dozens millions update watch read video photos advertisement breaking "
    "people man woman men women children officers it he she they we i you"
)
# Stop words that can be names or a name's words ("US", "UN", "Co", "Bill"): passage matching's name
# features were fitted on this list.
_NOT_NAMES = (ENGLISH_STOP_WORDS - word_set("bill fire mill top front interest system call us un co")) | _STARTERS
_ALIASES = {
    "united states": ("us", "usa", "united states of america", "america", "american", "americans"),
    "united kingdom": ("uk", "britain", "great britain", "british"),
    "united nations": ("un",),
    "european union": ("eu",),
    "el salvador": ("salvadoran", "salvadorans", "salvadorian"),
    "venezuela": ("venezuelan", "venezuelans"),
    "mexico": ("mexican", "mexicans"),
    "france": ("french",),
    "germany": ("german", "germans"),
    "china": ("chinese",),
    "russia": ("russian", "russians"),
    "ukraine": ("ukrainian", "ukrainians"),
    "israel": ("israeli", "israelis"),
    "iran": ("iranian", "iranians"),
    "india": ("indian", "indians"),
}
_ALIAS = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}


def normalise_name(name: str) -> str:
    """One key per name: lowercase, no dots or possessive, hyphens as spaces, aliases resolved."""
    key = re.sub(r"['’]s$", "", name.strip()).lower().replace(".", "").replace("-", " ")
    key = " ".join(key.split())
    return _ALIAS.get(key, key)


def _capitalised(tok: str) -> bool:
    return tok[0].isupper() and (len(tok) > 1 or tok == "I")


def _runs(text: str) -> list[tuple[list[str], bool]]:
    """Runs of capitalised tokens, each with whether it opens a sentence (or a quote)."""
    tokens = _TOKEN.findall(text)
    runs: list[tuple[list[str], bool]] = []
    current: list[str] = []
    opens = at_start = True
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if tok[0].isalpha() and _capitalised(tok):
            if not current:
                opens = at_start
            current.append(tok)
            at_start = False
            if tok.endswith(("'s", "’s")):
                runs.append((current, opens))
                current = []
            continue
        if tok == "." and current and (current[-1].lower() in TITLES or len(current[-1]) == 1):
            continue
        if tok in NAME_PARTICLES and current and nxt[:1].isupper():
            current.append(tok)
            continue
        if current:
            runs.append((current, opens))
            current = []
        at_start = tok in _SENTENCE_BREAKS or (at_start and not tok[0].isalnum())
    if current:
        runs.append((current, opens))
    return runs


def _strip_titles(words: list[str]) -> list[list[str]]:
    """Split a run where titles stand ("Salvadoran President Nayib Bukele" -> Salvadoran, Nayib Bukele)."""
    parts: list[list[str]] = [[]]
    i = 0
    while i < len(words):
        low = [w.lower() for w in words[i : i + 3]]
        phrase = next((p for p in _TITLE_PHRASES if tuple(low[: len(p)]) == p), None)
        if phrase or (low[0] in TITLES and i + 1 < len(words)):
            parts.append([])
            i += len(phrase) if phrase else 1
            continue
        parts[-1].append(words[i])
        i += 1
    return [p for p in parts if p]


def _trim(words: list[str]) -> list[str]:
    while words and (words[0].lower() in _NOT_NAMES or words[0].lower() in NAME_PARTICLES):
        words = words[1:]
    while words and words[-1].lower() in NAME_PARTICLES:
        words = words[:-1]
    return words


def _keep(words: list[str], opens: bool) -> bool:
    if not words:
        return False
    if len(words) > 1:
        return True
    word = words[0]
    low = normalise_name(word)
    if low in _CALENDAR or low in TITLES or len(low) < 2 or low in _NOT_NAMES:
        return False
    return not (opens and (low.endswith("ly") or low.endswith("ing")) and not word.isupper())


def extract_entities(text: str) -> set[str]:
    """Normalised names of people, places, organisations and acronyms mentioned in `text`."""
    names: set[str] = set()
    for run, opens in _runs(text):
        for i, part in enumerate(_strip_titles(run)):
            words = _trim(part)
            if _keep(words, opens and i == 0 and words == part):
                names.add(normalise_name(" ".join(words)))
    names.discard("")
    return names


def entity_tokens(names: set[str] | frozenset[str]) -> frozenset[str]:
    """The words of entity names, so "bukele" meets "nayib bukele" and "abrego garcia" meets "garcia"."""
    return frozenset(w for name in names for w in name.split() if w not in NAME_PARTICLES and w not in _NOT_NAMES)
