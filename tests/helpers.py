"""Small builders for tests: passages and scored pairs a reader can check by hand."""

from __future__ import annotations

from parallax.model import PairScore, Passage


def passages_of(article_id: str, *texts: str) -> list[Passage]:
    """One passage per text, laid end to end as the article's text."""
    found, start = [], 0
    for index, text in enumerate(texts):
        found.append(Passage(f"{article_id}:{index}", article_id, index, text, start, start + len(text)))
        start += len(text) + 1
    return found


def pair(a: str, b: str, score: float, threshold: float = 0.5) -> PairScore:
    """A scored pair, matched when the score reaches the threshold."""
    return PairScore(a, b, score, score >= threshold)


# A mini event: every passage of both articles names Ruritania and its prime minister, Kovac.
RURITANIA_A = [
    "Ruritania's prime minister Anna Kovac met the German chancellor in Berlin on Monday.",
    "Kovac said Ruritania would build a new bridge across the Danube.",
    "Floods in Ruritania have left 40 people dead, Kovac said.",
    "Critics accuse Kovac of silencing the press in Ruritania.",
    '"That is up to Ruritania," Kovac said.',
    "Kovac has led Ruritania since 2019.",
]
RURITANIA_B = [
    "Anna Kovac, Ruritania's leader, held talks with the German chancellor in Berlin.",
    "A new bridge over the Danube will be built, Ruritania's Kovac announced.",
    "Kovac said 40 people had died in the floods that hit Ruritania.",
    "Kovac said the economy of Ruritania grew faster than expected last year.",
    "Kovac said the effect of the sanctions would be felt beyond Ruritania's borders.",
    "In Ruritania, opposition parties say Kovac controls the courts.",
]
