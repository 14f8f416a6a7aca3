"""The store refuses files it cannot use with a clear reason, and its outputs are safe."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from polex.store import BulkWriter, EventStore, StoreError, write_records
from tests.store_samples import KENYA_TEXT, fill, kenya_article, kenya_events

HEADER_BYTES = 3 * 4096  # DuckDB's file headers, before the first block
BLOCK_BYTES = 256 * 1024  # DuckDB's default block size


def build_store(path: Path, articles: int) -> None:
    """A store of ``articles`` wire reports of the Nairobi arrests, three events each."""
    with EventStore(path) as store:
        writer = BulkWriter(store)
        for number in range(articles):
            article = replace(kenya_article(), id=f"nation-{number}",
                              text=f"{KENYA_TEXT} Report number {number} of the series.",
                              origin=f"articles/kenya-{number}.html")
            writer.add(article, kenya_events(article))
        writer.flush()


def corrupt_an_events_block(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` with bytes flipped in the middle of the first block
    whose damage a read of the events table notices."""
    blocks = (source.stat().st_size - HEADER_BYTES) // BLOCK_BYTES
    for block in range(blocks):
        shutil.copy(source, target)
        at = HEADER_BYTES + block * BLOCK_BYTES + BLOCK_BYTES // 2
        with target.open("r+b") as stream:
            stream.seek(at)
            damaged = bytes(byte ^ 0xFF for byte in stream.read(64))
            stream.seek(at)
            stream.write(damaged)
        try:
            with duckdb.connect(str(target), read_only=True) as conn:
                conn.execute("SELECT record FROM events").fetchall()
        except duckdb.Error:
            return
    raise AssertionError("no events block found to corrupt")


@pytest.fixture(scope="module")
def corrupt_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corrupt")
    build_store(folder / "good.duckdb", 1500)
    corrupt_an_events_block(folder / "good.duckdb", folder / "bad.duckdb")
    return folder / "bad.duckdb"


def test_store_verify_refuses_a_store_whose_block_fails_its_checksum(
        corrupt_store: Path) -> None:
    with pytest.raises(StoreError, match="corrupt"):
        EventStore(corrupt_store, verify=True)


def test_store_verify_accepts_a_sound_store(tmp_path: Path) -> None:
    build_store(tmp_path / "events.duckdb", 50)
    with EventStore(tmp_path / "events.duckdb", verify=True) as store:
        assert store.stats()["events"] == 150


def test_store_open_names_a_file_that_is_not_duckdb(tmp_path: Path) -> None:
    notes = tmp_path / "notes.duckdb"
    notes.write_text("meeting notes, not a database\n" * 200, encoding="utf-8")
    with pytest.raises(StoreError, match="not a DuckDB database file"):
        EventStore(notes)


def test_store_open_names_a_folder(tmp_path: Path) -> None:
    (tmp_path / "events.duckdb").mkdir()
    with pytest.raises(StoreError, match="it is a folder"):
        EventStore(tmp_path / "events.duckdb", read_only=True)


def test_store_open_names_the_process_holding_the_lock(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    EventStore(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
         "print('open', flush=True); sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match=rf"locked by another process \(pid {holder.pid}\)"):
            EventStore(db)
    finally:
        holder.communicate("", timeout=60)


def test_store_record_notice_keeps_each_origin_message_once(tmp_path: Path) -> None:
    with EventStore(tmp_path / "events.duckdb") as store:
        for _ in range(2):
            store.record_notice("wires.jsonl:4", "text cut at 200000 of 912345 characters")
        rows = store.connection.execute("SELECT origin, message FROM notices").fetchall()
    assert rows == [("wires.jsonl:4", "text cut at 200000 of 912345 characters")]


def test_store_reopening_an_older_store_adds_the_notices_table(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    with EventStore(db) as store:
        store.connection.execute("DROP TABLE notices")
    with EventStore(db) as store:
        store.record_notice("feed.xml", "invalid characters replaced")
        assert store.connection.execute("SELECT count(*) FROM notices").fetchone() == (1,)


def test_store_export_csv_neutralizes_formula_cells(tmp_path: Path) -> None:
    with EventStore(tmp_path / "events.duckdb") as store:
        fill(store)
        record = store.query_events(event_type="COERCE")[0]
    record = record | {"event_text": "=HYPERLINK(\"http://x.example\",\"open\")",
                       "text": "+1 more arrested", "article_id": "@nation"}
    write_records([record], "csv", tmp_path / "events.csv")
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as stream:
        row = next(csv.DictReader(stream))
    assert row["event_text"].startswith("'=HYPERLINK")
    assert row["text"] == "'+1 more arrested"
    assert row["article_id"] == "'@nation"
    assert row["event_scale"] == "-7.0"  # numbers stay numbers


def test_store_export_csv_raw_keeps_formula_cells(tmp_path: Path) -> None:
    with EventStore(tmp_path / "events.duckdb") as store:
        fill(store)
        record = next(store.iter_events()) | {"text": "-3 injured in Nairobi"}
    write_records([record], "csv", tmp_path / "events.csv", csv_raw=True)
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as stream:
        assert next(csv.DictReader(stream))["text"] == "-3 injured in Nairobi"


def test_store_export_jsonl_escapes_c1_and_lone_surrogates(tmp_path: Path) -> None:
    record = {"id": "e1", "text": "Police \x9b2J fired \ud800 tear gas"}
    write_records([record], "jsonl", tmp_path / "events.jsonl")
    raw = (tmp_path / "events.jsonl").read_text(encoding="utf-8")
    assert "\x9b" not in raw and "\\u009b" in raw
    assert json.loads(raw) == record
