"""GET /health, /actors and /articles/{id}: what the store holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from polex import __version__
from polex.api.app import create_app
from polex.schema import Article
from polex.store import SCHEMA_VERSION, EventStore
from tests.api_samples import Records, build_store

Sample = tuple[TestClient, Records]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    path = Path(tmp_path_factory.mktemp("api")) / "events.duckdb"
    records = build_store(path)
    with EventStore(path) as store:
        store.record_failure("articles/empty.txt", "no text")
    return TestClient(create_app(path)), records


def test_api_store_info_health_counts_articles_and_events(sample: Sample) -> None:
    client, _ = sample
    assert client.get("/health").json() == {
        "status": "ok",
        "polex_version": __version__,
        "supported_schema_version": SCHEMA_VERSION,
        "read_only": True,
        "store": {"schema_version": SCHEMA_VERSION, "articles": 6, "events": 13,
                  "failures": 1, "near_duplicates": 0},
    }


def test_api_store_info_actors_counts_events_per_code_and_role(sample: Sample) -> None:
    client, _ = sample
    actors = client.get("/actors").json()["actors"]
    assert actors[0] == {"code": "KEN", "events": 5, "as_actor": 4, "as_recipient": 5}
    assert [a["code"] for a in actors] == ["KEN", "RUS", "UKR", "ARG", "CHL", "IGO"]


def test_api_store_info_actors_prefix_filter_ignores_case(sample: Sample) -> None:
    client, _ = sample
    actors = client.get("/actors", params={"q": "u"}).json()["actors"]
    assert actors == [{"code": "UKR", "events": 5, "as_actor": 3, "as_recipient": 2}]


def test_api_store_info_article_lists_its_events_in_text_order(sample: Sample) -> None:
    client, records = sample
    body = client.get("/articles/kyiv-2024-05-19-kharkiv").json()
    assert body["article"]["title"] == "Shelling, then a prisoner exchange"
    assert body["article"]["n_events"] == 4
    assert [e["id"] for e in body["events"]] == [
        records[label]["id"] for label in ("shelling", "accuse", "exchange", "release")]


def test_api_store_info_article_id_shared_by_two_texts_asks_for_the_hash(
        tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    with EventStore(path) as store:
        for text in ("The ministry issued a statement.", "The ministry issued a correction."):
            store.add_article(Article(id="ministry-update", text=text), [])
    client = TestClient(create_app(path))
    response = client.get("/articles/ministry-update")
    assert response.status_code == 409
    assert "ask for one by its content hash" in response.json()["detail"]
    digest = Article(id="x", text="The ministry issued a correction.").content_hash
    assert client.get(f"/articles/{digest}").json()["article"]["content_hash"] == digest
