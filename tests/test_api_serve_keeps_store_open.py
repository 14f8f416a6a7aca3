"""``polex serve`` keeps its store open between requests by default, and gives way to a
writer in another process: a store opened for writing (as polex ingest opens it) while
the server holds the file waits for the server to let go, and the server's next reads
see what was written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from polex.schema import Article
from polex.store import EventStore
from tests.api_samples import build_store
from tests.serving import health, polex_serve

LATE_REPORT = Article(id="late-report", text="Talks on a ceasefire resumed in Geneva on Monday.")


def _articles(port: int) -> int:
    response = health(port)
    assert response.status_code == 200, response.text
    return int(response.json()["store"]["articles"])


def test_api_serve_keeps_the_store_open_and_lets_a_writer_in(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    build_store(db)
    with polex_serve(db, tmp_path / "serve.log") as port:
        assert _articles(port) == 6
        # The server holds the file now: a plain read-write open is refused ...
        refused = subprocess.run(
            [sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1])", str(db)],
            capture_output=True, text=True, timeout=60)
        assert refused.returncode != 0 and "lock" in refused.stderr
        # ... while the store's writer asks the server to let go, and gets in.
        with EventStore(db) as store:
            store.add_article(LATE_REPORT, [])
        assert _articles(port) == 7
