"""Posting the same articles again stores nothing new: each is a duplicate by its text's
content hash, and is not coded again. Codes a real article (loads the spaCy model)."""

from __future__ import annotations

from pathlib import Path

from tests.api_ingest_samples import AUTH, KENYA, empty_store, ingest_client, stored


def test_api_ingest_repost_stores_nothing_new(tmp_path: Path) -> None:
    path = empty_store(tmp_path)
    client = ingest_client(path)
    first = client.post("/ingest", json=KENYA, headers=AUTH)
    assert first.status_code == 200, first.text
    assert first.json()["stored"] == 1
    counts = stored(path)
    events = client.get("/events").json()["events"]

    again = client.post("/ingest", json=[KENYA, {**KENYA, "id": "same-text-other-id"}],
                        headers=AUTH)
    assert again.status_code == 200, again.text
    answer = again.json()
    assert answer.pop("run_id") != first.json()["run_id"]
    assert answer == {"received": 2, "stored": 0, "duplicates": 2,
                      "near_duplicates": 0, "failed": 0, "events": 0,
                      "failures": [], "notices": []}
    assert stored(path) == counts
    assert client.get("/events").json()["events"] == events
