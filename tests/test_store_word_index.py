"""The q filter reads the store's index of sentence words (event_words, filled when events
are stored): it finds the events whose evidence sentence has every word of the query as a
whole word, in any case and script, the same events a word-by-word reading of each
sentence finds, whichever way the events were stored."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from polex.store import BulkWriter, EventStore
from polex.store.queries import EventQuery, event_page
from tests.api_samples import LABELS, build_store, samples

SEARCHES = ("arrested", "ARRESTS", "arrest", "Fernández", "fernandez", "Moscow exchange",
            "kyiv, moscow", "2022", "75 prisoners", "tear-gas", "ukraine's", "odesa port")


def _whole_words(sentence: str | None, search: str) -> bool:
    words = set(re.findall(r"[^\W_]+", (sentence or "").lower()))
    return all(word in words for word in re.findall(r"[^\W_]+", search.lower()))


def _bulk_store(path: Path) -> None:
    """The sample articles stored as polex ingest stores them: in batches."""
    articles = samples()
    with EventStore(path) as store:
        writer = BulkWriter(store, batch_size=4)
        for name, _ in LABELS:
            writer.add(*articles[name])
        writer.flush()


@pytest.mark.parametrize("store_with", ["article by article", "in batches"])
def test_store_word_index_finds_whole_words_of_the_sentence(tmp_path: Path,
                                                           store_with: str) -> None:
    path = tmp_path / "events.duckdb"
    build_store(path) if store_with == "article by article" else _bulk_store(path)
    with EventStore(path, read_only=True) as store:
        everything = store.query_events()
        for search in SEARCHES:
            found = event_page(store.connection, EventQuery.create(words=search), 100)
            expected = [r["id"] for r in everything if _whole_words(r["text"], search)]
            assert sorted(r["id"] for r in found.records) == sorted(expected), search


def test_store_word_index_covers_each_event_once_per_word(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    build_store(path)
    with EventStore(path, read_only=True) as store:
        repeated = store.connection.execute(
            "SELECT word_id, event_key FROM event_words GROUP BY ALL HAVING count(*) > 1"
        ).fetchall()
        unindexed = store.connection.execute(
            "SELECT count(*) FROM events WHERE event_key NOT IN"
            " (SELECT event_key FROM event_words)").fetchall()
    assert repeated == [] and unindexed == [(0,)]
