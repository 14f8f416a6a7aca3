"""``polex serve`` runs the API with uvicorn on 127.0.0.1 (a real process and socket)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from polex.cli import app
from polex.config import EXIT_STORE, EXIT_USAGE
from tests.api_samples import build_store
from tests.serving import health, polex_serve

runner = CliRunner()


def test_api_serve_answers_health_on_loopback(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    build_store(db)
    with polex_serve(db, tmp_path / "serve.log") as port:
        response = health(port)
        assert response.status_code == 200
        assert response.json()["store"]["events"] == 13


def test_api_serve_without_a_store_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == EXIT_USAGE
    assert "no store at" in result.stderr


def test_api_serve_refuses_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    db = tmp_path / "notes.duckdb"
    db.write_text("meeting notes, not a database\n" * 100, encoding="utf-8")
    result = runner.invoke(app, ["serve", "--db", str(db)])
    assert result.exit_code == EXIT_STORE
    assert "it is not a DuckDB database file" in result.stderr
