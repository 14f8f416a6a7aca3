"""Merge a distributed run's Parquet dataset into the DuckDB event store, in bulk.

Partitions are read one at a time with pyarrow and go through the store's
BulkWriter, a few hundred articles per transaction: an article is keyed by
its content hash and comes in with all its events only if the store does not
hold that text yet, near-duplicates of stored articles are recorded as such,
and an article that cannot be stored is reported as a failure while the rest
go in. Loading the same dataset twice adds nothing. Each load is one run of the store
(polex.store.runs), started when the store is opened for the load.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from polex.distributed.parquet import (
    ARTICLES_DIR,
    EVENTS_DIR,
    FAILURES_DIR,
    MONTH_COLUMN,
    dataset_files,
)
from polex.schema import Article, IngestFailure
from polex.store import BulkWriter, EventStore, WriteOutcome, WriteStatus
from polex.store.rows import ENTITY_ROLES, EVENT_COLUMNS
from polex.store.runs import Provenance, RunCounts

Row = tuple[Any, ...]
ARTICLE_FIELDS = ("id", "text", "published", "title", "url", "source", "origin", "content_hash")
ENTITY_FIELDS = ("code", "sector", "entity_text", "identifier_id", "identifier_text", "office")


class DatasetError(ValueError):
    """A file of the dataset is not a Parquet file polex wrote."""


@dataclass
class LoadSummary:
    db: Path
    articles_added: int = 0
    events_added: int = 0
    failures_added: int = 0
    near_duplicates_added: int = 0
    duplicates: int = 0  # texts the store held already
    run_id: str | None = None
    not_stored: list[IngestFailure] = field(default_factory=list)
    store_totals: dict[str, int] = field(default_factory=dict)


def load_parquet(parquet_dir: str | Path, db: str | Path,
                 provenance: Provenance | None = None) -> LoadSummary:
    """Add the dataset under ``parquet_dir`` to the store ``db``, batch by batch, as one
    run with ``provenance``: by default that of ``polex load``, which does not know what
    coded the dataset."""
    root = Path(parquet_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"no Parquet dataset at {root}")
    if not any((root / kind).is_dir() for kind in (ARTICLES_DIR, EVENTS_DIR, FAILURES_DIR)):
        raise DatasetError(f"{root} is not a polex Parquet dataset: it has no "
                           f"{ARTICLES_DIR}/, {EVENTS_DIR}/ or {FAILURES_DIR}/ folder")
    for path in sorted(root.rglob("*.parquet")):
        _check_parquet(path)
    summary = LoadSummary(Path(db))
    with EventStore(db, verify=True) as store:
        failures_before = store.stats()["failures"]
        summary.run_id = store.start_run(provenance or Provenance.uncoded("load"))
        writer = BulkWriter(store, run_id=summary.run_id)
        try:
            for article, events, entities in _coded_articles(root):
                _tally(writer.add_rows(article, events, entities), summary)
            _tally(writer.flush(), summary)
        finally:
            writer.close()
        dataset_failures = _dataset_failures(root)
        for failure in dataset_failures + summary.not_stored:
            store.record_failure(failure.origin, failure.reason)
        store.finish_run(summary.run_id, _run_counts(summary, len(dataset_failures)))
        summary.store_totals = store.stats()
        summary.failures_added = summary.store_totals["failures"] - failures_before
    return summary


def _run_counts(summary: LoadSummary, dataset_failures: int) -> RunCounts:
    """The load's counts; its articles are those of the dataset's articles files."""
    failed = len(summary.not_stored)
    read = (summary.articles_added + summary.duplicates + summary.near_duplicates_added
            + failed)
    return RunCounts(articles_read=read, stored=summary.articles_added,
                     duplicates=summary.duplicates,
                     near_duplicates=summary.near_duplicates_added,
                     failed=failed + dataset_failures, events=summary.events_added)


def _tally(outcomes: list[WriteOutcome], summary: LoadSummary) -> None:
    for outcome in outcomes:
        if outcome.status is WriteStatus.STORED:
            summary.articles_added += 1
            summary.events_added += outcome.n_events
        elif outcome.status is WriteStatus.NEAR_DUPLICATE:
            summary.near_duplicates_added += 1
        elif outcome.status is WriteStatus.DUPLICATE:
            summary.duplicates += 1
        elif outcome.status is WriteStatus.FAILED:
            summary.not_stored.append(IngestFailure(outcome.article.origin, outcome.reason))


def _coded_articles(root: Path) -> Iterator[tuple[Article, list[Row], list[Row]]]:
    """Each article of the dataset with its event and entity rows, partition by partition."""
    for articles_file in dataset_files(root, ARTICLES_DIR):
        events = _partition_events(root, articles_file.name)
        table = _read_table(articles_file)
        missing = [name for name in ARTICLE_FIELDS if name not in table.column_names]
        if missing:
            raise DatasetError(f"{articles_file} is not a polex articles file: it has no "
                               f"{', '.join(missing)} column")
        for row in table.to_pylist():
            article = Article(id=row["id"], text=row["text"], published=row["published"],
                              title=row["title"], url=row["url"], source=row["source"],
                              origin=row["origin"] or "")
            rows = events.get(row["content_hash"], [])
            yield (article, [_event_row(e) for e in rows],
                   [entity for e in rows for entity in _entity_rows(e)])


def _partition_events(root: Path, part_name: str) -> dict[str, list[dict[str, Any]]]:
    by_article: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    seen: set[str] = set()
    for events_file in sorted((root / EVENTS_DIR).glob(f"{MONTH_COLUMN}=*/{part_name}")):
        for event in _read_table(events_file).to_pylist():
            if event["id"] not in seen:  # one id per article, as the local path keeps
                seen.add(event["id"])
                by_article[event["content_hash"]].append(event)
    return by_article


def _event_row(event: dict[str, Any]) -> Row:
    return tuple(event[column] for column in EVENT_COLUMNS)


def _entity_rows(event: dict[str, Any]) -> Iterator[Row]:
    for role in ENTITY_ROLES:
        for position, entity in enumerate(event[role] or []):
            yield (event["id"], role, position, *(entity[name] for name in ENTITY_FIELDS))


def _read_table(path: Path) -> pa.Table:
    try:
        return pq.read_table(path)
    except (pa.ArrowException, OSError) as error:
        raise DatasetError(f"{path} is not a readable Parquet file: {error}") from error


def _check_parquet(path: Path) -> None:
    """Refuse, before anything is loaded, a file of the dataset that is not Parquet."""
    try:
        pq.ParquetFile(path).close()
    except (pa.ArrowException, OSError) as error:
        raise DatasetError(f"{path} is not a readable Parquet file: {error}") from error


def _dataset_failures(root: Path) -> list[IngestFailure]:
    failures: list[IngestFailure] = []
    for failures_file in dataset_files(root, FAILURES_DIR):
        for row in _read_table(failures_file).to_pylist():
            failures.append(IngestFailure(row["origin"], row["reason"]))
    return failures
