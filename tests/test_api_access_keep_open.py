"""How the server holds its store between read requests: by default it is opened for each
request; with keep_open_seconds it stays open until the server has been idle that long,
a POST /ingest of the server closes it at once, and a changed file is checked again."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
from fastapi.testclient import TestClient

from polex.api.access import StoreAccess
from polex.api.app import create_app
from polex.schema import Article
from polex.store import EventStore
from tests.api_samples import KHARKIV_TEXT, build_store

UPDATE = Article(id="kharkiv-update", text=KHARKIV_TEXT + " Updated.")


def articles(access: StoreAccess) -> int:
    with access.read() as connection:
        row = connection.execute("SELECT count(*) FROM articles").fetchone()
    assert row is not None
    return int(row[0])


def test_api_access_keep_open_frees_the_file_after_an_idle_spell(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    build_store(path)
    access = StoreAccess(path, keep_open_seconds=0.2)
    assert articles(access) == articles(access) == 6
    time.sleep(1.0)
    with EventStore(path) as store:  # would fail if the server still held the file
        store.add_article(UPDATE, [])
    assert articles(access) == 7
    access.close()


def test_api_access_keep_open_gives_way_to_the_servers_writer(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    build_store(path)
    access = StoreAccess(path, keep_open_seconds=60)
    assert articles(access) == 6
    with access.write() as store:
        store.add_article(UPDATE, [])
    assert articles(access) == 7
    access.close()


def test_api_access_checks_the_schema_again_when_the_file_changed(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    build_store(path)
    client = TestClient(create_app(path))
    assert client.get("/health").status_code == 200
    with duckdb.connect(str(path)) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    answer = client.get("/health")
    assert answer.status_code == 503
    assert "'99'" in answer.json()["detail"]
