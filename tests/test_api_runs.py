"""GET /runs: the store's runs, with what a client needs for new_since."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from polex.api.app import create_app
from tests.test_store_runs_new_since import build_runs_store


def test_api_runs_lists_each_run_in_start_order_with_its_counts(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    _, run_ids = build_runs_store(path)
    response = TestClient(create_app(path)).get("/runs")
    assert response.status_code == 200
    runs = response.json()["runs"]
    assert [run["run_id"] for run in runs] == run_ids
    assert [run["articles_read"] for run in runs] == [3, 2, 1]
    assert all(run["command"] == "ingest" and run["finished_at"] for run in runs)
    assert all("api_token" not in run["settings"] for run in runs)
