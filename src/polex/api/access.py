"""How the server opens its store: read-only for read requests, for writing only while a
POST /ingest runs.

DuckDB lets a process hold a file either read-only or read-write, never both at once. While
an ingest writes, reads therefore open plain connections to the writer's database (DuckDB
shares one database per file within a process) and see each batch once it is committed;
they run only the read queries of the endpoints. Switching between the two kinds waits for
the connections of the other kind to close: read-only requests are short, and a writer
waits at most ``SWITCH_SECONDS`` for them before answering 503.

By default each read request opens the file read-only and closes it, so the file is free
for a writer in another process between requests. Opening costs a new DuckDB database
(over 10 ms) whose first reads come from the file, not from DuckDB's cache. With
``keep_open_seconds`` the read-only database stays open until no request has come for that
long: requests then share its cache, and another process can write only after such an idle
spell (a POST /ingest of this server closes it at once). Either way the schema version is
checked when the file has changed since it was last found supported, not on every request.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb

from polex.store import EventStore, StoreError, store_problem
from polex.store.tables import check_schema_version

SWITCH_SECONDS = 30.0
FileState = tuple[tuple[int, int, int] | None, ...]


class StoreBusy(Exception):
    """The store cannot be opened for this request now; try again shortly."""


class StoreAccess:
    """The connections this process has open to one store file, by kind."""

    def __init__(self, path: Path, keep_open_seconds: float = 0.0) -> None:
        self.path = path
        self.keep_open_seconds = keep_open_seconds
        self._state = threading.Condition()
        self._read_only = 0  # read-only connections open (or being opened)
        self._shared = 0  # read connections sharing the writer's database
        self._writing = False
        self._writer_waiting = False
        self._writer = threading.Lock()  # one writer at a time
        self._schema = SchemaCheck(path)
        self._kept: duckdb.DuckDBPyConnection | None = None  # with keep_open_seconds
        self._idle_close: threading.Timer | None = None

    @contextlib.contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one read request, closed when the block ends."""
        with self._state:
            if not self._state.wait_for(lambda: not self._writer_waiting, SWITCH_SECONDS):
                raise StoreBusy("a POST /ingest is waiting to write to it")
            shared = self._writing or self._shared > 0
            if shared:
                self._shared += 1
            else:
                self._read_only += 1
                self._cancel_idle_close()
        try:
            connection = _connect_shared(self.path) if shared else self._read_only_connection()
            try:
                yield connection
            finally:
                connection.close()
        finally:
            with self._state:
                if shared:
                    self._shared -= 1
                else:
                    self._read_only -= 1
                    if self._read_only == 0:
                        self._schedule_idle_close()
                self._state.notify_all()

    @contextlib.contextmanager
    def write(self) -> Iterator[EventStore]:
        """The store open for writing for the block; StoreBusy if another writer has it or
        the read-only connections do not close in time."""
        if not self._writer.acquire(blocking=False):
            raise StoreBusy("another POST /ingest is writing to it")
        try:
            with self._state:
                self._writer_waiting = True
                drained = self._state.wait_for(lambda: self._read_only == 0, SWITCH_SECONDS)
                self._writer_waiting = False
                self._writing = drained
                if drained:
                    self._close_kept()
                self._state.notify_all()
            if not drained:
                raise StoreBusy("read requests kept it open")
            try:
                with EventStore(self.path) as store:
                    yield store
            finally:
                with self._state:
                    self._writing = False
                    self._state.notify_all()
        finally:
            self._writer.release()

    def close(self) -> None:
        """Close the kept read-only database, if any (when the server stops)."""
        with self._state:
            self._close_kept()

    def _read_only_connection(self) -> duckdb.DuckDBPyConnection:
        if self.keep_open_seconds <= 0:
            return open_read_only(self.path, self._schema)
        with self._state:
            if self._kept is None:
                self._kept = open_read_only(self.path, self._schema)
            return self._kept.cursor()

    def _schedule_idle_close(self) -> None:
        if self._kept is None:
            return
        self._idle_close = threading.Timer(self.keep_open_seconds, self._close_if_idle)
        self._idle_close.daemon = True
        self._idle_close.start()

    def _cancel_idle_close(self) -> None:
        if self._idle_close is not None:
            self._idle_close.cancel()
            self._idle_close = None

    def _close_if_idle(self) -> None:
        with self._state:
            if self._read_only == 0:
                self._close_kept()

    def _close_kept(self) -> None:
        """Called with the state lock held."""
        self._cancel_idle_close()
        if self._kept is not None:
            self._kept.close()
            self._kept = None


class SchemaCheck:
    """Checks a store's schema version once per state of its file: a file that has not
    changed since it was found supported is not checked again (the check reads the
    catalog, a quarter of a small request's time)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._supported: FileState | None = None

    def ensure(self, connection: duckdb.DuckDBPyConnection) -> None:
        """Raise StoreSchemaError for an unsupported version. Called with the connection
        open, so no other process can change the file meanwhile."""
        state = file_state(self.path)
        if state != self._supported:
            check_schema_version(connection)
            self._supported = state


def file_state(path: Path) -> FileState:
    """Identity, size and modification time of the store file and of its WAL."""
    states: list[tuple[int, int, int] | None] = []
    for file in (path, path.with_name(path.name + ".wal")):
        try:
            stat = os.stat(file)
        except FileNotFoundError:
            states.append(None)
            continue
        states.append((stat.st_ino, stat.st_size, stat.st_mtime_ns))
    return tuple(states)


def open_read_only(path: Path, schema: SchemaCheck) -> duckdb.DuckDBPyConnection:
    """The store opened read-only, as EventStore opens it, with the version check of
    ``schema``; a file that cannot be used raises StoreError (FileNotFoundError if none)."""
    if not path.is_file():
        raise FileNotFoundError(f"no event store at {path}")
    try:
        connection = duckdb.connect(str(path), read_only=True)
    except (duckdb.Error, OSError) as error:
        raise StoreError(f"cannot open store {path}: {store_problem(error)}") from error
    try:
        schema.ensure(connection)
    except duckdb.Error as error:
        connection.close()
        raise StoreError(f"cannot open store {path}: {store_problem(error)}") from error
    except BaseException:
        connection.close()
        raise
    return connection


def _connect_shared(path: Path) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path))
    except duckdb.Error as error:
        raise StoreError(f"cannot open store {path}: {store_problem(error)}") from error


def store_reason(exc: BaseException) -> str:
    """Why the store cannot be used, without the server's path to the file."""
    cause = exc.__cause__ if isinstance(exc, StoreError) and exc.__cause__ else exc
    return "it is missing" if isinstance(cause, FileNotFoundError) else store_problem(cause)
