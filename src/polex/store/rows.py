"""Rows for the store's tables, built from the records the pipeline exchanges."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from polex.schema import Article, Event

ARTICLE_COLUMNS = (
    "content_hash",
    "id",
    "title",
    "url",
    "source",
    "published",
    "origin",
    "text",
    "n_events",
    "ingested_at",
    "minhash",
)
EVENT_COLUMNS = (
    "id",
    "content_hash",
    "article_id",
    "date",
    "date_precision",
    "date_source",
    "event",
    "mode",
    "context",
    "quad_code",
    "event_scale",
    "status",
    "confidence",
    "sentence",
    "start",
    "end",
    "trigger_start",
    "trigger_end",
    "event_text",
    "text",
    "record",
)
ENTITY_COLUMNS = (
    "event_id",
    "role",
    "position",
    "code",
    "sector",
    "entity_text",
    "identifier_id",
    "identifier_text",
    "office",
)
# Appended to the articles and events rows when they are inserted: the run storing them
# (polex.store.runs). Not part of ARTICLE_COLUMNS and EVENT_COLUMNS, which a distributed
# run's Parquet files share.
RUN_ID_COLUMN = ("run_id",)
FAILURE_COLUMNS = ("origin", "reason", "at")
NOTICE_COLUMNS = ("origin", "message", "at")
# a near-duplicate keeps the article's own fields, then what it duplicates
DUPLICATE_COLUMNS = ARTICLE_COLUMNS[: ARTICLE_COLUMNS.index("text")] + (
    "duplicate_of",
    "similarity",
    "recorded_at",
)
ENTITY_ROLES = ("actor", "recipient")


def insert_statement(table: str, columns: Sequence[str], n_rows: int = 1) -> str:
    """A parameterized INSERT of n_rows rows naming every column ("end", "at" are keywords)."""
    names = ", ".join(f'"{column}"' for column in columns)
    row_marks = "(" + ", ".join("?" for _ in columns) + ")"
    return f"INSERT INTO {table} ({names}) VALUES " + ", ".join([row_marks] * n_rows)


def flattened(rows: Sequence[tuple[Any, ...]]) -> list[Any]:
    """The parameters of a multi-row insert, row after row."""
    return [value for row in rows for value in row]


def utc_now() -> datetime:
    """Current UTC time without tzinfo, as DuckDB's TIMESTAMP stores it."""
    return datetime.now(UTC).replace(tzinfo=None)


def unique_events(events: Sequence[Event]) -> list[Event]:
    """Drop repeated events: an equal id means the same evidence coded the same way."""
    seen: set[str] = set()
    kept: list[Event] = []
    for event in events:
        if event.id not in seen:
            seen.add(event.id)
            kept.append(event)
    return kept


def article_row(article: Article, content_hash: str, n_events: int,
                minhash: Sequence[int] | None = None) -> tuple[Any, ...]:
    return (
        content_hash,
        article.id,
        article.title,
        article.url,
        article.source,
        article.published,
        article.origin,
        article.text,
        n_events,
        utc_now(),
        list(minhash) if minhash is not None else None,
    )


def event_row(event: Event, content_hash: str) -> tuple[Any, ...]:
    """The events row; every coded column is read from the PLOVER record it stores."""
    record = event.to_plover()
    text_info = record["text_info"]
    return (
        record["id"],
        content_hash,
        record["article_id"],
        record["date"],
        record["date_precision"],
        record["date_source"],
        record["event"],
        record["mode"],
        record["context"],
        record["quad_code"],
        record["event_scale"],
        record["status"],
        record["confidence"],
        text_info["sequence"],
        text_info["start"],
        text_info["end"],
        event.trigger_start,
        event.trigger_end,
        record["event_text"],
        record["text"],
        json.dumps(record, ensure_ascii=False),
    )


def entity_rows(event: Event) -> Iterator[tuple[Any, ...]]:
    """One row per actor and recipient of the event, in list order."""
    event_id = event.id
    for role, entities in zip(ENTITY_ROLES, (event.actor, event.recipient), strict=True):
        for position, entity in enumerate(entities):
            yield (
                event_id,
                role,
                position,
                entity.code,
                entity.sector,
                entity.entity_text,
                entity.identifier_id,
                entity.identifier_text,
                entity.office,
            )
