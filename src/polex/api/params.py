"""Query parameters shared by the endpoints, turned into the store's EventQuery."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from polex.store.queries import EventQuery

CODE = "an entity code as polex codes it (country ISO alpha-3 such as RUS, or IGO, NGO...)"


def event_query(
    actor: Annotated[str | None, Query(description=f"Actor code: {CODE}.")] = None,
    recipient: Annotated[str | None, Query(description="Recipient code.")] = None,
    country: Annotated[
        str | None, Query(description="Code on either side: actor or recipient.")
    ] = None,
    event_type: Annotated[
        str | None, Query(alias="type", description="PLOVER event type, e.g. ASSAULT.")
    ] = None,
    mode: Annotated[str | None, Query(description="PLOVER mode, e.g. arrest.")] = None,
    quad: Annotated[
        int | None,
        Query(description="Quad class: 1 verbal cooperation, 2 material cooperation, "
              "3 verbal conflict, 4 material conflict."),
    ] = None,
    status: Annotated[
        str | None, Query(description="occurred, planned, possible or negated.")
    ] = None,
    min_confidence: Annotated[
        float | None, Query(description="Lowest confidence kept, 0..1.")
    ] = None,
    since: Annotated[
        str | None,
        Query(description="Earliest event date: 2024, 2024-06 or 2024-06-25. Dates are "
              "compared at the coarser precision; undated events are left out."),
    ] = None,
    until: Annotated[str | None, Query(description="Latest event date, as since.")] = None,
    q: Annotated[
        str | None,
        Query(description="Words that must all be words of the evidence sentence "
              "(whole words, any case)."),
    ] = None,
    bbox: Annotated[
        str | None,
        Query(description="minlon,minlat,maxlon,maxlat around the event location; "
              "minlon > maxlon crosses the antimeridian."),
    ] = None,
    new_since: Annotated[
        str | None,
        Query(description="A run id (polex runs lists them): only events stored by runs "
              "that started after that run, for fetching what is new since then."),
    ] = None,
) -> EventQuery:
    """The filters of a request; a bad value raises FilterError (answered with 422). Whether
    ``new_since`` names a run of the store is checked once the store is open."""
    return EventQuery.create(
        actor=actor, recipient=recipient, country=country, event_type=event_type, mode=mode,
        quad=quad, status=status, min_confidence=min_confidence, since=since, until=until,
        words=q, bbox=bbox, new_since=new_since,
    )
