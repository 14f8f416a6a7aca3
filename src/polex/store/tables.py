"""Table definitions of the DuckDB event store and the schema version check."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import duckdb

from polex.store.derived import fill_read_index, start_word_index
from polex.store.near_duplicates import fingerprint_stored_articles

SCHEMA_VERSION = "4"

CREATE_STATEMENTS = (
    # The events' integer keys (schema version 4), numbered in the order they are stored.
    "CREATE SEQUENCE IF NOT EXISTS event_keys",
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
        ingested_at TIMESTAMP NOT NULL,
        minhash UINTEGER[],
        run_id VARCHAR
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
        record JSON NOT NULL,
        event_key BIGINT DEFAULT nextval('event_keys'),
        lat DOUBLE,
        lon DOUBLE,
        actor_codes VARCHAR[],
        recipient_codes VARCHAR[],
        actor_set VARCHAR[],
        recipient_set VARCHAR[],
        run_id VARCHAR
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
# Added by schema version 2: near-duplicate lookup bands and the near-duplicates found.
NEAR_DUPLICATE_STATEMENTS = (
    """
    CREATE TABLE IF NOT EXISTS article_bands (
        band_key BIGINT NOT NULL,
        content_hash VARCHAR NOT NULL
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS duplicates (
        content_hash VARCHAR PRIMARY KEY,
        id VARCHAR NOT NULL,
        title VARCHAR,
        url VARCHAR,
        source VARCHAR,
        published DATE,
        origin VARCHAR,
        duplicate_of VARCHAR NOT NULL,
        similarity DOUBLE NOT NULL,
        recorded_at TIMESTAMP NOT NULL
    )
    """,
    "CREATE INDEX IF NOT EXISTS article_bands_key ON article_bands (band_key)",
)
# Added by schema version 3: the runs that wrote to the store (polex.store.runs), and the
# run that stored each article and event (NULL for those stored before version 3).
RUN_STATEMENTS = (
    """
    CREATE TABLE IF NOT EXISTS runs (
        run_id VARCHAR PRIMARY KEY,
        command VARCHAR NOT NULL,
        polex_version VARCHAR NOT NULL,
        model VARCHAR,
        model_version VARCHAR,
        kb_files JSON,
        lexicon_files JSON,
        settings JSON NOT NULL,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        articles_read INTEGER,
        stored INTEGER,
        duplicates INTEGER,
        near_duplicates INTEGER,
        failed INTEGER,
        events INTEGER
    )
    """,
)
RUN_COLUMN_STATEMENTS = (
    "ALTER TABLE articles ADD COLUMN IF NOT EXISTS run_id VARCHAR",
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS run_id VARCHAR",
)
# Added by schema version 4: what reads filter on, derived from each event when it is
# stored (polex.store.derived): an integer key, the coordinates and the entity codes of
# the record as columns, and the words of the evidence sentence.
READ_INDEX_STATEMENTS = (
    "CREATE SEQUENCE IF NOT EXISTS word_ids",
    """
    CREATE TABLE IF NOT EXISTS words (
        word VARCHAR PRIMARY KEY,
        word_id INTEGER NOT NULL DEFAULT nextval('word_ids')
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS event_words (
        word_id INTEGER NOT NULL,
        event_key BIGINT NOT NULL
    )
    """,
)
READ_INDEX_COLUMN_STATEMENTS = (
    "CREATE SEQUENCE IF NOT EXISTS event_keys",
    # Numbers the stored events in table order.
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS event_key BIGINT"
    " DEFAULT nextval('event_keys')",
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS lat DOUBLE",
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS lon DOUBLE",
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS actor_codes VARCHAR[]",
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS recipient_codes VARCHAR[]",
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS actor_set VARCHAR[]",
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS recipient_set VARCHAR[]",
)
# Non-fatal reports about inputs that were still read (text cut, characters replaced).
# An added table, not a new layout: it is created in any writable store that lacks it,
# and older versions of polex ignore it, so the schema version stays.
NOTICE_STATEMENTS = (
    """
    CREATE TABLE IF NOT EXISTS notices (
        origin VARCHAR NOT NULL,
        message VARCHAR NOT NULL,
        "at" TIMESTAMP NOT NULL,
        PRIMARY KEY (origin, message)
    )
    """,
)


class StoreError(RuntimeError):
    """The store file cannot be used: locked, corrupt, not a DuckDB file, not writable."""


class StoreSchemaError(StoreError):
    """The database file was written by an incompatible version of the store."""


class DuplicateEventError(ValueError):
    """An event id of the article is already stored for another article."""


@contextlib.contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Commit what the block wrote, or roll it all back if the block raises."""
    conn.begin()
    try:
        yield
    except BaseException:
        # A failed rollback must not hide the error that caused it.
        with contextlib.suppress(duckdb.Error):
            conn.rollback()
        raise
    conn.commit()


def create_tables(conn: duckdb.DuckDBPyConnection) -> None:
    """Create every table and index that is missing and stamp the schema version."""
    with transaction(conn):
        for statement in (CREATE_STATEMENTS + NEAR_DUPLICATE_STATEMENTS + RUN_STATEMENTS
                          + READ_INDEX_STATEMENTS + NOTICE_STATEMENTS):
            conn.execute(statement)
        conn.execute(
            "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING",
            [SCHEMA_VERSION],
        )
        start_word_index(conn)


def check_schema_version(conn: duckdb.DuckDBPyConnection, writable: bool = False) -> None:
    """Refuse a file whose tables were laid out by another schema version.

    A writable store of an older, upgradable version is upgraded in place, one version
    at a time (1 -> 2 -> 3 -> 4), each step in its own transaction.
    """
    found = stored_schema_version(conn)
    if writable:
        while found in UPGRADES:
            found = UPGRADES[found](conn)
    if found == SCHEMA_VERSION:
        if writable:
            add_missing_tables(conn)
        return
    hint = (
        "; open it once for writing (e.g. polex ingest) to upgrade it"
        if found in UPGRADES
        else ""
    )
    raise StoreSchemaError(
        f"event store schema version {found!r} is not the supported {SCHEMA_VERSION!r}{hint}"
    )


def upgrade_from_1(conn: duckdb.DuckDBPyConnection) -> str:
    """Add the near-duplicate tables and fingerprint every stored article, in one transaction."""
    with transaction(conn):
        conn.execute("ALTER TABLE articles ADD COLUMN minhash UINTEGER[]")
        for statement in NEAR_DUPLICATE_STATEMENTS:
            conn.execute(statement)
        fingerprint_stored_articles(conn)
        _stamp(conn, "2")
    return "2"


def upgrade_from_2(conn: duckdb.DuckDBPyConnection) -> str:
    """Add the runs table and the run_id of articles and events, in one transaction.

    Version 3 is a new schema version rather than an added table (as notices are) because
    of what older versions of polex would do with the file. They read it without trouble,
    but they would also write to it: articles and events with no run_id and no row in
    runs. Those events would never count as new for ``new_since`` and the provenance of
    every run would have gaps that nothing points out. With version 3, an older polex
    refuses the file, for reading as well (it cannot tell reading apart), with a message
    that names the version; events stored before the upgrade keep a NULL run_id.
    """
    with transaction(conn):
        for statement in RUN_COLUMN_STATEMENTS + RUN_STATEMENTS:
            conn.execute(statement)
        _stamp(conn, "3")
    return "3"


def upgrade_from_3(conn: duckdb.DuckDBPyConnection) -> str:
    """Add the read index of version 4 and fill it for every stored event, in one
    transaction (about a minute and a half per million events).

    Version 4 is a new schema version because the columns and the word table must cover
    every event: an older polex writing to the file would store events without them,
    which the filters of this version would then miss.
    """
    with transaction(conn):
        for statement in READ_INDEX_COLUMN_STATEMENTS + READ_INDEX_STATEMENTS:
            conn.execute(statement)
        fill_read_index(conn)
        _stamp(conn, "4")
    return "4"


# The versions this code can bring up to SCHEMA_VERSION when the file is opened for
# writing, each with the step to the next version.
UPGRADES: dict[str, Callable[[duckdb.DuckDBPyConnection], str]] = {
    "1": upgrade_from_1,
    "2": upgrade_from_2,
    "3": upgrade_from_3,
}


def _stamp(conn: duckdb.DuckDBPyConnection, version: str) -> None:
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [version])


def add_missing_tables(conn: duckdb.DuckDBPyConnection) -> None:
    """Tables added without a new schema version (notices), in a store that lacks them."""
    with transaction(conn):
        for statement in NOTICE_STATEMENTS:
            conn.execute(statement)


def stored_schema_version(conn: duckdb.DuckDBPyConnection) -> str | None:
    has_meta = conn.execute(
        "SELECT count(*) FROM information_schema.tables"
        " WHERE table_schema = 'main' AND table_name = 'meta'"
    ).fetchone()
    if not has_meta or not has_meta[0]:
        return None
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return str(row[0]) if row else None
