from datetime import date, timedelta

import pytest

from polex.ingest import parse_published


def test_parse_published_reads_calendar_date() -> None:
    assert parse_published("2024-03-05") == date(2024, 3, 5)


def test_parse_published_keeps_date_of_iso_datetime_as_written() -> None:
    assert parse_published("2024-03-05T23:30:00-05:00") == date(2024, 3, 5)
    assert parse_published("2024-03-05T10:00:00Z") == date(2024, 3, 5)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2023-02-30", "not a real date"),
        ("1750-07-04", "before 1800"),
        ("March 5, 2024", "expected YYYY-MM-DD"),
        ("20240305", "expected YYYY-MM-DD"),
    ],
)
def test_parse_published_rejects_bad_values_with_reason(value: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_published(value)


def test_parse_published_rejects_dates_over_a_year_ahead() -> None:
    too_late = date.today() + timedelta(days=400)
    with pytest.raises(ValueError, match="more than a year after today"):
        parse_published(too_late.isoformat())
