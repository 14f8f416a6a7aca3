"""GET /events/{id} and clustered listings: the evidence of an event, and the articles
that report the same event."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api_samples import Sample, labels_of, served_sample
from tests.store_samples import KENYA_TEXT


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    return served_sample(Path(tmp_path_factory.mktemp("api")) / "events.duckdb")


def test_api_events_detail_gives_the_sentence_and_trigger_offsets(sample: Sample) -> None:
    client, records = sample
    body = client.get(f"/events/{records['tear_gas']['id']}").json()
    evidence = body["evidence"]
    assert evidence["sentence"] == "Officers fired tear gas at crowds gathered near Parliament."
    assert KENYA_TEXT[evidence["trigger_start"]:evidence["trigger_end"]] == "fired tear gas"
    assert KENYA_TEXT[evidence["sentence_start"]:evidence["sentence_end"]] == (
        evidence["sentence"])
    assert body["event"] == records["tear_gas"]


def test_api_events_detail_gives_the_article_metadata(sample: Sample) -> None:
    client, records = sample
    article = client.get(f"/events/{records['shelling']['id']}").json()["article"]
    assert article["id"] == "kyiv-2024-05-19-kharkiv"
    assert article["title"] == "Shelling, then a prisoner exchange"
    assert article["source"] == "Example Kyiv Daily"
    assert article["url"] == "https://kyiv.example.net/kharkiv"
    assert article["published"] == "2024-05-19"
    assert "origin" not in article  # the server's file paths stay on the server


def test_api_events_detail_lists_the_other_articles_of_the_same_event(sample: Sample) -> None:
    client, records = sample
    body = client.get(f"/events/{records['arrest']['id']}").json()
    assert body["num_articles"] == 2
    [other] = body["other_reports"]
    assert other["event_id"] == records["wire_arrest"]["id"]
    assert other["article"]["source"] == "Example Wire"
    assert other["article"]["url"] == "https://wire.example.com/kenya-arrests"


def test_api_events_detail_event_reported_once_has_no_other_reports(sample: Sample) -> None:
    client, records = sample
    body = client.get(f"/events/{records['drones']['id']}").json()
    assert body["num_articles"] == 1 and body["other_reports"] == []


def test_api_events_clustered_gives_one_record_per_event_with_num_articles(
        sample: Sample) -> None:
    client, records = sample
    body = client.get("/events", params={"clustered": "true", "mode": "arrest"}).json()
    [event] = body["events"]
    assert event["num_articles"] == 2
    assert event["article_ids"] == ["nation-2024-06-25-protests",
                                    "wire-2024-06-26-kenya-arrests"]
    assert event["id"] == records["wire_arrest"]["id"]  # the more confident report


def test_api_events_clustered_pages_cover_every_cluster_once(sample: Sample) -> None:
    client, records = sample
    seen: list[dict[str, object]] = []
    cursor = None
    while True:
        params = {"clustered": "true", "limit": 5, **({"cursor": cursor} if cursor else {})}
        body = client.get("/events", params=params).json()
        seen += body["events"]
        if (cursor := body["next"]) is None:
            break
    assert len(seen) == len(records) - 1  # the two arrest reports are one event
    assert labels_of(seen, records) == set(records) - {"arrest"}


def test_api_events_clustered_csv_adds_the_article_count(sample: Sample) -> None:
    client, _ = sample
    text = client.get("/events", params={"clustered": "true", "format": "csv",
                                         "mode": "arrest"}).text
    header, row = text.splitlines()
    assert header.endswith(",num_articles,article_ids")
    assert row.endswith(",2,nation-2024-06-25-protests;wire-2024-06-26-kenya-arrests")


def test_api_events_plain_cursor_is_refused_in_clustered_mode(sample: Sample) -> None:
    client, _ = sample
    cursor = client.get("/events", params={"limit": 2}).json()["next"]
    response = client.get("/events", params={"limit": 2, "clustered": "true",
                                             "cursor": cursor})
    assert response.status_code == 400
