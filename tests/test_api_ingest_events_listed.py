"""Events stored by POST /ingest are then served by GET /events and GET /articles/{id},
with the metadata the body gave. Codes real articles (loads the spaCy model)."""

from __future__ import annotations

from pathlib import Path

from tests.api_ingest_samples import AUTH, CHILE, KENYA, empty_store, ingest_client


def test_api_ingest_events_listed_by_get_events(tmp_path: Path) -> None:
    client = ingest_client(empty_store(tmp_path))
    assert client.get("/events").json()["count"] == 0
    response = client.post("/ingest", json=[KENYA, CHILE], headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["stored"] == 2

    events = client.get("/events").json()["events"]
    assert {event["article_id"] for event in events} == {"kenya-arrests", "chile-visit"}
    assert len(events) == response.json()["events"]
    arrests = client.get("/events", params={"actor": "KEN", "type": "COERCE"}).json()
    [arrest] = arrests["events"]
    assert arrest["article_id"] == "kenya-arrests"
    assert arrest["date"] == "2024-06-25"  # "on Tuesday", before the publication date
    article = client.get("/articles/kenya-arrests").json()["article"]
    assert article["title"] == "Arrests in Nairobi"
    assert article["published"] == "2024-06-26"
