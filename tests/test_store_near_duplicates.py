"""Near-duplicate articles: MinHash signatures, the band lookup, and the duplicates table."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date
from pathlib import Path

import duckdb
import pytest

from polex.schema import Article
from polex.store import SCHEMA_VERSION, BulkWriter, EventStore, StoreSchemaError, WriteStatus
from polex.store.near_duplicates import (
    _SEEDS,
    MIN_SIMILARITY,
    shingles,
    signature,
    similarity,
    words,
)

ARTICLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def _body(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8").split("\n\n", 1)[1].strip()


KENYA = _body("kenya_protest_arrests.txt")
REPUBLISHED = (
    "NAIROBI, July 13 (Coast Daily) - "
    + KENYA.replace(
        "Kindiki accused opposition leaders of paying gangs to loot shops and attack police "
        "stations.",
        "Kindiki said the government would not tolerate lawlessness and warned that anyone "
        "found looting would face the full force of the law.",
    )
    + "\n\nReporting by Coast Daily staff; editing by the news desk. All rights reserved."
)
OTHER_OUTLET = """Police in Kenya detained hundreds of people and at least three demonstrators were killed on Wednesday during nationwide protests against higher taxes called by opposition leader Raila Odinga.

The unrest hit Nairobi, Mombasa and Kisumu. In the capital, officers fired tear gas at protesters in Kibera, while shops in the city centre stayed closed.

The Interior Ministry said more than 300 people were arrested and accused the opposition of sponsoring violence. Odinga's Azimio la Umoja alliance rejected the accusation and said its supporters had protested peacefully.

The protests were sparked by the Finance Act, which doubled VAT on fuel to 16 percent. Kenya is under pressure to raise revenue to meet its debt payments, but the cost of basic goods such as maize flour has risen sharply."""  # noqa: E501


def _article(article_id: str, text: str, origin: str) -> Article:
    return Article(id=article_id, text=text, published=date(2023, 7, 13),
                   title=f"Story {article_id}", source="Coast Daily", origin=origin)


def test_near_duplicates_republished_story_with_new_paragraph_is_similar() -> None:
    original, copy = signature(KENYA), signature(REPUBLISHED)
    assert original is not None and copy is not None
    assert similarity(original, copy) >= MIN_SIMILARITY


def test_near_duplicates_two_outlets_reporting_one_event_stay_apart() -> None:
    first, second = signature(KENYA), signature(OTHER_OUTLET)
    assert first is not None and second is not None
    assert similarity(first, second) < MIN_SIMILARITY / 2


def test_near_duplicates_short_text_is_only_matched_exactly() -> None:
    assert signature("Kenyan police arrested dozens of protesters in Nairobi on Tuesday.") is None


def test_near_duplicates_writer_records_a_pointer_instead_of_storing(tmp_path: Path) -> None:
    original = _article("ledger-kenya", KENYA, "news/ledger.txt")
    copy = _article("coast-kenya", REPUBLISHED, "news/coast.txt")
    other = _article("wire-kenya", OTHER_OUTLET, "news/wire.txt")
    with EventStore(tmp_path / "events.duckdb") as store:
        writer = BulkWriter(store)
        writer.add(original, [])
        writer.flush()
        screening = writer.screen([copy, other])
        outcomes = writer.add(other, []) + writer.flush()
        pointer = store.connection.execute(
            "SELECT content_hash, id, origin, duplicate_of FROM duplicates").fetchall()
        assert store.stats()["articles"] == 2
    assert [a.id for a in screening.new] == ["wire-kenya"] and screening.near == 1
    assert {o.status for o in outcomes} == {WriteStatus.STORED, WriteStatus.NEAR_DUPLICATE}
    assert pointer == [(copy.content_hash, "coast-kenya", "news/coast.txt",
                        original.content_hash)]


def test_near_duplicates_within_one_batch_keep_the_first(tmp_path: Path) -> None:
    first = _article("ledger-kenya", KENYA, "news/ledger.txt")
    copy = _article("coast-kenya", REPUBLISHED, "news/coast.txt")
    with EventStore(tmp_path / "events.duckdb") as store:
        writer = BulkWriter(store)
        outcomes = writer.add(first, []) + writer.add(copy, []) + writer.flush()
        stored = store.connection.execute("SELECT id FROM articles").fetchall()
    assert stored == [("ledger-kenya",)]
    assert [o.status for o in outcomes] == [WriteStatus.STORED, WriteStatus.NEAR_DUPLICATE]


def _downgrade_to_version_1(db: Path) -> None:
    with duckdb.connect(str(db)) as conn:
        conn.execute("DROP TABLE duplicates")
        conn.execute("DROP TABLE article_bands")
        conn.execute("ALTER TABLE articles DROP COLUMN minhash")
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")


def test_near_duplicates_store_of_version_1_is_upgraded_when_opened_for_writing(
        tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    with EventStore(db) as store:
        store.add_article(_article("ledger-kenya", KENYA, "news/ledger.txt"), [])
    _downgrade_to_version_1(db)
    with EventStore(db) as store:
        screening = BulkWriter(store).screen([_article("coast", REPUBLISHED, "news/coast.txt")])
        version = store.connection.execute("SELECT value FROM meta").fetchone()
    assert screening.near == 1 and version == (SCHEMA_VERSION,)


def test_near_duplicates_store_of_version_1_read_only_says_how_to_upgrade(
        tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    with EventStore(db) as store:
        store.add_article(_article("ledger-kenya", KENYA, "news/ledger.txt"), [])
    _downgrade_to_version_1(db)
    with pytest.raises(StoreSchemaError, match="open it once for writing"):
        EventStore(db, read_only=True)


def test_near_duplicates_exact_copy_is_a_duplicate_not_a_near_duplicate(
        tmp_path: Path) -> None:
    original = _article("ledger-kenya", KENYA, "news/ledger.txt")
    reposted = dataclasses.replace(original, id="ledger-kenya-2", origin="news/again.txt")
    with EventStore(tmp_path / "events.duckdb") as store:
        writer = BulkWriter(store)
        writer.add(original, [])
        writer.flush()
        screening = writer.screen([reposted])
        assert store.count_near_duplicates() == 0
    assert (screening.new, screening.stored, screening.near) == ([], 1, 0)


def test_near_duplicates_signature_keeps_the_stored_hashes() -> None:
    # Stores hold signatures made this way: each shingle's 8-byte blake2b read as a
    # little-endian integer, XORed with each seed, lowest 32 bits of the minimum kept.
    hashes = [int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(),
                             "little") for s in shingles(words(KENYA))]
    expected = tuple(min(seed ^ h for h in hashes) & 0xFFFFFFFF for seed in _SEEDS)
    assert signature(KENYA) == expected
