"""EventStore: one DuckDB file holding articles, their coded events and failures."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Unpack

import duckdb

from polex.schema import Article, Event
from polex.store.derived import index_new_words, insert_events_statement, values_source
from polex.store.export import ExportFormat, with_articles, write_export
from polex.store.filters import EventFilters
from polex.store.layouts import LayoutName
from polex.store.near_duplicates import band_keys, signature
from polex.store.problems import store_problem
from polex.store.queries import EventQuery
from polex.store.rows import (
    ARTICLE_COLUMNS,
    ENTITY_COLUMNS,
    EVENT_COLUMNS,
    FAILURE_COLUMNS,
    NOTICE_COLUMNS,
    RUN_ID_COLUMN,
    article_row,
    entity_rows,
    event_row,
    flattened,
    insert_statement,
    unique_events,
    utc_now,
)
from polex.store.runs import Provenance, RunCounts, finish_run, start_run
from polex.store.tables import (
    DuplicateEventError,
    StoreError,
    check_schema_version,
    create_tables,
    stored_schema_version,
    transaction,
)
from polex.store.write_request import LOCK_WAIT_SECONDS, RETRY_SECONDS, requesting_write

IN_MEMORY = ":memory:"
FETCH_ROWS = 1000
EVENT_ORDER = "e.date NULLS LAST, e.article_id, e.sentence, e.trigger_start, e.id"


class ReadOnlyStoreError(RuntimeError):
    """A write was attempted on a store opened with read_only=True."""


class EventStore:
    """Articles and their PLOVER events in DuckDB, added idempotently per article.

    Each article goes in with all its events in one transaction, keyed by the
    content hash of its text: adding the same text again changes nothing.
    """

    def __init__(self, path: str | Path, read_only: bool = False, verify: bool = False,
                 lock_wait: float = LOCK_WAIT_SECONDS) -> None:
        """Open (or create) the store; a file that cannot be used raises StoreError.

        With ``verify`` every stored value is read first, so a store whose blocks
        fail DuckDB's checksums is refused before anything is written to it. A writer
        that finds the file locked by another process asks it to give way
        (polex.store.write_request) and retries for ``lock_wait`` seconds.
        """
        self.path: str | Path = IN_MEMORY if str(path) == IN_MEMORY else Path(path)
        self.read_only = read_only
        self._conn = _connect(self.path, read_only, lock_wait)
        try:
            if verify:
                self.verify()
            self._prepare_tables()
        except duckdb.Error as error:
            self._conn.close()
            raise StoreError(f"cannot open store {self.path}: {store_problem(error)}") from error
        except BaseException:
            self._conn.close()
            raise

    def __enter__(self) -> EventStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The open connection, for the bulk writer."""
        return self._conn

    def has_article(self, content_hash: str) -> bool:
        row = self._conn.execute(
            "SELECT count(*) FROM articles WHERE content_hash = ?", [content_hash]
        ).fetchone()
        return bool(row and row[0])

    def known(self, content_hashes: Sequence[str]) -> set[str]:
        """The hashes whose text is stored or recorded as a near-duplicate, in one query."""
        if not content_hashes:
            return set()
        rows = self._conn.execute(
            "SELECT content_hash FROM articles WHERE content_hash IN (SELECT unnest($h))"
            " UNION SELECT content_hash FROM duplicates"
            " WHERE content_hash IN (SELECT unnest($h))",
            {"h": list(content_hashes)},
        ).fetchall()
        return {str(row[0]) for row in rows}

    def knows(self, content_hash: str) -> bool:
        """True if the text is stored, or recorded as a near-duplicate of a stored one."""
        row = self._conn.execute(
            "SELECT 1 FROM articles WHERE content_hash = ?"
            " UNION ALL SELECT 1 FROM duplicates WHERE content_hash = ? LIMIT 1",
            [content_hash, content_hash],
        ).fetchone()
        return row is not None

    def add_article(self, article: Article, events: Sequence[Event],
                    run_id: str | None = None) -> bool:
        """Store the article and its events at once; False if its text is already stored.

        On any error nothing of this article is kept and the error propagates.
        Repeated events (same id) are stored once. ``run_id`` is the run storing them
        (see start_run); None for none.
        """
        self._require_writable()
        kept = unique_events(events)
        content_hash = article.content_hash
        sig = signature(article.text)
        with self._transaction():
            inserted = self._conn.execute(
                insert_statement("articles", ARTICLE_COLUMNS + RUN_ID_COLUMN)
                + " ON CONFLICT DO NOTHING RETURNING content_hash",
                (*article_row(article, content_hash, len(kept), sig), run_id),
            ).fetchall()
            if not inserted:
                return False
            self._insert_events(article, kept, content_hash, run_id)
            if sig is not None:
                self._insert_rows("article_bands", ("band_key", "content_hash"),
                                  [(key, content_hash) for key in band_keys(sig)])
        return True

    def start_run(self, provenance: Provenance) -> str:
        """Record that a run starts writing to the store; returns its id, for the articles
        and events it stores. The row is committed at once: a run that never ends keeps
        its start and no end."""
        self._require_writable()
        return start_run(self._conn, provenance)

    def finish_run(self, run_id: str, counts: RunCounts) -> None:
        """Record the run's end and what it did."""
        self._require_writable()
        finish_run(self._conn, run_id, counts)

    def record_failure(self, origin: str, reason: str) -> None:
        """Remember an input that could not be processed; the same pair is kept once."""
        self._require_writable()
        self._conn.execute(
            insert_statement("failures", FAILURE_COLUMNS) + " ON CONFLICT DO NOTHING",
            [origin, reason, utc_now()],
        )

    def record_notice(self, origin: str, message: str) -> None:
        """Remember a non-fatal report about an input that was still read, once per pair."""
        self._require_writable()
        self._conn.execute(
            insert_statement("notices", NOTICE_COLUMNS) + " ON CONFLICT DO NOTHING",
            [origin, message, utc_now()],
        )

    def verify(self) -> None:
        """Read every value of every table, so DuckDB checks every data block's checksum.

        Hashing each column forces its blocks to be read (a count would be answered
        from metadata); the result is discarded. Raises duckdb.Error on a bad block.
        """
        tables = self._conn.execute(
            "SELECT table_name, list(column_name ORDER BY ordinal_position)"
            " FROM information_schema.columns WHERE table_schema = 'main'"
            " GROUP BY table_name ORDER BY table_name"
        ).fetchall()
        for table, columns in tables:
            hashes = ", ".join(f'sum(hash("{column}"))' for column in columns)
            self._conn.execute(f'SELECT {hashes} FROM "{table}"').fetchall()

    def query_events(self, **filters: Unpack[EventFilters]) -> list[dict[str, Any]]:
        """PLOVER records as Event.to_plover() made them, ordered by date, article, sentence.

        The filters are those of EventQuery (the API's and ``polex events``'s):
        actor/recipient match an entity code anywhere in the list; since/until compare
        dates at the coarser precision ("2017" is within 2017-06-01..) and leave out
        undated events; new_since keeps the events of runs started after that run. A
        value that cannot be used raises FilterError (a ValueError) naming it.
        """
        return list(self.iter_events(**filters))

    def iter_events(self, **filters: Unpack[EventFilters]) -> Iterator[dict[str, Any]]:
        """Like query_events, but fetched in batches for results too large to hold.

        The filters are checked here, before the first record is asked for.
        """
        sql, params = self._select_records(filters)
        return self._fetch_records(sql, params)

    def _fetch_records(self, sql: str, params: list[Any]) -> Iterator[dict[str, Any]]:
        cursor = self._conn.cursor()
        try:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(FETCH_ROWS):
                for (record,) in rows:
                    yield json.loads(record)
        finally:
            cursor.close()

    def stats(self) -> dict[str, int]:
        return {table: self._count(table) for table in ("articles", "events", "failures")}

    def count_near_duplicates(self) -> int:
        """Articles recorded as near-duplicates of stored ones instead of being stored."""
        return self._count("duplicates")

    def export(self, fmt: ExportFormat, out: str | Path, csv_raw: bool = False,
               layout: LayoutName | None = None, **filters: Unpack[EventFilters]) -> int:
        """Write the matching events (the filters of query_events, new_since among them)
        as jsonl, csv or parquet, CSV and Parquet with their articles' URL, outlet, date
        and title; returns how many. Bad filters raise FilterError before the file is
        opened.

        CSV cells that start like a formula get a leading ' unless ``csv_raw``.
        ``layout`` (gdelt, icews, polecat) writes that dataset's columns instead.
        """
        records = with_articles(self._conn, self.iter_events(**filters))
        return write_export(records, fmt, Path(out), csv_raw=csv_raw, layout=layout)

    def _prepare_tables(self) -> None:
        if self.read_only or stored_schema_version(self._conn) is not None:
            check_schema_version(self._conn, writable=not self.read_only)
        else:
            create_tables(self._conn)

    def _require_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyStoreError(f"event store {self.path} is open read-only")

    def _transaction(self) -> contextlib.AbstractContextManager[None]:
        return transaction(self._conn)

    def _insert_events(self, article: Article, events: list[Event], content_hash: str,
                       run_id: str | None) -> None:
        if not events:
            return
        rows = [(*event_row(e, content_hash), run_id) for e in events]
        columns = EVENT_COLUMNS + RUN_ID_COLUMN
        try:
            self._conn.execute(
                insert_events_statement(columns, values_source(columns, len(rows))),
                flattened(rows),
            )
        except duckdb.ConstraintException as error:
            raise DuplicateEventError(
                f"article {article.id!r} has an event id already stored for other text"
                f" (article id reused for a different text?): {error}"
            ) from error
        entities = [row for event in events for row in entity_rows(event)]
        self._insert_rows("event_entities", ENTITY_COLUMNS, entities)
        index_new_words(self._conn)

    def _insert_rows(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        # One multi-row statement: far faster in DuckDB than executemany.
        if rows:
            self._conn.execute(insert_statement(table, columns, len(rows)), flattened(rows))

    def _select_records(self, filters: EventFilters) -> tuple[str, list[Any]]:
        limit = filters.get("limit")
        query = EventQuery.create(
            actor=filters.get("actor"), recipient=filters.get("recipient"),
            event_type=filters.get("event_type"), since=filters.get("since"),
            until=filters.get("until"), status=filters.get("status"),
            new_since=filters.get("new_since"),
        )
        query.check_runs(self._conn)
        condition = query.sql()
        sql = f"SELECT e.record FROM events e{condition.where} ORDER BY {EVENT_ORDER}"
        params = list(condition.params)
        if limit is not None:
            if limit < 0:
                raise ValueError(f"limit must be zero or more, got {limit}")
            sql += " LIMIT ?"
            params.append(limit)
        return sql, params

    def _count(self, table: str) -> int:
        row = self._conn.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0


def _connect(path: str | Path, read_only: bool, lock_wait: float
             ) -> duckdb.DuckDBPyConnection:
    if path == IN_MEMORY:
        return duckdb.connect(IN_MEMORY, read_only=read_only)
    file = Path(path)
    if read_only and not file.exists():
        raise FileNotFoundError(f"no event store at {file}")
    try:
        if not read_only:
            file.parent.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(str(file), read_only=read_only)
    except duckdb.Error as error:
        if read_only or lock_wait <= 0 or not _locked(error):
            raise StoreError(f"cannot open store {file}: {store_problem(error)}") from error
    except OSError as error:
        raise StoreError(f"cannot open store {file}: {store_problem(error)}") from error
    return _connect_when_free(file, lock_wait)


def _locked(error: duckdb.Error) -> bool:
    return "Conflicting lock" in str(error)


def _connect_when_free(file: Path, lock_wait: float) -> duckdb.DuckDBPyConnection:
    """Open the file for writing once the process holding it lets go (a server keeping it
    open closes it when asked), or raise StoreError after ``lock_wait`` seconds."""
    deadline = time.monotonic() + lock_wait
    with requesting_write(file):
        while True:
            time.sleep(RETRY_SECONDS)
            try:
                return duckdb.connect(str(file))
            except duckdb.Error as error:
                if not _locked(error) or time.monotonic() >= deadline:
                    raise StoreError(f"cannot open store {file}: {store_problem(error)}"
                                     ) from error
