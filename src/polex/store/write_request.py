"""A writer's request for a store file that readers keep open.

DuckDB lets one process write to a file only while no other process has it open. A
server that keeps its store open between requests (``polex serve``) would keep every
writer out; so a writer that finds the file locked leaves a request file beside it
(``events.duckdb.write-request``) while it retries, and a server that sees the request
closes the file as soon as its requests in flight are answered, and answers new ones
503 until the writer is in. A request older than the longest wait is left over from a
writer that ended without removing it, and is ignored.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

# How long a writer retries a locked file before it gives up (EventStore's default).
LOCK_WAIT_SECONDS = 10.0
RETRY_SECONDS = 0.1
SUFFIX = ".write-request"


def request_path(store: Path) -> Path:
    return store.with_name(store.name + SUFFIX)


def write_requested(store: Path) -> bool:
    """Whether a writer is waiting for the file now (a request that is not left over)."""
    try:
        made = os.stat(request_path(store)).st_mtime
    except OSError:
        return False
    return time.time() - made <= LOCK_WAIT_SECONDS + 5.0


@contextlib.contextmanager
def requesting_write(store: Path) -> Iterator[None]:
    """The request file exists for the block (if it can be made: a writer that cannot
    make it still retries), and is removed after."""
    path = request_path(store)
    try:
        path.write_text(f"{os.getpid()}\n", encoding="utf-8")
        made = True
    except OSError:
        made = False
    try:
        yield
    finally:
        if made:
            with contextlib.suppress(OSError):
                path.unlink()
