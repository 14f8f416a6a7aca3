"""Schema version 3: the runs table and the run_id of articles and events, and the in-place
upgrade of stores written by versions 2 and 1."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from polex.store import SCHEMA_VERSION, EventStore, StoreSchemaError
from polex.store.runs import Provenance
from tests.api_samples import samples


def _columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
        " ORDER BY ordinal_position", [table]
    ).fetchall()
    return [str(row[0]) for row in rows]


def _downgrade_to_version_2(db: Path) -> None:
    """Lay the file out as schema version 2 did: no runs table, no run_id columns."""
    with duckdb.connect(str(db)) as conn:
        conn.execute("DROP TABLE runs")
        conn.execute("DROP INDEX events_content_hash")  # DuckDB: no column dropped under it
        conn.execute("ALTER TABLE events DROP COLUMN run_id")
        conn.execute("CREATE INDEX events_content_hash ON events (content_hash)")
        conn.execute("ALTER TABLE articles DROP COLUMN run_id")
        conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")


def _downgrade_to_version_1(db: Path) -> None:
    _downgrade_to_version_2(db)
    with duckdb.connect(str(db)) as conn:
        conn.execute("DROP TABLE duplicates")
        conn.execute("DROP TABLE article_bands")
        conn.execute("ALTER TABLE articles DROP COLUMN minhash")
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")


@pytest.fixture
def version_2_store(tmp_path: Path) -> Path:
    """A store of schema version 2 holding the Kenya article and its three events."""
    db = tmp_path / "events.duckdb"
    with EventStore(db) as store:
        store.add_article(*samples()["kenya"])
    _downgrade_to_version_2(db)
    return db


def test_store_runs_new_store_has_runs_and_run_ids(tmp_path: Path) -> None:
    with EventStore(tmp_path / "events.duckdb") as store:
        conn = store.connection
        assert SCHEMA_VERSION == "4"
        assert _columns(conn, "runs")[:2] == ["run_id", "command"]
        assert _columns(conn, "events")[-1] == "run_id"
        assert _columns(conn, "articles")[-1] == "run_id"


def test_store_runs_version_2_is_upgraded_when_opened_for_writing(
        version_2_store: Path) -> None:
    with EventStore(version_2_store) as store:
        version = store.connection.execute("SELECT value FROM meta").fetchone()
        run_ids = store.connection.execute("SELECT run_id FROM events").fetchall()
        runs = store.connection.execute("SELECT count(*) FROM runs").fetchone()
    assert version == ("4",)
    assert run_ids == [(None,)] * 3 and runs == (0,)


def test_store_runs_version_2_read_only_says_how_to_upgrade(version_2_store: Path) -> None:
    with pytest.raises(StoreSchemaError, match="'2'.*open it once for writing"):
        EventStore(version_2_store, read_only=True)


def test_store_runs_version_1_is_upgraded_through_2_to_3(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    with EventStore(db) as store:
        store.add_article(*samples()["chile"])
    _downgrade_to_version_1(db)
    with EventStore(db) as store:
        version = store.connection.execute("SELECT value FROM meta").fetchone()
        added = [_columns(store.connection, table)[0] for table in ("duplicates", "runs")]
        columns = _columns(store.connection, "articles")
    assert version == ("4",) and added == ["content_hash", "run_id"]
    assert columns[-2:] == ["minhash", "run_id"]


def test_store_runs_events_from_before_the_upgrade_are_not_new_since_a_run(
        version_2_store: Path) -> None:
    articles = samples()
    with EventStore(version_2_store) as store:
        first = store.start_run(Provenance.uncoded("load"))
        store.add_article(*articles["chile"], run_id=first)
        second = store.start_run(Provenance.uncoded("load"))
        store.add_article(*articles["odesa"], run_id=second)
        new = store.query_events(new_since=first)
    assert [record["article_id"] for record in new] == [articles["odesa"][0].id]
