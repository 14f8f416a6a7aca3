"""Command-line glue for the API and the store's counts: ``polex serve``, ``polex series``,
``polex dyads`` and ``polex visits``. The main CLI calls :func:`register`; the web
framework and server are imported only when ``serve`` runs."""

from __future__ import annotations

import csv
import ipaddress
import socket
import sys
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from polex.actors.kb import KnowledgeBase, default_kb
from polex.command_errors import fail, store_problems
from polex.config import EXIT_USAGE, Settings
from polex.ingest.limits import size_text
from polex.store import EventStore
from polex.store.aggregates import (
    SCORE_DESCRIPTION,
    DyadCount,
    Series,
    dyads,
    parse_dimensions,
    parse_interval,
    series,
)
from polex.store.queries import EventQuery, FilterError
from polex.store.visits import (
    DEFAULT_WINDOW_DAYS,
    FIRST_MARK_TEXT,
    FIRST_NOTE,
    FirstDestination,
    Trip,
    VisitFilter,
    visits,
)
from polex.terminal import escape_row, json_line, markup_safe, neutralize_row, plain

out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 160)
# The API's parameter names whose command-line option is spelled otherwise.
OPTION_NAMES = {"type": "--type", "q": "--words", "min_confidence": "--min-confidence"}
SCORE_NOTE = "mean event scale: mean PLOVER conflict-cooperation score (-10..+10)"
# How long polex serve keeps its store open after the last read request (seconds).
DEFAULT_KEEP_OPEN_SECONDS = 10.0


class IntervalName(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


Db = Annotated[str | None, typer.Option(help="DuckDB file (default: polex.duckdb).")]
Actor = Annotated[str | None, typer.Option(help="Actor code, e.g. RUS.")]
Recipient = Annotated[str | None, typer.Option(help="Recipient code.")]
Country = Annotated[str | None, typer.Option(help="Code on either side (actor or recipient).")]
EventType = Annotated[str | None, typer.Option("--type", help="PLOVER event type.")]
Mode = Annotated[str | None, typer.Option(help="PLOVER mode, e.g. arrest.")]
Quad = Annotated[int | None, typer.Option(help="Quad class 1-4 (verbal/material "
                                                "cooperation, verbal/material conflict).")]
Status = Annotated[str | None, typer.Option(help="occurred|planned|possible|negated")]
MinConfidence = Annotated[float | None, typer.Option(help="Lowest confidence kept (0-1).")]
Since = Annotated[str | None, typer.Option(help="Earliest event date.")]
Until = Annotated[str | None, typer.Option(help="Latest event date.")]
Words = Annotated[str | None, typer.Option(help="Words the evidence sentence must contain.")]
Bbox = Annotated[str | None, typer.Option(help="minlon,minlat,maxlon,maxlat of the event "
                                               "location.")]
Format = Annotated[TableFormat, typer.Option("--format", "-f")]
KbFiles = Annotated[
    list[Path] | None, typer.Option("--kb", help="Extra knowledge-base file (repeatable).")
]


def register(app: typer.Typer) -> None:
    """Add ``serve``, ``series``, ``dyads`` and ``visits`` to the polex command line."""
    app.command("serve")(serve_command)
    app.command("series")(series_command)
    app.command("dyads")(dyads_command)
    app.command("visits")(visits_command)


def _query(**filters: Any) -> EventQuery:
    """The filters as the store's EventQuery; a bad value is a usage error on its option."""
    try:
        return EventQuery.create(**filters)
    except FilterError as exc:
        option = OPTION_NAMES.get(exc.parameter, f"--{exc.parameter}")
        raise typer.BadParameter(exc.reason, param_hint=option) from exc


def _existing_store(db: str | None) -> str:
    return _store_path(_settings(db))


def _settings(db: str | None) -> Settings:
    try:
        return Settings.resolve(db=db)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


def _store_path(settings: Settings) -> str:
    if not Path(settings.db).is_file():
        raise fail(f"no store at {settings.db}: run polex ingest first", EXIT_USAGE)
    return settings.db


def _read(db: str) -> EventStore:
    """The store opened read-only; a store that cannot be used ends the command (exit 5)."""
    with store_problems(db):
        return EventStore(db, read_only=True)


def series_command(
    db: Db = None,
    interval: Annotated[IntervalName, typer.Option(help="Length of a period.")]
    = IntervalName.month,
    by: Annotated[str | None, typer.Option(help="Group by actor, recipient, type, quad or "
                                                "dyad (comma list).")] = None,
    actor: Actor = None, recipient: Recipient = None, country: Country = None,
    type: EventType = None, mode: Mode = None, quad: Quad = None, status: Status = None,
    min_confidence: MinConfidence = None, since: Since = None, until: Until = None,
    words: Words = None, bbox: Bbox = None,
    format: Format = TableFormat.table,
) -> None:
    """Events per day, week, month or year, with their mean PLOVER score."""
    query = _query(actor=actor, recipient=recipient, country=country, event_type=type,
                   mode=mode, quad=quad, status=status, min_confidence=min_confidence,
                   since=since, until=until, words=words, bbox=bbox)
    try:
        dimensions = parse_dimensions(by)
    except FilterError as exc:
        raise typer.BadParameter(exc.reason, param_hint="--by") from exc
    path = _existing_store(db)
    with _read(path) as store, store_problems(path):
        result = series(store.connection, query, parse_interval(interval.value), dimensions)
    _print_series(result, format)


def dyads_command(
    db: Db = None,
    since: Since = None, until: Until = None,
    limit: Annotated[int, typer.Option(min=1, help="Pairs listed.")] = 20,
    actor: Actor = None, recipient: Recipient = None, country: Country = None,
    type: EventType = None, mode: Mode = None, quad: Quad = None, status: Status = None,
    min_confidence: MinConfidence = None, words: Words = None, bbox: Bbox = None,
    format: Format = TableFormat.table,
) -> None:
    """The most active actor-recipient pairs, by quad class, with their balance."""
    query = _query(actor=actor, recipient=recipient, country=country, event_type=type,
                   mode=mode, quad=quad, status=status, min_confidence=min_confidence,
                   since=since, until=until, words=words, bbox=bbox)
    path = _existing_store(db)
    with _read(path) as store, store_problems(path):
        pairs = dyads(store.connection, query, limit)
    _print_dyads(pairs, format)


def visits_command(
    db: Db = None,
    leader: Annotated[str | None, typer.Option(help="A leader's name, alias or Wikidata "
                                                    "id, e.g. Boric.")] = None,
    country: Annotated[str | None, typer.Option(help="The leader's state, e.g. KOR.")] = None,
    destination: Annotated[str | None, typer.Option(help="Destination state, e.g. RUS.")]
    = None,
    since: Annotated[str | None, typer.Option(help="Earliest trip date.")] = None,
    until: Annotated[str | None, typer.Option(help="Latest trip date.")] = None,
    kb: KbFiles = None,
    window: Annotated[int, typer.Option(min=0, help="Days apart two reports of one trip "
                                                    "may be dated.")] = DEFAULT_WINDOW_DAYS,
    format: Format = TableFormat.table,
) -> None:
    """Heads of state and government's trips abroad in date order, each leader's first
    trip since taking office marked beside the first destinations of his or her
    predecessors."""
    knowledge = _knowledge_base(kb)
    try:
        where = VisitFilter.create(knowledge, leader=leader, country=country,
                                   destination=destination, since=since, until=until)
    except FilterError as exc:
        raise typer.BadParameter(exc.reason, param_hint=f"--{exc.parameter}") from exc
    path = _existing_store(db)
    with _read(path) as store, store_problems(path):
        trips = visits(store.connection, knowledge, where, window_days=window)
    _print_visits(trips, format)


def _knowledge_base(files: list[Path] | None) -> KnowledgeBase:
    knowledge = KnowledgeBase.load(files) if files else default_kb()
    for problem in knowledge.problems:
        err.print(f"[yellow]skipped[/yellow] {markup_safe(problem)}", highlight=False)
    return knowledge


def _first_text(trip: Trip) -> str:
    if trip.first is None:
        return ""
    text = FIRST_MARK_TEXT[trip.first]
    return text if trip.days_in_office is None else f"{text} (day {trip.days_in_office})"


def _destinations_text(firsts: tuple[FirstDestination, ...], joiner: str = "; ") -> str:
    """ "Moon Jae-in: USA 2017-06-28 (day 49)", one for each earlier holder."""
    return joiner.join(
        f"{first.holder}: {first.destination} {first.date}"
        + ("" if first.days_in_office is None else f" (day {first.days_in_office})")
        for first in firsts
    )


def _visit_row(trip: Trip) -> dict[str, Any]:
    """A trip as one flat row: lists joined with "|", predecessors as text."""
    row = asdict(trip)
    for name in ("event_ids", "article_ids"):
        row[name] = "|".join(row[name])
    row["predecessors"] = _destinations_text(trip.predecessors)
    return row


def _print_visits(trips: list[Trip], fmt: TableFormat) -> None:
    if fmt is TableFormat.json:
        sys.stdout.write(json_line({"note": FIRST_NOTE, "trips": [asdict(t) for t in trips]}))
    elif fmt is TableFormat.csv:
        _write_csv([_visit_row(trip) for trip in trips])
    else:
        out.print(_visits_table(trips))


def _visits_table(trips: list[Trip]) -> Table:
    leaders = len({(trip.leader, trip.country, trip.office) for trip in trips})
    table = Table(title=f"{len(trips)} trips abroad by {leaders} leaders",
                  caption=plain(FIRST_NOTE))
    for column in ("leader", "state", "date", "destination", "first trip (on record)",
                   "predecessors' first trips"):
        table.add_column(column)
    for trip in trips:
        table.add_row(plain(f"{trip.leader}\n{trip.office}"), plain(trip.country),
                      plain(trip.date), plain(trip.destination), plain(_first_text(trip)),
                      plain(_destinations_text(trip.predecessors, "\n")))
    return table


def _series_rows(result: Series) -> list[dict[str, Any]]:
    """Each point with the columns of the dimensions grouped by, in a fixed order."""
    grouped = {"actor", "recipient"} if "dyad" in result.by else set()
    grouped |= set(result.by) - {"dyad"}
    columns = ["period", "start", *(name for name in ("actor", "recipient", "type", "quad")
                                    if name in grouped), "events", "mean_event_scale"]
    return [{column: asdict(point)[column] for column in columns} for point in result.points]


def _print_series(result: Series, fmt: TableFormat) -> None:
    if fmt is TableFormat.json:
        body = {"interval": result.interval, "by": list(result.by), "score": SCORE_DESCRIPTION,
                "left_out": result.left_out, "series": [asdict(p) for p in result.points]}
        sys.stdout.write(json_line(body))
        return
    rows = _series_rows(result)
    if fmt is TableFormat.csv:
        _write_csv(rows)
        return
    title = f"events per {result.interval}" + (f" by {', '.join(result.by)}" if result.by else "")
    caption = f"{SCORE_NOTE}; left out (no date at that precision): {result.left_out}"
    out.print(_table(title, rows, caption))


def _print_dyads(pairs: list[DyadCount], fmt: TableFormat) -> None:
    rows = [asdict(pair) for pair in pairs]
    if fmt is TableFormat.json:
        sys.stdout.write(json_line({"dyads": rows}))
    elif fmt is TableFormat.csv:
        _write_csv(rows)
    else:
        caption = "balance: (cooperation - conflict) / events; " + SCORE_NOTE
        out.print(_table(f"{len(rows)} most active dyads", rows, caption))


def _table(title: str, rows: list[dict[str, Any]], caption: str) -> Table:
    table = Table(title=plain(title), caption=plain(caption))
    for column in rows[0] if rows else ():
        table.add_column(column.replace("_", " "))
    for row in rows:
        table.add_row(*(plain("" if value is None else value) for value in row.values()))
    return table


def _write_csv(rows: list[dict[str, Any]]) -> None:
    """CSV on standard output: formula cells neutralized; on a terminal, controls escaped."""
    if not rows:
        return
    terminal = sys.stdout.isatty()
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        safe = neutralize_row(row)
        writer.writerow(escape_row(safe) if terminal else safe)


def serve_command(
    db: Db = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: any free port).")]
    = 8000,
    window: Annotated[int, typer.Option(min=0, help="Days apart two reports of one event "
                                                    "may be dated (clustered listings).")]
    = 2,
    keep_open: Annotated[float, typer.Option(
        min=0, help="Keep the store open between read requests until the server has been "
        "idle this many seconds (several times faster than opening it per request). A "
        "polex ingest into the same file asks the server to let go and waits for it; "
        "reads are answered 503 (busy) while it writes. 0: open the store per request, "
        "so other programs can write to it between requests.")]
    = DEFAULT_KEEP_OPEN_SECONDS,
) -> None:
    """Serve the store over HTTP (FastAPI; the description is at /openapi.json): reads,
    and POST /ingest when an API token is set (POLEX_API_TOKEN)."""
    settings = _settings(db)
    path = _store_path(settings)
    _read(path).close()  # a store that cannot be read is refused before listening
    import uvicorn

    from polex.api.app import create_app

    listener = _listen(host, port)
    bound = listener.getsockname()[1]
    err.print(f"serving {markup_safe(path)} on http://{markup_safe(host)}:{bound} "
              f"(API description at /docs and /openapi.json)", highlight=False)
    if settings.api_token is None:
        err.print("POST /ingest is off (read-only): set POLEX_API_TOKEN to turn it on",
                  highlight=False)
    else:
        err.print("POST /ingest is on: requests must send 'Authorization: Bearer <token>' "
                  f"(at most {size_text(settings.api_max_body_bytes)} a body)",
                  highlight=False)
    if not _is_loopback(host):
        err.print("[yellow]note[/yellow] the read endpoints have no authentication: anyone "
                  f"who can reach {markup_safe(host)}:{bound} can read the store",
                  highlight=False)
        if settings.api_token is not None:
            err.print("[yellow]note[/yellow] plain HTTP: the token crosses the network "
                      "unencrypted; put a TLS proxy in front", highlight=False)
    app = create_app(path, window_days=window, settings=settings, keep_open_seconds=keep_open)
    config = uvicorn.Config(app, log_level="info")
    uvicorn.Server(config).run(sockets=[listener])


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to host:port, so a port in use is one clear line, not a traceback."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        listener = socket.create_server((host, port), family=family)
    except OSError as exc:
        raise fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}", EXIT_USAGE) from exc
    # Connections accepted inherit it: a response's headers and body, written apart, then
    # leave at once instead of waiting for the client's delayed acknowledgement (about
    # 40 ms a request).
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return listener


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False

