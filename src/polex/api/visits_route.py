"""``GET /visits``: leaders' trips abroad (polex.store.visits) over HTTP, with the filters
of ``polex visits``. Include ``router`` in the app beside the read endpoints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request

from polex.api.routes import ERRORS, reading
from polex.store.visits import DEFAULT_WINDOW_DAYS, FIRST_NOTE, Trip, VisitFilter, visits

router = APIRouter(responses=ERRORS)


@dataclass(frozen=True)
class VisitsBody:
    note: str
    trips: list[Trip]


@router.get("/visits", response_model=VisitsBody)
def get_visits(
    request: Request,
    leader: Annotated[str | None, Query(description="A leader's name, alias or Wikidata id."
                                        )] = None,
    country: Annotated[str | None, Query(description="The leader's state, e.g. KOR.")] = None,
    destination: Annotated[str | None, Query(description="Destination state, e.g. RUS.")]
    = None,
    since: Annotated[str | None, Query(description="Earliest trip date (ISO 8601).")] = None,
    until: Annotated[str | None, Query(description="Latest trip date (ISO 8601).")] = None,
) -> VisitsBody:
    """Heads of state and government's trips abroad from CONSULT and AGREE events, each
    leader's in date order; each first trip since taking office lists the first
    destinations of the office's earlier holders found in the store."""
    where = VisitFilter.create(leader=leader, country=country, destination=destination,
                               since=since, until=until)
    window = getattr(request.app.state, "window_days", DEFAULT_WINDOW_DAYS)
    with reading(request) as connection:
        trips = visits(connection, where=where, window_days=window)
    return VisitsBody(note=FIRST_NOTE, trips=trips)
