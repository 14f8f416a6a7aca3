"""Bulk writes: coded articles go into the store in batches, as Arrow tables.

Each batch is one transaction of a few INSERT ... SELECT statements over
registered Arrow tables, instead of one transaction per article. The store's
guarantees hold per article: a text already stored adds nothing, an article
goes in with all its events or not at all. A batch that fails is rolled back
and written again article by article, so the one bad article is reported and
the others stored.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import duckdb
import pyarrow as pa

from polex.schema import Article, Event
from polex.store.derived import index_new_words, insert_events_statement
from polex.store.event_store import IN_MEMORY, EventStore, ReadOnlyStoreError
from polex.store.memory import WriteMemory
from polex.store.near_duplicates import (
    NearDuplicateIndex,
    NearMatch,
    Signature,
    band_table,
)
from polex.store.rows import (
    ARTICLE_COLUMNS,
    DUPLICATE_COLUMNS,
    ENTITY_COLUMNS,
    EVENT_COLUMNS,
    RUN_ID_COLUMN,
    entity_rows,
    event_row,
    unique_events,
    utc_now,
)
from polex.store.tables import DuplicateEventError, transaction

DEFAULT_BATCH_SIZE = 200
_BATCH_VIEW = "polex_batch"

Row = tuple[Any, ...]
_TEXT = pa.string()
_INT = pa.int32()
ARTICLE_ARROW = pa.schema(
    [("content_hash", _TEXT), ("id", _TEXT), ("title", _TEXT), ("url", _TEXT),
     ("source", _TEXT), ("published", pa.date32()), ("origin", _TEXT), ("text", _TEXT),
     ("n_events", _INT), ("ingested_at", pa.timestamp("us")),
     ("minhash", pa.list_(pa.uint32()))]
)
EVENT_ARROW = pa.schema(
    [("id", _TEXT), ("content_hash", _TEXT), ("article_id", _TEXT), ("date", _TEXT),
     ("date_precision", _TEXT), ("date_source", _TEXT), ("event", _TEXT),
     ("mode", pa.list_(_TEXT)), ("context", pa.list_(_TEXT)), ("quad_code", _INT),
     ("event_scale", pa.float64()), ("status", _TEXT), ("confidence", pa.float64()),
     ("sentence", _INT), ("start", _INT), ("end", _INT), ("trigger_start", _INT),
     ("trigger_end", _INT), ("event_text", _TEXT), ("text", _TEXT), ("record", _TEXT)]
)
ENTITY_ARROW = pa.schema(
    [("event_id", _TEXT), ("role", _TEXT), ("position", _INT), ("code", _TEXT),
     ("sector", _TEXT), ("entity_text", _TEXT), ("identifier_id", _TEXT),
     ("identifier_text", _TEXT), ("office", _TEXT)]
)
DUPLICATE_ARROW = pa.schema(
    [("content_hash", _TEXT), ("id", _TEXT), ("title", _TEXT), ("url", _TEXT),
     ("source", _TEXT), ("published", pa.date32()), ("origin", _TEXT),
     ("duplicate_of", _TEXT), ("similarity", pa.float64()),
     ("recorded_at", pa.timestamp("us"))]
)


class WriteStatus(StrEnum):
    STORED = "stored"
    DUPLICATE = "duplicate"  # the same text is stored already
    NEAR_DUPLICATE = "near_duplicate"  # recorded as a near-duplicate, not stored again
    FAILED = "failed"


@dataclass(frozen=True)
class WriteOutcome:
    article: Article
    status: WriteStatus
    n_events: int = 0
    reason: str = ""


@dataclass(frozen=True)
class Screening:
    new: list[Article]  # to code and add
    stored: int  # texts already stored (or recorded as near-duplicates)
    near: int  # near-duplicates recorded with the next batch


@dataclass
class _Coded:
    """An article waiting for its batch, with its rows."""

    article: Article
    content_hash: str
    events: list[Row]
    entities: list[Row]
    signature: Signature | None


@dataclass
class _Batch:
    coded: list[_Coded] = field(default_factory=list)
    near: list[tuple[Article, NearMatch]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.coded) + len(self.near)


class BulkWriter:
    """Buffers coded articles and writes them ``batch_size`` at a time.

    ``add`` returns the outcomes of the batch it wrote, if it wrote one; call
    ``flush`` at the end for the rest. Near-duplicates of stored (or held)
    articles are recorded in the duplicates table instead of being stored. The
    articles and events written carry ``run_id``, the run storing them (None: none).

    While it writes, DuckDB's memory limit is bounded for the store's size
    (polex.store.memory), so the memory of a long run stays flat; ``close`` puts back
    the limit that was in force before.
    """

    def __init__(self, store: EventStore, batch_size: int = DEFAULT_BATCH_SIZE,
                 run_id: str | None = None) -> None:
        if store.read_only:
            raise ReadOnlyStoreError(f"event store {store.path} is open read-only")
        if batch_size < 1:
            raise ValueError(f"batch_size must be one or more, got {batch_size}")
        self.store = store
        self.batch_size = batch_size
        self.run_id = run_id
        self.near_duplicates = NearDuplicateIndex(store.connection)
        self._conn = store.connection
        self._batch = _Batch()
        self._hashes: set[str] = set()
        self._memory = WriteMemory(self._conn, bounded=str(store.path) != IN_MEMORY)

    def close(self) -> None:
        """Stop writing: DuckDB's memory limit goes back to what it was. Articles still
        buffered are not written (``flush`` first)."""
        self._memory.restore()

    def screen(self, articles: Sequence[Article]) -> Screening:
        """Before coding: which articles are new, neither stored nor near-duplicates.

        Near-duplicates are recorded with the next batch; the new articles are
        held, so later ones are compared with them too.
        """
        return self._screen_into(articles, self._batch)

    def _screen_into(self, articles: Sequence[Article], batch: _Batch) -> Screening:
        known = self.store.known([a.content_hash for a in articles])
        fresh = [a for a in articles if a.content_hash not in known]
        matches = self.near_duplicates.check_many([(a.content_hash, a.text) for a in fresh])
        near = [(a, m) for a, m in zip(fresh, matches, strict=True) if m]
        batch.near += near
        new = [a for a, m in zip(fresh, matches, strict=True) if m is None]
        return Screening(new, stored=len(articles) - len(fresh), near=len(near))

    def add(self, article: Article, events: Sequence[Event]) -> list[WriteOutcome]:
        kept = unique_events(events)
        content_hash = article.content_hash
        rows = [event_row(event, content_hash) for event in kept]
        entities = [row for event in kept for row in entity_rows(event)]
        return self.add_rows(article, rows, entities)

    def add_rows(self, article: Article, events: list[Row], entities: list[Row]
                 ) -> list[WriteOutcome]:
        """Like ``add``, with the events and entity rows already built (EVENT_COLUMNS order)."""
        content_hash = article.content_hash
        if content_hash in self._hashes:
            return [WriteOutcome(article, WriteStatus.DUPLICATE)]
        self._hashes.add(content_hash)
        self._batch.coded.append(_Coded(article, content_hash, events, entities, None))
        return self._flush_if_full()

    def discard(self, article: Article) -> None:
        """The article will not be added (its coding failed): stop holding it."""
        self.near_duplicates.release(article.content_hash)

    def flush(self) -> list[WriteOutcome]:
        """Write the buffered articles; a failing batch is retried article by article."""
        batch, self._batch = self._batch, _Batch()
        self._hashes.clear()
        outcomes = self._screen_coded(batch)
        if len(batch):
            try:
                outcomes += self._write(batch)
            except Exception:  # noqa: BLE001 - find the culprit by writing one at a time
                outcomes += self._write_singly(batch)
        for coded in batch.coded:
            self.near_duplicates.release(coded.content_hash)
        self._memory.update()
        return outcomes

    def _screen_coded(self, batch: _Batch) -> list[WriteOutcome]:
        """Screen the articles added without ``screen``; returns those already stored."""
        unscreened = [c for c in batch.coded
                      if self.near_duplicates.pending_signature(c.content_hash) is None]
        held = self._screen_into([c.article for c in unscreened], batch).new
        kept_hashes = {a.content_hash for a in held}
        dropped = {c.content_hash for c in unscreened} - kept_hashes
        batch.coded = [c for c in batch.coded if c.content_hash not in dropped]
        for coded in batch.coded:
            coded.signature = self.near_duplicates.pending_signature(coded.content_hash)
        near = {a.content_hash for a, _ in batch.near}
        return [WriteOutcome(c.article, WriteStatus.DUPLICATE) for c in unscreened
                if c.content_hash in dropped and c.content_hash not in near]

    def _flush_if_full(self) -> list[WriteOutcome]:
        return self.flush() if len(self._batch) >= self.batch_size else []

    def _write_singly(self, batch: _Batch) -> list[WriteOutcome]:
        outcomes: list[WriteOutcome] = []
        singles = [_Batch(coded=[c]) for c in batch.coded] + [_Batch(near=[n]) for n in batch.near]
        for single in singles:
            try:
                outcomes += self._write(single)
            except Exception as exc:  # noqa: BLE001 - report the article, store the rest
                article = single.coded[0].article if single.coded else single.near[0][0]
                outcomes.append(WriteOutcome(article, WriteStatus.FAILED,
                                             reason=f"could not store: {exc}"))
        return outcomes

    def _write(self, batch: _Batch) -> list[WriteOutcome]:
        with transaction(self._conn):
            stored = self._insert_articles(batch.coded)
            kept = [c for c in batch.coded if c.content_hash in stored]
            self._insert_events(kept)
            self._insert("event_entities", ENTITY_COLUMNS,
                         _table([row for c in kept for row in c.entities], ENTITY_ARROW))
            self._insert("article_bands", ("band_key", "content_hash"),
                         band_table([(c.content_hash, c.signature) for c in kept]))
            recorded = self._insert_near(batch.near)
        return _outcomes(batch, stored, recorded)

    def _insert_articles(self, coded: list[_Coded]) -> set[str]:
        now = utc_now()
        rows = [_article_row(c, now) for c in coded]
        inserted = self._insert("articles", ARTICLE_COLUMNS + RUN_ID_COLUMN,
                                self._with_run(_table(rows, ARTICLE_ARROW)),
                                " ON CONFLICT DO NOTHING RETURNING content_hash")
        return {str(row[0]) for row in inserted}

    def _insert_events(self, kept: list[_Coded]) -> None:
        rows = [row for c in kept for row in c.events]
        try:
            self._insert("events", EVENT_COLUMNS + RUN_ID_COLUMN,
                         self._with_run(_table(rows, EVENT_ARROW)))
            index_new_words(self._conn)
        except duckdb.ConstraintException as error:
            if len(kept) != 1:
                raise
            raise DuplicateEventError(
                f"article {kept[0].article.id!r} has an event id already stored for other"
                f" text (article id reused for a different text?): {error}"
            ) from error

    def _with_run(self, rows: pa.Table) -> pa.Table:
        """The rows with the run_id column of the run storing them."""
        run_ids = pa.array([self.run_id] * rows.num_rows, type=_TEXT)
        return rows.append_column(RUN_ID_COLUMN[0], run_ids)

    def _insert_near(self, near: list[tuple[Article, NearMatch]]) -> set[str]:
        now = utc_now()
        rows = [_duplicate_row(article, match, now) for article, match in near]
        inserted = self._insert("duplicates", DUPLICATE_COLUMNS, _table(rows, DUPLICATE_ARROW),
                                " ON CONFLICT DO NOTHING RETURNING content_hash")
        return {str(row[0]) for row in inserted}

    def _insert(self, table: str, columns: Sequence[str], rows: pa.Table, suffix: str = ""
                ) -> list[Row]:
        if not rows.num_rows:
            return []
        self._conn.register(_BATCH_VIEW, rows)
        try:
            return self._conn.execute(_insert_statement(table, columns) + suffix).fetchall()
        finally:
            # In an aborted transaction this fails too; the error that aborted it matters.
            with contextlib.suppress(duckdb.Error):
                self._conn.unregister(_BATCH_VIEW)


def _insert_statement(table: str, columns: Sequence[str]) -> str:
    """INSERT ... SELECT of ``columns`` from the registered batch; events with the columns
    derived from their records (polex.store.derived)."""
    if table == "events":
        return insert_events_statement(columns, _BATCH_VIEW)
    names = ", ".join(f'"{column}"' for column in columns)
    return f"INSERT INTO {table} ({names}) SELECT {names} FROM {_BATCH_VIEW}"


def _table(rows: Sequence[Row], schema: pa.Schema) -> pa.Table:
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema]
    arrays = [pa.array(list(values), type=f.type) for values, f in zip(columns, schema,
                                                                         strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)


def _article_row(coded: _Coded, now: Any) -> Row:
    a = coded.article
    minhash = list(coded.signature) if coded.signature is not None else None
    return (coded.content_hash, a.id, a.title, a.url, a.source, a.published, a.origin, a.text,
            len(coded.events), now, minhash)


def _duplicate_row(article: Article, match: NearMatch, now: Any) -> Row:
    return (article.content_hash, article.id, article.title, article.url, article.source,
            article.published, article.origin, match.duplicate_of, match.similarity, now)


def _outcomes(batch: _Batch, stored: set[str], recorded: set[str]) -> list[WriteOutcome]:
    outcomes = [
        WriteOutcome(c.article, WriteStatus.STORED, len(c.events))
        if c.content_hash in stored
        else WriteOutcome(c.article, WriteStatus.DUPLICATE)
        for c in batch.coded
    ]
    outcomes += [
        WriteOutcome(article, WriteStatus.NEAR_DUPLICATE)
        if article.content_hash in recorded
        else WriteOutcome(article, WriteStatus.DUPLICATE)
        for article, _ in batch.near
    ]
    return outcomes
