"""``polex events --format plover`` and ``GET /events`` over one store: the same events in
the same order for each combination of filters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from polex.api.app import create_app
from polex.cli import app
from tests.test_store_runs_new_since import build_runs_store

runner = CliRunner()
FIRST_RUN = "<first run>"  # replaced by the id of the store's first run
FILTERS: list[dict[str, Any]] = [
    {},
    {"actor": "KEN"},
    {"recipient": "rus", "status": "occurred"},
    {"country": "UKR", "quad": 4},
    {"type": "ASSAULT", "min_confidence": 0.9},
    {"mode": "arrest"},
    {"since": "2024-05", "until": "2024-06-25"},
    {"since": "2022", "until": "2023-06-30", "country": "CHL"},
    {"q": "police Nairobi"},
    {"bbox": "30,40,40,55"},
    {"bbox": "170,-40,-60,0"},
    {"new_since": FIRST_RUN},
    {"new_since": FIRST_RUN, "type": "ASSAULT"},
    {"limit": 5},
    {"clustered": True},
    {"clustered": True, "country": "KEN", "limit": 1},
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = Path(tmp_path_factory.mktemp("parity")) / "events.duckdb"
    _, run_ids = build_runs_store(path)
    return path, run_ids[0]


def _options(filters: dict[str, Any]) -> list[str]:
    """The command-line options of the API's parameters: --name-with-dashes value."""
    options: list[str] = []
    for name, value in filters.items():
        option = "--" + name.replace("_", "-")
        options += [option] if value is True else [option, str(value)]
    return options


def _cli_ids(db: Path, filters: dict[str, Any]) -> list[str]:
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "plover",
                                 *_options(filters)])
    assert result.exit_code == 0, result.output
    return [json.loads(line)["id"] for line in result.stdout.splitlines()]


def _api_ids(db: Path, filters: dict[str, Any]) -> list[str]:
    client = TestClient(create_app(db))
    params = {"format": "plover", **{k: str(v).lower() if v is True else v
                                     for k, v in filters.items()}}
    response = client.get("/events", params=params)
    assert response.status_code == 200, response.text
    if "limit" not in filters:
        assert "X-Next-Cursor" not in response.headers  # one page holds them all
    return [json.loads(line)["id"] for line in response.text.splitlines()]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f) or "none")
def test_cli_events_same_ids_in_the_same_order_as_the_api(
        store: tuple[Path, str], filters: dict[str, Any]) -> None:
    db, first_run = store
    given = {k: first_run if v == FIRST_RUN else v for k, v in filters.items()}
    cli_ids = _cli_ids(db, given)
    assert cli_ids == _api_ids(db, given)
    assert cli_ids or given == {"bbox": "170,-40,-60,0"}
