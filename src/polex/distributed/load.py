"""Merge a distributed run's Parquet dataset into the DuckDB event store, in bulk.

DuckDB reads the Parquet files itself; rows go in with INSERT ... SELECT and
anti-joins, so nothing passes through Python row by row. An article is keyed
by its content hash and comes in with its events only if the store does not
hold that text yet; an event id already stored is kept as it is. Loading the
same dataset twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from polex.distributed.parquet import ARTICLES_DIR, EVENTS_DIR, FAILURES_DIR, dataset_files
from polex.store import EventStore


@dataclass
class LoadSummary:
    db: Path
    articles_added: int = 0
    events_added: int = 0
    failures_added: int = 0
    store_totals: dict[str, int] = field(default_factory=dict)


# The dataset's articles not stored yet, once each (two runs may share a text).
NEW_ARTICLES = """
CREATE TEMP TABLE new_articles AS
SELECT * FROM read_parquet(?, hive_partitioning = false, union_by_name = true) a
WHERE NOT EXISTS (SELECT 1 FROM articles s WHERE s.content_hash = a.content_hash)
QUALIFY row_number() OVER (PARTITION BY a.content_hash ORDER BY a.id) = 1
"""
INSERT_ARTICLES = """
INSERT INTO articles (content_hash, id, title, url, source, published, origin, text,
                      n_events, ingested_at)
SELECT content_hash, id, title, url, source, published, origin, text, n_events,
       CAST(now() AT TIME ZONE 'UTC' AS TIMESTAMP)
FROM new_articles
"""
# Events of the newly added articles whose id the store does not hold yet.
NEW_EVENTS = """
CREATE TEMP TABLE new_events AS
SELECT e.* FROM read_parquet(?, hive_partitioning = false, union_by_name = true) e
WHERE e.content_hash IN (SELECT content_hash FROM new_articles)
  AND NOT EXISTS (SELECT 1 FROM events s WHERE s.id = e.id)
QUALIFY row_number() OVER (PARTITION BY e.id ORDER BY e.content_hash) = 1
"""
INSERT_EVENTS = """
INSERT INTO events (id, content_hash, article_id, date, date_precision, date_source, event,
                    mode, context, quad_code, event_scale, status, confidence, sentence,
                    start, "end", trigger_start, trigger_end, event_text, text, record)
SELECT id, content_hash, article_id, date, date_precision, date_source, event,
       mode, context, quad_code, event_scale, status, confidence, sentence,
       start, "end", trigger_start, trigger_end, event_text, text, CAST(record AS JSON)
FROM new_events
"""
INSERT_ENTITIES = """
INSERT INTO event_entities (event_id, role, position, code, sector, entity_text,
                            identifier_id, identifier_text, office)
SELECT e.id, '{role}', i - 1, e.{role}[i].code, e.{role}[i].sector, e.{role}[i].entity_text,
       e.{role}[i].identifier_id, e.{role}[i].identifier_text, e.{role}[i].office
FROM new_events e, range(1, len(e.{role}) + 1) r(i)
"""
INSERT_FAILURES = """
INSERT INTO failures (origin, reason, "at")
SELECT DISTINCT f.origin, f.reason, CAST(now() AT TIME ZONE 'UTC' AS TIMESTAMP)
FROM read_parquet(?, hive_partitioning = false) f
WHERE NOT EXISTS (SELECT 1 FROM failures s WHERE s.origin = f.origin AND s.reason = f.reason)
"""
ENTITY_ROLES = ("actor", "recipient")


def load_parquet(parquet_dir: str | Path, db: str | Path) -> LoadSummary:
    """Add the dataset under ``parquet_dir`` to the store ``db`` in one transaction."""
    root = Path(parquet_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"no Parquet dataset at {root}")
    with EventStore(db):  # creates the tables, or checks their schema version
        pass
    summary = LoadSummary(Path(db))
    conn = duckdb.connect(str(db))
    try:
        conn.begin()
        try:
            _merge(conn, root, summary)
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        summary.store_totals = _totals(conn)
    finally:
        conn.close()
    return summary


def _merge(conn: duckdb.DuckDBPyConnection, root: Path, summary: LoadSummary) -> None:
    articles = _names(dataset_files(root, ARTICLES_DIR))
    events = _names(dataset_files(root, EVENTS_DIR))
    failures = _names(dataset_files(root, FAILURES_DIR))
    if articles:
        conn.execute(NEW_ARTICLES, [articles])
        summary.articles_added = _run_count(conn, INSERT_ARTICLES)
        if events:
            conn.execute(NEW_EVENTS, [events])
            summary.events_added = _run_count(conn, INSERT_EVENTS)
            for role in ENTITY_ROLES:
                conn.execute(INSERT_ENTITIES.format(role=role))
    if failures:
        summary.failures_added = _run_count(conn, INSERT_FAILURES, [failures])


def _names(files: Sequence[Path]) -> list[str]:
    return [str(f) for f in files]


def _run_count(conn: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None
               ) -> int:
    row = conn.execute(sql, params or []).fetchone()
    return int(row[0]) if row else 0


def _totals(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    totals: dict[str, int] = {}
    for table in ("articles", "events", "failures"):
        row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
        totals[table] = int(row[0]) if row else 0
    return totals
