"""Word lists the text readers share, each declared once: stop words, speech verbs, titles, calendar, numbers."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

__all__ = [
    "ENGLISH_STOP_WORDS",
    "GENERAL_WORDS",
    "HONORIFICS",
    "MONTHS",
    "NUMBER_WORDS",
    "PERSON_NOUNS",
    "REPORTING_VERBS",
    "SPEECH_VERBS",
    "STOP_WORDS",
    "TENS_WORDS",
    "TITLES",
    "WEEKDAYS",
    "word_set",
]


def word_set(spaced: str) -> frozenset[str]:
    """The words of a space-separated list, as a set: how word lists are written."""
    return frozenset(spaced.split())


def _sklearn_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words, read from its source: importing sklearn takes about 2 s."""
    spec = importlib.util.find_spec("sklearn")
    try:
        source = (Path(spec.origin).parent / "feature_extraction" / "_stop_words.py").read_text(encoding="utf-8")
        assign = next(
            node
            for node in ast.parse(source).body
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "ENGLISH_STOP_WORDS"
        )
        return frozenset(ast.literal_eval(assign.value.args[0]))
    except (AttributeError, OSError, StopIteration, TypeError, ValueError, IndexError):
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as words

        return frozenset(words)


ENGLISH_STOP_WORDS = _sklearn_stop_words()
"""scikit-learn's list of English stop words (318 words): the base each stop list starts from."""

REPORTING_VERBS = word_set("said says say saying told tells added adds according asked stated noted")
"""Words that report speech: they carry no fact of their own ("X said" and "Y said" share nothing)."""

STOP_WORDS = (
    ENGLISH_STOP_WORDS - word_set("fire bill system interest call found move show serious")
) | REPORTING_VERBS
"""Words that carry no content: a passage's content words (passage matching) leave them out, and the
noun phrase after a figure ends at one. scikit-learn's list, less the news words it holds ("fire",
"bill", "system"), plus the reporting verbs. The shipped scorer was fitted on exactly this list:
change it only with a refit (bench/train_scorer.py)."""

SPEECH_VERBS = word_set(
    "said says say told tells added adds noted argued argues warned warns wrote writes posted stated explained "
    "insisted insists claimed claims replied replies responded answered asked asks declared acknowledged "
    "conceded countered tweeted announced maintained contended emphasized emphasised stressed continued "
    "recalled testified observed remarked suggested complained cautioned predicted vowed promised urged "
    "admitted objected recounted shouted joked quipped"
)
"""Verbs that attribute speech to a speaker ("..., X said", "X told reporters"), in the voices lens and
where sentence splitting glues an attribution back onto its quote."""

HONORIFICS = word_set("mr mrs ms dr")
"""Honorifics written before a name: they only echo who is quoted."""

TITLES = HONORIFICS | word_set(
    "president vice miss sen senator rep representative gov governor judge justice "
    "secretary minister premier chancellor mayor pope king queen prince princess sir dame lord "
    "gen lt col sgt capt adm cmdr sheriff officer detective det prof professor rev reverend "
    "ambassador commissioner chairman chairwoman spokesman spokeswoman attorney"
)
"""Personal titles, lowercased and without dots, that stand before a name and are no part of it."""

WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""Weekday names, lowercased, Monday first (as `datetime.date.weekday` counts)."""

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
"""Month names and their abbreviations, lowercased, to the month's number (1-12)."""

NUMBER_WORDS: tuple[str, ...] = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)
"""Numbers below twenty spelled in words: NUMBER_WORDS[n] is n."""

TENS_WORDS: tuple[str, ...] = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
"""Tens spelled in words: TENS_WORDS[i] is 10 * (i + 2)."""

GENERAL_WORDS = word_set(
    "far little long lot lots much more most less least few several enough really just even still yet ever quite "
    "rather almost also already often soon later ago away back instead maybe perhaps yes okay ok "
    "make makes made making come comes came coming get gets got getting go goes went going gone take takes took "
    "taking taken give gives gave giving given put puts putting set sets setting let lets letting keep keeps kept "
    "want wants wanted know knows knew known think thinks thought seem seems seemed look looks looked "
    "way ways thing things kind sort part time times day days week weeks month months year years today tonight "
    "yesterday tomorrow"
)
"""Words too general to mark how an outlet frames a story: light verbs, vague amounts and adverbs, time words."""

PERSON_NOUNS = word_set(
    "person people man men woman women child children adult minor member resident citizen national migrant "
    "immigrant refugee deportee detainee prisoner inmate captive hostage suspect defendant worker employee "
    "voter student patient victim casualty soldier troop officer civilian protester demonstrator passenger "
    "family dead injured wounded killed"
)
"""Nouns that count people, singular: two counts of people named differently may count the same people."""
