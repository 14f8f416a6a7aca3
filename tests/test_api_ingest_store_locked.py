"""POST /ingest on a store another process holds (a polex ingest run, say): 503 with the
reason, and the endpoints answer as before once it is free."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.api_ingest_samples import AUTH, empty_store, ingest_client


def test_api_ingest_store_locked_by_another_process_is_503(tmp_path: Path) -> None:
    path = empty_store(tmp_path)
    client = ingest_client(path)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
         "print('open', flush=True); sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        response = client.post("/ingest", json=[{"id": "no text"}], headers=AUTH)
        assert response.status_code == 503
        detail = response.json()["detail"]
        assert detail == (f"the event store cannot be written: it is locked by another "
                          f"process (pid {holder.pid})")
        assert str(path) not in response.text
    finally:
        holder.communicate("", timeout=60)
    assert client.get("/health").status_code == 200
    assert client.post("/ingest", json=[{"id": "no text"}], headers=AUTH).status_code == 207
