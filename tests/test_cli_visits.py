"""``polex visits``: leaders' trips abroad on the command line, on the hand-made store of
tests.visits_samples and on the store the sample articles (examples/articles) make."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polex.cli import app
from polex.config import EXIT_USAGE
from tests.visits_samples import build_visits_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = Path(tmp_path_factory.mktemp("cli-visits")) / "events.duckdb"
    build_visits_store(path)
    return str(path)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(Path(tmp_path_factory.mktemp("cli-visits-sample")) / "sample.duckdb")
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", path])
    assert result.exit_code == 0, result.output
    return path


def _json_trips(*args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["visits", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    trips: list[dict[str, object]] = json.loads(result.stdout)["trips"]
    return trips


def test_cli_visits_table_marks_the_first_trip_and_predecessors(db: str) -> None:
    result = runner.invoke(app, ["visits", "--db", db, "--leader", "Yoon"])
    assert result.exit_code == 0, result.output
    first_row = next(line for line in result.stdout.splitlines() if "2022-06-28" in line)
    assert "ESP" in first_row and "first after taking office (day 49)" in first_row
    assert "Moon Jae-in: USA 2017-06-28 (day 49)" in result.stdout


def test_cli_visits_csv_has_one_row_per_trip_in_date_order(db: str) -> None:
    result = runner.invoke(app, ["visits", "--db", db, "--country", "kor", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["leader"], r["date"], r["destination"], r["first"]) for r in rows] == [
        ("Lee Myung-bak", "2008-04-15", "USA", "after_taking_office"),
        ("Park Geun-hye", "2013-05-05", "USA", "after_taking_office"),
        ("Moon Jae-in", "2017-06-28", "USA", "after_taking_office"),
        ("Yoon Suk Yeol", "2022-06-28", "ESP", "after_taking_office"),
        ("Yoon Suk Yeol", "2023-03-16", "JPN", ""),
        ("Yoon Suk Yeol", "2023-05-19", "JPN", ""),
    ]


def test_cli_visits_json_lists_predecessors_of_a_first_trip(db: str) -> None:
    trips = _json_trips("--db", db, "--leader", "Yoon Suk-yeol", "--until", "2022")
    assert len(trips) == 1
    predecessors = trips[0]["predecessors"]
    assert isinstance(predecessors, list)
    assert [(p["holder"], p["destination"]) for p in predecessors] == [
        ("Lee Myung-bak", "USA"), ("Park Geun-hye", "USA"), ("Moon Jae-in", "USA")]


def test_cli_visits_destination_filter_keeps_the_hosted_guest(db: str) -> None:
    trips = _json_trips("--db", db, "--destination", "KOR")
    assert [(t["leader"], t["date"]) for t in trips] == [("Shinzo Abe", "2018-02-09")]


def test_cli_visits_bad_since_is_a_usage_error(db: str) -> None:
    result = runner.invoke(app, ["visits", "--db", db, "--since", "last spring"])
    assert result.exit_code == EXIT_USAGE
    assert "--since" in result.stderr


def test_cli_visits_missing_store_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["visits", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == EXIT_USAGE
    assert "run polex ingest first" in result.stderr


def test_cli_visits_sample_articles_yield_leaders_trips(sample_db: str) -> None:
    trips = {(t["leader"], t["destination"], t["date"]) for t in _json_trips("--db", sample_db)}
    assert {("Yoon Suk Yeol", "JPN", "2023-03-16"), ("Gabriel Boric", "ARG", "2024-06-03"),
            ("Volodymyr Zelenskyy", "DEU", "2023-05-14")} <= trips


def test_cli_visits_sample_articles_mark_one_first_trip_per_leader(sample_db: str) -> None:
    trips = _json_trips("--db", sample_db)
    leaders = {t["leader"] for t in trips}
    firsts = [t["leader"] for t in trips if t["first"] == "after_taking_office"]
    assert sorted(firsts) == sorted(leaders)
