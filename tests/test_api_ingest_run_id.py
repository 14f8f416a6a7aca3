"""POST /ingest answers with the id of the run it stored the articles as: the run GET /runs
lists, which new_since takes to fetch only what later requests stored. Codes real
articles (loads the spaCy model)."""

from __future__ import annotations

from pathlib import Path

from tests.api_ingest_samples import AUTH, CHILE, KENYA, empty_store, ingest_client


def test_api_ingest_answers_with_the_run_it_created(tmp_path: Path) -> None:
    client = ingest_client(empty_store(tmp_path))
    first = client.post("/ingest", json=KENYA, headers=AUTH)
    second = client.post("/ingest", json=CHILE, headers=AUTH)
    assert first.status_code == second.status_code == 200, (first.text, second.text)
    runs = [run["run_id"] for run in client.get("/runs").json()["runs"]]
    assert [first.json()["run_id"], second.json()["run_id"]] == runs
    newer = client.get("/events", params={"new_since": first.json()["run_id"]}).json()
    assert {event["article_id"] for event in newer["events"]} == {CHILE["id"]}
    assert len(newer["events"]) == second.json()["events"] > 0
