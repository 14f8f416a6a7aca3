"""Schema version 4: a store written by version 3 (no event keys, coordinates, entity-code
columns or sentence words) is upgraded when opened for writing, and then answers every
filter as a store built by version 4 does; opened read-only it is refused with how to
upgrade it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from polex.schema import Article, Event
from polex.store import SCHEMA_VERSION, EventStore, StoreSchemaError
from polex.store.aggregates import dyads, series
from polex.store.queries import EventQuery, event_page
from tests.api_samples import build_store, odesa_article, odesa_events

QUERIES = (
    EventQuery.create(actor="RUS"),
    EventQuery.create(country="UKR", since="2024-05", until="2024-05-31"),
    EventQuery.create(words="arrested"),
    EventQuery.create(words="Moscow exchange"),
    EventQuery.create(bbox="30,40,40,55"),
    EventQuery.create(located=True),
)


def _downgrade_to_version_3(db: Path) -> None:
    """Lay the file out as schema version 3 did: none of version 4's columns or tables."""
    with duckdb.connect(str(db)) as conn:
        conn.execute("DROP TABLE event_words")
        conn.execute("DROP TABLE words")
        conn.execute("DROP SEQUENCE word_ids")
        conn.execute("DROP INDEX events_content_hash")  # DuckDB: no column dropped under it
        for column in ("event_key", "lat", "lon", "actor_codes", "recipient_codes",
                       "actor_set", "recipient_set"):
            conn.execute(f"ALTER TABLE events DROP COLUMN {column}")
        conn.execute("CREATE INDEX events_content_hash ON events (content_hash)")
        conn.execute("DROP SEQUENCE event_keys")
        conn.execute("DELETE FROM meta WHERE key <> 'schema_version'")
        conn.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")


def _answers(db: Path) -> list[object]:
    with EventStore(db, read_only=True) as store:
        conn = store.connection
        pages = [[r["id"] for r in event_page(conn, query, 100).records] for query in QUERIES]
        by_dyad = series(conn, EventQuery.create(), "month", ("dyad",)).points
        return [pages, by_dyad, dyads(conn, EventQuery.create(), 20)]


def test_store_schema_4_upgrade_gives_the_answers_of_a_new_store(tmp_path: Path) -> None:
    new, old = tmp_path / "new.duckdb", tmp_path / "old.duckdb"
    build_store(new)
    build_store(old)
    _downgrade_to_version_3(old)
    EventStore(old).close()
    with duckdb.connect(str(old), read_only=True) as conn:
        version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        words = conn.execute("SELECT count(*) FROM event_words").fetchall()
    assert version == [(SCHEMA_VERSION,)] and words[0][0] > 0
    assert _answers(old) == _answers(new)


def test_store_schema_4_upgraded_store_keeps_indexing_new_events(tmp_path: Path) -> None:
    old = tmp_path / "old.duckdb"
    build_store(old)
    _downgrade_to_version_3(old)
    with EventStore(old) as store:
        store.add_article(*_renamed_odesa())
    with EventStore(old, read_only=True) as store:
        found = event_page(store.connection, EventQuery.create(words="overnight"), 10)
    assert sorted(r["article_id"] for r in found.records) == ["kyiv-2024-06-03-odesa",
                                                              "odesa-again"]


def _renamed_odesa() -> tuple[Article, list[Event]]:
    """The Odesa report again, under another id and with one more sentence."""
    article = replace(odesa_article(), id="odesa-again",
                      text=odesa_article().text + " The port reopened on Tuesday.")
    return article, odesa_events(article)


def test_store_schema_3_read_only_says_how_to_upgrade(tmp_path: Path) -> None:
    old = tmp_path / "old.duckdb"
    build_store(old)
    _downgrade_to_version_3(old)
    with pytest.raises(StoreSchemaError, match="'3'.*open it once for writing"):
        EventStore(old, read_only=True)
