"""EventStore: idempotent per-article transactions, failures, reopening, read-only mode."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from polex.schema import Event
from polex.store import (
    SCHEMA_VERSION,
    DuplicateEventError,
    EventStore,
    ReadOnlyStoreError,
    StoreSchemaError,
)
from polex.store import event_store as event_store_module
from tests.store_samples import (
    chile_article,
    chile_events,
    fill,
    kenya_article,
    kenya_events,
    loan_article,
    loan_events,
)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "events.duckdb"


def test_store_add_article_stores_article_events_and_entities(db_path: Path) -> None:
    article = kenya_article()
    with EventStore(db_path) as store:
        assert store.add_article(article, kenya_events(article)) is True
        assert store.has_article(article.content_hash)
        assert store.stats() == {"articles": 1, "events": 3, "failures": 0}
        entities = store._conn.execute(
            "SELECT role, position, code, sector FROM event_entities ORDER BY event_id, role"
        ).fetchall()
    assert len(entities) == 6
    assert ("actor", 0, "KEN", "COP") in entities


def test_store_add_article_twice_stores_once(db_path: Path) -> None:
    article = kenya_article()
    reflowed = dataclasses.replace(article, text=article.text.replace(" ", "\n", 3))
    with EventStore(db_path) as store:
        assert store.add_article(article, kenya_events(article)) is True
        assert store.add_article(article, kenya_events(article)) is False
        assert store.add_article(reflowed, kenya_events(article)) is False
        assert store.stats() == {"articles": 1, "events": 3, "failures": 0}


def test_store_add_article_stores_repeated_event_once(db_path: Path) -> None:
    article = chile_article()
    events = chile_events(article)
    with EventStore(db_path) as store:
        store.add_article(article, events + [events[0]])
        n_events = store._conn.execute("SELECT n_events FROM articles").fetchone()
        assert store.stats()["events"] == 3
    assert n_events == (3,)


def test_store_add_article_without_events_is_still_recorded(db_path: Path) -> None:
    article = loan_article()
    with EventStore(db_path) as store:
        assert store.add_article(article, []) is True
        assert store.add_article(article, loan_events(article)) is False
        assert store.stats() == {"articles": 1, "events": 0, "failures": 0}


def test_store_failure_mid_article_rolls_back_that_article_only(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kenya, chile = kenya_article(), chile_article()
    real_entity_rows = event_store_module.entity_rows
    calls = {"n": 0}

    def entity_rows_failing_on_second_event(event: Event) -> Iterator[tuple[Any, ...]]:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real_entity_rows(event)

    with EventStore(db_path) as store:
        store.add_article(kenya, kenya_events(kenya))
        monkeypatch.setattr(event_store_module, "entity_rows", entity_rows_failing_on_second_event)
        with pytest.raises(RuntimeError, match="disk full"):
            store.add_article(chile, chile_events(chile))
        assert store.stats() == {"articles": 1, "events": 3, "failures": 0}
        assert not store.has_article(chile.content_hash)
        assert {r["article_id"] for r in store.query_events()} == {kenya.id}

        monkeypatch.setattr(event_store_module, "entity_rows", real_entity_rows)
        assert store.add_article(chile, chile_events(chile)) is True
        assert store.stats()["events"] == 6


def test_store_add_article_rejects_event_id_stored_for_other_text(db_path: Path) -> None:
    article = kenya_article()
    updated = dataclasses.replace(article, text=article.text + " Nine people were injured.")
    with EventStore(db_path) as store:
        store.add_article(article, kenya_events(article))
        with pytest.raises(DuplicateEventError, match=article.id):
            store.add_article(updated, kenya_events(updated))
        assert store.stats() == {"articles": 1, "events": 3, "failures": 0}
        assert not store.has_article(updated.content_hash)


def test_store_record_failure_keeps_each_origin_reason_once(db_path: Path) -> None:
    with EventStore(db_path) as store:
        store.record_failure("feeds/nation.xml:14", "no text after cleaning")
        store.record_failure("feeds/nation.xml:14", "no text after cleaning")
        store.record_failure("feeds/nation.xml:15", "not UTF-8 and no declared encoding")
        assert store.stats()["failures"] == 2


def test_store_reopening_the_file_keeps_data(db_path: Path) -> None:
    with EventStore(db_path) as store:
        records = fill(store)
        store.record_failure("articles/broken.html", "empty document")
    with EventStore(db_path) as reopened:
        assert reopened.stats() == {"articles": 3, "events": 7, "failures": 1}
        assert sorted(r["id"] for r in reopened.query_events()) == sorted(
            r["id"] for r in records
        )
        chile = chile_article()
        assert reopened.add_article(chile, chile_events(chile)) is False


def test_store_read_only_reads_but_refuses_writes(db_path: Path) -> None:
    with EventStore(db_path) as store:
        fill(store)
    chile = chile_article()
    with EventStore(db_path, read_only=True) as store:
        assert store.stats()["events"] == 7
        assert len(store.query_events(actor="CHL")) == 3
        with pytest.raises(ReadOnlyStoreError):
            store.add_article(chile, chile_events(chile))
        with pytest.raises(ReadOnlyStoreError):
            store.record_failure("articles/x.html", "empty document")


def test_store_read_only_missing_file_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "events.duckdb"
    with pytest.raises(FileNotFoundError):
        EventStore(missing, read_only=True)
    assert not missing.exists()


def test_store_records_schema_version_and_refuses_another(db_path: Path) -> None:
    with EventStore(db_path) as store:
        version = store._conn.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).fetchone()
    assert version == (SCHEMA_VERSION,)
    with duckdb.connect(str(db_path)) as conn:
        conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(StoreSchemaError, match="999"):
        EventStore(db_path)
