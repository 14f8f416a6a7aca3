"""polex.store.queries and polex.store.aggregates: the filters, pages and counts the API
and the command line share, on a store opened read-only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest

from polex.store import EventStore
from polex.store.aggregates import actors, dyads, parse_dimensions, series, series_json
from polex.store.queries import (
    EventQuery,
    FilterError,
    PageKey,
    event_detail,
    event_page,
    matching_records,
)
from tests.api_samples import Records, build_store

Opened = tuple[EventStore, Records]


@pytest.fixture(scope="module")
def opened(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Opened]:
    path = Path(tmp_path_factory.mktemp("store")) / "events.duckdb"
    records = build_store(path)
    with EventStore(path, read_only=True) as store:
        yield store, records


def test_store_queries_create_normalizes_case_and_ignores_blank_values() -> None:
    query = EventQuery.create(actor=" rus ", event_type="assault", status="Occurred",
                              mode="Drone", recipient="", since="  ")
    assert query == EventQuery(actor="RUS", event_type="ASSAULT", status="occurred",
                               mode="drone")


def test_store_queries_create_splits_words_on_punctuation_once_each() -> None:
    assert EventQuery.create(words="Tear-gas, tear GAS!").words == ("tear", "gas")


def test_store_queries_create_refuses_unknown_mode_naming_the_parameter() -> None:
    with pytest.raises(FilterError) as caught:
        EventQuery.create(mode="carpet-bombing")
    assert caught.value.parameter == "mode"
    assert "unknown PLOVER mode 'carpet-bombing'" in caught.value.reason


def test_store_queries_create_refuses_confidence_above_one() -> None:
    with pytest.raises(FilterError, match="min_confidence: must lie within 0..1, got 1.5"):
        EventQuery.create(min_confidence=1.5)


def test_store_queries_fingerprint_changes_with_any_filter() -> None:
    base = EventQuery.create(actor="RUS")
    assert base.fingerprint() == EventQuery.create(actor="rus").fingerprint()
    assert base.fingerprint() != EventQuery.create(actor="RUS", quad=4).fingerprint()
    assert base.fingerprint(True) != base.fingerprint(False)


def test_store_queries_page_after_an_undated_key_stays_among_undated(opened: Opened) -> None:
    store, records = opened
    page = event_page(store.connection, EventQuery(), 10, PageKey(None, "polex-0"))
    assert [r["id"] for r in page.records] == [records["loan"]["id"]]
    assert page.after is None


def test_store_queries_page_key_is_the_last_record_when_more_follow(opened: Opened) -> None:
    store, records = opened
    page = event_page(store.connection, EventQuery.create(country="CHL"), 2)
    assert [r["id"] for r in page.records] == [records["visited"]["id"], records["met"]["id"]]
    assert page.after == PageKey("2023-01-09", records["met"]["id"])


def test_store_queries_matching_records_are_every_match_in_page_order(opened: Opened) -> None:
    store, records = opened
    ids = [r["id"] for r in matching_records(store.connection, EventQuery.create(quad=4))]
    pages = event_page(store.connection, EventQuery.create(quad=4), 100).records
    assert ids == [r["id"] for r in pages] and len(ids) == 5


def test_store_queries_event_detail_of_unknown_id_is_none(opened: Opened) -> None:
    store, _ = opened
    assert event_detail(store.connection, "polex-ffffffffffffffff") is None


def test_store_queries_series_with_nothing_matching_is_empty(opened: Opened) -> None:
    store, _ = opened
    result = series(store.connection, EventQuery.create(actor="FRA"), "month")
    assert result.points == [] and result.left_out == 0


@pytest.mark.parametrize(("interval", "by"), [
    ("month", ()), ("week", ("type", "quad")), ("day", ("dyad",)), ("year", ("recipient",))])
def test_store_queries_series_json_has_the_points_of_series(
        opened: Opened, interval: str, by: tuple[str, ...]) -> None:
    store, _ = opened
    grouping = parse_dimensions(",".join(by))
    objects = series(store.connection, EventQuery(), interval, grouping)  # type: ignore[arg-type]
    written = series_json(store.connection, EventQuery(), interval, grouping)  # type: ignore[arg-type]
    assert objects.points, "the sample store has events in every interval"
    assert json.loads(written.points) == [asdict(point) for point in objects.points]
    assert written.left_out == objects.left_out


def test_store_queries_series_json_with_nothing_matching_is_an_empty_list(
        opened: Opened) -> None:
    store, _ = opened
    written = series_json(store.connection, EventQuery.create(actor="FRA"), "month")
    assert written.points == "[]" and written.left_out == 0


def test_store_queries_dimensions_accept_a_comma_list_once_each() -> None:
    assert parse_dimensions("Dyad, type,dyad") == ("dyad", "type")
    assert parse_dimensions(None) == ()


def test_store_queries_dyads_leave_out_events_without_a_recipient(opened: Opened) -> None:
    store, _ = opened
    pairs = dyads(store.connection, EventQuery.create(event_type="AGREE"))
    assert [(p.actor, p.recipient) for p in pairs] == [("UKR", "RUS")]


def test_store_queries_actors_limit_keeps_the_most_named(opened: Opened) -> None:
    store, _ = opened
    assert [a.code for a in actors(store.connection, limit=1)] == ["KEN"]
