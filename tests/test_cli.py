"""`python -m parallax`: the result contract, bad input, pair matching, saving and exporting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parallax.cli import main

SEEDS = Path(__file__).parents[1] / "seeds" / "bukele-white-house-2025"
PASSAGE_KEYS = {"id": str, "index": int, "text": str, "start": int, "end": int}


@pytest.fixture(scope="module")
def seed_result(tmp_path_factory, encoder):
    out = tmp_path_factory.mktemp("cli") / "out.json"
    assert main(["compare", "--json", str(out), str(SEEDS)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_compare_writes_the_result_contract(seed_result):
    r = seed_result
    assert r["schema"] == 2 and r["model"] == "all-MiniLM-L6-v2+onnx-int8"
    assert set(r["settings"]) >= {"model", "backend", "threshold", "passage_size"}
    assert r["settings"]["backend"] == "onnx"
    assert [a["id"] for a in r["articles"]] == ["seed", "wire", "rights", "security", "regional", "legal"]
    for article in r["articles"]:
        assert {"id", "outlet", "title", "url", "passages"} <= set(article)
        for index, passage in enumerate(article["passages"]):
            assert {k: type(passage[k]) for k in PASSAGE_KEYS} == PASSAGE_KEYS
            assert passage["id"] == f"{article['id']}:{index}" and passage["index"] == index
            assert article["text"][passage["start"] : passage["end"]] == passage["text"]
    ids = {p["id"] for a in r["articles"] for p in a["passages"]}
    for pair in r["alignments"]:
        assert pair["a"] in ids and pair["b"] in ids and pair["a"].split(":")[0] != pair["b"].split(":")[0]
        assert isinstance(pair["score"], float) and 0.0 <= pair["score"] <= 1.0 and isinstance(pair["match"], bool)
        assert pair["grade"] in ("same", "overlap") if pair["match"] else pair["grade"] in ("related", "unrelated")
    claimed = [pid for c in r["claims"] for pid in c["passages"]]
    assert sorted(claimed) == sorted(ids), "every passage is in exactly one claim"
    for claim in r["claims"]:
        assert isinstance(claim["label"], str) and claim["label"]
        assert claim["outlets"] == list(dict.fromkeys(pid.split(":")[0] for pid in claim["passages"]))
    assert set(r["measures"]) == {"outlets", "claims", "pairs"}
    assert set(r["measures"]["outlets"]) == {a["id"] for a in r["articles"]}
    assert set(r["lenses"]) == {"tone", "words", "voices", "clashes", "axes"}


def test_compare_prints_a_summary_without_outputs(capsys, encoder):
    assert main(["compare", str(SEEDS)]) == 0
    captured = capsys.readouterr()
    out = captured.out
    assert "Trump hosts Bukele at the White House — 6 articles" in out
    assert "aligning passages: 1/1" in captured.err, "progress reaches a log, one line per stage"
    assert "Crossline Wire:" in out


def test_bad_inputs_get_messages_and_good_ones_are_still_compared(tmp_path, capsys, encoder):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    good = [a["text"] for a in json.loads((SEEDS / "event.json").read_text(encoding="utf-8"))["articles"][1:3]]
    for name, text in zip(("one.txt", "two.txt"), good, strict=True):
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "r.json"
    names = ("empty.txt", "blob.txt", "one.txt", "two.txt")
    args = ["compare", "--json", str(out), *(str(tmp_path / n) for n in names)]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "empty.txt" in err and "blob.txt" in err
    assert [a["outlet"] for a in json.loads(out.read_text())["articles"]] == ["one", "two"]


def test_nothing_to_compare_is_one_line_and_status_2(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    assert main(["compare", str(tmp_path / "empty.txt")]) == 2
    err_lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("parallax:")]
    assert err_lines[-1].startswith("parallax: need at least two readable articles")


def test_a_bad_threshold_is_refused(capsys):
    assert main(["compare", "--threshold", "1.5", str(SEEDS)]) == 2
    assert "threshold must be between 0 and 1" in capsys.readouterr().err


def test_match_scores_given_pairs(tmp_path, capsys, encoder):
    pairs = tmp_path / "pairs.jsonl"
    rows = [
        {"id": "same", "a": "The council approved a $2 million road budget on Tuesday.",
         "b": "On Tuesday councillors voted to spend $2 million on the roads."},
        {"id": "other", "a": "The council approved a $2 million road budget on Tuesday.",
         "b": "A bakery won a national prize for its sourdough bread."},
    ]
    pairs.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert main(["match", str(pairs)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["same", "other"]
    assert lines[0]["match"] is True and lines[1]["match"] is False
    assert lines[0]["score"] > lines[1]["score"]


def test_match_names_the_bad_line(tmp_path, capsys):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text('{"id": 1, "a": "x", "b": "y"}\nnot json\n', encoding="utf-8")
    assert main(["match", str(pairs)]) == 2
    assert f"{pairs}:2: not valid JSON" in capsys.readouterr().err


def test_save_show_and_export(tmp_path, capsys, monkeypatch, seed_result):
    monkeypatch.setenv("PARALLAX_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("PARALLAX_BASE_URL", "https://parallax.example/")
    assert main(["compare", "--save", str(SEEDS)]) == 0
    comparison_id, link = capsys.readouterr().out.split()[:2]
    assert link == f"https://parallax.example/?c={comparison_id}"
    assert main(["show", comparison_id]) == 0
    assert "Trump hosts Bukele at the White House" in capsys.readouterr().out
    out = tmp_path / "again.json"
    assert main(["export", comparison_id, "--json", str(out), "--csv", str(tmp_path / "csv")]) == 0
    assert json.loads(out.read_text())["claims"] == seed_result["claims"]
    assert (tmp_path / "csv" / "claims.csv").exists()
    assert main(["show", "no-such-id"]) == 2
    assert "no saved comparison" in capsys.readouterr().err


def test_an_unusable_store_is_one_line_not_a_traceback(tmp_path, capsys, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("PARALLAX_DATA_DIR", str(blocker / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert main(["show", "A" * 22]) == 2
    assert capsys.readouterr().err.startswith("parallax: cannot create the store's folder")


def _two_good_files(tmp_path) -> list[str]:
    good = [a["text"] for a in json.loads((SEEDS / "event.json").read_text(encoding="utf-8"))["articles"][1:3]]
    paths = []
    for name, text in zip(("one.txt", "two.txt"), good, strict=True):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    return paths


def test_a_300_character_line_is_one_dropped_source_and_the_rest_are_compared(tmp_path, capsys, encoder):
    out = tmp_path / "r.json"
    assert main(["compare", "--json", str(out), "w" * 300, *_two_good_files(tmp_path)]) == 0
    err = capsys.readouterr().err
    (line,) = [x for x in err.splitlines() if "www" in x]
    assert line.startswith("parallax: dropped: ") and ("does not exist" in line or "cannot be read" in line)
    assert "Traceback" not in err
    assert [a["outlet"] for a in json.loads(out.read_text())["articles"]] == ["one", "two"]


def test_a_300_character_model_name_is_one_line_and_status_2(tmp_path, capsys):
    assert main(["compare", "--model", "m" * 300, *_two_good_files(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1].startswith("parallax: The model name is 300 characters long")
    assert "Traceback" not in err


def test_every_dropped_article_is_on_stderr_even_when_dropped_after_reading(tmp_path, capsys, encoder):
    (tmp_path / "symbols.txt").write_text("!!! ??? ... 🎉🎉🎉 — *** ###", encoding="utf-8")
    out = tmp_path / "r.json"
    assert main(["compare", "--json", str(out), str(tmp_path / "symbols.txt"), *_two_good_files(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "parallax: dropped: " in err and "symbols.txt" in err
    assert "comparing 2 articles" in err
    assert len(json.loads(out.read_text())["articles"]) == 2


def test_an_unsupported_database_url_names_the_supported_ones(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "mysql://user:secret@db.example/parallax")
    assert main(["show", "A" * 22]) == 2
    err = capsys.readouterr().err
    assert err.startswith("parallax: DATABASE_URL starts with mysql://, which Parallax cannot use")
    assert "postgresql://" in err and "secret" not in err and "Traceback" not in err


def test_prune_reports_then_removes_only_with_yes(tmp_path, capsys, monkeypatch):
    from datetime import UTC, datetime, timedelta

    from parallax.store import comparisons_table, open_store

    monkeypatch.setenv("PARALLAX_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    result = {"schema": 2, "event": "E", "model": "m", "settings": {}, "reference": "", "articles": [],
              "problems": [], "alignments": [], "claims": [], "findings": [], "measures": {}, "lenses": {}}
    with open_store() as store:
        old, new = store.save(result, inputs={}), store.save(result, inputs={})
        with store.engine.begin() as conn:
            conn.execute(comparisons_table.update().where(comparisons_table.c.id == old)
                         .values(created_at=datetime.now(UTC) - timedelta(days=40)))
    assert main(["prune", "--older-than", "30"]) == 0
    assert capsys.readouterr().out.startswith("would remove 1 saved comparison from before ")
    with open_store() as store:
        assert store.load(old)
    assert main(["prune", "--older-than", "30", "--yes"]) == 0
    assert capsys.readouterr().out.startswith("removed 1 saved comparison")
    with open_store() as store:
        assert store.load(new)
        with pytest.raises(LookupError):
            store.load(old)
    assert main(["prune", "--older-than", "30", "--yes"]) == 0
    assert capsys.readouterr().out.startswith("nothing to remove")


HARBOUR = (
    "Port Reopens After Storm Repairs\n\n"
    "The port of Tecoluca reopened on Tuesday after three weeks of repairs to the storm-damaged north pier. "
    "Harbour master Elena Ruiz said 40 fishing boats had returned by noon. The repairs cost $2 million, "
    "paid by the regional government, and the ferry to San Vicente will sail again on Friday."
)
DELTA = (
    "Fishing boats were back in Tecoluca on Tuesday as the port reopened after the storm. "
    "Ruiz, the harbour master, counted about 40 boats before midday. Fishermen said three weeks without work "
    "had cost them dearly, and several asked when the promised storm relief would arrive."
)


def _harbour_files(tmp_path) -> list[str]:
    paths = [tmp_path / "gazette.txt", tmp_path / "delta.md"]
    for path, text in zip(paths, (HARBOUR, DELTA), strict=True):
        path.write_text(text, encoding="utf-8")
    return [str(p) for p in paths]


def test_compare_names_the_event_and_each_input_in_order_and_says_where_it_wrote(tmp_path, capsys, encoder):
    out, html, csv = tmp_path / "r.json", tmp_path / "report.html", tmp_path / "tables"
    args = ["compare", *_harbour_files(tmp_path), "--event", "Tecoluca port reopens",
            "--outlet", "Harbour Gazette", "--outlet", "Delta Times", "--title", "", "--title", "Boats return",
            "--date", "2025-06-03", "--reference", "delta-times",
            "--json", str(out), "--html", str(html), "--csv", str(csv)]
    assert main(args) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["event"] == "Tecoluca port reopens"
    rows = [(a["id"], a["outlet"], a["title"], a["published"]) for a in result["articles"]]
    assert rows == [("harbour-gazette", "Harbour Gazette", "Port Reopens After Storm Repairs", "2025-06-03"),
                    ("delta-times", "Delta Times", "Boats return", "")]
    assert result["reference"] == "delta-times"
    assert not any("Port Reopens" in p["text"] for p in result["articles"][0]["passages"]), "a headline is no passage"
    err = capsys.readouterr().err
    assert f"wrote the result (JSON) to {out}" in err
    assert f"wrote the HTML report to {html}" in err
    assert f"CSV tables to {csv}: " in err and "claims.csv" in err
    assert html.exists() and (csv / "claims.csv").exists()


def test_save_says_the_saved_id_and_its_link(tmp_path, capsys, monkeypatch, encoder):
    monkeypatch.setenv("PARALLAX_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("PARALLAX_BASE_URL", "https://parallax.example/team/")
    assert main(["compare", "--save", *_harbour_files(tmp_path), "--outlet", "Harbour Gazette"]) == 0
    captured = capsys.readouterr()
    comparison_id, link = captured.out.split()[:2]
    assert link == f"https://parallax.example/team/?c={comparison_id}"
    assert f"saved the comparison as {comparison_id}; share link: {link}" in captured.err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--outlet", "A", "--outlet", "B", "--outlet", "C"], "3 --outlet values for 2 inputs"),
        (["--url", "", "--url", "/etc/passwd"], "is not a web address"),
    ],
)
def test_naming_flags_that_do_not_fit_the_inputs_are_one_line(tmp_path, capsys, extra, message):
    assert main(["compare", *_harbour_files(tmp_path), *extra]) == 2
    assert message in capsys.readouterr().err


def test_an_event_file_cannot_be_named_as_one_article(tmp_path, capsys):
    assert main(["compare", str(SEEDS), "--outlet", "One outlet"]) == 2
    assert "holds 6 articles: the naming flags name one article per input" in capsys.readouterr().err


def test_one_readable_article_is_refused_before_the_model_loads(tmp_path, monkeypatch, capsys):
    import importlib

    command = importlib.import_module("parallax.cli.compare")
    loads: list[object] = []
    monkeypatch.setattr(command, "encoder_for", lambda settings: loads.append(settings))
    only = tmp_path / "only.txt"
    only.write_text("The port of Tecoluca reopened on Tuesday after three weeks of storm repairs.", encoding="utf-8")
    assert main(["compare", str(only)]) == 2
    assert "need at least two readable articles" in capsys.readouterr().err
    assert loads == [], "the model was loaded for a comparison that could not run"
