"""GET /events?new_since=RUN: the events stored by the runs that started after RUN."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from polex.api.app import create_app
from tests.api_samples import Records, labels_of
from tests.test_store_runs_new_since import SECOND_AND_THIRD_RUNS, build_runs_store

Served = tuple[TestClient, Records, list[str]]
UNKNOWN_RUN = "20240101T000000-abcdef"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Served:
    path = Path(tmp_path_factory.mktemp("api")) / "events.duckdb"
    records, run_ids = build_runs_store(path)
    return TestClient(create_app(path)), records, run_ids


def _events(served: Served, **params: Any) -> list[dict[str, Any]]:
    client, _, _ = served
    response = client.get("/events", params=params)
    assert response.status_code == 200, response.text
    events: list[dict[str, Any]] = response.json()["events"]
    return events


def test_api_new_since_keeps_the_events_of_later_runs(served: Served) -> None:
    _, records, (first, _, _) = served
    assert labels_of(_events(served, new_since=first), records) == SECOND_AND_THIRD_RUNS


def test_api_new_since_combines_with_the_other_filters(served: Served) -> None:
    _, records, (first, _, _) = served
    events = _events(served, new_since=first, country="KEN")
    assert labels_of(events, records) == {"wire_arrest"}


def test_api_new_since_pages_with_a_cursor_of_its_own(served: Served) -> None:
    client, records, (first, _, _) = served
    page = client.get("/events", params={"new_since": first, "limit": 4}).json()
    rest = client.get("/events", params={"new_since": first, "limit": 4,
                                         "cursor": page["next"]}).json()
    assert labels_of(page["events"] + rest["events"], records) == SECOND_AND_THIRD_RUNS
    assert rest["next"] is None


def test_api_new_since_unknown_run_is_a_bad_parameter(served: Served) -> None:
    client, _, _ = served
    response = client.get("/events", params={"new_since": UNKNOWN_RUN})
    assert response.status_code == 422
    assert response.json()["errors"] == [{
        "parameter": "new_since",
        "reason": f"no run {UNKNOWN_RUN!r} in this store; polex runs lists them",
    }]


def test_api_new_since_unknown_run_in_series_is_a_bad_parameter(served: Served) -> None:
    client, _, _ = served
    response = client.get("/series", params={"new_since": UNKNOWN_RUN})
    assert response.status_code == 422 and "new_since" in response.json()["detail"]


def test_api_new_since_counts_only_new_dyads(served: Served) -> None:
    client, _, (_, second, _) = served
    pairs = client.get("/dyads", params={"new_since": second}).json()["dyads"]
    assert [(p["actor"], p["recipient"], p["events"]) for p in pairs] == [("RUS", "UKR", 1)]
