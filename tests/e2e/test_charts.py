"""Every chart stays readable at 1400x900 in a real browser: no label overlaps another, none is cut off.

The sample event is checked page by page; a larger event (eight outlets with long names, 72 claims
with long labels), saved into the server's store and opened by its link, is checked on the pages
whose charts grow with the claims.
"""

from __future__ import annotations

import random
import re
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from harness import AppServer, full_screenshot, open_page, wait_for_run

pytestmark = pytest.mark.e2e

TEXT_OVERLAPS = """(plot) => {
  const frame = plot.getBoundingClientRect();
  const selectors = [".gtitle", ".xtitle, .x2title, .x3title, .x4title, .x5title, .x6title",
    ".ytitle, .y2title, .y3title, .y4title, .y5title, .y6title", "g.xtick text", "g.ytick text",
    ".annotation-text", ".legendtext", ".legendtitletext", ".colorbar text"];
  const items = [];
  selectors.forEach((selector, group) => plot.querySelectorAll(selector).forEach((el) => {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.height > 0 && (el.textContent || "").trim()) {
      items.push({group, text: el.textContent.trim(), box});
    }
  }));
  const problems = [];
  for (const item of items) {
    const b = item.box;
    if (b.left < frame.left - 1 || b.right > frame.right + 1 || b.top < frame.top - 1 || b.bottom > frame.bottom + 1) {
      problems.push(`cut: "${item.text}"`);
    }
  }
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i].box, b = items[j].box;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 2 && h > 2) problems.push(`overlap: "${items[i].text}" / "${items[j].text}"`);
    }
  }
  return {count: items.length, problems};
}"""
"""Titles, axis titles, tick labels, annotations, legends and colour bars of one plotly chart: pairs whose
boxes overlap by more than 2 px, and labels that reach outside the chart."""


BAR_TEXT_OUTSIDE = """(plot) => Array.from(plot.querySelectorAll("g.point")).filter((point) => {
  const bar = point.querySelector("path"), text = point.querySelector("text.bartext");
  if (!bar || !text) return false;
  const b = bar.getBoundingClientRect(), t = text.getBoundingClientRect();
  return t.left < b.left - 1 || t.right > b.right + 1;
}).map((point) => point.querySelector("text.bartext").textContent)"""
"""White words inside a bar that run past its end, where the page's white would swallow them."""


def readable(plots: Locator) -> list[str]:
    """Every chart drawn, with its labels clear of each other and inside the chart: the problems found."""
    problems = []
    for n in range(plots.count()):
        plot = plots.nth(n)
        plot.scroll_into_view_if_needed()
        expect(plot.locator(".main-svg").first).to_be_attached()
        found = plot.evaluate(TEXT_OVERLAPS)
        assert found["count"] > 3, f"chart {n + 1} shows no labels"
        problems += [f"chart {n + 1}: {p}" for p in found["problems"]]
        problems += [f"chart {n + 1}: past its bar: {t}" for t in plot.evaluate(BAR_TEXT_OUTSIDE)]
    return problems


LONG_OUTLETS = [
    "The Northern Harbour Chronicle",
    "Valley Ledger",
    "Meridian Evening Standard & Courier",
    "Quay Street Dispatch",
    "Highland Weekly Review",
    "Coastline Radio News",
    "The Independent Observer of the Plains",
    "Wire",
]
WORDS = [
    "council",
    "harbour",
    "budget",
    "ferry",
    "bridge",
    "mayor",
    "strike",
    "union",
    "minister",
    "court",
    "ruling",
    "tunnel",
    "levy",
    "contract",
    "inspectors",
    "residents",
    "traffic",
    "schools",
    "clinic",
    "flood",
    "barrier",
    "repairs",
    "tender",
    "auditor",
    "deficit",
    "shipping",
]


def large_result(claims: int = 72) -> dict[str, Any]:
    """Eight outlets with long names and `claims` claims whose labels run up to two lines, measured at random."""
    rng = random.Random(13)
    ids = [f"o{n}" for n in range(len(LONG_OUTLETS))]
    articles = []
    for aid, outlet in zip(ids, LONG_OUTLETS, strict=True):
        texts = [f"{outlet} passage {i + 1} about the harbour council." for i in range(claims // 3)]
        passages = [{"id": f"{aid}:{i}", "index": i, "text": t, "start": 0, "end": len(t)} for i, t in enumerate(texts)]
        articles.append(
            {
                "id": aid,
                "outlet": outlet,
                "title": f"{outlet} on the harbour",
                "url": "",
                "words": 900,
                "published": "2026-03-02",
                "text": " ".join(texts),
                "passages": passages,
            }
        )
    rows, coverage, used = [], {}, {aid: 0 for aid in ids}
    for n in range(claims):
        label = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 19))).capitalize()[:118]
        reporters = rng.sample(ids, rng.choice([1, 1, 2, 3, 5, 8]))
        passages = []
        for aid in reporters:
            passages.append(f"{aid}:{used[aid] % (claims // 3)}")
            used[aid] += 1
        rows.append({"id": f"c{n + 1}", "label": label, "passages": passages, "outlets": reporters})
        coverage[f"c{n + 1}"] = {
            "outlets": len(reporters),
            "coverage": {
                aid: (
                    {
                        "covered": True,
                        "position": (p := round(rng.random(), 3)),
                        "lead": p == 0,
                        "prominence": 1 - p,
                        "word_share": round(rng.uniform(0.005, 0.09), 4),
                    }
                    if aid in reporters
                    else {"covered": False, "position": None, "lead": False, "prominence": 0.0, "word_share": 0.0}
                )
                for aid in ids
            },
        }
    pairs = [
        {
            "a": a,
            "b": b,
            "coverage_similarity": round(rng.uniform(0.02, 0.5), 3),
            "emphasis_divergence": round(rng.uniform(0.55, 0.95), 3),
        }
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
    ]
    outlets = {
        aid: {
            "words": 900,
            "passages": claims // 3,
            "claims": sum(aid in r["outlets"] for r in rows),
            "unique_claims": [r["id"] for r in rows if r["outlets"] == [aid]],
            "omitted_claims": [],
            "lead_claim": None,
        }
        for aid in ids
    }
    findings = [
        {
            "kind": "unique",
            "article": r["outlets"][0],
            "claim": r["id"],
            "text": f"Only {LONG_OUTLETS[ids.index(r['outlets'][0])]} reports: {r['label']}",
        }
        for r in rows
        if len(r["outlets"]) == 1
    ][:4]
    return {
        "schema": 2,
        "event": "Harbour council budget vote",
        "model": "all-MiniLM-L6-v2",
        "settings": {"model": "all-MiniLM-L6-v2", "threshold": 0.5, "passage_size": "sentence", "backend": "onnx"},
        "reference": ids[0],
        "articles": articles,
        "problems": [],
        "alignments": [],
        "claims": rows,
        "findings": findings,
        "measures": {"outlets": outlets, "claims": coverage, "pairs": pairs},
        "lenses": {},
    }


def save_large(server: AppServer, monkeypatch: pytest.MonkeyPatch) -> str:
    """The larger event saved into the running app's store; its comparison id."""
    from parallax.store import open_store

    result = large_result()
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("PARALLAX_DATA_DIR", str(server.data_dir))
    inputs = {
        "event": result["event"],
        "settings": result["settings"],
        "reference": result["reference"],
        "articles": [
            {key: a[key] for key in ("id", "outlet", "title", "url", "published")}
            | {"passages": [p["text"] for p in a["passages"]]}
            for a in result["articles"]
        ],
    }
    with open_store() as store:
        return store.save(result, inputs=inputs)


def _show_all(page: Page) -> None:
    page.get_by_test_id("stCheckbox").get_by_text("Show all claims", exact=True).click()
    wait_for_run(page)


def test_the_sample_events_charts_keep_every_label_clear_and_whole(page: Page) -> None:
    page.goto("/")
    wait_for_run(page)
    problems: list[str] = []
    for title, charts in (("Emphasis", 3), ("Framing", 4)):
        open_page(page, title)
        expect(page.locator(".js-plotly-plot")).to_have_count(charts)
        problems += [f"{title}, {p}" for p in readable(page.locator(".js-plotly-plot"))]
        full_screenshot(page, f"charts-{title.lower()}")
    open_page(page, "Emphasis")
    note = page.get_by_text("Showing the 20 of")
    expect(note.first).to_be_visible()
    _show_all(page)
    expect(note).to_have_count(0)
    problems += [f"Emphasis, all claims, {p}" for p in readable(page.locator(".js-plotly-plot"))]
    full_screenshot(page, "charts-emphasis-all")
    assert problems == [], "\n".join(problems)


def test_a_larger_event_keeps_its_charts_readable(page: Page, app_server: AppServer, monkeypatch) -> None:
    saved = save_large(app_server, monkeypatch)
    page.goto(f"/emphasis?c={saved}")
    wait_for_run(page)
    expect(page.get_by_text("Showing the 20 of 72 claims").first).to_be_visible()
    heat = page.locator(".js-plotly-plot").first
    expect(heat.locator("g.ytick text")).to_have_count(20)
    expect(heat.locator("g.xtick text").first).to_contain_text("Chronicle")
    problems = readable(page.locator(".js-plotly-plot"))
    full_screenshot(page, "charts-large-emphasis")
    bars = page.locator(".js-plotly-plot").last.locator("text.bartext")
    expect(bars).to_have_count(28)
    expect(bars.first).to_contain_text("most apart on:")

    _show_all(page)
    expect(page.locator(".js-plotly-plot").first.locator("g.ytick text")).to_have_count(72)
    problems += [f"all claims, {p}" for p in readable(page.locator(".js-plotly-plot"))]
    full_screenshot(page, "charts-large-emphasis-all")

    open_page(page, "Overview")
    overlap = page.get_by_test_id("stTable").first
    expect(overlap).to_contain_text("Chronicle")
    expect(overlap).to_contain_text(re.compile(r"\d+%"))
    full_screenshot(page, "large-overview")
    assert problems == [], "\n".join(problems)
