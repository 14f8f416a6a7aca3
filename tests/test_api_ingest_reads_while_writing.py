"""While a POST /ingest holds the store for writing, the read endpoints still answer: they
share the writer's database and see each committed batch; once it is done they open the
store read-only again, and the file is free for other processes."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from polex.api.access import StoreAccess, StoreBusy
from polex.api.app import create_app
from polex.config import Settings
from polex.schema import Article
from polex.store import EventStore
from tests.api_ingest_samples import TOKEN
from tests.api_samples import KHARKIV_TEXT, build_store


def test_api_ingest_reads_while_writing_see_committed_articles(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    build_store(path)
    app = create_app(path, settings=Settings(api_token=TOKEN))
    client = TestClient(app)
    access: StoreAccess = app.state.store_access
    with access.write() as store:
        assert client.get("/health").json()["store"]["articles"] == 6
        store.add_article(Article(id="kharkiv-update", text=KHARKIV_TEXT + " Updated."), [])
        assert client.get("/health").json()["store"]["articles"] == 7
        assert client.get("/articles/kharkiv-update").status_code == 200
        with pytest.raises(StoreBusy, match="another POST /ingest"), access.write():
            pass
    with access.read() as connection, pytest.raises(duckdb.Error, match="read-only"):
        connection.execute("DELETE FROM articles")
    with EventStore(path) as store:  # would fail if the server still held the file
        assert store.stats()["articles"] == 7


def test_api_ingest_reads_while_writing_a_writer_waits_for_open_reads(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    build_store(path)
    access = StoreAccess(path)
    order: list[str] = []
    with access.read():
        writer = threading.Thread(target=_write_once, args=(access, order))
        writer.start()
        writer.join(timeout=0.5)
        assert writer.is_alive()  # waiting for the read-only connection to close
        order.append("read closed")
    writer.join(timeout=30)
    assert order == ["read closed", "written"]


def _write_once(access: StoreAccess, order: list[str]) -> None:
    with access.write():
        order.append("written")
