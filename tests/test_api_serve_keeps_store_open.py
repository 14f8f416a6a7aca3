"""``polex serve`` keeps its store open between requests by default, and gives way to a
writer in another process: a store opened for writing (as polex ingest opens it) while
the server holds the file waits for the server to let go, and the server's next reads
see what was written."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from polex.schema import Article
from polex.store import EventStore
from tests.api_samples import build_store
from tests.test_api_serve import START_SECONDS, _port

LATE_REPORT = Article(id="late-report", text="Talks on a ceasefire resumed in Geneva on Monday.")


def _events(port: int) -> int:
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            response = httpx.get(f"http://127.0.0.1:{port}/health", timeout=10,
                                 trust_env=False)
        except httpx.ConnectError:
            assert time.monotonic() < deadline, "the server never answered"
            time.sleep(0.2)
            continue
        assert response.status_code == 200, response.text
        return int(response.json()["store"]["articles"])


def test_api_serve_keeps_the_store_open_and_lets_a_writer_in(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    build_store(db)
    process = subprocess.Popen(
        [sys.executable, "-m", "polex.cli", "serve", "--db", str(db), "--port", "0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        port = _port(process)
        assert _events(port) == 6
        # The server holds the file now: a plain read-write open is refused ...
        refused = subprocess.run(
            [sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1])", str(db)],
            capture_output=True, text=True, timeout=60)
        assert refused.returncode != 0 and "lock" in refused.stderr
        # ... while the store's writer asks the server to let go, and gets in.
        with EventStore(db) as store:
            store.add_article(LATE_REPORT, [])
        assert _events(port) == 7
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
