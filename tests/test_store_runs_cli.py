"""``polex runs``: the runs of a store, as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polex.cli import app
from polex.config import EXIT_USAGE
from polex.store import EventStore
from polex.store.runs import Provenance
from tests.test_store_runs_new_since import build_runs_store

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str]]:
    """The sample store of three runs, and a fourth run that was interrupted."""
    path = Path(tmp_path_factory.mktemp("runs")) / "events.duckdb"
    _, run_ids = build_runs_store(path)
    with EventStore(path) as writable:
        run_ids.append(writable.start_run(Provenance.uncoded("load")))
    return str(path), run_ids


def test_store_runs_cli_json_lists_every_run_in_order(store: tuple[str, list[str]]) -> None:
    db, run_ids = store
    result = runner.invoke(app, ["runs", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    runs = json.loads(result.stdout)["runs"]
    assert [run["run_id"] for run in runs] == run_ids
    assert runs[0]["events"] == 7 and runs[0]["kb_files"]["polex:kb/countries.tsv"]


def test_store_runs_cli_json_shows_an_interrupted_run_without_an_end(
        store: tuple[str, list[str]]) -> None:
    db, _ = store
    runs = json.loads(runner.invoke(app, ["runs", "--db", db, "--format", "json"]).stdout)
    assert (runs["runs"][-1]["finished_at"], runs["runs"][-1]["stored"]) == (None, None)


def test_store_runs_cli_csv_writes_the_settings_as_json(store: tuple[str, list[str]]) -> None:
    db, run_ids = store
    result = runner.invoke(app, ["runs", "--db", db, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["run_id"] for row in rows] == run_ids
    assert json.loads(rows[0]["settings"])["time_limit"] == 30.0


def test_store_runs_cli_table_shows_whole_run_ids(store: tuple[str, list[str]]) -> None:
    db, run_ids = store
    result = runner.invoke(app, ["runs", "--db", db])
    assert result.exit_code == 0, result.output
    assert all(run_id in result.stdout for run_id in run_ids)
    assert "not finished" in result.stdout


def test_store_runs_cli_missing_store_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["runs", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == EXIT_USAGE and "run polex ingest first" in result.stderr
