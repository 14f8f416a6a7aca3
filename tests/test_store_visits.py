"""Leaders' trips abroad (polex.store.visits) on a hand-made store of South Korean
presidents' trips (tests.visits_samples), with the knowledge base's real office terms."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from polex.actors.kb import KnowledgeBase
from polex.store import EventStore
from polex.store.queries import FilterError
from polex.store.visits import Trip, VisitFilter, first_destinations, period, visits
from tests.visits_samples import build_visits_store

# A user KB file that knows Yoon Suk Yeol as president with no dates (as an imported
# dictionary would): his term's start is then unknown.
UNDATED_YOON = (
    "person\taliases\tcode\toffice\tsector\tstart\tend\twikidata\tchecked\n"
    "Yoon Suk Yeol\tYoon|Yoon Suk-yeol\tKOR\tPresident\tGOV\t\t\t\ttest: no dates\n"
)


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = Path(tmp_path_factory.mktemp("visits")) / "events.duckdb"
    return path, build_visits_store(path)


@pytest.fixture
def conn(stored: tuple[Path, dict[str, str]]) -> Iterator[duckdb.DuckDBPyConnection]:
    with EventStore(stored[0], read_only=True) as store:
        yield store.connection


@pytest.fixture
def ids(stored: tuple[Path, dict[str, str]]) -> dict[str, str]:
    return stored[1]


def _of(trips: list[Trip], leader: str) -> list[Trip]:
    return [trip for trip in trips if trip.leader == leader]


def test_store_visits_lists_a_leaders_trips_in_date_order(
        conn: duckdb.DuckDBPyConnection) -> None:
    trips = _of(visits(conn), "Yoon Suk Yeol")
    assert [(t.date, t.destination) for t in trips] == [
        ("2022-06-28", "ESP"), ("2023-03-16", "JPN"), ("2023-05-19", "JPN")]


def test_store_visits_trip_carries_leader_office_and_evidence(
        conn: duckdb.DuckDBPyConnection, ids: dict[str, str]) -> None:
    trip = _of(visits(conn), "Shinzo Abe")[0]
    assert (trip.leader_id, trip.office, trip.country, trip.term_start) == (
        "Q132345", "Prime Minister", "JPN", "2012-12-26")
    assert trip.event_ids == (ids["moon_hosts_abe"],)
    assert trip.article_id == "wire-2018-02-09-moon-abe"
    assert trip.sentence.startswith("President Moon Jae-in hosted Japanese Prime Minister")


def test_store_visits_marks_the_first_trip_after_taking_office(
        conn: duckdb.DuckDBPyConnection) -> None:
    trips = _of(visits(conn), "Yoon Suk Yeol")
    assert [(t.first, t.days_in_office) for t in trips] == [
        ("after_taking_office", 49), (None, None), (None, None)]


def test_store_visits_meeting_at_home_is_not_a_trip(conn: duckdb.DuckDBPyConnection) -> None:
    moon = _of(visits(conn), "Moon Jae-in")
    assert [(t.date, t.destination) for t in moon] == [("2017-06-28", "USA")]


def test_store_visits_hosted_visit_counts_for_the_guest(
        conn: duckdb.DuckDBPyConnection) -> None:
    abe = _of(visits(conn), "Shinzo Abe")
    assert [(t.date, t.destination) for t in abe] == [("2018-02-09", "KOR")]


def test_store_visits_hosted_visit_without_place_sends_the_visitor(
        conn: duckdb.DuckDBPyConnection, ids: dict[str, str]) -> None:
    trips = visits(conn)
    tokyo = [t for t in trips if ids["kishida_hosts_yoon"] in t.event_ids]
    assert [(t.leader, t.destination) for t in tokyo] == [("Yoon Suk Yeol", "JPN")]


def test_store_visits_visit_without_place_goes_to_the_recipients_state(
        conn: duckdb.DuckDBPyConnection) -> None:
    park = _of(visits(conn), "Park Geun-hye")
    assert [(t.date, t.destination) for t in park] == [("2013-05-05", "USA")]


def test_store_visits_state_named_as_host_outranks_fellow_travellers(
        conn: duckdb.DuckDBPyConnection) -> None:
    scholz = _of(visits(conn), "Olaf Scholz")
    assert [(t.date, t.destination) for t in scholz] == [("2022-06-16", "UKR")]


def test_store_visits_reports_of_one_trip_are_one_trip(
        conn: duckdb.DuckDBPyConnection, ids: dict[str, str]) -> None:
    madrid = _of(visits(conn), "Yoon Suk Yeol")[0]
    assert madrid.event_ids == (ids["yoon_madrid"], ids["yoon_sanchez"], ids["yoon_june"])
    assert madrid.article_ids == ("wire-2022-06-28-yoon-madrid",
                                  "daily-2022-06-30-yoon-sanchez",
                                  "daily-2022-07-25-yoon-review")


def test_store_visits_reports_weeks_apart_are_two_trips(
        conn: duckdb.DuckDBPyConnection) -> None:
    japan = [t for t in _of(visits(conn), "Yoon Suk Yeol") if t.destination == "JPN"]
    assert [t.date for t in japan] == ["2023-03-16", "2023-05-19"]


def test_store_visits_window_joins_reports_further_apart(
        conn: duckdb.DuckDBPyConnection) -> None:
    japan = [t for t in _of(visits(conn, window_days=90), "Yoon Suk Yeol")
             if t.destination == "JPN"]
    assert [len(t.event_ids) for t in japan] == [2]


def test_store_visits_phone_call_is_not_a_trip(
        conn: duckdb.DuckDBPyConnection, ids: dict[str, str]) -> None:
    assert not [t for t in visits(conn) if ids["yoon_call"] in t.event_ids]


def test_store_visits_planned_visit_is_not_a_trip(
        conn: duckdb.DuckDBPyConnection, ids: dict[str, str]) -> None:
    assert not [t for t in visits(conn) if ids["yoon_washington"] in t.event_ids]


def test_store_visits_minister_is_not_a_leader(conn: duckdb.DuckDBPyConnection) -> None:
    assert not _of(visits(conn), "Park Jin")


def test_store_visits_office_held_by_someone_else_then_is_no_trip(
        conn: duckdb.DuckDBPyConnection) -> None:
    lee = _of(visits(conn), "Lee Myung-bak")
    assert [t.date for t in lee] == ["2008-04-15"]


def test_store_visits_first_destinations_follow_the_office_holders(
        conn: duckdb.DuckDBPyConnection) -> None:
    firsts = first_destinations(conn, "KOR", "President")
    assert [(f.holder, f.destination, f.date) for f in firsts if f.term_start >= "2008"] == [
        ("Lee Myung-bak", "USA", "2008-04-15"),
        ("Park Geun-hye", "USA", "2013-05-05"),
        ("Moon Jae-in", "USA", "2017-06-28"),
        ("Yoon Suk Yeol", "ESP", "2022-06-28"),
        ("Lee Jae-myung", None, None),
    ]


def test_store_visits_first_trip_lists_the_predecessors_first_destinations(
        conn: duckdb.DuckDBPyConnection) -> None:
    first = _of(visits(conn), "Yoon Suk Yeol")[0]
    assert [(p.holder, p.destination, p.days_in_office) for p in first.predecessors] == [
        ("Lee Myung-bak", "USA", 50), ("Park Geun-hye", "USA", 69),
        ("Moon Jae-in", "USA", 49)]


def test_store_visits_first_in_store_without_a_start_of_term(
        conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    undated = tmp_path / "undated.tsv"
    undated.write_text(UNDATED_YOON, encoding="utf-8")
    trips = _of(visits(conn, KnowledgeBase.load([undated])), "Yoon Suk Yeol")
    assert [(t.first, t.term_start, t.predecessors) for t in trips[:2]] == [
        ("in_store", None, ()), (None, None, ())]


def test_store_visits_filter_keeps_the_marks_of_the_whole_store(
        conn: duckdb.DuckDBPyConnection) -> None:
    since_2023 = visits(conn, where=VisitFilter.create(leader="Yoon", since="2023"))
    assert [(t.date, t.first) for t in since_2023] == [("2023-03-16", None),
                                                       ("2023-05-19", None)]


def test_store_visits_filter_by_destination(conn: duckdb.DuckDBPyConnection) -> None:
    to_korea = visits(conn, where=VisitFilter.create(destination="kor"))
    assert [(t.leader, t.destination) for t in to_korea] == [("Shinzo Abe", "KOR")]


def test_store_visits_filter_rejects_a_bad_date() -> None:
    with pytest.raises(FilterError) as raised:
        VisitFilter.create(until="2023-13")
    assert raised.value.parameter == "until"


def test_store_visits_period_of_a_month_ends_on_its_last_day() -> None:
    assert period("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
