"""With no API token configured, POST /ingest is off: 403 with a JSON reason saying how
to turn it on, whatever the request sends, and the server says it is read-only."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api_ingest_samples import AUTH, KENYA, empty_store, ingest_client, stored


@pytest.mark.parametrize("token", [None, ""])
def test_api_ingest_off_without_token_is_403_with_how_to_turn_it_on(
        tmp_path: Path, token: str | None) -> None:
    path = empty_store(tmp_path)
    client = ingest_client(path, api_token=token)
    for headers in ({}, AUTH, {"Authorization": "Bearer "}):
        response = client.post("/ingest", json=KENYA, headers=headers)
        assert response.status_code == 403
        assert response.headers["content-type"] == "application/json"
        detail = response.json()["detail"]
        assert "POST /ingest is off" in detail and "POLEX_API_TOKEN" in detail
        assert "api_token" in detail
    assert client.get("/health").json()["read_only"] is True
    assert stored(path) == {"articles": 0, "events": 0, "failures": 0}


def test_api_ingest_off_without_token_unless_the_environment_gives_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from polex.api.app import create_app

    path = empty_store(tmp_path)
    monkeypatch.chdir(tmp_path)  # no pyproject.toml with settings here
    monkeypatch.delenv("POLEX_API_TOKEN", raising=False)
    assert TestClient(create_app(path)).post("/ingest", json=[]).status_code == 403
    monkeypatch.setenv("POLEX_API_TOKEN", "from-the-environment")
    client = TestClient(create_app(path))
    assert client.post("/ingest", json=[]).status_code == 401
    response = client.post("/ingest", json=[],
                           headers={"Authorization": "Bearer from-the-environment"})
    assert response.status_code == 200
    assert response.json()["received"] == 0
    assert client.get("/health").json()["read_only"] is False
