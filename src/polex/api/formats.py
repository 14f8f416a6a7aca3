"""The bodies of an event listing in each format the API offers.

json: ``{"events": [...], "count": n, "next": cursor}``; csv: the flat columns the CLI
writes (cells that start like a formula get a leading ``'``); geojson: a FeatureCollection
of Point features; plover: one PLOVER record per line, as ``polex export`` writes them.
The cursor of the next page is also sent in the ``X-Next-Cursor`` header (and a ``Link``
header), for the formats whose body has no place for it.
"""

from __future__ import annotations

import csv
import io
from enum import StrEnum
from typing import Any

from fastapi.responses import JSONResponse, Response

from polex.store.export import FLAT_COLUMNS, flatten_event
from polex.terminal import json_line, neutralize_row

Record = dict[str, Any]
CLUSTER_COLUMNS = ("num_articles", "article_ids")


class EventFormat(StrEnum):
    json = "json"
    csv = "csv"
    geojson = "geojson"
    plover = "plover"


MEDIA_TYPES = {
    EventFormat.json: "application/json",
    EventFormat.csv: "text/csv; charset=utf-8",
    EventFormat.geojson: "application/geo+json",
    EventFormat.plover: "application/x-ndjson",
}


def csv_body(records: list[Record], clustered: bool) -> str:
    """Flat rows with a header; clustered rows add how many articles report each event."""
    columns = FLAT_COLUMNS + (CLUSTER_COLUMNS if clustered else ())
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for record in records:
        row = flatten_event(record)
        if clustered:
            row["num_articles"] = record.get("num_articles")
            row["article_ids"] = ";".join(record.get("article_ids") or [])
        writer.writerow(neutralize_row(row))
    return stream.getvalue()


def feature(record: Record) -> Record:
    """A GeoJSON Point feature at the event's location; the record is its properties."""
    location = record["event_loc"]
    return {
        "type": "Feature",
        "id": record["id"],
        "geometry": {"type": "Point", "coordinates": [location["lon"], location["lat"]]},
        "properties": record,
    }


def _located(record: Record) -> bool:
    location = record.get("event_loc") or {}
    return location.get("lat") is not None and location.get("lon") is not None


def geojson_body(records: list[Record], next_cursor: str | None) -> Record:
    return {
        "type": "FeatureCollection",
        "features": [feature(record) for record in records if _located(record)],
        "next": next_cursor,
    }


def plover_body(records: list[Record]) -> str:
    return "".join(json_line(record) for record in records)


def render(fmt: EventFormat, records: list[Record], next_cursor: str | None,
           clustered: bool, headers: dict[str, str]) -> Response:
    """The response of one page in ``fmt``, with the paging ``headers``."""
    media = MEDIA_TYPES[fmt]
    if fmt is EventFormat.json:
        body = {"events": records, "count": len(records), "next": next_cursor}
        return JSONResponse(body, headers=headers, media_type=media)
    if fmt is EventFormat.geojson:
        return JSONResponse(geojson_body(records, next_cursor), headers=headers,
                            media_type=media)
    text = csv_body(records, clustered) if fmt is EventFormat.csv else plover_body(records)
    return Response(text, headers=headers, media_type=media)
