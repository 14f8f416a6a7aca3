"""Columns the store derives from each event when it stores it: the event_key numbering
the events in the order stored, the location's coordinates, and the entity codes of each
role: all of them in order (the codes of the event_entities rows) and the distinct ones
that are not NULL."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from polex.store import EventStore
from tests.api_samples import build_store
from tests.store_samples import KENYAN_POLICE, kenya_article, kenya_events


def test_store_derived_columns_match_the_records_and_entities(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    records = {record["id"]: record for record in build_store(path).values()}
    with EventStore(path, read_only=True) as store:
        rows = store.connection.execute(
            "SELECT e.id, e.lat, e.lon, e.actor_codes, e.recipient_codes, e.actor_set,"
            " e.recipient_set,"
            " (SELECT list(x.code ORDER BY x.position) FROM event_entities x"
            "  WHERE x.event_id = e.id AND x.role = 'actor'),"
            " (SELECT list(x.code ORDER BY x.position) FROM event_entities x"
            "  WHERE x.event_id = e.id AND x.role = 'recipient')"
            " FROM events e").fetchall()
    assert len(rows) == len(records)
    for (event_id, lat, lon, actors, recipients, actor_set, recipient_set, entity_actors,
         entity_recipients) in rows:
        place = records[event_id]["event_loc"]
        assert (lat, lon) == ((place["lat"], place["lon"]) if place else (None, None))
        assert actors == (entity_actors or []) and recipients == (entity_recipients or [])
        assert sorted(actor_set) == sorted({code for code in actors if code is not None})
        assert sorted(recipient_set) == sorted({code for code in recipients if code})


def test_store_code_sets_leave_out_repeated_and_missing_codes(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    article = kenya_article()
    [arrest, *_] = kenya_events(article)
    crowded = replace(arrest, actor=[KENYAN_POLICE, replace(KENYAN_POLICE, code=None),
                                     KENYAN_POLICE])
    with EventStore(path) as store:
        store.add_article(article, [crowded])
        rows = store.connection.execute(
            "SELECT actor_codes, actor_set FROM events").fetchall()
    assert rows == [(["KEN", None, "KEN"], ["KEN"])]


def test_store_event_keys_number_the_events_in_the_order_stored(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    build_store(path)
    with EventStore(path, read_only=True) as store:
        keys = store.connection.execute(
            "SELECT event_key FROM events ORDER BY rowid").fetchall()
    assert [key for (key,) in keys] == list(range(1, len(keys) + 1))
