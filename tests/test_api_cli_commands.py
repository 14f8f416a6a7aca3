"""``polex series`` and ``polex dyads``: the store's counts on the command line, from the
same queries as the API."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polex.cli import app
from polex.config import EXIT_USAGE
from tests.api_samples import build_store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = Path(tmp_path_factory.mktemp("cli")) / "events.duckdb"
    build_store(path)
    return str(path)


def test_api_cli_series_csv_counts_dyads_per_month(db: str) -> None:
    result = runner.invoke(app, ["series", "--db", db, "--interval", "month", "--by", "dyad",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["period", "start", "actor", "recipient", "events",
                             "mean_event_scale"]
    assert [(r["period"], r["actor"], r["recipient"], r["events"]) for r in rows] == [
        ("2023-01", "CHL", "ARG", "1"),
        ("2024-05", "UKR", "RUS", "3"),
        ("2024-05", "RUS", "UKR", "1"),
        ("2024-06", "KEN", "KEN", "4"),
        ("2024-06", "RUS", "UKR", "1"),
    ]


def test_api_cli_series_json_matches_the_api_body(db: str) -> None:
    result = runner.invoke(app, ["series", "--db", db, "--interval", "year", "--type",
                                 "ASSAULT", "--format", "json"])
    body = json.loads(result.stdout)
    assert body["interval"] == "year" and body["left_out"] == 0
    assert [(p["period"], p["events"], p["mean_event_scale"]) for p in body["series"]] == [
        ("2024", 3, round((-7.5 - 9.5 - 9.5) / 3, 3))]


def test_api_cli_series_table_lists_each_period(db: str) -> None:
    result = runner.invoke(app, ["series", "--db", db, "--interval", "year"])
    assert result.exit_code == 0, result.output
    assert "events per year" in result.stdout
    for period in ("2022", "2023", "2024"):
        assert period in result.stdout


def test_api_cli_series_bad_grouping_is_a_usage_error(db: str) -> None:
    result = runner.invoke(app, ["series", "--db", db, "--by", "outlet"])
    assert result.exit_code == EXIT_USAGE
    assert "cannot group by outlet" in result.stderr


def test_api_cli_series_bad_bbox_names_the_option(db: str) -> None:
    result = runner.invoke(app, ["series", "--db", db, "--bbox", "east,of,here,x"])
    assert result.exit_code == EXIT_USAGE
    assert "--bbox" in result.stderr


def test_api_cli_dyads_json_lists_pairs_with_balance(db: str) -> None:
    result = runner.invoke(app, ["dyads", "--db", db, "--since", "2024-05-01", "--until",
                                 "2024-05-31", "--format", "json"])
    assert result.exit_code == 0, result.output
    pairs = json.loads(result.stdout)["dyads"]
    assert [(p["actor"], p["recipient"], p["events"], p["balance"]) for p in pairs] == [
        ("UKR", "RUS", 3, 0.333), ("RUS", "UKR", 1, -1.0)]


def test_api_cli_dyads_table_shows_the_limit(db: str) -> None:
    result = runner.invoke(app, ["dyads", "--db", db, "--limit", "2"])
    assert result.exit_code == 0, result.output
    assert "2 most active dyads" in result.stdout
    assert "KEN" in result.stdout and "IGO" not in result.stdout


def test_api_cli_dyads_missing_store_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["dyads", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == EXIT_USAGE
    assert "no store at" in result.stderr
