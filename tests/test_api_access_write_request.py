"""A server keeping its store open gives way to a writer in another process: the writer,
finding the file locked, leaves a write request beside it and retries; the server answers
new reads 503 (busy) and closes the file, the writer gets in, and once it is done the
server opens the file again and sees what was written. A request left over by a writer
that ended without removing it is ignored."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from polex.api.access import StoreAccess, StoreBusy
from polex.api.app import create_app
from polex.store.write_request import LOCK_WAIT_SECONDS, request_path, requesting_write
from tests.api_samples import build_store

# Another process storing one more article, as polex ingest would, with EventStore's
# default wait for a locked file.
WRITER = """
import sys
from polex.schema import Article
from polex.store import EventStore
with EventStore(sys.argv[1]) as store:
    store.add_article(Article(id="late-report", text="Talks resumed in Geneva on Monday."), [])
print("stored", flush=True)
"""


def _articles(client: TestClient) -> int:
    answer = client.get("/health")
    assert answer.status_code == 200, answer.text
    return int(answer.json()["store"]["articles"])


def test_api_access_server_keeping_the_store_open_lets_a_writer_in(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    build_store(path)
    with TestClient(create_app(path, keep_open_seconds=60)) as client:
        assert _articles(client) == 6  # the store is now kept open
        writer = subprocess.run([sys.executable, "-c", WRITER, str(path)], timeout=120,
                                capture_output=True, text=True)
        assert writer.returncode == 0 and writer.stdout.strip() == "stored", writer.stderr
        assert _articles(client) == 7
    assert not request_path(path).exists()


def test_api_access_reads_are_busy_while_a_writer_waits(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    build_store(path)
    with TestClient(create_app(path, keep_open_seconds=60)) as client:
        assert _articles(client) == 6
        with requesting_write(path):
            answer = client.get("/events")
            # The server has let go of the file: a writer can open it.
            duckdb.connect(str(path)).close()
        assert answer.status_code == 503
        assert "another process is waiting to write" in answer.json()["detail"]
        assert _articles(client) == 6


def test_api_access_a_left_over_write_request_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    build_store(path)
    access = StoreAccess(path, keep_open_seconds=60)
    request_path(path).write_text("12345\n", encoding="utf-8")
    long_ago = time.time() - LOCK_WAIT_SECONDS - 60
    os.utime(request_path(path), (long_ago, long_ago))
    with access.read() as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchall() == [(6,)]
    access.close()


def test_api_access_a_fresh_write_request_stops_reads(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    build_store(path)
    access = StoreAccess(path, keep_open_seconds=60)
    with requesting_write(path), pytest.raises(StoreBusy), access.read():
        pass
    access.close()
