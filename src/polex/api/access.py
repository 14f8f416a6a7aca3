"""How the server opens its store: read-only for read requests, for writing only while a
POST /ingest runs.

DuckDB lets a process hold a file either read-only or read-write, never both at once. While
an ingest writes, reads therefore open plain connections to the writer's database (DuckDB
shares one database per file within a process) and see each batch once it is committed;
they run only the read queries of the endpoints. Switching between the two kinds waits for
the connections of the other kind to close: read-only requests are short, and a writer
waits at most ``SWITCH_SECONDS`` for them before answering 503.

With ``keep_open_seconds`` (``polex serve``'s default) the read-only database stays open
until no request has come for that long: requests share its cache instead of opening a new
DuckDB database each (60-80 ms of a small request on a large store, whose first reads come
from the file). A POST /ingest of this server closes it at once; a writer in another
process (polex ingest) that finds the file locked asks for it (polex.store.write_request):
the server then answers new reads 503 (busy), closes the file once the reads in flight are
answered, and opens it again for the first read after the writer is done (reads while the
writer holds the file are 503: locked). With ``keep_open_seconds`` 0 each read request
opens the file read-only and closes it. Either way the schema version is checked when the
file has changed since it was last found supported, not on every request.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from polex.store import EventStore, StoreError, store_problem
from polex.store.tables import check_schema_version
from polex.store.write_request import write_requested

SWITCH_SECONDS = 30.0
# How often a kept store is checked for an idle spell or a writer's request.
WATCH_SECONDS = 0.2
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
        self._last_read = time.monotonic()  # when the last read-only request ended
        self._openings = 0  # times the kept store was opened

    @contextlib.contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one read request, closed when the block ends."""
        with self._state:
            if not self._state.wait_for(lambda: not self._writer_waiting, SWITCH_SECONDS):
                raise StoreBusy("a POST /ingest is waiting to write to it")
            shared = self._writing or self._shared > 0
            if not shared and self.keep_open_seconds > 0 and write_requested(self.path):
                self._close_kept_if_idle()
                raise StoreBusy("another process is waiting to write to it")
            if shared:
                self._shared += 1
            else:
                self._read_only += 1
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
                    self._last_read = time.monotonic()
                    if write_requested(self.path):
                        self._close_kept_if_idle()
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
                # No waiting for another process holding the file: 503 at once.
                with EventStore(self.path, lock_wait=0.0) as store:
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
                self._openings += 1
                threading.Thread(target=self._watch_kept, args=(self._openings,),
                                 name="polex-store-watch", daemon=True).start()
            return self._kept.cursor()

    def _watch_kept(self, opening: int) -> None:
        """While the store stays open since that ``opening``: close it once no read is in
        flight and either the server has been idle keep_open_seconds or another process
        asks to write."""
        while True:
            time.sleep(min(WATCH_SECONDS, self.keep_open_seconds))
            with self._state:
                if self._kept is None or self._openings != opening:
                    return
                idle = time.monotonic() - self._last_read >= self.keep_open_seconds
                if idle or write_requested(self.path):
                    self._close_kept_if_idle()

    def _close_kept_if_idle(self) -> None:
        """Called with the state lock held."""
        if self._read_only == 0:
            self._close_kept()

    def _close_kept(self) -> None:
        """Called with the state lock held."""
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
