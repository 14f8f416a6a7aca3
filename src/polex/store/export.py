"""Exports of PLOVER records to JSONL, CSV and Parquet, and their flat table form.

The flat form carries, beside the record's fields, its article's URL, outlet,
publication date and title: the store's export joins them from its articles table
(:func:`with_articles`); a record given alone takes what its ``cite_info`` says. CSV and
Parquet can instead take the columns of GDELT, ICEWS or POLECAT (polex.store.layouts).

CSV cells a spreadsheet would evaluate as formulas get a leading ``'`` unless the
caller asks for the raw values (see polex.terminal.neutralize_formula).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, Literal, NamedTuple, TypeVar

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from polex.store.goldstein import goldstein
from polex.store.layouts import (
    ArticleMeta,
    LayoutName,
    cameo_event_code,
    cited_article,
    get_layout,
)
from polex.terminal import json_line, neutralize_row

ExportFormat = Literal["jsonl", "csv", "parquet"]
LIST_SEPARATOR = ";"
PARQUET_BATCH_ROWS = 5000
ARTICLE_BATCH = 1000
Record = dict[str, Any]
Row = dict[str, Any]
Item = TypeVar("Item")


class SourcedRecord(NamedTuple):
    """A PLOVER record with what the store holds about its article (None: nothing)."""

    record: Record
    article: ArticleMeta | None


FLAT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("article_id", pa.string()),
        ("date", pa.string()),
        ("date_precision", pa.string()),
        ("date_source", pa.string()),
        ("event", pa.string()),
        ("mode", pa.string()),
        ("context", pa.string()),
        ("quad_code", pa.int64()),
        ("event_scale", pa.float64()),
        ("status", pa.string()),
        ("confidence", pa.float64()),
        ("actor_codes", pa.string()),
        ("actor_sectors", pa.string()),
        ("actor_texts", pa.string()),
        ("recipient_codes", pa.string()),
        ("recipient_sectors", pa.string()),
        ("recipient_texts", pa.string()),
        ("event_text", pa.string()),
        ("text", pa.string()),
        ("sentence", pa.int64()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("location", pa.string()),
        ("amount_value", pa.float64()),
        ("amount_currency", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("geonames_id", pa.int64()),
        ("cameo", pa.string()),
        ("goldstein", pa.float64()),
        ("url", pa.string()),
        ("source", pa.string()),
        ("published", pa.string()),
        ("title", pa.string()),
    ]
)
FLAT_COLUMNS: tuple[str, ...] = tuple(FLAT_SCHEMA.names)
PARQUET_SCHEMA = FLAT_SCHEMA.append(pa.field("actor", pa.string())).append(
    pa.field("recipient", pa.string())
)


def flatten_event(record: Record, article: ArticleMeta | None = None) -> Row:
    """One flat row (FLAT_COLUMNS) of a PLOVER record: lists joined by ';', None kept.

    The article columns come from ``article``, else from the record's cite_info (which
    holds no publication date).
    """
    actors = record.get("actor") or []
    recipients = record.get("recipient") or []
    text_info = record.get("text_info") or {}
    amount = record.get("amount") or {}
    location = record.get("event_loc") or {}
    cited = cited_article(record, article)
    return {
        "id": record.get("id"),
        "article_id": record.get("article_id"),
        "date": record.get("date"),
        "date_precision": record.get("date_precision"),
        "date_source": record.get("date_source"),
        "event": record.get("event"),
        "mode": _joined(record.get("mode") or []),
        "context": _joined(record.get("context") or []),
        "quad_code": record.get("quad_code"),
        "event_scale": record.get("event_scale"),
        "status": record.get("status"),
        "confidence": record.get("confidence"),
        "actor_codes": _joined_field(actors, "code"),
        "actor_sectors": _joined_field(actors, "sector"),
        "actor_texts": _joined_field(actors, "entity_text"),
        "recipient_codes": _joined_field(recipients, "code"),
        "recipient_sectors": _joined_field(recipients, "sector"),
        "recipient_texts": _joined_field(recipients, "entity_text"),
        "event_text": record.get("event_text"),
        "text": record.get("text"),
        "sentence": text_info.get("sequence"),
        "start": text_info.get("start"),
        "end": text_info.get("end"),
        "location": _location_name(record.get("event_loc")),
        "amount_value": amount.get("value"),
        "amount_currency": amount.get("currency"),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "geonames_id": location.get("geonameid"),
        "cameo": record.get("cameo"),
        "goldstein": goldstein(cameo_event_code(record)),
        "url": cited.url,
        "source": cited.source,
        "published": cited.published,
        "title": cited.title,
    }


def _joined(values: Iterable[Any]) -> str:
    return LIST_SEPARATOR.join("" if value is None else str(value) for value in values)


def _joined_field(entities: Iterable[dict[str, Any]], name: str) -> str:
    return _joined(entity.get(name) for entity in entities)


def _location_name(location: dict[str, Any] | None) -> str | None:
    if not location:
        return None
    return location.get("resolved_place") or location.get("extracted_place")


def with_articles(conn: duckdb.DuckDBPyConnection, records: Iterable[Record]
                  ) -> Iterator[SourcedRecord]:
    """Each record with its article's fields from the store, looked up a batch at a time."""
    for batch in _batches(records, ARTICLE_BATCH):
        articles = _articles_of(conn, [record["id"] for record in batch])
        for record in batch:
            yield SourcedRecord(record, articles.get(record["id"]))


def _articles_of(conn: duckdb.DuckDBPyConnection, event_ids: list[str]
                 ) -> dict[str, ArticleMeta]:
    rows = conn.execute(
        "SELECT e.id, a.url, a.source, a.published, a.title, a.ingested_at FROM events e"
        " JOIN articles a ON a.content_hash = e.content_hash"
        " WHERE e.id IN (SELECT unnest($ids))",
        {"ids": event_ids},
    ).fetchall()
    return {
        event_id: ArticleMeta(url=url, source=source,
                              published=published.isoformat() if published else None,
                              title=title, ingested_at=ingested_at)
        for event_id, url, source, published, title, ingested_at in rows
    }


RowMaker = Callable[[Record, ArticleMeta | None], list[Row]]


def _flat_rows(record: Record, article: ArticleMeta | None) -> list[Row]:
    return [flatten_event(record, article)]


def _parquet_rows(record: Record, article: ArticleMeta | None) -> list[Row]:
    row = flatten_event(record, article)
    row["actor"] = json.dumps(record.get("actor") or [], ensure_ascii=False)
    row["recipient"] = json.dumps(record.get("recipient") or [], ensure_ascii=False)
    return [row]


def write_jsonl(items: Iterable[SourcedRecord], out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8", newline="\n") as stream:
        for record, _article in items:
            stream.write(json_line(record))
            count += 1
    return count


def write_csv(items: Iterable[SourcedRecord], out: Path, raw: bool = False,
              layout: LayoutName | None = None) -> int:
    """A header, then the rows of each record; string cells that start a formula get a
    leading ' unless ``raw``. Returns how many records were written."""
    columns, rows_of = _csv_shape(layout)
    count = 0
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=columns)
        writer.writeheader()
        for record, article in items:
            for row in rows_of(record, article):
                writer.writerow(row if raw else neutralize_row(row))
            count += 1
    return count


def _csv_shape(layout: LayoutName | None) -> tuple[tuple[str, ...], RowMaker]:
    if layout is None:
        return FLAT_COLUMNS, _flat_rows
    chosen = get_layout(layout)
    return chosen.columns, chosen.rows


def write_parquet(items: Iterable[SourcedRecord], out: Path,
                  layout: LayoutName | None = None) -> int:
    """Flat columns plus `actor` and `recipient` as JSON strings, or a layout's columns,
    written in batches. Returns how many records were written."""
    schema, rows_of = _parquet_shape(layout)
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        for batch in _batches(items, PARQUET_BATCH_ROWS):
            rows = [row for record, article in batch for row in rows_of(record, article)]
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(batch)
    return count


def _parquet_shape(layout: LayoutName | None) -> tuple[pa.Schema, RowMaker]:
    if layout is None:
        return PARQUET_SCHEMA, _parquet_rows
    chosen = get_layout(layout)
    return chosen.schema, chosen.rows


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


EXPORT_FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")


def write_records(records: Iterable[Record], fmt: ExportFormat, out: Path,
                  csv_raw: bool = False, layout: LayoutName | None = None) -> int:
    """Write the records in the given format; returns how many were written.

    The article columns come from each record's cite_info; see write_export for the
    rest.
    """
    items = (SourcedRecord(record, None) for record in records)
    return write_export(items, fmt, out, csv_raw=csv_raw, layout=layout)


def write_export(items: Iterable[SourcedRecord], fmt: ExportFormat, out: Path,
                 csv_raw: bool = False, layout: LayoutName | None = None) -> int:
    """Write the records, with their articles, in the given format; returns how many.

    The file appears under its name only once complete, so a failed export never
    leaves a truncated file that looks finished. ``csv_raw`` keeps CSV cells that
    start like a formula as they are. ``layout`` (gdelt, icews, polecat) writes that
    dataset's columns instead of polex's; JSON lines are PLOVER records and take none.
    """
    writer = _writer(fmt, csv_raw, layout)
    unfinished = out.with_name(out.name + ".part")
    try:
        count = writer(items, unfinished)
        unfinished.replace(out)
    finally:
        unfinished.unlink(missing_ok=True)
    return count


def _writer(fmt: str, csv_raw: bool, layout: LayoutName | None
            ) -> Callable[[Iterable[SourcedRecord], Path], int]:
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of "
                         f"{', '.join(EXPORT_FORMATS)}")
    if layout is not None:
        get_layout(layout)  # an unknown name fails here, before any file is made
        if fmt == "jsonl":
            raise ValueError("a layout applies to csv and parquet exports; jsonl holds "
                             "PLOVER records")
    if fmt == "jsonl":
        return write_jsonl
    if fmt == "csv":
        return lambda items, out: write_csv(items, out, raw=csv_raw, layout=layout)
    return lambda items, out: write_parquet(items, out, layout=layout)
