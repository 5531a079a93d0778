"""The framing widgets' highlighted passages: each outlet's distinctive words marked in escaped markdown.

The markup lives in components/markup.py; reading an axis from a link or a form is tested with its
view (tests/test_views_axis.py).
"""

from __future__ import annotations

import re

from components.markup import escape_markdown, highlighted

MARK = re.compile(r":orange-background\[((?:\\.|[^\]\\])*)\]")


def test_only_the_terms_are_marked_and_everything_else_stays_escaped_text():
    text = "The <b>crackdown</b> on *gangs* worked: crime fell, and crimes were rarer."
    marked = highlighted(text, ["crackdown", "crime fell", "crime"])
    assert marked == (
        escape_markdown("The <b>")
        + ":orange-background[crackdown]"
        + escape_markdown("</b> on *gangs* worked:")
        + " :orange-background[crime fell\\,]"
        + " "
        + escape_markdown("and crimes were rarer.")
    )
    assert MARK.findall(marked) == ["crackdown", "crime fell\\,"], (
        "'crimes' is another word; the longer term wins; a comma glued to a term is marked with it, markup never"
    )
    assert "<b>" not in marked and "*gangs*" not in marked


def test_highlighting_keeps_the_words_a_reader_sees_and_marks_nothing_without_terms():
    text = "Bukele's “mega-prison” [CECOT] holds $6 million of :smile: detainees."
    marked = highlighted(text, ["mega-prison", "detainees"])
    seen = re.sub(r"\\(.)", r"\1", MARK.sub(r"\1", marked)).replace("\u200b", "")
    assert seen == text
    assert MARK.findall(marked) == ["“mega\\-prison”", "detainees\\."], "glued quotes and stops go with the word"
    assert highlighted(text, []) == escape_markdown(text)
