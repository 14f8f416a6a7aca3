"""GET /events: each filter narrows the events to those it names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.api_samples import Sample, labels_of, served_sample


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    return served_sample(Path(tmp_path_factory.mktemp("api")) / "events.duckdb")


def labels(sample: Sample, **params: Any) -> set[str]:
    client, records = sample
    response = client.get("/events", params=params)
    assert response.status_code == 200, response.text
    return labels_of(response.json()["events"], records)


def test_api_filters_actor_keeps_events_whose_actor_has_the_code(sample: Sample) -> None:
    assert labels(sample, actor="rus") == {"shelling", "drones"}


def test_api_filters_recipient_keeps_events_whose_recipient_has_the_code(
        sample: Sample) -> None:
    assert labels(sample, recipient="RUS") == {"accuse", "exchange", "release"}


def test_api_filters_country_matches_either_side(sample: Sample) -> None:
    assert labels(sample, country="ARG") == {"met", "agree", "visited"}


def test_api_filters_type_keeps_one_plover_type(sample: Sample) -> None:
    assert labels(sample, type="assault") == {"tear_gas", "shelling", "drones"}


def test_api_filters_mode_keeps_events_with_that_mode(sample: Sample) -> None:
    assert labels(sample, mode="arrest") == {"arrest", "wire_arrest"}


def test_api_filters_quad_keeps_one_quad_class(sample: Sample) -> None:
    assert labels(sample, quad=2) == {"loan", "release"}


def test_api_filters_status_keeps_planned_events(sample: Sample) -> None:
    assert labels(sample, status="planned") == {"agree"}


def test_api_filters_min_confidence_drops_less_confident_events(sample: Sample) -> None:
    assert labels(sample, min_confidence=0.88) == {"wire_arrest", "shelling", "drones"}


def test_api_filters_since_and_until_bound_the_dates(sample: Sample) -> None:
    assert labels(sample, since="2024-05-18", until="2024-06-03") == {
        "exchange", "release", "drones"}


def test_api_filters_year_dated_event_lies_within_a_day_range_of_its_year(
        sample: Sample) -> None:
    assert labels(sample, since="2022-03-01", until="2022-03-31") == {"visited"}


def test_api_filters_q_matches_whole_words_in_any_case(sample: Sample) -> None:
    assert labels(sample, q="TEAR gas") == {"tear_gas"}
    assert labels(sample, q="tea") == set()


def test_api_filters_bbox_keeps_events_located_inside(sample: Sample) -> None:
    ukraine = "22,44,40,53"
    assert labels(sample, bbox=ukraine) == {"shelling", "drones"}


def test_api_filters_bbox_across_the_antimeridian_wraps_around(sample: Sample) -> None:
    # from 170°E eastwards to 60°W: the Pacific and Chile, not Africa or Europe
    assert labels(sample, bbox="170,-60,-60,0") == {"met"}


def test_api_filters_combine_with_and(sample: Sample) -> None:
    assert labels(sample, country="UKR", quad=4, since="2024-06") == {"drones"}
