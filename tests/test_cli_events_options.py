"""``polex events``: the API's filters as options, --new-since, and a bad value as a usage
error naming its option."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polex.cli import app
from polex.config import EXIT_USAGE
from tests.api_samples import Records
from tests.test_store_runs_new_since import build_runs_store

runner = CliRunner()
Store = tuple[str, Records, list[str]]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = Path(tmp_path_factory.mktemp("cli")) / "events.duckdb"
    records, run_ids = build_runs_store(path)
    return str(path), records, run_ids


def _labels(store: Store, *options: str) -> set[str]:
    db, records, _ = store
    result = runner.invoke(app, ["events", "--db", db, "--format", "plover", *options])
    assert result.exit_code == 0, result.output
    by_id = {record["id"]: label for label, record in records.items()}
    return {by_id[json.loads(line)["id"]] for line in result.stdout.splitlines()}


def _usage_error(store: Store, *options: str) -> str:
    db, _, _ = store
    result = runner.invoke(app, ["events", "--db", db, *options])
    assert result.exit_code == EXIT_USAGE, result.output
    return " ".join(result.stderr.split())


def test_cli_events_new_since_lists_what_later_runs_stored(store: Store) -> None:
    _, _, (_, second, _) = store
    assert _labels(store, "--new-since", second) == {"drones"}


def test_cli_events_new_since_unknown_run_names_the_option(store: Store) -> None:
    message = _usage_error(store, "--new-since", "20240101T000000-abcdef")
    assert "--new-since" in message and "no run '20240101T000000-abcdef'" in message


def test_cli_events_country_matches_either_side(store: Store) -> None:
    assert _labels(store, "--country", "ARG") == {"met", "agree", "visited"}


def test_cli_events_q_and_words_are_the_same_search(store: Store) -> None:
    assert _labels(store, "--q", "police") == _labels(store, "--words", "POLICE") == {
        "arrest", "wire_arrest"}


def test_cli_events_mode_quad_and_min_confidence_narrow_together(store: Store) -> None:
    assert _labels(store, "--quad", "4", "--mode", "drone", "--min-confidence", "0.85") == {
        "drones"}


def test_cli_events_bbox_keeps_events_located_inside(store: Store) -> None:
    assert _labels(store, "--bbox", "30,40,40,55") == {"shelling", "drones"}


@pytest.mark.parametrize(("options", "named"), [
    (("--quad", "7"), "--quad"),
    (("--type", "INVADE"), "--type"),
    (("--min-confidence", "1.5"), "--min-confidence"),
    (("--bbox", "30,40,40"), "--bbox"),
    (("--q", "!!"), "--q"),
    (("--since", "2024-07", "--until", "2024-06"), "--since"),
    (("--since", "24/06/2024"), "--since"),
])
def test_cli_events_bad_filter_is_a_usage_error_naming_its_option(
        store: Store, options: tuple[str, ...], named: str) -> None:
    assert f"Invalid value for {named}" in _usage_error(store, *options)


def test_cli_events_bad_filter_is_refused_before_the_store_is_looked_for(
        tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb"),
                                 "--quad", "9"])
    assert result.exit_code == EXIT_USAGE and "--quad" in result.stderr
