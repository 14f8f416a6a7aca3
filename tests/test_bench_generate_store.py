"""bench/generate_store.py builds a store that polex itself reads: the schema of the day,
records that conform to polex's JSON schema, and an API that answers over it."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import duckdb
import pytest
from fastapi.testclient import TestClient

from polex.api.app import create_app
from polex.schema import validation_errors
from polex.store import EventStore

GENERATOR = Path(__file__).resolve().parents[1] / "bench" / "generate_store.py"
N_EVENTS = 2000


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate_store", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "synthetic.duckdb"
    load_generator().write_store(path, N_EVENTS, seed=3, workers=1)
    return path


def test_bench_generate_store_holds_the_events_asked_for(store_path: Path) -> None:
    with EventStore(store_path, read_only=True) as store:
        counts = store.stats()
        orphans = store.connection.execute(
            "SELECT count(*) FROM event_entities x"
            " WHERE x.event_id NOT IN (SELECT id FROM events)"
        ).fetchone()
        located = store.connection.execute(
            "SELECT count(*) FROM events WHERE record->>'$.event_loc' IS NOT NULL"
        ).fetchone()
    assert counts["events"] == N_EVENTS
    assert 0 < counts["articles"] < N_EVENTS  # several events per article
    assert orphans == (0,)
    assert located is not None and 0 < located[0] < N_EVENTS


def test_bench_generate_store_records_follow_the_schema_and_their_columns(
        store_path: Path) -> None:
    with EventStore(store_path, read_only=True) as store:
        records = store.query_events(limit=200)
        rows = store.connection.execute(
            "SELECT e.id, e.event, e.quad_code, e.date, e.text, a.text FROM events e"
            " JOIN articles a ON a.content_hash = e.content_hash LIMIT 200"
        ).fetchall()
    assert len(records) == 200
    assert [error for record in records for error in validation_errors(record)] == []
    for event_id, event_type, quad, day, sentence, article_text in rows:
        assert event_id.startswith("polex-") and event_type and quad in (1, 2, 3, 4)
        assert day is None or len(day) in (4, 7, 10)
        assert sentence in article_text


def test_bench_generate_store_is_read_by_the_api(store_path: Path) -> None:
    client = TestClient(create_app(store_path))
    page = client.get("/events", params={"actor": "USA", "limit": 5})
    words = client.get("/events", params={"q": "ceasefire", "limit": 5})
    assert page.status_code == 200 and words.status_code == 200
    assert len(page.json()["events"]) == 5 and page.json()["next"]
    assert all("ceasefire" in record["text"].lower() for record in words.json()["events"])
    for url in ("/series?interval=month&by=dyad", "/dyads", "/actors", "/health"):
        assert client.get(url).status_code == 200, url


def test_bench_generate_store_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    generator = load_generator()
    digests = []
    for name in ("first.duckdb", "second.duckdb"):
        generator.write_store(tmp_path / name, 300, seed=5, workers=1)
        with duckdb.connect(str(tmp_path / name), read_only=True) as conn:
            rows = conn.execute("SELECT id, record FROM events ORDER BY id").fetchall()
        digests.append(json.dumps(rows))
    assert digests[0] == digests[1]
