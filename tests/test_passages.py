"""Sentence and paragraph passages on news text, with offsets the UI can highlight."""

from __future__ import annotations

import time

import pytest

from parallax.model import Article
from parallax.passages import article_text, is_boilerplate, split_passages


def texts(text: str, size: str = "sentence") -> list[str]:
    """The passage texts of an article made of `text`, after checking every offset."""
    article = Article(id="a", outlet="Test", text=text)
    passages = split_passages(article, size)
    for i, passage in enumerate(passages):
        assert passage.text == text[passage.start : passage.end]
        assert passage.text == passage.text.strip()
        assert (passage.id, passage.article_id, passage.index) == (f"a:{i}", "a", i)
    return [p.text for p in passages]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sen. Chris Van Hollen, D-Md., objected. The hearing ended.",
            ["Sen. Chris Van Hollen, D-Md., objected.", "The hearing ended."],
        ),
        (
            "Sen. Chris Van Hollen, D-Md. objected. Rep. Dana Holt, D-Ore., agreed.",
            ["Sen. Chris Van Hollen, D-Md. objected.", "Rep. Dana Holt, D-Ore., agreed."],
        ),
        (
            "The U.S. paid about $6 million. The U.N. objected.",
            ["The U.S. paid about $6 million.", "The U.N. objected."],
        ),
        ("He arrived in the U.S. He spoke to reporters.", ["He arrived in the U.S.", "He spoke to reporters."]),
        (
            "Gov. Ana Ruiz spoke on Jan. 5 in Annapolis. The hearing is set for Feb. 3 in Greenbelt.",
            ["Gov. Ana Ruiz spoke on Jan. 5 in Annapolis.", "The hearing is set for Feb. 3 in Greenbelt."],
        ),
        (
            "We met Mr. Smith. Dr. Jones was not there.",
            ["We met Mr. Smith.", "Dr. Jones was not there."],
        ),
        (
            "He was the No. 2 official in St. Louis. He lives on Main St. He likes it.",
            ["He was the No. 2 official in St. Louis.", "He lives on Main St.", "He likes it."],
        ),
        (
            "The meeting began at 10 a.m. Eastern time on Monday. It ended at 2 p.m. EDT. Then they left.",
            ["The meeting began at 10 a.m. Eastern time on Monday.", "It ended at 2 p.m. EDT.", "Then they left."],
        ),
        (
            "The meeting ended at 10 a.m. Reporters waited outside.",
            ["The meeting ended at 10 a.m.", "Reporters waited outside."],
        ),
    ],
)
def test_abbreviations_do_not_end_sentences(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“We will not return him. The matter is closed. That is final,” the minister said. Reporters left.",
            ["“We will not return him. The matter is closed. That is final,” the minister said.", "Reporters left."],
        ),
        (
            "“How can I smuggle a terrorist into the United States?” Salvadoran President Nayib Bukele "
            "said. Reporters laughed.",
            [
                "“How can I smuggle a terrorist into the United States?” Salvadoran President Nayib Bukele said.",
                "Reporters laughed.",
            ],
        ),
        (
            "“Is this legal?” Judge Ana Ruiz asked. “It is not.”",
            ["“Is this legal?” Judge Ana Ruiz asked.", "“It is not.”"],
        ),
        (
            '"That\'s up to El Salvador," she said. "It\'s not up to us."',
            ['"That\'s up to El Salvador," she said.', '"It\'s not up to us."'],
        ),
        (
            "“It was a mistake.” He said he would appeal.",
            ["“It was a mistake.”", "He said he would appeal."],
        ),
    ],
)
def test_quotes_keep_their_attribution(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_a_quote_closing_after_several_sentences_leaves_no_lone_quote_mark() -> None:
    # The quote opened in an earlier paragraph, so this one only closes it.
    assert texts("We will fight. We will win.” she said. Then she left.") == [
        "We will fight.",
        "We will win.” she said.",
        "Then she left.",
    ]
    assert texts("Nobody will stop us. It must stop. ”") == ["Nobody will stop us.", "It must stop. ”"]


def test_em_dashes_stay_inside_sentences() -> None:
    assert texts(
        "The ruling — issued on April 10 — was unanimous. Bukele accepted deportees from the U.S.—a sharp "
        "contrast to others. He said: “We are done.” — and walked away."
    ) == [
        "The ruling — issued on April 10 — was unanimous.",
        "Bukele accepted deportees from the U.S.—a sharp contrast to others.",
        "He said: “We are done.” — and walked away.",
    ]


def test_each_bullet_is_a_passage_without_its_marker() -> None:
    text = "Key points:\n• The U.S. paid $6 million.\n- Bukele refused.\n* The court waits.\n2. Bondi spoke."
    assert texts(text) == [
        "Key points:",
        "The U.S. paid $6 million.",
        "Bukele refused.",
        "The court waits.",
        "Bondi spoke.",
    ]


def test_dateline_stays_with_the_first_sentence_and_bylines_are_dropped() -> None:
    text = (
        "By Jane Doe and John Roe, Meridian Wire\nUpdated 3:45 p.m.\n\n"
        "WASHINGTON (Meridian Wire) — President Trump hosted Bukele on Monday. They discussed prisons."
    )
    assert texts(text) == [
        "WASHINGTON (Meridian Wire) — President Trump hosted Bukele on Monday.",
        "They discussed prisons.",
    ]
    assert texts("SAN SALVADOR —\nThe prison holds 40,000 people.") == ["The prison holds 40,000 people."]


def test_boilerplate_lines_and_credits_are_dropped() -> None:
    text = (
        "Trump met Bukele.\nAdvertisement\nShare on Facebook\nShare this article\nRead more: Bukele's prison\n"
        "Sign up for our newsletter\nClick here to subscribe\nRelated: The CECOT prison\nSubscribe\n"
        "© 2025 Meridian Wire. All rights reserved.\nThey spoke for an hour. Advertisement\n"
        "The deal was done. — Reporting by Jane Doe; Editing by John Roe"
    )
    assert texts(text) == ["Trump met Bukele.", "They spoke for an hour.", "The deal was done."]


def test_sentences_that_merely_start_like_boilerplate_are_kept() -> None:
    text = "Share prices fell. Published figures show 40,000 inmates. Copyright lawsuits rose. By Monday, it was over."
    assert texts(text) == [
        "Share prices fell.",
        "Published figures show 40,000 inmates.",
        "Copyright lawsuits rose.",
        "By Monday, it was over.",
    ]


def test_paragraph_breaks_always_end_a_passage() -> None:
    assert texts("He said the court was\nclear on this.\n\nShe agreed") == [
        "He said the court was",
        "clear on this.",
        "She agreed",
    ]


def test_paragraph_mode_gives_one_passage_per_paragraph() -> None:
    text = "By Jane Doe\n\nWASHINGTON — Trump met Bukele. They talked.\nAdvertisement\n\n• Bondi spoke. Briefly.\n"
    assert texts(text, "paragraph") == ["WASHINGTON — Trump met Bukele. They talked.", "Bondi spoke. Briefly."]


def test_offsets_point_into_the_article_text() -> None:
    text = "  By Jane Doe\r\n\r\n  “Stop,” he said.  \r\n\r\n- The U.S. paid.\r\n"
    article = Article(id="x", outlet="X", text=text)
    passages = split_passages(article)
    assert article_text(article) == text
    assert [(p.text, text[p.start : p.end]) for p in passages] == [
        ("“Stop,” he said.", "“Stop,” he said."),
        ("The U.S. paid.", "The U.S. paid."),
    ]


def test_given_passages_are_used_as_given_with_offsets_into_the_text() -> None:
    article = Article(
        id="b", outlet="B", text="Intro. It was late.  Then it ended.", passages=("It was late.", "Then it ended.")
    )
    passages = split_passages(article, "paragraph")
    assert [(p.id, p.text, p.start, p.end) for p in passages] == [
        ("b:0", "It was late.", 7, 19),
        ("b:1", "Then it ended.", 21, 35),
    ]


def test_given_passages_without_text_point_into_their_joined_text() -> None:
    article = Article(id="b", outlet="B", passages=("Sen. Smith, D-Md., objected.", "He left."))
    assert article_text(article) == "Sen. Smith, D-Md., objected.\n\nHe left."
    passages = split_passages(article)
    assert [p.text for p in passages] == ["Sen. Smith, D-Md., objected.", "He left."]
    assert [article_text(article)[p.start : p.end] for p in passages] == [p.text for p in passages]


def test_given_passages_missing_from_the_text_fall_back_to_their_joined_text() -> None:
    article = Article(id="b", outlet="B", text="Something else entirely.", passages=("One.", "Two."))
    assert article_text(article) == "One.\n\nTwo."
    assert [(p.start, p.end) for p in split_passages(article)] == [(0, 4), (6, 10)]


def test_unknown_size_is_refused() -> None:
    with pytest.raises(ValueError, match="size"):
        split_passages(Article(id="a", outlet="A", text="Hi."), "chapter")


def test_is_boilerplate_keeps_reporting() -> None:
    assert is_boilerplate("Share on X")
    assert is_boilerplate("Updated April 14, 2025, 3:45 p.m. EDT")
    assert not is_boilerplate("Subscribers to the service fell by half.")


def test_a_very_long_paragraph_is_split_like_short_ones_and_quickly() -> None:
    sentences = [
        "“We will fight this in court. We will win,” the lawyer said.",
        "Sen. Chris Van Hollen, D-Md., objected.",
        'Officials said the U.S. paid about $6 million, and "no more than that."',
        "The hearing is set for Feb. 3 at 10 a.m. Eastern time.",
    ] * 250
    text = " ".join(sentences)
    assert len(text) > 50_000
    started = time.monotonic()
    assert texts(text) == sentences
    assert time.monotonic() - started < 4


def test_a_run_on_passage_is_cut_into_bounded_pieces_and_no_text_is_lost() -> None:
    clause = "the minister said the budget would rise by ten percent, and critics objected to the plan"
    text = "; ".join([clause] * 120) + "."
    pieces = split_passages(Article("a", "A", text=text), max_chars=300)
    assert len(pieces) > 1 and all(len(p.text) <= 300 for p in pieces)
    assert "".join(p.text for p in pieces).replace(" ", "") == text.replace(" ", "")
    assert all(text[p.start : p.end] == p.text for p in pieces)
    assert all(p.text.endswith(";") or p.text.endswith(".") for p in pieces), "cut at clause marks"


def test_a_word_longer_than_the_limit_is_cut_where_the_limit_falls() -> None:
    text = "Start " + "x" * 2500 + " end."
    pieces = split_passages(Article("a", "A", text=text), max_chars=1000)
    assert [len(p.text) for p in pieces] == [1000, 1000, 511]
    assert "".join(p.text for p in pieces) == text
