"""Table definitions of the DuckDB event store and the schema version check."""

from __future__ import annotations

import duckdb

SCHEMA_VERSION = "1"

CREATE_STATEMENTS = (
    """
    CREATE TABLE IF NOT EXISTS meta (
        key VARCHAR PRIMARY KEY,
        value VARCHAR NOT NULL
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS articles (
        content_hash VARCHAR PRIMARY KEY,
        id VARCHAR NOT NULL,
        title VARCHAR,
        url VARCHAR,
        source VARCHAR,
        published DATE,
        origin VARCHAR,
        text VARCHAR NOT NULL,
        n_events INTEGER NOT NULL,
        ingested_at TIMESTAMP NOT NULL
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS events (
        id VARCHAR PRIMARY KEY,
        content_hash VARCHAR NOT NULL,
        article_id VARCHAR NOT NULL,
        date VARCHAR,
        date_precision VARCHAR,
        date_source VARCHAR,
        event VARCHAR NOT NULL,
        mode VARCHAR[],
        context VARCHAR[],
        quad_code INTEGER,
        event_scale DOUBLE,
        status VARCHAR NOT NULL,
        confidence DOUBLE,
        sentence INTEGER,
        start INTEGER,
        "end" INTEGER,
        trigger_start INTEGER,
        trigger_end INTEGER,
        event_text VARCHAR,
        text VARCHAR,
        record JSON NOT NULL
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS event_entities (
        event_id VARCHAR NOT NULL,
        role VARCHAR NOT NULL,
        position INTEGER NOT NULL,
        code VARCHAR,
        sector VARCHAR,
        entity_text VARCHAR,
        identifier_id VARCHAR,
        identifier_text VARCHAR,
        office VARCHAR,
        PRIMARY KEY (event_id, role, position)
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS failures (
        origin VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        "at" TIMESTAMP NOT NULL,
        PRIMARY KEY (origin, reason)
    )
    """,
    "CREATE INDEX IF NOT EXISTS events_content_hash ON events (content_hash)",
    "CREATE INDEX IF NOT EXISTS event_entities_dyad ON event_entities (role, code)",
)


class StoreSchemaError(RuntimeError):
    """The database file was written by an incompatible version of the store."""


def create_tables(conn: duckdb.DuckDBPyConnection) -> None:
    """Create every table and index that is missing and stamp the schema version."""
    conn.begin()
    try:
        for statement in CREATE_STATEMENTS:
            conn.execute(statement)
        conn.execute(
            "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING",
            [SCHEMA_VERSION],
        )
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


def check_schema_version(conn: duckdb.DuckDBPyConnection) -> None:
    """Refuse a file whose tables were laid out by another schema version."""
    found = stored_schema_version(conn)
    if found != SCHEMA_VERSION:
        raise StoreSchemaError(
            f"event store schema version {found!r} is not the supported {SCHEMA_VERSION!r}"
        )


def stored_schema_version(conn: duckdb.DuckDBPyConnection) -> str | None:
    has_meta = conn.execute(
        "SELECT count(*) FROM information_schema.tables"
        " WHERE table_schema = 'main' AND table_name = 'meta'"
    ).fetchone()
    if not has_meta or not has_meta[0]:
        return None
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return str(row[0]) if row else None
