"""GET /events: cursor paging in a stable order, and cursors that cannot be used."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from polex.api.app import create_app
from polex.schema import Article, Event
from polex.store import EventStore
from tests.api_samples import KHARKIV_CIVILIANS, RUSSIAN_FORCES, Records, build_store
from tests.store_samples import make_event

Sample = tuple[TestClient, Records]


@pytest.fixture
def sample(tmp_path: Path) -> Sample:
    path = tmp_path / "events.duckdb"
    records = build_store(path)
    return TestClient(create_app(path)), records


def all_pages(client: TestClient, **params: Any) -> list[list[dict[str, Any]]]:
    pages: list[list[dict[str, Any]]] = []
    cursor = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        body = client.get("/events", params=query).json()
        pages.append(body["events"])
        cursor = body["next"]
        if cursor is None:
            return pages


def test_api_paging_walks_every_event_exactly_once(sample: Sample) -> None:
    client, records = sample
    pages = all_pages(client, limit=3)
    ids = [event["id"] for page in pages for event in page]
    assert [len(page) for page in pages] == [3, 3, 3, 3, 1]
    assert sorted(ids) == sorted(record["id"] for record in records.values())


def test_api_paging_orders_by_date_then_id_with_undated_last(sample: Sample) -> None:
    client, records = sample
    events = [event for page in all_pages(client, limit=4) for event in page]
    keys = [(event["date"] is None, event["date"] or "", event["id"]) for event in events]
    assert keys == sorted(keys)
    assert events[-1]["id"] == records["loan"]["id"]


def test_api_paging_with_a_filter_pages_through_the_filtered_events(sample: Sample) -> None:
    client, records = sample
    pages = all_pages(client, limit=1, country="KEN")
    assert len(pages) == 5
    assert {page[0]["id"] for page in pages} == {
        records[label]["id"] for label in ("arrest", "tear_gas", "condemn", "wire_arrest",
                                           "loan")}


def test_api_paging_cursor_goes_in_headers_for_csv(sample: Sample) -> None:
    client, _ = sample
    response = client.get("/events", params={"limit": 5, "format": "csv"})
    cursor = response.headers["x-next-cursor"]
    assert 'rel="next"' in response.headers["link"]
    following = client.get("/events", params={"limit": 5, "format": "csv", "cursor": cursor})
    first_ids = {line.split(",")[0] for line in response.text.splitlines()[1:]}
    next_ids = {line.split(",")[0] for line in following.text.splitlines()[1:]}
    assert len(first_ids) == len(next_ids) == 5 and not first_ids & next_ids


def test_api_paging_last_page_has_no_next_cursor(sample: Sample) -> None:
    client, _ = sample
    response = client.get("/events", params={"limit": 1000})
    assert response.json()["next"] is None
    assert "x-next-cursor" not in response.headers


LATE_TEXT = ("Russian forces shelled Sumy on Monday. "
             "Russian forces shelled Kherson on Tuesday.")


def late_events() -> tuple[Article, list[Event]]:
    """One event dated before the first page's end, one after it."""
    article = Article(id="late-report", text=LATE_TEXT, published=date(2024, 7, 2))
    return article, [
        make_event(article, 0, "Russian forces shelled Sumy", "shelled", "ASSAULT",
                   [RUSSIAN_FORCES], [KHARKIV_CIVILIANS], "2024-05-01", "day"),
        make_event(article, 1, "Russian forces shelled Kherson", "shelled", "ASSAULT",
                   [RUSSIAN_FORCES], [KHARKIV_CIVILIANS], "2024-07-01", "day"),
    ]


def test_api_paging_resumes_after_the_last_event_sent_when_events_are_added(
        sample: Sample, tmp_path: Path) -> None:
    client, records = sample
    first = client.get("/events", params={"limit": 2, "country": "UKR"}).json()
    article, events = late_events()
    with EventStore(tmp_path / "events.duckdb") as store:  # an ingest between two pages
        store.add_article(article, events)
    rest = client.get("/events", params={"limit": 10, "country": "UKR",
                                         "cursor": first["next"]}).json()
    seen = [event["id"] for event in first["events"] + rest["events"]]
    original = {records[label]["id"] for label in
                ("shelling", "accuse", "exchange", "release", "drones")}
    assert len(seen) == len(set(seen))
    assert set(seen) == original | {events[1].id}  # the earlier one sorts before the cursor


def test_api_paging_rejects_a_cursor_made_for_other_filters(sample: Sample) -> None:
    client, _ = sample
    cursor = client.get("/events", params={"limit": 2}).json()["next"]
    response = client.get("/events", params={"limit": 2, "actor": "RUS", "cursor": cursor})
    assert response.status_code == 400
    assert "other filters" in response.json()["detail"]


def test_api_paging_rejects_a_cursor_it_did_not_make(sample: Sample) -> None:
    client, _ = sample
    response = client.get("/events", params={"cursor": "not-a-cursor"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "cursor"


def test_api_paging_limit_above_1000_is_refused_with_the_reason(sample: Sample) -> None:
    client, _ = sample
    response = client.get("/events", params={"limit": 1001})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"parameter": "limit", "reason": "Input should be less than or equal to 1000"}]
