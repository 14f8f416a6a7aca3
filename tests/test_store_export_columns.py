"""The flat export's location, CAMEO, Goldstein and article columns."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

from polex.store import FLAT_COLUMNS, EventStore, flatten_event
from tests.export_samples import (
    KENYA_SOURCE,
    KENYA_TITLE,
    KENYA_URL,
    Records,
    build_export_store,
)

OLD_COLUMNS = (
    "id", "article_id", "date", "date_precision", "date_source", "event", "mode", "context",
    "quad_code", "event_scale", "status", "confidence", "actor_codes", "actor_sectors",
    "actor_texts", "recipient_codes", "recipient_sectors", "recipient_texts", "event_text",
    "text", "sentence", "start", "end", "location", "amount_value", "amount_currency",
)
NEW_COLUMNS = ("lat", "lon", "geonames_id", "cameo", "goldstein", "url", "source",
               "published", "title")

Exported = tuple[Path, Records]


@pytest.fixture
def store_path(tmp_path: Path) -> Iterator[Exported]:
    path = tmp_path / "events.duckdb"
    yield path, build_export_store(path)


def exported_csv(store_path: Path, out: Path) -> dict[str, dict[str, str]]:
    with EventStore(store_path, read_only=True) as store:
        store.export("csv", out)
    with out.open(encoding="utf-8", newline="") as stream:
        return {row["id"]: row for row in csv.DictReader(stream)}


def test_store_export_columns_keep_the_old_ones_and_append_the_new() -> None:
    assert FLAT_COLUMNS == OLD_COLUMNS + NEW_COLUMNS


def test_store_export_columns_csv_carries_place_cameo_and_article(
        store_path: Exported, tmp_path: Path) -> None:
    path, records = store_path
    arrest = exported_csv(path, tmp_path / "events.csv")[records["arrest"]["id"]]
    assert {column: arrest[column] for column in NEW_COLUMNS} == {
        "lat": "-1.2864", "lon": "36.8172", "geonames_id": "184745", "cameo": "173",
        "goldstein": "-5.0", "url": KENYA_URL, "source": KENYA_SOURCE,
        "published": "2024-06-25", "title": KENYA_TITLE,
    }


def test_store_export_columns_leave_the_place_empty_without_a_location(
        store_path: Exported, tmp_path: Path) -> None:
    path, records = store_path
    condemn = exported_csv(path, tmp_path / "events.csv")[records["condemn"]["id"]]
    assert (condemn["lat"], condemn["lon"], condemn["geonames_id"]) == ("", "", "")
    assert condemn["cameo"] == "111" and condemn["url"] == KENYA_URL


def test_store_export_columns_leave_geonames_empty_for_a_place_without_an_id(
        store_path: Exported, tmp_path: Path) -> None:
    path, records = store_path
    met = exported_csv(path, tmp_path / "events.csv")[records["met"]["id"]]
    assert (met["lat"], met["lon"], met["geonames_id"]) == ("-33.4569", "-70.6483", "")


def test_store_export_columns_leave_article_fields_empty_when_the_article_has_none(
        store_path: Exported, tmp_path: Path) -> None:
    path, records = store_path
    loan = exported_csv(path, tmp_path / "events.csv")[records["loan"]["id"]]
    assert [loan[column] for column in ("url", "source", "published", "title")] == [""] * 4
    assert (loan["cameo"], loan["goldstein"]) == ("070", "7.0")


def test_store_export_columns_parquet_types_them(store_path: Exported, tmp_path: Path) -> None:
    path, records = store_path
    out = tmp_path / "events.parquet"
    with EventStore(path, read_only=True) as store:
        store.export("parquet", out)
    table = pq.read_table(out)
    types = {column: str(table.schema.field(column).type) for column in NEW_COLUMNS}
    assert types == {"lat": "double", "lon": "double", "geonames_id": "int64",
                     "cameo": "string", "goldstein": "double", "url": "string",
                     "source": "string", "published": "string", "title": "string"}
    met = next(row for row in table.to_pylist() if row["id"] == records["met"]["id"])
    assert (met["geonames_id"], met["goldstein"], met["published"]) == (None, 1.0, "2023-01-10")


def test_store_export_columns_of_a_record_alone_come_from_its_cite_info() -> None:
    record: dict[str, Any] = {
        "id": "polex-1", "cameo": "0874", "event_loc": None,
        "cite_info": {"url": "https://example.org/a", "title": "Troops pull back",
                      "publication": "Example Post", "language": "en"},
    }
    row = flatten_event(record)
    assert [row[c] for c in NEW_COLUMNS] == [None, None, None, "0874", 10.0,
                                             "https://example.org/a", "Example Post",
                                             None, "Troops pull back"]


def test_store_export_columns_read_by_pandas(store_path: Exported, tmp_path: Path) -> None:
    path, records = store_path
    out = tmp_path / "events.csv"
    with EventStore(path, read_only=True) as store:
        store.export("csv", out)
    frame = pd.read_csv(out, dtype={"cameo": str}, parse_dates=["published"])
    arrest = frame.set_index("id").loc[records["arrest"]["id"]]
    assert (arrest["cameo"], arrest["goldstein"], arrest["lat"]) == ("173", -5.0, -1.2864)
    assert arrest["published"] == pd.Timestamp("2024-06-25")
    assert len(frame) == len(records)
