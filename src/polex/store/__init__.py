"""Storage of articles and coded events in DuckDB, and exports to JSONL, CSV, Parquet."""

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
from polex.store.tables import SCHEMA_VERSION, StoreSchemaError

__all__ = [
    "EXPORT_FORMATS",
    "FLAT_COLUMNS",
    "SCHEMA_VERSION",
    "DuplicateEventError",
    "EventFilters",
    "EventStore",
    "cluster_events",
    "ExportFormat",
    "ReadOnlyStoreError",
    "StoreSchemaError",
    "flatten_event",
    "write_records",
]
