"""Saved comparisons: round trips, unguessable ids, versions, concurrent and interrupted saves."""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Column, LargeBinary, MetaData, String, Table, create_engine, event, inspect, text

from parallax.result import migrate
from parallax.store import (
    STORE_VERSION,
    StoreError,
    StoreFull,
    UnknownComparison,
    compact_inputs,
    default_url,
    is_valid_id,
    normalise_url,
    open_store,
)

ROOT = Path(__file__).resolve().parents[1]


def small_result(event: str = "Elm Street bridge reopens", threshold: float = 0.5, schema: int = 2) -> dict:
    """A two-outlet comparison a reader can check by eye (schema 1 had no grades)."""
    grade = {"grade": "same"} if schema >= 2 else {}
    return {
        "schema": schema,
        "event": event,
        "model": "all-MiniLM-L6-v2",
        "settings": {
            "model": "all-MiniLM-L6-v2", "threshold": threshold, "passage_size": "sentence", "backend": "torch"
        },
        "reference": "a",
        "articles": [
            {
                "id": "a",
                "outlet": "Daily Planet",
                "title": "Bridge reopens",
                "url": "",
                "published": "",
                "words": 9,
                "text": "The bridge reopened Monday in Zürich after repairs.",
                "passages": [
                    {
                        "id": "a:0",
                        "index": 0,
                        "text": "The bridge reopened Monday in Zürich after repairs.",
                        "start": 0,
                        "end": 51,
                    }
                ],
            },
            {
                "id": "b",
                "outlet": "The Ledger",
                "title": "Bridge open again",
                "url": "",
                "published": "",
                "words": 6,
                "text": "The bridge opened again on Monday.",
                "passages": [
                    {
                        "id": "b:0",
                        "index": 0,
                        "text": "The bridge opened again on Monday.",
                        "start": 0,
                        "end": 34,
                    }
                ],
            },
        ],
        "problems": [],
        "alignments": [{"a": "a:0", "b": "b:0", "score": 0.91, "match": True, **grade}],
        "claims": [
            {
                "id": "c1",
                "label": "The bridge reopened Monday",
                "passages": ["a:0", "b:0"],
                "outlets": ["a", "b"],
            }
        ],
        "findings": [],
        "measures": {"outlets": {}, "claims": {}, "pairs": []},
        "lenses": {},
    }


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path):
    """A URL to an empty store: a SQLite file, or a fresh schema on the PostgreSQL at DATABASE_URL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql")):
        pytest.skip("needs DATABASE_URL=postgresql://... (start one with scripts/postgres.sh start)")
    admin = create_engine(normalise_url(base))
    schema = f"test_{secrets.token_hex(6)}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def store(store_url):
    with open_store(store_url) as opened:
        yield opened


def test_saved_comparison_loads_back_exactly(store):
    result = small_result()
    vectors = {
        "a:0": np.array([0.6, 0.8, 0.0], dtype=np.float32),
        "b:0": np.array([0.0, 0.6, 0.8], np.float32),
    }
    inputs = {"event": "Elm Street bridge reopens", "articles": [
        {"id": "a", "text": "The bridge reopened Monday in Zürich after repairs.", "outlet": "Daily Planet"},
        {"id": "b", "text": "Zürich «quoted», edited after the comparison ran"},
    ]}
    comparison_id = store.save(result, inputs=inputs, vectors=vectors)

    saved = store.load(comparison_id)
    assert saved.id == comparison_id and is_valid_id(comparison_id)
    assert saved.result == result and saved.inputs == inputs
    assert saved.model == "all-MiniLM-L6-v2" and saved.event == "Elm Street bridge reopens"
    assert saved.settings == result["settings"]
    assert set(saved.vectors) == {"a:0", "b:0"}
    assert np.array_equal(saved.vectors["b:0"], vectors["b:0"]) and saved.vectors["b:0"].dtype == np.float32
    assert abs(saved.created_at - datetime.now(UTC)) < timedelta(minutes=1)


def test_ids_are_random_and_edits_make_a_new_comparison(store):
    result = small_result()
    first = store.save(result, inputs={}, vectors=None)
    again = store.save(result, inputs={}, vectors=None)
    edited = store.save(small_result(threshold=0.7), inputs={}, vectors=None)

    assert len({first, again, edited}) == 3
    assert store.load(first).settings["threshold"] == 0.5
    assert store.load(edited).settings["threshold"] == 0.7
    assert store.load(first).vectors is None


def test_unknown_id_is_reported_as_unknown(store):
    with pytest.raises(UnknownComparison, match="no saved comparison"):
        store.load(secrets.token_urlsafe(16))


@pytest.mark.parametrize(
    "bad", ["", "abc", "../../etc/passwd", "x' OR '1'='1'; --", "A" * 23, "A" * 21 + "!", None]
)
def test_malformed_id_is_unknown_without_a_query(store, bad):
    queries = []
    event.listen(store.engine, "before_cursor_execute", lambda *args: queries.append(args[2]))
    with pytest.raises(UnknownComparison):
        store.load(bad)
    assert queries == []


def test_listing_shows_newest_first_up_to_the_limit(store):
    ids = [store.save(small_result(event=f"Event {n}"), inputs={}, vectors=None) for n in range(3)]
    listed = store.list(limit=2)
    assert [s.id for s in listed] == [ids[2], ids[1]]
    assert [s.event for s in listed] == ["Event 2", "Event 1"]
    assert listed[0].articles == 2 and listed[0].model == "all-MiniLM-L6-v2" and listed[0].schema_version == 2


def test_a_result_without_schema_is_refused_and_nothing_is_saved(store):
    with pytest.raises(ValueError, match="schema"):
        store.save({"event": "no schema"}, inputs={}, vectors=None)
    assert store.list() == []


def test_comparisons_survive_reopening(store_url):
    with open_store(store_url) as first:
        comparison_id = first.save(small_result(), inputs={"k": 1}, vectors=None)
    with open_store(store_url) as second:
        assert second.load(comparison_id).inputs == {"k": 1}


def test_a_store_from_a_newer_version_is_refused(store_url):
    with open_store(store_url) as opened:
        opened.save(small_result(), inputs={}, vectors=None)
        with opened.engine.begin() as conn:
            conn.execute(text("UPDATE meta SET value = '99' WHERE key = 'schema_version'"))
    with pytest.raises(StoreError, match=r"newer Parallax \(store version 99"):
        open_store(store_url)
    engine = create_engine(normalise_url(store_url))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM meta")).scalar() == "99"
    engine.dispose()


def _version_0_store(url: str, rows: list[dict]) -> None:
    """The layout before the meta table: plain-JSON results and ISO text timestamps."""
    engine = create_engine(normalise_url(url))
    table = Table(
        "comparisons",
        MetaData(),
        *(Column(name, String, primary_key=name == "id") for name in ("id", "created_at", "model")),
        *(Column(name, String) for name in ("settings", "inputs", "result")),
        Column("vectors", LargeBinary),
    )
    with engine.begin() as conn:
        table.create(conn)
        conn.execute(table.insert(), rows)
    engine.dispose()


def _v0_row(event: str, created: str, result: str | None = None, vectors: bytes | None = None) -> dict:
    data = small_result(event=event, schema=1)
    return {
        "id": secrets.token_urlsafe(16),
        "created_at": created,
        "model": data["model"],
        "settings": json.dumps(data["settings"]),
        "inputs": json.dumps({"event": event}),
        "result": result if result is not None else json.dumps(data),
        "vectors": vectors,
    }


def test_a_version_0_store_is_upgraded_and_keeps_every_comparison(store_url, tmp_path):
    buffer = tmp_path / "v.npz"
    np.savez_compressed(buffer, ids=np.array(["a:0", "b:0"]), vectors=np.eye(2, 3, dtype=np.float32))
    rows = [
        _v0_row("Older event", "2024-05-01T10:00:00+00:00", vectors=buffer.read_bytes()),
        _v0_row("Newer event", "2024-06-01T10:00:00"),
    ]
    _version_0_store(store_url, rows)

    with open_store(store_url) as upgraded:
        assert [s.event for s in upgraded.list()] == ["Newer event", "Older event"]
        older = upgraded.load(rows[0]["id"])
        assert older.result == migrate(small_result(event="Older event", schema=1))
        assert older.result["alignments"][0]["grade"] == "overlap", "a schema 1 match reads as an overlap"
        assert older.inputs == {"event": "Older event"}
        assert older.created_at == datetime(2024, 5, 1, 10, tzinfo=UTC)
        assert np.array_equal(older.vectors["b:0"], [0.0, 1.0, 0.0])
        assert upgraded.load(rows[1]["id"]).vectors is None
        new_id = upgraded.save(small_result(), inputs={}, vectors=None)
        with upgraded.engine.connect() as conn:
            assert conn.execute(text("SELECT value FROM meta")).scalar() == str(STORE_VERSION)
            assert "comparisons_v0" not in inspect(conn).get_table_names()
    with open_store(store_url) as reopened:
        assert len(reopened.list()) == 3 and reopened.load(new_id).event == "Elm Street bridge reopens"


def test_a_failed_upgrade_leaves_the_old_store_as_it_was(store_url):
    good = _v0_row("Good", "2024-05-01T10:00:00")
    broken = _v0_row("Broken", "2024-05-02T10:00:00", result="{not json")
    _version_0_store(store_url, [good, broken])

    with pytest.raises(StoreError, match=broken["id"]):
        open_store(store_url)
    engine = create_engine(normalise_url(store_url))
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) == {"comparisons"}
        assert conn.execute(text("SELECT count(*) FROM comparisons")).scalar() == 2
    engine.dispose()


def _python(code: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


SAVER = """
import json, pathlib, sys, time
from parallax.store import open_store
url, go, name, result = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4])
print("ready", flush=True)
while not go.exists():
    time.sleep(0.005)
store = open_store(url)
for n in range(20):
    result["event"] = f"{name} {n}"
    print(store.save(result, inputs={"writer": name}, vectors=None), flush=True)
"""


def test_two_processes_saving_at_once_both_succeed(store_url, tmp_path):
    go = tmp_path / "go"
    writers = [
        _python(SAVER, store_url, str(go), name, json.dumps(small_result())) for name in ("left", "right")
    ]
    assert [w.stdout.readline().strip() for w in writers] == ["ready", "ready"]
    go.touch()
    outputs = [w.communicate(timeout=120) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], [err for _, err in outputs]

    ids = [line for out, _ in outputs for line in out.split()]
    assert len(set(ids)) == 40
    with open_store(store_url) as opened:
        assert len(opened.list(limit=100)) == 40
        assert opened.load(ids[0]).inputs == {"writer": "left"}
        assert opened.load(ids[-1]).inputs == {"writer": "right"}


KILLED_SAVER = """
import json, sys, time
import numpy as np
from sqlalchemy import event
from parallax.store import open_store
store = open_store(sys.argv[1])

@event.listens_for(store.engine, "after_cursor_execute")
def hold(conn, cursor, statement, *rest):
    if statement.lstrip().upper().startswith("INSERT INTO COMPARISONS"):
        print("inside", flush=True)
        time.sleep(120)

vectors = {f"a:{n}": np.random.rand(384).astype(np.float32) for n in range(500)}
store.save(json.loads(sys.argv[2]), inputs={"big": "x" * 1_000_000}, vectors=vectors)
"""


def test_a_process_killed_mid_save_leaves_no_half_saved_comparison(store_url):
    with open_store(store_url) as opened:
        kept = opened.save(small_result(event="Saved before"), inputs={}, vectors=None)

    saver = _python(KILLED_SAVER, store_url, json.dumps(small_result(event="Killed mid-save")))
    assert saver.stdout.readline().strip() == "inside", saver.stderr.read()
    saver.kill()
    saver.communicate(timeout=30)

    with open_store(store_url) as reopened:
        assert [s.id for s in reopened.list()] == [kept]
        assert reopened.load(kept).event == "Saved before"
        assert reopened.save(small_result(), inputs={}, vectors=None)
    if store_url.startswith("sqlite:///"):
        with sqlite3.connect(store_url.removeprefix("sqlite:///")) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_default_store_is_a_sqlite_file_in_the_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("PARALLAX_DATA_DIR", str(tmp_path / "data"))
    assert default_url() == f"sqlite:///{tmp_path / 'data' / 'parallax.sqlite'}"
    with open_store() as opened:
        opened.save(small_result(), inputs={}, vectors=None)
    assert (tmp_path / "data" / "parallax.sqlite").is_file()


def test_database_url_names_the_store_and_postgres_urls_use_psycopg(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://reader@127.0.0.1:1/parallax")
    with pytest.raises(
        StoreError, match=r"cannot open the store at postgresql\+psycopg://reader@127\.0\.0\.1:1"
    ):
        open_store()


def test_a_file_that_is_not_a_database_is_refused_clearly(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"These are my notes, not a database." * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store(f"sqlite:///{path}")
    assert path.read_bytes().startswith(b"These are my notes")


def test_a_store_broken_under_a_running_app_raises_store_error(tmp_path):
    path = tmp_path / "store.sqlite"
    with open_store(f"sqlite:///{path}") as opened:
        comparison_id = opened.save(small_result(), inputs={}, vectors=None)
        opened.engine.dispose()
        with sqlite3.connect(path) as conn:
            conn.execute("DROP TABLE comparisons")
        with pytest.raises(StoreError, match="no such table"):
            opened.load(comparison_id)


def test_an_unusable_url_is_refused_without_echoing_its_password():
    with pytest.raises(StoreError, match="mysqlx://") as refused:
        open_store("mysqlx://reader:hunter2@db.example/parallax")
    assert "hunter2" not in str(refused.value)


def test_a_save_keeps_each_article_text_once_and_loads_it_back(store):
    result = small_result()
    inputs = {"event": "E", "articles": [{"id": "a", "outlet": "Daily Planet", "text": result["articles"][0]["text"]}]}
    compact = compact_inputs(inputs, result)["articles"][0]
    assert compact == {"id": "a", "outlet": "Daily Planet", "text_in_result": True}
    assert store.load(store.save(result, inputs=inputs)).inputs == inputs


def test_a_full_store_refuses_the_next_save_with_what_to_do(store_url):
    with open_store(store_url, quota_mb=0) as full:
        with pytest.raises(StoreFull, match=r"is full .*prune --older-than DAYS --yes.*PARALLAX_STORE_QUOTA_MB"):
            full.save(small_result(), inputs={})
        assert full.list() == [], "nothing was written"
    with open_store(store_url, quota_mb=50) as roomy:
        assert roomy.save(small_result(), inputs={})


@pytest.mark.parametrize("url", ["mysql://u:secret@db.example/p", "oracle+cx://x", "mongodb://h/db"])
def test_an_unsupported_database_is_named_with_the_supported_ones(url):
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert message.startswith(f"DATABASE_URL starts with {url.split('://')[0]}://, which Parallax cannot use")
    assert "postgresql://" in message and "sqlite:///" in message and "secret" not in message


def test_ids_never_start_with_a_dash_so_a_command_line_reads_them(store):
    ids = [store.save(small_result(), inputs={}) for _ in range(40)]
    assert all(i[0] not in "-_" and is_valid_id(i) for i in ids)


def test_a_new_sqlite_store_opens_while_another_process_holds_it_for_a_moment(tmp_path):
    """Turning a new file to WAL mode needs it alone and SQLite refuses at once, busy timeout or not:
    a second server opening the store while the first creates it waits instead of failing."""
    path = tmp_path / "store.sqlite"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE early (x)")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO early VALUES (1)")
    release = threading.Timer(0.5, lambda: holder.execute("COMMIT"))
    release.start()
    try:
        with open_store(f"sqlite:///{path}") as store:
            saved = store.save(small_result(), inputs={}, vectors=None)
            assert store.load(saved).event == small_result()["event"]
    finally:
        release.join()
        holder.close()
