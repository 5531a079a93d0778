"""Many events in one run: which inputs are events, resuming, per-event failures, and Ray giving the local results."""

from __future__ import annotations

import json
from pathlib import Path

from parallax.batch import find_events, run_batch
from parallax.batch.ray_engine import ray_engine
from parallax.cli import main
from parallax.settings import Settings
from tests.helpers import RURITANIA_A, RURITANIA_B

ROADS = {
    "event": "Road repairs",
    "articles": [
        {"id": "a", "outlet": "Alpha Daily", "passages": [
            "The city council approved a budget of $2 million for road repairs on Tuesday.",
            "Mayor Lena Ortiz said the repair work would start in May.",
            "A bakery on Elm Street won a national prize for its sourdough bread."]},
        {"id": "b", "outlet": "Beta Wire", "passages": [
            "On Tuesday, council members voted to spend $2 million fixing the city's roads.",
            "Repairs will begin in May, according to Mayor Lena Ortiz."]},
    ],
}
KOVAC = {
    "event": "Kovac in Berlin",
    "articles": [{"id": "a", "outlet": "Ruritania Today", "passages": RURITANIA_A},
                 {"id": "b", "outlet": "Danube Post", "passages": RURITANIA_B}],
}
ONE_ARTICLE = {"event": "Lonely", "articles": [{"id": "a", "outlet": "Solo", "text": "Only one outlet wrote this."}]}


def write_events(folder: Path, *events: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n, event in enumerate(events):
        (folder / f"{n}.json").write_text(json.dumps(event), encoding="utf-8")
    return folder


def test_events_come_from_folders_json_lines_and_event_folders(tmp_path):
    folder = write_events(tmp_path / "many", ROADS, KOVAC)
    (tmp_path / "lines.jsonl").write_text(json.dumps(ROADS) + "\n\nnot json\n" + json.dumps([1]) + "\n")
    single = tmp_path / "single"
    single.mkdir()
    (single / "event.json").write_text(json.dumps(KOVAC))
    events, problems = find_events([folder, tmp_path / "lines.jsonl", single, tmp_path / "missing"])
    assert [e.name for e in events] == ["Road repairs", "Kovac in Berlin", "Road repairs", "Kovac in Berlin"]
    assert events[0].key == events[2].key, "the same event has the same key wherever it comes from"
    assert [source.rsplit("/", 1)[-1] for source, _ in problems] == ["lines.jsonl:3", "lines.jsonl:4", "missing"]
    assert "not valid JSON" in problems[0][1] and "does not exist" in problems[2][1]


def test_a_batch_writes_each_result_and_a_summary_then_skips_what_is_done(tmp_path, encoder):
    events, _ = find_events([write_events(tmp_path / "in", ROADS, ONE_ARTICLE, KOVAC)])
    seen = []
    report = run_batch(events, Settings(), tmp_path / "out", progress=lambda *args: seen.append(args[:2]))
    assert [row["status"] for row in report.rows][::2] == ["done", "done"]
    assert report.rows[1]["status"].startswith("failed: fewer than two readable articles")
    assert seen == [(1, 3), (2, 3), (3, 3)]
    roads = report.rows[0]
    assert (roads["outlets"], roads["passages"]) == (2, 5) and roads["claims"] == 3
    result = json.loads((tmp_path / "out" / roads["result"]).read_text())
    assert result["event"] == "Road repairs" and len(result["articles"]) == 2
    summary = (tmp_path / "out" / "summary.csv").read_text().splitlines()
    assert summary[0].startswith("event,status,outlets,passages,claims,omissions,unique_facts,divergence")
    assert len(summary) == 4

    again = run_batch(events, Settings(), tmp_path / "out")
    assert [row["status"] for row in again.rows][::2] == ["skipped (already done)"] * 2
    assert again.rows[0]["claims"] == 3, "a skipped event's figures come from its result"
    stricter = run_batch(events[:1], Settings(threshold=0.9), tmp_path / "out")
    assert stricter.rows[0]["status"] == "done", "other settings make a new result"


def test_the_ray_engine_gives_the_local_engine_s_results(tmp_path, encoder):
    events, _ = find_events([write_events(tmp_path / "in", ROADS, KOVAC)])
    local = run_batch(events, Settings(), tmp_path / "local")
    on_ray = run_batch(events, Settings(), tmp_path / "ray", engine=ray_engine(workers=2))
    assert [r["status"] for r in on_ray.rows] == ["done", "done"]
    for row in local.rows:
        assert (tmp_path / "ray" / row["result"]).read_bytes() == (tmp_path / "local" / row["result"]).read_bytes()


def test_the_command_line_lists_each_event_and_fails_only_when_an_event_did(tmp_path, encoder, capsys):
    folder = write_events(tmp_path / "in", ROADS, KOVAC)
    assert main(["batch", str(folder), "--out", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    assert "Road repairs: done" in captured.out and "2 compared, 0 already done, 0 failed" in captured.out
    assert "[2/2] Kovac in Berlin: done" in captured.err
    write_events(tmp_path / "in2", ONE_ARTICLE)
    assert main(["batch", str(tmp_path / "in2"), "--out", str(tmp_path / "out")]) == 1
    assert "Lonely: failed: fewer than two readable articles" in capsys.readouterr().out
