"""Shared test helpers: small results a reader can check by hand, and the app opened headless on a page.

Core builders (passages, pairs, hand-made results) import nothing of the app; `open_app`, `run` and
their readers drive app.py through Streamlit's AppTest.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from parallax.model import PairScore, Passage

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = json.loads((ROOT / "seeds" / "bukele-white-house-2025" / "event.json").read_text(encoding="utf-8"))
OUTLETS = [a["outlet"] for a in SAMPLE["articles"]]
IDS = [a["id"] for a in SAMPLE["articles"]]


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


# ---- hand-made results ------------------------------------------------------------------------------


def _bridge_article(article_id: str, outlet: str, title: str, url: str, texts: list[str]) -> dict:
    passages, start = [], 0
    for index, text in enumerate(texts):
        passages.append(
            {
                "id": f"{article_id}:{index}",
                "index": index,
                "text": text,
                "start": start,
                "end": start + len(text),
            }
        )
        start += len(text) + 1
    body = " ".join(texts)
    return {
        "id": article_id,
        "outlet": outlet,
        "title": title,
        "url": url,
        "published": "2025-04-14",
        "words": len(body.split()),
        "text": body,
        "passages": passages,
    }


def _bridge_cover(position: float | None, share: float, lead: bool = False) -> dict:
    covered = position is not None
    return {
        "covered": covered,
        "position": position,
        "lead": lead,
        "prominence": 1 - position if covered else 0.0,
        "word_share": share,
    }


def hand_result() -> dict:
    """Three outlets on a bridge reopening: one fact all report, one two report, one each alone."""
    articles = [
        _bridge_article(
            "a",
            "Daily Planet",
            "Elm Street bridge reopens",
            "https://planet.example/bridge",
            [
                "The Elm Street bridge reopened on Monday after six months of repairs.",
                "The repairs cost $4 million, the city said.",
                "Mayor Lee cut the ribbon.",
            ],
        ),
        _bridge_article(
            "b",
            "The Ledger",
            "Bridge opens again — finally",
            "",
            [
                "After half a year of work, the Elm Street bridge opened again Monday.",
                'Residents complained about the noise, the "detours" and the delays.',
            ],
        ),
        _bridge_article(
            "c",
            "Morning Star",
            "Zürich firm's $4 million bridge job",
            "",
            [
                "The city spent $4 million fixing the Elm Street bridge.",
                "The bridge reopened Monday.",
            ],
        ),
    ]
    return {
        "schema": 1,
        "event": "Elm Street bridge reopens",
        "model": "all-MiniLM-L6-v2",
        "settings": {"model": "all-MiniLM-L6-v2", "threshold": 0.5, "passage_size": "sentence"},
        "reference": "a",
        "articles": articles,
        "problems": [{"source": "empty.txt", "message": "the file is empty"}],
        "alignments": [
            {"a": "a:0", "b": "b:0", "score": 0.88, "match": True},
            {"a": "a:0", "b": "c:1", "score": 0.8, "match": True},
            {"a": "a:1", "b": "c:0", "score": 0.7, "match": True},
            {"a": "b:0", "b": "c:1", "score": 0.75, "match": True},
            {"a": "a:2", "b": "b:1", "score": 0.1, "match": False},
        ],
        "claims": [
            {
                "id": "c1",
                "label": "The bridge reopened Monday",
                "passages": ["a:0", "b:0", "c:1"],
                "outlets": ["a", "b", "c"],
            },
            {
                "id": "c2",
                "label": "The repairs cost $4 million",
                "passages": ["a:1", "c:0"],
                "outlets": ["a", "c"],
            },
            {"id": "c3", "label": "Mayor Lee cut the ribbon", "passages": ["a:2"], "outlets": ["a"]},
            {"id": "c4", "label": "Residents complained", "passages": ["b:1"], "outlets": ["b"]},
        ],
        "findings": [
            {
                "kind": "unique",
                "article": "a",
                "claim": "c3",
                "text": "Only Daily Planet reports that Mayor Lee cut the ribbon.",
            },
            {
                "kind": "omission",
                "article": "b",
                "claim": "c2",
                "text": "The Ledger omits that the repairs cost $4 million.",
            },
            {"kind": "lead", "article": "c", "claim": "c2", "text": "Morning Star leads with the cost."},
        ],
        "measures": {
            "outlets": {
                "a": {
                    "words": 25,
                    "passages": 3,
                    "claims": 3,
                    "unique_claims": ["c3"],
                    "omitted_claims": [],
                    "lead_claim": "c1",
                },
                "b": {
                    "words": 23,
                    "passages": 2,
                    "claims": 2,
                    "unique_claims": ["c4"],
                    "omitted_claims": ["c2"],
                    "lead_claim": "c1",
                },
                "c": {
                    "words": 14,
                    "passages": 2,
                    "claims": 2,
                    "unique_claims": [],
                    "omitted_claims": [],
                    "lead_claim": "c2",
                },
            },
            "claims": {
                "c1": {
                    "outlets": 3,
                    "coverage": {
                        "a": _bridge_cover(0.0, 0.48, True),
                        "b": _bridge_cover(0.0, 0.52, True),
                        "c": _bridge_cover(1.0, 0.29),
                    },
                },
                "c2": {
                    "outlets": 2,
                    "coverage": {
                        "a": _bridge_cover(0.5, 0.32),
                        "b": _bridge_cover(None, 0.0),
                        "c": _bridge_cover(0.0, 0.71, True),
                    },
                },
                "c3": {
                    "outlets": 1,
                    "coverage": {
                        "a": _bridge_cover(1.0, 0.2),
                        "b": _bridge_cover(None, 0.0),
                        "c": _bridge_cover(None, 0.0),
                    },
                },
                "c4": {
                    "outlets": 1,
                    "coverage": {
                        "a": _bridge_cover(None, 0.0),
                        "b": _bridge_cover(1.0, 0.48),
                        "c": _bridge_cover(None, 0.0),
                    },
                },
            },
            "pairs": [
                {"a": "a", "b": "b", "coverage_similarity": 0.25, "emphasis_divergence": 0.61},
                {"a": "a", "b": "c", "coverage_similarity": 2 / 3, "emphasis_divergence": 0.33},
                {"a": "b", "b": "c", "coverage_similarity": 1 / 3, "emphasis_divergence": 0.72},
            ],
        },
        "lenses": {},
    }


LONG_LABEL = (
    "The Supreme Court ruled on 10 April that the administration must facilitate the return of the "
    "deported Maryland man"
)


def _figure_passages(aid: str, *texts: str) -> list[dict]:
    return [{"id": f"{aid}:{i}", "index": i, "text": t, "start": 0, "end": len(t)} for i, t in enumerate(texts)]


def _figure_cover(position: float | None, word_share: float) -> dict:
    if position is None:
        return {"covered": False, "position": None, "lead": False, "prominence": 0.0, "word_share": 0.0}
    return {
        "covered": True,
        "position": position,
        "lead": position == 0,
        "prominence": 1 - position,
        "word_share": word_share,
    }


def make_result() -> dict:
    """Three outlets; c1 all report, c2 two, c3 and c4 one each; c:3 belongs to no claim."""
    articles = [
        {"id": "a", "outlet": "Alpha Times", "passages": _figure_passages(
            "a", "The presidents met in the Oval Office.", "The prison holds 200 men.",
            "A <script>alert(1)</script> tag is only text.")},
        {"id": "b", "outlet": "Beta <News>", "passages": _figure_passages(
            "b", "Beta's own claim about the court.", "Both presidents met on Monday.")},
        {"id": "c", "outlet": "Gamma Post", "passages": _figure_passages(
            "c", "More than 200 men are held in the prison.", "An aside.", "The leaders met.", "Weather.")},
    ]
    claims = [
        {"id": "c1", "label": "The presidents met in the Oval Office.", "passages": ["a:0", "b:1", "c:2"],
         "outlets": ["a", "b", "c"]},
        {"id": "c2", "label": "The prison holds 200 men.", "passages": ["a:1", "c:0"], "outlets": ["a", "c"]},
        {"id": "c3", "label": "A <script>alert(1)</script> tag is only text.", "passages": ["a:2"],
         "outlets": ["a"]},
        {"id": "c4", "label": LONG_LABEL, "passages": ["b:0"], "outlets": ["b"]},
    ]
    coverage = {
        "c1": {"a": _figure_cover(0.0, 0.4), "b": _figure_cover(1.0, 0.5), "c": _figure_cover(2 / 3, 0.25)},
        "c2": {"a": _figure_cover(0.5, 0.3), "b": _figure_cover(None, 0), "c": _figure_cover(0.0, 0.45)},
        "c3": {"a": _figure_cover(1.0, 0.3), "b": _figure_cover(None, 0), "c": _figure_cover(None, 0)},
        "c4": {"a": _figure_cover(None, 0), "b": _figure_cover(0.0, 0.5), "c": _figure_cover(None, 0)},
    }
    return {
        "schema": 1,
        "reference": "a",
        "articles": articles,
        "claims": claims,
        "measures": {
            "claims": {cid: {"outlets": len(cov), "coverage": cov} for cid, cov in coverage.items()},
            "pairs": [
                {"a": "a", "b": "b", "coverage_similarity": 0.25, "emphasis_divergence": 0.6},
                {"a": "a", "b": "c", "coverage_similarity": 0.5, "emphasis_divergence": 0.3},
                {"a": "b", "b": "c", "coverage_similarity": 0.2, "emphasis_divergence": 0.8},
            ],
        },
    }


# ---- the app, headless -------------------------------------------------------------------------------


def open_app(page: str | None = None, **params: str) -> AppTest:
    """The app about to open at a page's path (the start page when None) with these query parameters; not run yet.

    Before its first run AppTest names a page by its file, which matches the page's url path here.
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    if page:
        at.switch_page(f"components/pages/{page}.py")
    return at


def run(page: str | None = None, **params: str) -> AppTest:
    """The app opened at a page's path with these query parameters, as a link opens it, checked for errors."""
    at = open_app(page, **params).run()
    assert not at.exception, at.exception
    return at


def plain(markdown: str) -> str:
    """Escaped markdown (highlights included) back to the text a reader sees."""
    markdown = re.sub(r":[a-z]+-background\[((?:\\.|[^\]\\])*)\]", r"\1", markdown)
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u200b", "")


def outlet_table(at: AppTest) -> Any:
    """The Overview's table of outlets, one row each (a DataFrame with an `Outlet` column)."""
    (found,) = [t.value for t in at.table if t.value.index.name == "Outlet"]
    return found.reset_index()


def overlap(at: AppTest) -> Any:
    """The Overview's shares of claims in common, outlets as rows and columns, as the cells print them."""
    (found,) = [t.value for t in at.table if list(t.value.index) == list(t.value.columns)]
    return found


def chart(at: AppTest, key: str) -> dict[str, Any]:
    """The figure of the chart with this key, as plotly's dict."""
    found = [c for c in at.get("plotly_chart") if c.key == key]
    assert found, f"no chart {key!r}"
    return json.loads(found[0].proto.spec)


def texts(at: AppTest) -> list[str]:
    """Every markdown block on the page, as a reader sees it."""
    return [plain(m.value) for m in at.markdown]


def dialog_texts(at: AppTest) -> list[str]:
    """The headings of open claim windows."""
    return [t for t in texts(at) if t.startswith("#### ")]


def select_points(at: AppTest, key: str, points: list[dict[str, Any]]) -> AppTest:
    """Select points of a chart as a click in the browser does, and run the app.

    AppTest has no accessor for a chart's selection, so the chart's widget state is sent as the
    browser sends it (JSON in a string value), beside every other widget's: its `on_select`
    callback then runs as it would for a person.
    """
    (found,) = [c for c in at.get("plotly_chart") if c.key == key]
    states = found.root.get_widget_states()
    state = states.widgets.add()
    state.id = found.proto.id
    indices = [p.get("point_index", 0) for p in points]
    selection = {"points": points, "point_indices": indices, "box": [], "lasso": []}
    state.string_value = json.dumps({"selection": selection})
    at._run(states)  # AppTest's own run with these states: the one way to send a state it cannot set
    assert not at.exception, at.exception
    return at
