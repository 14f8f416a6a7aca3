"""Storage of articles and coded events in DuckDB, and exports to JSONL, CSV, Parquet."""

from polex.store.bulk import BulkWriter, Screening, WriteOutcome, WriteStatus
from polex.store.clusters import cluster_events
from polex.store.event_store import DuplicateEventError, EventStore, ReadOnlyStoreError
from polex.store.export import (
    EXPORT_FORMATS,
    FLAT_COLUMNS,
    ExportFormat,
    flatten_event,
    write_records,
)
from polex.store.filters import EventFilters
from polex.store.near_duplicates import NearMatch
from polex.store.problems import store_problem
from polex.store.tables import SCHEMA_VERSION, StoreError, StoreSchemaError

__all__ = [
    "EXPORT_FORMATS",
    "FLAT_COLUMNS",
    "SCHEMA_VERSION",
    "BulkWriter",
    "DuplicateEventError",
    "EventFilters",
    "EventStore",
    "cluster_events",
    "ExportFormat",
    "NearMatch",
    "ReadOnlyStoreError",
    "Screening",
    "StoreError",
    "StoreSchemaError",
    "WriteOutcome",
    "WriteStatus",
    "flatten_event",
    "store_problem",
    "write_records",
]
