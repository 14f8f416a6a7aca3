"""Exports of PLOVER records to JSONL, CSV and Parquet, and their flat table form.

CSV cells a spreadsheet would evaluate as formulas get a leading ``'`` unless the
caller asks for the raw values (see polex.terminal.neutralize_formula).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from polex.terminal import json_line, neutralize_row

ExportFormat = Literal["jsonl", "csv", "parquet"]
LIST_SEPARATOR = ";"
PARQUET_BATCH_ROWS = 5000

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
    ]
)
FLAT_COLUMNS: tuple[str, ...] = tuple(FLAT_SCHEMA.names)
PARQUET_SCHEMA = FLAT_SCHEMA.append(pa.field("actor", pa.string())).append(
    pa.field("recipient", pa.string())
)


def flatten_event(record: dict[str, Any]) -> dict[str, Any]:
    """One flat row (FLAT_COLUMNS) of a PLOVER record: lists joined by ';', None kept."""
    actors = record.get("actor") or []
    recipients = record.get("recipient") or []
    text_info = record.get("text_info") or {}
    amount = record.get("amount") or {}
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
    }


def _joined(values: Iterable[Any]) -> str:
    return LIST_SEPARATOR.join("" if value is None else str(value) for value in values)


def _joined_field(entities: Iterable[dict[str, Any]], name: str) -> str:
    return _joined(entity.get(name) for entity in entities)


def _location_name(location: dict[str, Any] | None) -> str | None:
    if not location:
        return None
    return location.get("resolved_place") or location.get("extracted_place")


def write_jsonl(records: Iterable[dict[str, Any]], out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8", newline="\n") as stream:
        for record in records:
            stream.write(json_line(record))
            count += 1
    return count


def write_csv(records: Iterable[dict[str, Any]], out: Path, raw: bool = False) -> int:
    """Flat rows; string cells that start a formula get a leading ' unless ``raw``."""
    count = 0
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=FLAT_COLUMNS)
        writer.writeheader()
        for record in records:
            row = flatten_event(record)
            writer.writerow(row if raw else neutralize_row(row))
            count += 1
    return count


def write_parquet(records: Iterable[dict[str, Any]], out: Path) -> int:
    """Flat columns plus `actor` and `recipient` as JSON strings, written in batches."""
    count = 0
    with pq.ParquetWriter(out, PARQUET_SCHEMA) as writer:
        for batch in _batches((_parquet_row(record) for record in records), PARQUET_BATCH_ROWS):
            writer.write_table(pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA))
            count += len(batch)
    return count


def _parquet_row(record: dict[str, Any]) -> dict[str, Any]:
    row = flatten_event(record)
    row["actor"] = json.dumps(record.get("actor") or [], ensure_ascii=False)
    row["recipient"] = json.dumps(record.get("recipient") or [], ensure_ascii=False)
    return row


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


WRITERS: dict[str, Callable[[Iterable[dict[str, Any]], Path], int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "parquet": write_parquet,
}
EXPORT_FORMATS: tuple[str, ...] = tuple(WRITERS)


def write_records(records: Iterable[dict[str, Any]], fmt: ExportFormat, out: Path,
                  csv_raw: bool = False) -> int:
    """Write the records in the given format; returns how many were written.

    The file appears under its name only once complete, so a failed export never
    leaves a truncated file that looks finished. ``csv_raw`` keeps CSV cells that
    start like a formula as they are.
    """
    if fmt not in WRITERS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(WRITERS)}")
    writer = partial(write_csv, raw=csv_raw) if fmt == "csv" else WRITERS[fmt]
    unfinished = out.with_name(out.name + ".part")
    try:
        count = writer(records, unfinished)
        unfinished.replace(out)
    finally:
        unfinished.unlink(missing_ok=True)
    return count
