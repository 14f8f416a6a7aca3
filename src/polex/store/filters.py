"""The base of the WHERE clause of event queries and exports (EventQuery adds the rest),
always parameterized."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypedDict

ISO_DATE_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class EventFilters(TypedDict, total=False):
    """Keyword filters accepted by EventStore.query_events and EventStore.export, checked
    and applied as polex.store.queries.EventQuery applies them."""

    actor: str | None
    recipient: str | None
    event_type: str | None
    since: str | date | None
    until: str | date | None
    status: str | None
    new_since: str | None  # a run id: only events stored by runs started after it
    limit: int | None


@dataclass(frozen=True)
class SqlFilter:
    where: str  # "" or " WHERE ..." ready to append
    params: list[Any]


def build_filter(
    actor: str | None = None,
    recipient: str | None = None,
    event_type: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    status: str | None = None,
) -> SqlFilter:
    """Conditions on the events table aliased `e`; each filter given narrows the result."""
    conditions: list[str] = []
    params: list[Any] = []
    for role, code in (("actor", actor), ("recipient", recipient)):
        if code:
            # The codes of the event's entities in that role (polex.store.derived).
            conditions.append(f"list_contains(e.{role}_set, ?)")
            params.append(code.strip().upper())
    if event_type:
        conditions.append("e.event = ?")
        params.append(event_type.strip().upper())
    if status:
        conditions.append("e.status = ?")
        params.append(status.strip().lower())
    for bound, operator in ((since, ">="), (until, "<=")):
        if bound is not None:
            condition = _date_condition(operator)
            conditions.append(condition)
            params += [iso_bound(bound)] * condition.count("?")
    where = " WHERE " + " AND ".join(conditions) if conditions else ""
    return SqlFilter(where, params)


def _date_condition(operator: str) -> str:
    # Compare at the coarser of the two precisions, so "2017" lies within
    # 2017-01-01..2017-12-31 and "2017-03-05" within since="2017".
    # A NULL date makes the comparison NULL, which excludes the event.
    shared = "least(length(e.date), length(CAST(? AS VARCHAR)))"
    return f"left(e.date, {shared}) {operator} left(CAST(? AS VARCHAR), {shared})"


def iso_bound(bound: str | date) -> str:
    if isinstance(bound, datetime):
        bound = bound.date()
    value = bound.isoformat() if isinstance(bound, date) else bound.strip()
    if not ISO_DATE_PREFIX.fullmatch(value) or not _is_calendar_date(value):
        raise ValueError(f"expected an ISO date like 2017, 2017-03 or 2017-03-05, got {bound!r}")
    return value


def _is_calendar_date(value: str) -> bool:
    """Whether a year, year-month or full date names a real day, month or year."""
    parts = [int(part) for part in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True
