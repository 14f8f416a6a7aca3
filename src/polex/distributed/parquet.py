"""The Parquet dataset a distributed run writes, one file per partition and kind.

    out_dir/events/month=2024-06/part-<key>.parquet   events by year-month of ``date``
    out_dir/events/month=unknown/part-<key>.parquet   events without a date
    out_dir/articles/part-<key>.parquet               the partition's coded articles
    out_dir/failures/part-<key>.parquet               articles whose coding failed
    out_dir/failures/run-<hash>.parquet               unreadable inputs, failed partitions

A year-only date ("2017") goes under month=2017. The articles file is written
last: its presence marks the partition as complete. Files are written to a
temporary name and renamed, so a run killed midway leaves no half file.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from polex.schema import Article

EVENTS_DIR = "events"
ARTICLES_DIR = "articles"
FAILURES_DIR = "failures"
MONTH_COLUMN = "month"
UNKNOWN_MONTH = "unknown"

ENTITY_TYPE = pa.struct(
    [
        ("code", pa.string()),
        ("sector", pa.string()),
        ("entity_text", pa.string()),
        ("identifier_id", pa.string()),
        ("identifier_text", pa.string()),
        ("office", pa.string()),
    ]
)
EVENT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("content_hash", pa.string()),
        ("article_id", pa.string()),
        ("date", pa.string()),
        ("date_precision", pa.string()),
        ("date_source", pa.string()),
        ("event", pa.string()),
        ("mode", pa.list_(pa.string())),
        ("context", pa.list_(pa.string())),
        ("quad_code", pa.int32()),
        ("event_scale", pa.float64()),
        ("status", pa.string()),
        ("confidence", pa.float64()),
        ("sentence", pa.int32()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("trigger_start", pa.int32()),
        ("trigger_end", pa.int32()),
        ("event_text", pa.string()),
        ("text", pa.string()),
        ("actor", pa.list_(ENTITY_TYPE)),
        ("recipient", pa.list_(ENTITY_TYPE)),
        ("record", pa.string()),
    ]
)
ARTICLE_SCHEMA = pa.schema(
    [
        ("content_hash", pa.string()),
        ("id", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("source", pa.string()),
        ("published", pa.date32()),
        ("origin", pa.string()),
        ("text", pa.string()),
        ("n_events", pa.int32()),
    ]
)
FAILURE_SCHEMA = pa.schema([("origin", pa.string()), ("reason", pa.string())])


def part_name(key: str) -> str:
    return f"part-{key}.parquet"


def articles_file(out_dir: Path, key: str) -> Path:
    return out_dir / ARTICLES_DIR / part_name(key)


def is_partition_done(out_dir: Path, key: str) -> bool:
    return articles_file(out_dir, key).is_file()


def event_month(date: str | None) -> str:
    """The month directory of an event date: "2024-06", "2017" for a year, or unknown."""
    return date[:7] if date else UNKNOWN_MONTH


def write_partition(
    out_dir: Path,
    key: str,
    articles: Sequence[tuple[Article, int]],
    events: Sequence[dict[str, Any]],
    failures: Sequence[tuple[str, str]],
) -> list[Path]:
    """Replace every file of the partition; returns the files written.

    ``articles`` pairs each coded article with its number of events.
    """
    remove_partition(out_dir, key)
    written = [
        _write_table(out_dir / EVENTS_DIR / f"{MONTH_COLUMN}={month}" / part_name(key), table)
        for month, table in _events_by_month(events).items()
    ]
    if failures:
        written.append(_write_table(out_dir / FAILURES_DIR / part_name(key),
                                    failure_table(failures)))
    written.append(_write_table(articles_file(out_dir, key), article_table(articles)))
    return written


def remove_partition(out_dir: Path, key: str) -> None:
    """Delete the partition's files, so a recoded partition leaves no stale month behind."""
    articles_file(out_dir, key).unlink(missing_ok=True)
    (out_dir / FAILURES_DIR / part_name(key)).unlink(missing_ok=True)
    for stale in (out_dir / EVENTS_DIR).glob(f"{MONTH_COLUMN}=*/{part_name(key)}"):
        stale.unlink()


def write_run_failures(out_dir: Path, failures: Sequence[tuple[str, str]]) -> Path | None:
    """Failures found outside any partition, in a file named by its content."""
    if not failures:
        return None
    digest = hashlib.sha256(repr(sorted(failures)).encode("utf-8")).hexdigest()[:20]
    return _write_table(out_dir / FAILURES_DIR / f"run-{digest}.parquet", failure_table(failures))


def article_table(articles: Iterable[tuple[Article, int]]) -> pa.Table:
    rows = [
        {
            "content_hash": article.content_hash,
            "id": article.id,
            "title": article.title,
            "url": article.url,
            "source": article.source,
            "published": article.published,
            "origin": article.origin,
            "text": article.text,
            "n_events": n_events,
        }
        for article, n_events in articles
    ]
    return pa.Table.from_pylist(rows, schema=ARTICLE_SCHEMA)


def failure_table(failures: Iterable[tuple[str, str]]) -> pa.Table:
    rows = [{"origin": origin, "reason": reason} for origin, reason in failures]
    return pa.Table.from_pylist(rows, schema=FAILURE_SCHEMA)


def dataset_files(out_dir: Path, kind: str) -> list[Path]:
    """The Parquet files of one kind (events, articles, failures), in a stable order."""
    pattern = f"{MONTH_COLUMN}=*/*.parquet" if kind == EVENTS_DIR else "*.parquet"
    return sorted((out_dir / kind).glob(pattern))


def _events_by_month(events: Iterable[dict[str, Any]]) -> dict[str, pa.Table]:
    groups: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        groups[event_month(event["date"])].append(event)
    return {
        month: pa.Table.from_pylist(rows, schema=EVENT_SCHEMA) for month, rows in groups.items()
    }


def _write_table(path: Path, table: pa.Table) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, temporary)
    os.replace(temporary, path)
    return path
