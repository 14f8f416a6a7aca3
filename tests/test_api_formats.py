"""GET /events in each format: json, csv, geojson and PLOVER JSON lines."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from polex.schema import validation_errors
from polex.store import FLAT_COLUMNS
from tests.api_samples import Sample, labels_of, served_sample


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    return served_sample(Path(tmp_path_factory.mktemp("api")) / "events.duckdb")


def test_api_formats_json_holds_the_stored_plover_records(sample: Sample) -> None:
    client, records = sample
    body = client.get("/events", params={"actor": "RUS"}).json()
    assert body["count"] == 2 and body["next"] is None
    assert body["events"] == [records["shelling"], records["drones"]]


def test_api_formats_csv_has_the_flat_export_header_and_one_row_per_event(
        sample: Sample) -> None:
    client, records = sample
    response = client.get("/events", params={"format": "csv", "country": "CHL"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == FLAT_COLUMNS
    assert [row["id"] for row in rows] == [records[label]["id"]
                                           for label in ("visited", "met", "agree")]
    assert rows[0]["actor_codes"] == "CHL" and rows[0]["mode"] == "visit"


def test_api_formats_geojson_has_features_only_for_located_events(sample: Sample) -> None:
    client, records = sample
    response = client.get("/events", params={"format": "geojson"})
    assert response.headers["content-type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection"
    located = {"arrest", "wire_arrest", "met", "shelling", "drones"}
    assert labels_of([f["properties"] for f in body["features"]], records) == located
    kharkiv = next(f for f in body["features"] if f["id"] == records["shelling"]["id"])
    assert kharkiv["geometry"] == {"type": "Point", "coordinates": [36.2304, 49.9935]}


def test_api_formats_geojson_pages_count_located_events(sample: Sample) -> None:
    client, _ = sample
    body = client.get("/events", params={"format": "geojson", "limit": 2}).json()
    assert len(body["features"]) == 2 and body["next"]


def test_api_formats_plover_lines_parse_as_valid_records(sample: Sample) -> None:
    client, records = sample
    response = client.get("/events", params={"format": "plover"})
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert len(lines) == len(records)
    assert all(validation_errors(line) == [] for line in lines)
    assert {line["id"] for line in lines} == {record["id"] for record in records.values()}


def test_api_formats_unknown_format_is_refused_with_the_choices(sample: Sample) -> None:
    client, _ = sample
    response = client.get("/events", params={"format": "xml"})
    assert response.status_code == 422
    assert "'json', 'csv', 'geojson' or 'plover'" in response.json()["detail"]
