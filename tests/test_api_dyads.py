"""GET /dyads: the most active actor-recipient pairs, by quad class, with their balance."""

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


def dyads(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/dyads", params=params)
    assert response.status_code == 200, response.text
    pairs: list[dict[str, Any]] = response.json()["dyads"]
    return pairs


def test_api_dyads_most_active_pairs_come_first(client: TestClient) -> None:
    pairs = dyads(client)
    assert [(p["actor"], p["recipient"], p["events"]) for p in pairs] == [
        ("KEN", "KEN", 4), ("UKR", "RUS", 3), ("CHL", "ARG", 2), ("RUS", "UKR", 2),
        ("IGO", "KEN", 1)]


def test_api_dyads_balance_is_cooperation_minus_conflict_over_events(
        client: TestClient) -> None:
    ukraine_russia = next(p for p in dyads(client) if (p["actor"], p["recipient"]) ==
                          ("UKR", "RUS"))
    assert ukraine_russia == {
        "actor": "UKR", "recipient": "RUS", "events": 3,
        "verbal_cooperation": 1, "material_cooperation": 1, "verbal_conflict": 1,
        "material_conflict": 0, "balance": round((2 - 1) / 3, 3),
        "mean_event_scale": round((-3.5 + 2.5 + 6.5) / 3, 3),
    }


def test_api_dyads_all_conflict_pair_has_balance_minus_one(client: TestClient) -> None:
    kenya = dyads(client)[0]
    assert (kenya["material_conflict"], kenya["verbal_conflict"], kenya["balance"]) == (
        3, 1, -1.0)


def test_api_dyads_window_keeps_the_events_within_it(client: TestClient) -> None:
    pairs = dyads(client, since="2024-06-01", until="2024-06-30")
    assert [(p["actor"], p["recipient"], p["events"]) for p in pairs] == [
        ("KEN", "KEN", 4), ("RUS", "UKR", 1)]


def test_api_dyads_limit_keeps_the_most_active(client: TestClient) -> None:
    assert [(p["actor"], p["recipient"]) for p in dyads(client, limit=2)] == [
        ("KEN", "KEN"), ("UKR", "RUS")]
