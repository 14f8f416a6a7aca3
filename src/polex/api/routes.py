"""The read endpoints. Each opens the store for the request (``reading``): read-only, or
sharing the database of a POST /ingest that is writing to it (polex.api.access)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response

from polex import __version__
from polex.api.access import StoreAccess
from polex.api.cursor import key_cursor, offset_cursor, read_key, read_offset
from polex.api.formats import MEDIA_TYPES, EventFormat, render
from polex.api.models import (
    ActorsBody,
    DyadsBody,
    ErrorBody,
    EventPageBody,
    HealthBody,
    RunsBody,
    SeriesBody,
)
from polex.api.params import event_query
from polex.store.aggregates import (
    SCORE_DESCRIPTION,
    Interval,
    actors,
    dyads,
    parse_dimensions,
    series_json,
)
from polex.store.queries import (
    ArticleDetail,
    EventDetail,
    EventQuery,
    article_detail,
    clustered_page,
    event_detail,
    event_page,
    store_summary,
)
from polex.store.runs import list_runs
from polex.store.tables import SCHEMA_VERSION

MAX_LIMIT = 1000
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 404, 409, 422, 503)
}

router = APIRouter(responses=ERRORS)


@contextlib.contextmanager
def reading(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the app's store for one request, opened once the parameters are
    checked and closed before the response is sent: read-only, unless a POST /ingest is
    writing (then one that only reads, on the writer's database)."""
    state = request.app.state
    access = getattr(state, "store_access", None) or StoreAccess(state.db_path)
    with access.read() as connection:
        yield connection


@contextlib.contextmanager
def querying(request: Request, query: EventQuery) -> Iterator[duckdb.DuckDBPyConnection]:
    """``reading``, once the query's runs are checked against the store: a new_since
    naming no run of it is a bad parameter (422), not an empty answer."""
    with reading(request) as connection:
        query.check_runs(connection)
        yield connection


Filters = Annotated[EventQuery, Depends(event_query)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Events per page.")]


@router.get(
    "/events",
    response_model=EventPageBody,
    responses={200: {"content": {media: {} for media in MEDIA_TYPES.values()}}},
)
def list_events(
    request: Request,
    query: Filters,
    limit: Limit = 100,
    cursor: Annotated[
        str | None, Query(description="The `next` value of the previous page.")
    ] = None,
    format: Annotated[EventFormat, Query(description="json, csv, geojson (located events "
                                                     "only) or plover (JSON lines).")]
    = EventFormat.json,
    clustered: Annotated[
        bool, Query(description="One record per event, with num_articles reporting it.")
    ] = False,
) -> Response:
    """Events matching every filter given, ordered by date (undated last), then id."""
    if format is EventFormat.geojson:
        query = replace(query, located=True)
    window = request.app.state.window_days
    fingerprint = query.fingerprint(clustered, window if clustered else None)
    if clustered:
        offset = read_offset(cursor, fingerprint) if cursor else 0
        with querying(request, query) as connection:
            records, more = clustered_page(connection, query, limit, offset, window)
        next_cursor = offset_cursor(offset + limit, fingerprint) if more else None
    else:
        after = read_key(cursor, fingerprint) if cursor else None
        with querying(request, query) as connection:
            page = event_page(connection, query, limit, after)
        records = page.records
        next_cursor = key_cursor(page.after, fingerprint) if page.after else None
    return render(format, records, next_cursor, clustered, _paging(request, next_cursor))


def _paging(request: Request, next_cursor: str | None) -> dict[str, str]:
    if next_cursor is None:
        return {}
    url = request.url.include_query_params(cursor=next_cursor)
    return {"X-Next-Cursor": next_cursor, "Link": f'<{url}>; rel="next"'}


@router.get("/events/{event_id}", response_model=EventDetail)
def get_event(request: Request,
              event_id: Annotated[str, Path(description="The event's id, polex-…")]
              ) -> EventDetail:
    """The event with its evidence (sentence, trigger offsets in the article text), its
    article, and the other articles reporting the same event (its cluster)."""
    with reading(request) as connection:
        detail = event_detail(connection, event_id, request.app.state.window_days)
    if detail is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    return detail


@router.get("/series", response_model=SeriesBody)
def get_series(
    request: Request,
    query: Filters,
    interval: Annotated[Interval, Query(description="Length of a period.")] = "month",
    by: Annotated[
        list[str] | None,
        Query(description="Group by actor, recipient, type, quad or dyad (comma list or "
              "repeated)."),
    ] = None,
) -> Response:
    """Matching events per period and group, with the mean event_scale of each.

    ``mean_event_scale`` is the mean of PLOVER's conflict-cooperation score
    (``event_scale``, -10..+10, Goldstein-like) over the group's events. Events with no
    date, or a date coarser than the interval, are counted in ``left_out``.
    """
    dimensions = parse_dimensions(",".join(by or []))
    with querying(request, query) as connection:
        result = series_json(connection, query, interval, dimensions)
    # The points come as JSON from the database (a series can have tens of thousands of
    # them) and take the place of the empty list that ends the body's own JSON.
    head = SeriesBody(interval=result.interval, by=list(result.by), score=SCORE_DESCRIPTION,
                      left_out=result.left_out, series=[]).model_dump_json()
    empty_series = '[]}'
    return Response(head[:-len(empty_series)] + result.points + "}",
                    media_type="application/json")


@router.get("/dyads", response_model=DyadsBody)
def get_dyads(
    request: Request,
    query: Filters,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Pairs returned.")] = 20,
) -> DyadsBody:
    """The most active directed actor-recipient pairs among the matching events, with
    counts by quad class and balance = (cooperation - conflict) / events."""
    with querying(request, query) as connection:
        return DyadsBody(dyads=dyads(connection, query, limit))


@router.get("/actors", response_model=ActorsBody)
def get_actors(
    request: Request,
    q: Annotated[str | None, Query(description="Keep codes starting with this.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> ActorsBody:
    """Entity codes by the number of events naming them, as actor or recipient."""
    with reading(request) as connection:
        return ActorsBody(actors=actors(connection, q, limit))


@router.get("/runs", response_model=RunsBody)
def get_runs(request: Request) -> RunsBody:
    """Every ingest that wrote to the store, the first started first: polex version,
    model, hashes of the knowledge-base and rule files, settings, start, end and counts.
    A run's id is what ``new_since`` takes."""
    with reading(request) as connection:
        return RunsBody(runs=list_runs(connection))


@router.get("/articles/{article_id}", response_model=ArticleDetail)
def get_article(request: Request,
                article_id: Annotated[str, Path(description="Article id or content hash.")]
                ) -> ArticleDetail:
    """The article's metadata (not its text) and its events in text order."""
    with reading(request) as connection:
        detail = article_detail(connection, article_id)
    if detail is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return detail


@router.get("/health", response_model=HealthBody)
def health(request: Request) -> HealthBody:
    """The store's schema version and row counts, and polex's version."""
    with reading(request) as connection:
        summary = store_summary(connection)
    read_only = request.app.state.ingest.token is None  # POST /ingest is off
    return HealthBody(status="ok", polex_version=__version__,
                      supported_schema_version=SCHEMA_VERSION, read_only=read_only,
                      store=summary)
