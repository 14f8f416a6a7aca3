"""Publication dates given by the user or by input metadata."""

from __future__ import annotations

import re
from datetime import date, datetime

EARLIEST_YEAR = 1800

# A calendar date, optionally followed by an ISO 8601 time part ("T10:00:00Z").
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ].+)?")


def parse_published(value: str) -> date:
    """The calendar date of ``YYYY-MM-DD`` or an ISO 8601 datetime, as written.

    The date is kept as written in the value (no time-zone conversion). Raises
    ValueError, whose message says what is wrong, for other formats, impossible
    dates, years before 1800 and dates more than a year after today.
    """
    text = value.strip()
    if _ISO_DATE.fullmatch(text) is None:
        raise ValueError("expected YYYY-MM-DD or an ISO 8601 datetime")
    try:
        parsed = datetime.fromisoformat(text).date() if len(text) > 10 else date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"not a real date or time ({exc})") from None
    _check_plausible(parsed)
    return parsed


def _check_plausible(day: date) -> None:
    if day.year < EARLIEST_YEAR:
        raise ValueError(f"the year {day.year} is before {EARLIEST_YEAR}")
    if day > _one_year_from(date.today()):
        raise ValueError(f"{day.isoformat()} is more than a year after today")


def _one_year_from(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return date(day.year + 1, 3, 1)
