"""The API token is a setting (POLEX_API_TOKEN, or api_token under [tool.polex]) that is
never shown: not in the settings' repr, not in what polex serve prints, and not in the
copies of the settings sent to worker processes."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import uvicorn
from typer.testing import CliRunner

from polex.cli import app
from polex.config import Settings
from tests.api_ingest_samples import empty_store

SECRET = "s3cret-token-4e8f"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("POLEX_API_TOKEN", raising=False)
    return tmp_path


def test_api_ingest_token_setting_from_environment_or_project(here: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    assert Settings.resolve().api_token is None
    (here / "pyproject.toml").write_text(f'[tool.polex]\napi_token = "{SECRET}-project"\n')
    assert Settings.resolve().api_token == f"{SECRET}-project"
    monkeypatch.setenv("POLEX_API_TOKEN", f" {SECRET} ")
    assert Settings.resolve().api_token == SECRET
    monkeypatch.setenv("POLEX_API_TOKEN", "   ")
    assert Settings.resolve().api_token == f"{SECRET}-project"
    (here / "pyproject.toml").write_text('[tool.polex]\napi_token = ""\n')
    assert Settings.resolve().api_token is None


def test_api_ingest_token_setting_is_never_shown_or_pickled(here: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    monkeypatch.setenv("POLEX_API_TOKEN", SECRET)
    settings = Settings.resolve()
    assert settings.api_token == SECRET
    assert SECRET not in repr(settings) and SECRET not in str(settings)
    copy = pickle.loads(pickle.dumps(settings))
    assert copy.api_token is None and copy == settings
    assert SECRET.encode() not in pickle.dumps(settings)


def test_api_ingest_token_setting_serve_says_whether_ingest_is_on(
        here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(empty_store(here))
    monkeypatch.setattr(uvicorn.Server, "run", lambda *_, **__: None)  # no listening
    off = CliRunner().invoke(app, ["serve", "--db", db, "--port", "0"])
    assert off.exit_code == 0, off.output
    assert "POST /ingest is off" in off.stderr and "POLEX_API_TOKEN" in off.stderr
    monkeypatch.setenv("POLEX_API_TOKEN", SECRET)
    on = CliRunner().invoke(app, ["serve", "--db", db, "--port", "0"])
    assert on.exit_code == 0, on.output
    assert "POST /ingest is on" in on.stderr
    assert SECRET not in on.output
