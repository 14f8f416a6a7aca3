"""``polex serve`` runs the API with uvicorn on 127.0.0.1 (a real process and socket)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from polex.cli import app
from polex.config import EXIT_STORE, EXIT_USAGE
from tests.api_samples import build_store

runner = CliRunner()
SERVING = re.compile(r"on http://127\.0\.0\.1:(\d+) ")
START_SECONDS = 60


def _port(process: subprocess.Popen[str]) -> int:
    """The port the server printed it listens on (it was started with --port 0)."""
    assert process.stderr is not None
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if match := SERVING.search(line):
            return int(match.group(1))
        if not line and process.poll() is not None:
            break
    raise AssertionError("polex serve did not start")


def test_api_serve_answers_health_on_loopback(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    build_store(db)
    process = subprocess.Popen(
        [sys.executable, "-m", "polex.cli", "serve", "--db", str(db), "--port", "0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        port = _port(process)
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/health", timeout=5,
                                     trust_env=False)
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline, "the server never answered"
                time.sleep(0.2)
        assert response.status_code == 200
        assert response.json()["store"]["events"] == 13
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


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
