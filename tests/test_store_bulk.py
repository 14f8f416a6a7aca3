"""BulkWriter: batches through Arrow tables, idempotent, all-or-nothing per article."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from polex.store import BulkWriter, EventStore, ReadOnlyStoreError, WriteStatus
from tests.store_samples import (
    all_samples,
    chile_article,
    chile_events,
    fill,
    kenya_article,
    kenya_events,
)


def _stored(store: EventStore) -> tuple[list[object], list[object]]:
    conn = store.connection
    articles = conn.execute(
        "SELECT content_hash, id, title, url, source, published, origin, text, n_events"
        " FROM articles ORDER BY content_hash").fetchall()
    entities = conn.execute("SELECT * FROM event_entities ORDER BY ALL").fetchall()
    return articles + store.query_events(), entities


def test_bulk_writer_stores_what_add_article_stores(tmp_path: Path) -> None:
    with EventStore(tmp_path / "one_by_one.duckdb") as store:
        fill(store)
        expected = _stored(store)
    with EventStore(tmp_path / "bulk.duckdb") as store:
        writer = BulkWriter(store, batch_size=2)
        outcomes = [o for article, events in all_samples() for o in writer.add(article, events)]
        outcomes += writer.flush()
        assert _stored(store) == expected
    assert [o.status for o in outcomes] == [WriteStatus.STORED] * 3
    assert [o.n_events for o in outcomes] == [3, 3, 1]


def test_bulk_writer_same_text_twice_adds_nothing(tmp_path: Path) -> None:
    kenya = kenya_article()
    reflowed = dataclasses.replace(kenya, text=kenya.text.replace(" ", "\n", 3))
    with EventStore(tmp_path / "events.duckdb") as store:
        writer = BulkWriter(store)
        first = writer.add(kenya, kenya_events(kenya)) + writer.add(reflowed, kenya_events(kenya))
        first += writer.flush()
        again = writer.add(kenya, kenya_events(kenya)) + writer.flush()
        assert store.stats() == {"articles": 1, "events": 3, "failures": 0}
    assert [o.status for o in first] == [WriteStatus.DUPLICATE, WriteStatus.STORED]
    assert [o.status for o in again] == [WriteStatus.DUPLICATE]


def test_bulk_writer_failed_batch_stores_the_others_and_reports_the_bad_one(
        tmp_path: Path) -> None:
    kenya, chile = kenya_article(), chile_article()
    # Same article id with an edited text: its event ids collide with the stored ones.
    updated = dataclasses.replace(kenya, text=kenya.text + " Nine people were injured.")
    with EventStore(tmp_path / "events.duckdb") as store:
        store.add_article(kenya, kenya_events(kenya))
        writer = BulkWriter(store)
        writer.add(updated, kenya_events(updated))
        writer.add(chile, chile_events(chile))
        outcomes = writer.flush()
        assert store.stats() == {"articles": 2, "events": 6, "failures": 0}
        assert not store.has_article(updated.content_hash)
    failed = [o for o in outcomes if o.status is WriteStatus.FAILED]
    assert [o.article.id for o in failed] == [kenya.id]
    assert "event id already stored" in failed[0].reason
    assert [o.status for o in outcomes if o.article.id == chile.id] == [WriteStatus.STORED]


def test_bulk_writer_refuses_a_read_only_store(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    with EventStore(db) as store:
        fill(store)
    with EventStore(db, read_only=True) as store, pytest.raises(ReadOnlyStoreError):
        BulkWriter(store)
