"""How the server opens its store: read-only for each read request, for writing only while a
POST /ingest runs.

DuckDB lets a process hold a file either read-only or read-write, never both at once. While
an ingest writes, reads therefore open plain connections to the writer's database (DuckDB
shares one database per file within a process) and see each batch once it is committed;
they run only the read queries of the endpoints. Switching between the two kinds waits for
the connections of the other kind to close: read-only requests are short, and a writer
waits at most ``SWITCH_SECONDS`` for them before answering 503.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb

from polex.store import EventStore, StoreError, store_problem

SWITCH_SECONDS = 30.0


class StoreBusy(Exception):
    """The store cannot be opened for this request now; try again shortly."""


class StoreAccess:
    """The connections this process has open to one store file, by kind."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._state = threading.Condition()
        self._read_only = 0  # read-only connections open (or being opened)
        self._shared = 0  # read connections sharing the writer's database
        self._writing = False
        self._writer_waiting = False
        self._writer = threading.Lock()  # one writer at a time

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
        try:
            if shared:
                connection = _connect_shared(self.path)
                try:
                    yield connection
                finally:
                    connection.close()
            else:
                with EventStore(self.path, read_only=True) as store:
                    yield store.connection
        finally:
            with self._state:
                if shared:
                    self._shared -= 1
                else:
                    self._read_only -= 1
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


def _connect_shared(path: Path) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path))
    except duckdb.Error as error:
        raise StoreError(f"cannot open store {path}: {store_problem(error)}") from error


def store_reason(exc: BaseException) -> str:
    """Why the store cannot be used, without the server's path to the file."""
    cause = exc.__cause__ if isinstance(exc, StoreError) and exc.__cause__ else exc
    return "it is missing" if isinstance(cause, FileNotFoundError) else store_problem(cause)
