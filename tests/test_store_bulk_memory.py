"""DuckDB's memory limit while a store is written in bulk (polex.store.memory)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb

from polex.pipeline import ArticleResult
from polex.schema import Article
from polex.store import BulkWriter, EventStore, WriteStatus
from polex.store.memory import (
    MIB,
    WRITE_MEMORY_BASE,
    WRITE_MEMORY_FLOOR,
    WriteMemory,
    parse_size,
    write_memory_limit,
)
from polex.storing import Reports, code_into
from tests.store_samples import all_samples


def _limit(conn: duckdb.DuckDBPyConnection) -> int:
    rows = conn.execute("SELECT current_setting('memory_limit')").fetchall()
    size = parse_size(str(rows[0][0]))
    assert size is not None
    return size


def _stored(store: EventStore) -> tuple[list[object], list[object]]:
    conn = store.connection
    articles = conn.execute(
        "SELECT content_hash, id, title, url, source, published, origin, text, n_events,"
        " minhash, run_id FROM articles ORDER BY content_hash").fetchall()
    entities = conn.execute("SELECT * FROM event_entities ORDER BY ALL").fetchall()
    bands = conn.execute("SELECT * FROM article_bands ORDER BY ALL").fetchall()
    words = conn.execute("SELECT w.word, e.id FROM event_words x JOIN words w USING (word_id)"
                         " JOIN events e USING (event_key) ORDER BY ALL").fetchall()
    return articles + store.query_events() + bands + words, entities


def test_memory_limit_is_the_floor_for_a_small_store_and_grows_with_a_large_one() -> None:
    assert write_memory_limit(0) == WRITE_MEMORY_FLOOR
    assert write_memory_limit(128 * MIB) == WRITE_MEMORY_FLOOR
    assert write_memory_limit(150 * MIB) == WRITE_MEMORY_BASE + 75 * MIB
    assert write_memory_limit(2048 * MIB) == WRITE_MEMORY_BASE + 1024 * MIB
    assert write_memory_limit(4096 * MIB) > write_memory_limit(2048 * MIB)


def test_memory_parse_size_reads_duckdb_settings() -> None:
    assert parse_size("18.8 GiB") == int(18.8 * 1024**3)
    assert parse_size("128.0 MiB") == 128 * MIB
    assert parse_size("512MB") == 512 * 1000**2
    assert parse_size("134217728B") == 134217728
    assert parse_size("no limit") is None
    assert parse_size("12 parsecs") is None


def test_bulk_memory_limit_bounded_while_writing_then_put_back(tmp_path: Path) -> None:
    with EventStore(tmp_path / "events.duckdb") as store:
        before = _limit(store.connection)
        writer = BulkWriter(store, batch_size=2)
        assert _limit(store.connection) == min(before, WRITE_MEMORY_FLOOR)
        for article, events in all_samples():
            writer.add(article, events)
        writer.flush()
        assert _limit(store.connection) == min(before, WRITE_MEMORY_FLOOR)
        writer.close()
        # Put back as DuckDB shows it (to the 0.1 unit of its display).
        assert abs(_limit(store.connection) - before) <= before // 100
        assert store.stats()["articles"] == 3


def test_bulk_memory_never_raises_a_lower_limit(tmp_path: Path) -> None:
    with EventStore(tmp_path / "events.duckdb") as store:
        store.connection.execute("SET memory_limit = '100MiB'")
        writer = BulkWriter(store)
        assert _limit(store.connection) == 100 * MIB
        writer.close()
        assert _limit(store.connection) == 100 * MIB


def test_bulk_memory_in_memory_store_keeps_its_limit() -> None:
    with EventStore(":memory:") as store:
        before = _limit(store.connection)
        writer = BulkWriter(store)
        assert _limit(store.connection) == before
        writer.close()
        assert _limit(store.connection) == before


def test_memory_unbounded_write_memory_changes_nothing(tmp_path: Path) -> None:
    with EventStore(tmp_path / "events.duckdb") as store:
        before = _limit(store.connection)
        memory = WriteMemory(store.connection, bounded=False)
        memory.update()
        assert memory.limit is None
        memory.restore()
        assert _limit(store.connection) == before


def test_bulk_memory_bounded_store_holds_the_same_rows(tmp_path: Path) -> None:
    """The limit changes what DuckDB keeps cached, never what it stores."""
    with EventStore(tmp_path / "unbounded.duckdb") as store:
        writer = BulkWriter(store, batch_size=2, run_id="run-1")
        writer._memory.restore()  # as before the bound: DuckDB's default limit
        for article, events in all_samples():
            writer.add(article, events)
        writer.flush()
        expected = _stored(store)
    with EventStore(tmp_path / "bounded.duckdb") as store:
        writer = BulkWriter(store, batch_size=2, run_id="run-1")
        for article, events in all_samples():
            writer.add(article, events)
        writer.flush()
        assert writer._memory.limit is not None
        writer.close()
        assert _stored(store) == expected


def test_storing_code_into_puts_the_limit_back_after_the_run(tmp_path: Path) -> None:
    samples = {article.id: events for article, events in all_samples()}

    def code(articles: Iterable[Article]) -> Iterator[ArticleResult]:
        for article in articles:
            yield ArticleResult(article, samples[article.id])

    with EventStore(tmp_path / "events.duckdb") as store:
        before = _limit(store.connection)
        counts: Counter[str] = Counter()
        code_into(store, [article for article, _ in all_samples()], code, counts,
                  Reports(store))
        assert counts["stored"] == 3
        assert abs(_limit(store.connection) - before) <= before // 100
        writer = BulkWriter(store)
        again = [o for article, events in all_samples() for o in writer.add(article, events)]
        again += writer.flush()
        writer.close()
    assert {o.status for o in again} == {WriteStatus.DUPLICATE}
