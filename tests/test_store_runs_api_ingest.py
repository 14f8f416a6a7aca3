"""POST /ingest: each request that codes is one run of the store, without the token."""

from __future__ import annotations

from pathlib import Path

import duckdb

from polex.store import EventStore
from polex.store.runs import list_runs
from tests.api_ingest_samples import (
    CHILE,
    JSON_LINES,
    KENYA,
    TOKEN,
    empty_store,
    ingest_client,
    json_lines,
)


def test_store_runs_api_ingest_records_each_request_as_a_run(tmp_path: Path) -> None:
    path = empty_store(tmp_path)
    client = ingest_client(path)
    first = client.post("/ingest", content=json_lines(KENYA, CHILE), headers=JSON_LINES).json()
    again = client.post("/ingest", content=json_lines(KENYA), headers=JSON_LINES).json()
    with EventStore(path, read_only=True) as store:
        runs = list_runs(store.connection)
    assert [(run.command, run.stored, run.duplicates, run.events) for run in runs] == [
        ("POST /ingest", 2, 0, first["events"]), ("POST /ingest", 0, 1, again["events"])]
    assert all(run.finished_at is not None for run in runs)


def test_store_runs_api_ingest_events_carry_the_run_and_no_token(tmp_path: Path) -> None:
    path = empty_store(tmp_path)
    ingest_client(path).post("/ingest", content=json_lines(KENYA), headers=JSON_LINES)
    with duckdb.connect(str(path), read_only=True) as conn:
        event_runs = conn.execute("SELECT DISTINCT run_id FROM events").fetchall()
        runs = conn.execute("SELECT run_id, CAST(settings AS VARCHAR) FROM runs").fetchall()
    [(run_id, settings)] = runs
    assert event_runs == [(run_id,)] and TOKEN not in settings
