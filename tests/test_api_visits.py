"""``GET /visits`` (polex.api.visits_route) on the hand-made store of tests.visits_samples,
with the router included in the app as app.py would include it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from polex.api.app import create_app
from polex.api.visits_route import router
from tests.visits_samples import build_visits_store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = Path(tmp_path_factory.mktemp("api-visits")) / "events.duckdb"
    build_visits_store(path)
    app = create_app(path)
    app.include_router(router)
    return TestClient(app)


def test_api_visits_lists_a_leaders_trips_with_the_first_marked(client: TestClient) -> None:
    response = client.get("/visits", params={"leader": "Yoon"})
    assert response.status_code == 200
    trips = response.json()["trips"]
    assert [(t["date"], t["destination"], t["first"]) for t in trips] == [
        ("2022-06-28", "ESP", "after_taking_office"), ("2023-03-16", "JPN", None),
        ("2023-05-19", "JPN", None)]


def test_api_visits_bad_until_is_422_naming_it(client: TestClient) -> None:
    response = client.get("/visits", params={"until": "2023-13"})
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["parameter"] == "until" and "2023-13" in error["reason"]
