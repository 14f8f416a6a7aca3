"""Runs: one row per ingest that wrote to the store, with what coded it and what it did.

A run's row is written when the run starts: its id, the polex version, the spaCy pipeline
and its version, the sha256 of each knowledge-base and trigger-rule file in use and the
settings (never a secret such as the API token). When the run ends, the row gets its end
time and counts; a run that was interrupted keeps its start and no end. Every article and
event a run stores carries its run id.

A run is recorded while its process holds the store for writing, and DuckDB lets one
process write to a file at a time, so the runs of one store never overlap: the events of
runs that started after run X are the events stored after run X ended.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import duckdb

from polex import __version__
from polex.config import Settings
from polex.store.rows import utc_now

# Settings left out of a run's record besides the secrets: the store is the file the run
# is recorded in (and a server's settings may name another).
UNRECORDED_SETTINGS = frozenset({"db"})
PACKAGE_PREFIX = "polex:"  # names a file shipped with polex, e.g. polex:kb/countries.tsv
KB_FOLDER = "kb"
HASH_CHUNK_BYTES = 1 << 20

FileHashes = dict[str, str | None]  # file -> sha256 of its bytes; None if it cannot be read

# The runs that started after the run given as the parameter (exclusive); runs are
# ordered by start, and by id between runs started in the same microsecond.
RUNS_AFTER = (
    "SELECT later.run_id FROM runs later, runs given WHERE given.run_id = ?"
    " AND (later.started_at > given.started_at"
    " OR (later.started_at = given.started_at AND later.run_id > given.run_id))"
)
STORED_AFTER_RUN = f"e.run_id IN ({RUNS_AFTER})"  # on the events table aliased e
RUN_ORDER = "started_at, run_id"


@dataclass(frozen=True)
class Provenance:
    """What codes a run, recorded when it starts; None where it is not known."""

    command: str  # how the run was started: "ingest", "POST /ingest", "load"...
    polex_version: str
    model: str | None
    model_version: str | None
    kb_files: FileHashes | None
    lexicon_files: FileHashes | None
    settings: dict[str, Any]

    @classmethod
    def of(cls, command: str, settings: Settings, kb_files: Sequence[str | Path] = ()
           ) -> Provenance:
        """The provenance of a run coding with ``settings`` and the extra ``kb_files``."""
        return cls(
            command=command, polex_version=__version__, model=settings.model,
            model_version=model_version(settings.model),
            kb_files=kb_hashes(kb_files), lexicon_files=lexicon_hashes(settings),
            settings=recorded_settings(settings),
        )

    @classmethod
    def uncoded(cls, command: str, settings: dict[str, Any] | None = None) -> Provenance:
        """A run that stores what another process coded (``polex load``): what coded it
        is not known here, so model and files are left empty."""
        return cls(command=command, polex_version=__version__, model=None,
                   model_version=None, kb_files=None, lexicon_files=None,
                   settings=settings or {})


@dataclass(frozen=True)
class RunCounts:
    """What a run did: articles read, stored, skipped as duplicates (exact or near
    copies of stored texts), failed, and the events stored."""

    articles_read: int
    stored: int
    duplicates: int
    near_duplicates: int
    failed: int
    events: int


@dataclass(frozen=True)
class Run:
    """A row of the runs table; the end and the counts are None until the run ends."""

    run_id: str
    command: str
    polex_version: str
    model: str | None
    model_version: str | None
    kb_files: FileHashes | None
    lexicon_files: FileHashes | None
    settings: dict[str, Any]
    started_at: datetime
    finished_at: datetime | None
    articles_read: int | None
    stored: int | None
    duplicates: int | None
    near_duplicates: int | None
    failed: int | None
    events: int | None


RUN_FIELDS = tuple(f.name for f in fields(Run))
JSON_FIELDS = frozenset({"kb_files", "lexicon_files", "settings"})


def new_run_id(started_at: datetime) -> str:
    """A short id that sorts by start time: 20240626T101530-3fa2c1."""
    return f"{started_at:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"


def start_run(conn: duckdb.DuckDBPyConnection, provenance: Provenance) -> str:
    """Write the run's row (committed at once, so an interrupted run keeps it); its id."""
    started_at = utc_now()
    run_id = new_run_id(started_at)
    conn.execute(
        "INSERT INTO runs (run_id, command, polex_version, model, model_version, kb_files,"
        " lexicon_files, settings, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [run_id, provenance.command, provenance.polex_version, provenance.model,
         provenance.model_version, _json(provenance.kb_files),
         _json(provenance.lexicon_files), _json(provenance.settings), started_at],
    )
    return run_id


def finish_run(conn: duckdb.DuckDBPyConnection, run_id: str, counts: RunCounts) -> None:
    """Complete the run's row with its end time and counts."""
    conn.execute(
        "UPDATE runs SET finished_at = ?, articles_read = ?, stored = ?, duplicates = ?,"
        " near_duplicates = ?, failed = ?, events = ? WHERE run_id = ?",
        [utc_now(), counts.articles_read, counts.stored, counts.duplicates,
         counts.near_duplicates, counts.failed, counts.events, run_id],
    )


def run_exists(conn: duckdb.DuckDBPyConnection, run_id: str) -> bool:
    row = conn.execute("SELECT count(*) FROM runs WHERE run_id = ?", [run_id]).fetchone()
    return bool(row and row[0])


def list_runs(conn: duckdb.DuckDBPyConnection) -> list[Run]:
    """Every run of the store, the first started first."""
    names = ", ".join(RUN_FIELDS)
    rows = conn.execute(f"SELECT {names} FROM runs ORDER BY {RUN_ORDER}").fetchall()
    return [_run(row) for row in rows]


def _run(row: tuple[Any, ...]) -> Run:
    values = {name: json.loads(value) if name in JSON_FIELDS and value is not None else value
              for name, value in zip(RUN_FIELDS, row, strict=True)}
    return Run(**values)


def _json(value: object) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def recorded_settings(settings: Settings) -> dict[str, Any]:
    """The settings as JSON values. Secrets are left out: a field kept out of the
    settings' repr (api_token) is never recorded, nor is the store's own path."""
    return {f.name: _json_value(getattr(settings, f.name)) for f in fields(settings)
            if f.repr and f.name not in UNRECORDED_SETTINGS}


def _json_value(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def model_version(model: str) -> str | None:
    """The version of the installed spaCy pipeline package (or of a pipeline folder's
    meta.json) named ``model``, read without loading spaCy; None if neither is found."""
    try:
        return metadata.version(model)
    except (metadata.PackageNotFoundError, ValueError):
        pass
    meta = Path(model) / "meta.json"
    try:
        version = json.loads(meta.read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError, AttributeError):
        return None
    return str(version) if version is not None else None


def kb_hashes(extra_files: Iterable[str | Path] = ()) -> FileHashes:
    """The knowledge base's files: those shipped with polex, then the user's extra files."""
    shipped = {_package_name(KB_FOLDER, name): digest
               for name, digest in _shipped_kb_hashes()}
    return shipped | {str(path): file_sha256(Path(path)) for path in extra_files}


def lexicon_hashes(settings: Settings) -> FileHashes:
    """The trigger-rule tables in use: the shipped ones the rule_sources setting names,
    in order, then the user's tables."""
    from polex.events.lexicon import SHIPPED_TABLES  # imports spaCy; only when coding

    shipped = {_package_name(*SHIPPED_TABLES[source]): _package_sha256(SHIPPED_TABLES[source])
               for source in settings.rule_sources}
    return shipped | {str(path): file_sha256(Path(path)) for path in settings.lexicons}


def _package_name(*parts: str) -> str:
    return PACKAGE_PREFIX + "/".join(parts)


@cache
def _shipped_kb_hashes() -> tuple[tuple[str, str | None], ...]:
    folder = resources.files("polex.data").joinpath(KB_FOLDER)
    names = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".tsv"))
    return tuple((name, _package_sha256((KB_FOLDER, name))) for name in names)


@cache
def _package_sha256(parts: tuple[str, ...]) -> str | None:
    try:
        data = resources.files("polex.data").joinpath(*parts).read_bytes()
    except OSError:
        return None
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str | None:
    """The sha256 of the file's bytes; None if it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(HASH_CHUNK_BYTES):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()
