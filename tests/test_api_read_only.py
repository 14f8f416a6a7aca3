"""The API reads the store read-only: its connection refuses writes, serving leaves the
file as it was, and the store is free for a writer between requests."""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import duckdb
import pytest
from fastapi.testclient import TestClient

from polex.api.app import create_app
from polex.api.routes import reading
from polex.schema import Article
from polex.store import EventStore
from tests.api_samples import KHARKIV_TEXT, Records, build_store

Sample = tuple[Path, Records]


@pytest.fixture
def sample(tmp_path: Path) -> Sample:
    path = tmp_path / "events.duckdb"
    return path, build_store(path)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def request_for(path: Path) -> Any:
    """The little of a request that ``reading`` looks at."""
    return SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(db_path=path)))


def test_api_read_only_query_connection_refuses_writes(sample: Sample) -> None:
    path, records = sample
    with reading(request_for(path)) as connection, pytest.raises(duckdb.Error,
                                                                 match="read-only"):
        connection.execute("DELETE FROM events WHERE id = ?", [records["loan"]["id"]])
    with EventStore(path, read_only=True) as store:
        assert store.stats()["events"] == len(records)


def test_api_read_only_serving_every_endpoint_leaves_the_file_unchanged(
        sample: Sample) -> None:
    path, records = sample
    before, modified = digest(path), path.stat().st_mtime_ns
    client = TestClient(create_app(path))
    for url in ("/health", "/events?clustered=true", "/events?format=geojson", "/series?by=dyad",
                "/dyads", "/actors", f"/events/{records['arrest']['id']}",
                "/articles/kyiv-2024-05-19-kharkiv"):
        assert client.get(url).status_code == 200, url
    assert digest(path) == before and path.stat().st_mtime_ns == modified
    assert not path.with_name(path.name + ".wal").exists()


def test_api_read_only_store_is_free_for_a_writer_between_requests(sample: Sample) -> None:
    path, _ = sample
    client = TestClient(create_app(path))
    assert client.get("/health").json()["store"]["articles"] == 6
    with EventStore(path) as store:  # would fail if the API still held the file
        store.add_article(Article(id="kharkiv-update", text=KHARKIV_TEXT + " Updated."), [])
    assert client.get("/health").json()["store"]["articles"] == 7
