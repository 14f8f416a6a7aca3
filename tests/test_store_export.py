"""EventStore.export and flatten_event: JSONL, CSV and Parquet round trips."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pyarrow.parquet as pq
import pytest

from polex.store import FLAT_COLUMNS, EventStore, flatten_event
from polex.store.export import with_articles
from tests.store_samples import fill, record_by_event

Filled = tuple[EventStore, list[dict[str, Any]]]


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[Filled]:
    with EventStore(tmp_path / "events.duckdb") as store:
        records = fill(store)
        yield store, records


def by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in rows}


def as_csv_text(value: Any) -> str:
    return "" if value is None else str(value)


def test_store_flatten_event_joins_entities_and_lists(filled: Filled) -> None:
    _, records = filled
    agree = flatten_event(record_by_event(records, "agreed to meet"))
    assert agree["actor_codes"] == "CHL;ARG"
    assert agree["actor_sectors"] == "GOV;GOV"
    assert agree["actor_texts"] == (
        "Chilean President Gabriel Boric;Argentine President Alberto Fernández"
    )
    assert agree["recipient_codes"] == ""
    assert agree["location"] is None
    assert (agree["sentence"], agree["start"], agree["end"]) == (1, 121, 183)
    assert tuple(agree) == FLAT_COLUMNS


def test_store_flatten_event_keeps_location_and_amount(filled: Filled) -> None:
    _, records = filled
    arrest = flatten_event(record_by_event(records, "arrested"))
    loan = flatten_event(record_by_event(records, "approved"))
    assert (arrest["mode"], arrest["context"], arrest["location"]) == (
        "arrest",
        "repression",
        "Nairobi",
    )
    assert arrest["recipient_sectors"] == "CVL"
    assert (loan["amount_value"], loan["amount_currency"]) == (750_000_000.0, "USD")
    assert loan["actor_sectors"] == ""  # the World Bank has a code but no sector


def test_store_export_jsonl_round_trips_records(filled: Filled, tmp_path: Path) -> None:
    store, records = filled
    out = tmp_path / "events.jsonl"
    assert store.export("jsonl", out) == 7
    lines = out.read_text(encoding="utf-8").splitlines()
    assert by_id([json.loads(line) for line in lines]) == by_id(records)
    assert any("Fernández" in line for line in lines)  # written as UTF-8, not \u escapes


def test_store_export_csv_round_trips_flat_rows(filled: Filled, tmp_path: Path) -> None:
    store, records = filled
    out = tmp_path / "events.csv"
    assert store.export("csv", out) == 7
    with out.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        assert tuple(reader.fieldnames or ()) == FLAT_COLUMNS
        rows = list(reader)
    expected = [
        {column: as_csv_text(value) for column, value in flatten_event(*item).items()}
        for item in with_articles(store.connection, records)
    ]
    assert by_id(rows) == by_id(expected)


def test_store_export_parquet_round_trips_flat_and_nested(
    filled: Filled, tmp_path: Path
) -> None:
    store, records = filled
    out = tmp_path / "events.parquet"
    assert store.export("parquet", out) == 7
    table = pq.read_table(out)
    assert table.column_names == [*FLAT_COLUMNS, "actor", "recipient"]
    rows = by_id(table.to_pylist())
    for record, article in with_articles(store.connection, records):
        row = rows[record["id"]]
        assert {column: row[column] for column in FLAT_COLUMNS} == flatten_event(record, article)
        assert json.loads(row["actor"]) == record["actor"]
        assert json.loads(row["recipient"]) == record["recipient"]


def test_store_export_applies_query_filters(filled: Filled, tmp_path: Path) -> None:
    store, _ = filled
    out = tmp_path / "kenya.jsonl"
    assert store.export("jsonl", out, actor="KEN", since="2024-06") == 3
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["event"] for line in lines] == ["COERCE", "ASSAULT", "ACCUSE"]


def test_store_export_of_no_events_writes_typed_empty_parquet(
    filled: Filled, tmp_path: Path
) -> None:
    store, _ = filled
    out = tmp_path / "none.parquet"
    assert store.export("parquet", out, event_type="SANCTION") == 0
    table = pq.read_table(out)
    assert table.num_rows == 0
    assert str(table.schema.field("quad_code").type) == "int64"


def test_store_export_rejects_unknown_format(filled: Filled, tmp_path: Path) -> None:
    store, _ = filled
    out = tmp_path / "events.xlsx"
    with pytest.raises(ValueError, match="unknown export format"):
        store.export(cast(Any, "xlsx"), out)
    assert not out.exists()
