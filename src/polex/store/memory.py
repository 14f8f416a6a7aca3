"""How much memory DuckDB may keep while a store is written in bulk.

DuckDB's default memory limit is 80 % of the machine's memory, so within a long run it
evicts nothing: every data block the run writes (a checkpoint turns them into blocks of
the file) and every block a lookup reads stay cached, and a checkpoint loads the whole
of the store's indexes to write them back. Over a 10,000-article ``polex ingest`` the
cached table blocks grew to about 120 MB and the checkpoints made the largest peaks of
the run, both growing with the store. Bounding the limit makes DuckDB evict the cached
blocks, which are on disk already, so the peaks stay flat.

The limit must still hold what a batch needs at once: the rows not yet checkpointed,
the joins of the batch and the parts of the indexes it touches (with 64 MiB, a run
already took five times as long: DuckDB kept writing blocks out and reading them back).
It is WRITE_MEMORY_FLOOR, or, for a larger store, WRITE_MEMORY_BASE plus half of the
store's used size, which grows with the indexes; never more than the limit in force
before. An in-memory store is not bounded: its tables exist only in memory.
"""

from __future__ import annotations

import contextlib
import re

import duckdb

MIB = 1024 * 1024
WRITE_MEMORY_FLOOR = 128 * MIB
WRITE_MEMORY_BASE = 64 * MIB
# Set a new limit only when it moved by this much (the store grows at every batch).
WRITE_MEMORY_STEP = 16 * MIB
_UNITS = {"": 1, "B": 1, "KB": 1000, "MB": 1000**2, "GB": 1000**3, "TB": 1000**4,
          "KIB": 1024, "MIB": 1024**2, "GIB": 1024**3, "TIB": 1024**4}
_SIZE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)\s*$")


def write_memory_limit(used_bytes: int) -> int:
    """The memory limit for writing to a store whose blocks in use take ``used_bytes``."""
    return max(WRITE_MEMORY_FLOOR, WRITE_MEMORY_BASE + used_bytes // 2)


def parse_size(text: str) -> int | None:
    """Bytes of a DuckDB size setting such as '18.8 GiB' or '512MB'; None if not one."""
    match = _SIZE.match(text)
    if match is None:
        return None
    unit = _UNITS.get(match.group(2).upper())
    return None if unit is None else int(float(match.group(1)) * unit)


class WriteMemory:
    """Keeps DuckDB's memory limit at ``write_memory_limit`` of the store while a bulk
    writer writes to it (``update`` after each batch), and puts the limit in force
    before back (``restore``)."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, bounded: bool = True) -> None:
        self._conn = conn
        self._original: str | None = None
        self._cap: int | None = None
        self._limit: int | None = None
        if bounded:
            with contextlib.suppress(duckdb.Error):
                self._original = self._setting()
                self._cap = parse_size(self._original)
        self.update()

    @property
    def limit(self) -> int | None:
        """The limit this object set, in bytes (None: none set)."""
        return self._limit

    def update(self) -> None:
        """Set the limit for the store's present size, if it moved by WRITE_MEMORY_STEP."""
        if self._cap is None:
            return
        try:
            rows = self._conn.execute(
                "SELECT used_blocks * block_size FROM pragma_database_size()"
                " WHERE database_name = current_database()"
            ).fetchall()
        except duckdb.Error:
            return
        used = int(rows[0][0]) if rows and rows[0][0] is not None else 0
        limit = min(self._cap, write_memory_limit(used))
        if self._limit is not None and abs(limit - self._limit) < WRITE_MEMORY_STEP:
            return
        # Lowering the limit evicts cached blocks at once; if DuckDB cannot free enough
        # memory it refuses, and the writer goes on under the limit it had.
        with contextlib.suppress(duckdb.Error):
            self._conn.execute(f"SET memory_limit = '{limit}B'")
            self._limit = limit

    def restore(self) -> None:
        """Put back the limit in force before (if this object changed it)."""
        if self._original is None or self._limit is None:
            return
        with contextlib.suppress(duckdb.Error):
            quoted = self._original.replace("'", "''")
            self._conn.execute(f"SET memory_limit = '{quoted}'")
        self._limit = None

    def _setting(self) -> str:
        rows = self._conn.execute("SELECT current_setting('memory_limit')").fetchall()
        return str(rows[0][0])
