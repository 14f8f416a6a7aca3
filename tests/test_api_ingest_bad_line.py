"""A JSON lines body with a broken line: the good articles are coded and stored, the bad
line is reported by its number with the reason (207), and recorded as a failure.
Codes real articles (loads the spaCy model)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.api_ingest_samples import (
    CHILE,
    JSON_LINES,
    KENYA,
    empty_store,
    ingest_client,
    json_lines,
    stored,
)


def test_api_ingest_bad_line_is_reported_and_the_good_ones_stored(tmp_path: Path) -> None:
    path = empty_store(tmp_path)
    body = json_lines(KENYA, '{"id": "no-text", "text": }', CHILE)
    response = ingest_client(path).post("/ingest", content=body, headers=JSON_LINES)
    assert response.status_code == 207, response.text
    result = response.json()
    assert {key: result[key] for key in ("received", "stored", "duplicates", "failed")} == {
        "received": 3, "stored": 2, "duplicates": 0, "failed": 1}
    assert result["events"] >= 2
    [failure] = result["failures"]
    assert failure["item"] == 2 and failure["id"] is None
    assert failure["reason"].startswith("invalid JSON: Expecting value")
    assert stored(path)["articles"] == 2
    with duckdb.connect(str(path), read_only=True) as connection:
        assert connection.execute("SELECT origin FROM failures").fetchall() == [
            ("POST /ingest:2",)]
        assert sorted(connection.execute("SELECT id, origin FROM articles").fetchall()) == [
            ("chile-visit", "POST /ingest:3"), ("kenya-arrests", "POST /ingest:1")]
