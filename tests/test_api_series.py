"""GET /series: counts and mean event_scale per period, grouped as asked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from polex.api.app import create_app
from tests.api_samples import build_store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = Path(tmp_path_factory.mktemp("api")) / "events.duckdb"
    build_store(path)
    return TestClient(create_app(path))


def series(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/series", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_api_series_counts_events_per_month(client: TestClient) -> None:
    body = series(client, interval="month")
    assert [(p["period"], p["start"], p["events"]) for p in body["series"]] == [
        ("2023-01", "2023-01-01", 1),
        ("2023-03", "2023-03-01", 1),
        ("2024-05", "2024-05-01", 4),
        ("2024-06", "2024-06-01", 5),
    ]
    assert body["left_out"] == 2  # the year-dated visit and the undated loan


def test_api_series_mean_is_of_event_scale(client: TestClient) -> None:
    may = series(client, interval="month", since="2024-05", until="2024-05")["series"]
    assert may[0]["mean_event_scale"] == round((-9.5 - 3.5 + 2.5 + 6.5) / 4, 3)
    assert "event_scale" in series(client)["score"]


def test_api_series_by_dyad_counts_each_pair(client: TestClient) -> None:
    points = series(client, interval="year", by="dyad")["series"]
    counts = {(p["period"], p["actor"], p["recipient"]): p["events"] for p in points}
    assert counts == {
        ("2022", "CHL", "ARG"): 1,
        ("2023", "CHL", "ARG"): 1,
        ("2024", "KEN", "KEN"): 4,
        ("2024", "UKR", "RUS"): 3,
        ("2024", "RUS", "UKR"): 2,
    }


def test_api_series_by_type_and_quad_per_week(client: TestClient) -> None:
    points = series(client, interval="week", by=["type", "quad"], country="UKR")["series"]
    assert [(p["period"], p["start"], p["type"], p["quad"], p["events"]) for p in points] == [
        ("2024-W20", "2024-05-13", "ACCUSE", 3, 1),
        ("2024-W20", "2024-05-13", "AGREE", 1, 1),
        ("2024-W20", "2024-05-13", "ASSAULT", 4, 1),
        ("2024-W20", "2024-05-13", "RETREAT", 2, 1),
        ("2024-W23", "2024-06-03", "ASSAULT", 4, 1),
    ]


def test_api_series_daily_leaves_out_month_and_year_dates(client: TestClient) -> None:
    body = series(client, interval="day", country="CHL")
    assert [p["period"] for p in body["series"]] == ["2023-01-09"]
    assert body["left_out"] == 2


def test_api_series_by_actor_counts_an_event_once_per_actor_code(client: TestClient) -> None:
    points = series(client, interval="year", by="actor", type="AGREE")["series"]
    assert {(p["period"], p["actor"]): p["events"] for p in points} == {
        ("2023", "ARG"): 1, ("2023", "CHL"): 1, ("2024", "UKR"): 1}
