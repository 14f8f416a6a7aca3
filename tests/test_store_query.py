"""EventStore.query_events: records as produced, filters, date ranges, order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from polex.store import EventStore
from tests.store_samples import fill, record_by_event

Filled = tuple[EventStore, list[dict[str, Any]]]


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[Filled]:
    with EventStore(tmp_path / "events.duckdb") as store:
        records = fill(store)
        yield store, records


def event_texts(records: list[dict[str, Any]]) -> list[str]:
    return [record["event_text"] for record in records]


def test_store_query_returns_records_exactly_as_produced(filled: Filled) -> None:
    store, records = filled
    stored = {record["id"]: record for record in store.query_events()}
    assert stored == {record["id"]: record for record in records}
    assert list(stored[records[0]["id"]]) == list(records[0])  # field order kept too


def test_store_query_orders_by_date_then_article_then_sentence(filled: Filled) -> None:
    store, _ = filled
    assert event_texts(store.query_events()) == [
        "visited",  # 2022
        "met",  # 2023-01-09
        "agreed to meet",  # 2023-03
        "arrested",  # 2024-06-25, sentence 0
        "fired tear gas",
        "condemned",
        "approved",  # no date
    ]


def test_store_query_actor_matches_any_member_of_the_list(filled: Filled) -> None:
    store, _ = filled
    assert event_texts(store.query_events(actor="ARG")) == ["agreed to meet"]
    assert event_texts(store.query_events(actor="chl")) == ["visited", "met", "agreed to meet"]


def test_store_query_recipient_filters_on_recipient_code(filled: Filled) -> None:
    store, _ = filled
    assert event_texts(store.query_events(recipient="ARG")) == ["visited", "met"]
    assert event_texts(store.query_events(actor="KEN", recipient="KEN")) == [
        "arrested",
        "fired tear gas",
        "condemned",
    ]
    assert store.query_events(actor="IGO", recipient="CHL") == []


def test_store_query_filters_by_event_type_and_status(filled: Filled) -> None:
    store, _ = filled
    assert event_texts(store.query_events(event_type="CONSULT")) == ["visited", "met"]
    assert event_texts(store.query_events(status="planned")) == ["agreed to meet"]
    assert store.query_events(event_type="AGREE", status="occurred") == []


def test_store_query_year_dated_event_lies_within_that_year(filled: Filled) -> None:
    store, _ = filled
    within = store.query_events(since="2022-01-01", until="2022-12-31")
    assert event_texts(within) == ["visited"]
    assert event_texts(store.query_events(since="2022-06-15", until="2022-06-15")) == ["visited"]
    assert event_texts(store.query_events(until="2022-01-01")) == ["visited"]


def test_store_query_month_and_day_ranges(filled: Filled) -> None:
    store, _ = filled
    assert event_texts(store.query_events(since="2023-02-01")) == [
        "agreed to meet",
        "arrested",
        "fired tear gas",
        "condemned",
    ]
    assert event_texts(store.query_events(since="2023-01-10", until="2023-02-28")) == []
    assert event_texts(store.query_events(since="2023-03-15", until="2023-03-20")) == [
        "agreed to meet"
    ]
    assert event_texts(store.query_events(since="2023", until=date(2023, 1, 9))) == ["met"]


def test_store_query_date_bounds_leave_out_undated_events(filled: Filled) -> None:
    store, _ = filled
    assert "approved" in event_texts(store.query_events())
    assert "approved" not in event_texts(store.query_events(since="1900"))
    assert "approved" not in event_texts(store.query_events(until="2100-12-31"))


def test_store_query_limit_keeps_the_first_in_order(filled: Filled) -> None:
    store, _ = filled
    assert event_texts(store.query_events(limit=2)) == ["visited", "met"]
    assert store.query_events(limit=0) == []


def test_store_query_rejects_malformed_date_bound(filled: Filled) -> None:
    store, _ = filled
    with pytest.raises(ValueError, match="ISO date"):
        store.query_events(since="24/06/2024")


def test_store_query_returns_plover_record_fields(filled: Filled) -> None:
    store, _ = filled
    loan = record_by_event(store.query_events(event_type="AID"), "approved")
    assert loan["amount"] == {"value": 750_000_000.0, "currency": "USD", "text": "$750 million"}
    assert loan["actor"][0]["code"] == "IGO"
    assert loan["date"] is None
