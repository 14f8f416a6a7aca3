"""Errors are JSON with a reason: 404 for unknown ids, 422 for bad parameters, 503 for a
store that cannot be read; the OpenAPI description lists the endpoints."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from polex.api.app import create_app
from tests.api_samples import build_store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = Path(tmp_path_factory.mktemp("api")) / "events.duckdb"
    build_store(path)
    return TestClient(create_app(path))


def problem(client: TestClient, url: str, status: int, **params: str) -> dict[str, object]:
    response = client.get(url, params=params)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, object] = response.json()
    return body


def test_api_errors_unknown_event_id_is_404_with_the_id(client: TestClient) -> None:
    body = problem(client, "/events/polex-0000000000000000", 404)
    assert body["detail"] == "no event with id 'polex-0000000000000000'"


def test_api_errors_unknown_article_id_is_404(client: TestClient) -> None:
    body = problem(client, "/articles/no-such-article", 404)
    assert body["detail"] == "no article with id 'no-such-article'"


def test_api_errors_impossible_date_names_the_parameter(client: TestClient) -> None:
    body = problem(client, "/events", 422, since="2024-02-30")
    assert body["errors"] == [{"parameter": "since", "reason":
                               "expected an ISO date like 2017, 2017-03 or 2017-03-05, "
                               "got '2024-02-30'"}]


def test_api_errors_since_after_until_is_refused(client: TestClient) -> None:
    body = problem(client, "/events", 422, since="2024-06-01", until="2024-05-31")
    assert body["detail"] == "since: since 2024-06-01 is after until 2024-05-31"


def test_api_errors_malformed_bbox_says_what_is_expected(client: TestClient) -> None:
    body = problem(client, "/events", 422, bbox="36,-2,37")
    assert body["detail"] == "bbox: expected minlon,minlat,maxlon,maxlat, got '36,-2,37'"


def test_api_errors_latitude_out_of_range_is_refused(client: TestClient) -> None:
    body = problem(client, "/events", 422, bbox="0,-95,10,10")
    assert body["detail"] == "bbox: latitudes must lie within -90..90"


def test_api_errors_unknown_type_lists_the_plover_types(client: TestClient) -> None:
    body = problem(client, "/events", 422, type="BOMBING")
    assert str(body["detail"]).startswith("type: unknown PLOVER event type 'BOMBING'; one of AGREE")


def test_api_errors_quad_outside_1_to_4_is_refused(client: TestClient) -> None:
    body = problem(client, "/series", 422, quad="5")
    assert body["detail"] == "quad: quad class must be 1, 2, 3 or 4, got 5"


def test_api_errors_non_numeric_confidence_is_refused(client: TestClient) -> None:
    body = problem(client, "/events", 422, min_confidence="high")
    assert body["errors"] == [{"parameter": "min_confidence", "reason":
                               "Input should be a valid number, unable to parse string as a "
                               "number"}]


def test_api_errors_unknown_series_grouping_names_the_choices(client: TestClient) -> None:
    body = problem(client, "/series", 422, by="outlet")
    assert body["detail"] == ("by: cannot group by outlet; choose from actor, recipient, "
                              "type, quad, dyad")


def test_api_errors_unknown_path_is_json_404(client: TestClient) -> None:
    assert problem(client, "/nothing-here", 404)["detail"] == "Not Found"


def test_api_errors_store_that_cannot_be_read_is_503_without_its_path(
        tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    build_store(path)
    client = TestClient(create_app(path))
    path.write_bytes(b"this is not a DuckDB file" * 200)
    body = problem(client, "/health", 503)
    assert body["detail"] == ("the event store cannot be read: it is not a DuckDB "
                              "database file")


def test_api_errors_openapi_describes_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {"/events", "/events/{event_id}", "/series", "/dyads",
                                  "/actors", "/articles/{article_id}", "/health", "/ingest",
                                  "/visits", "/runs"}
    parameters = {p["name"] for p in spec["paths"]["/events"]["get"]["parameters"]}
    assert {"actor", "country", "type", "q", "bbox", "cursor", "format", "clustered"} <= (
        parameters)
