"""polex export --new-since: only what the runs after a given run stored."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from polex.cli import app
from tests.test_store_runs_new_since import SECOND_AND_THIRD_RUNS, build_runs_store, labels_of_ids


def test_cli_export_new_since_writes_the_events_of_later_runs(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    records, (first, _, _) = build_runs_store(db)
    out = tmp_path / "new.jsonl"
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--format", "jsonl",
                                      "--out", str(out), "--new-since", first])
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert labels_of_ids(ids, records) == SECOND_AND_THIRD_RUNS


def test_cli_export_unknown_run_is_a_usage_error_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    build_runs_store(db)
    out = tmp_path / "new.csv"
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--format", "csv",
                                      "--out", str(out), "--new-since", "20990101T000000-abcdef"])
    assert result.exit_code == 2
    assert "--new-since" in result.output
    assert not out.exists()
