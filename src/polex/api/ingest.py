"""POST /ingest: articles sent in the request body are coded and stored, as ``polex ingest``
stores them.

The endpoint is off unless the server has a token (POLEX_API_TOKEN or ``api_token``), and
then answers only requests that send it as ``Authorization: Bearer <token>``. The body is
one article object, a JSON array of them, or JSON lines; each item is read by the readers
of .jsonl files, so a bad one is reported with its reason and the others go through. The
body is read up to ``api_max_body_bytes``; the spaCy pipeline is loaded by the first
request that has an article to code, once per process.
"""

from __future__ import annotations

import hmac
import io
import json
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import duckdb
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from polex.api.access import StoreAccess, store_reason
from polex.api.models import ArticleIn, ErrorBody, IngestBody, ItemNote, ItemProblem
from polex.config import Settings
from polex.ingest import DEFAULT_LIMITS, parse_published
from polex.ingest.jsonl import (
    TOO_DEEP_REASON,
    numbered_binary_lines,
    read_json_values,
    read_jsonl_lines,
)
from polex.ingest.limits import size_text
from polex.ingest.sanitize import sanitized_items
from polex.schema import Article, IngestFailure, IngestNotice
from polex.store import StoreError
from polex.store.queries import FilterError
from polex.store.runs import Provenance
from polex.storing import Item, Reports, described, ingest_run

if TYPE_CHECKING:
    from polex.pipeline import Pipeline

# The origin of a body's items, in the store and in messages: "POST /ingest:3" is item 3.
ORIGIN = "POST /ingest"
JSON_TYPES = frozenset({"application/json"})
JSON_LINES_TYPES = frozenset({"application/x-ndjson", "application/jsonl"})
ALL_ITEMS = 200  # every item went through
SOME_FAILED = 207  # some items failed (listed); the others went through
TURN_ON = ("set POLEX_API_TOKEN (or api_token under [tool.polex]) where polex serve runs, "
           "restart it, and send the token as 'Authorization: Bearer <token>'")

router = APIRouter()


@dataclass(frozen=True)
class IngestConfig:
    """What the endpoint needs of the server's settings; None for no token (off)."""

    token: bytes | None = field(repr=False)
    max_body_bytes: int

    @classmethod
    def of(cls, settings: Settings) -> IngestConfig:
        token = settings.api_token.encode("utf-8") if settings.api_token else None
        return cls(token, settings.api_max_body_bytes)


def _problem(status: int, detail: str, headers: dict[str, str] | None = None) -> HTTPException:
    return HTTPException(status, detail, headers=headers)


def _authorize(request: Request, config: IngestConfig) -> None:
    """Refuse the request unless the endpoint is on and it carries the server's token."""
    if config.token is None:
        raise _problem(403, f"POST /ingest is off on this server: to turn it on, {TURN_ON}")
    scheme, _, presented = request.headers.get("authorization", "").strip().partition(" ")
    if scheme.lower() != "bearer" or not presented.strip():
        raise _problem(401, "POST /ingest needs the server's token: send "
                       "'Authorization: Bearer <token>'", {"WWW-Authenticate": "Bearer"})
    # Headers arrive as latin-1: these are the bytes that were sent.
    if not hmac.compare_digest(presented.strip().encode("latin-1"), config.token):
        raise _problem(401, "the bearer token is not the server's token",
                       {"WWW-Authenticate": 'Bearer error="invalid_token"'})


def _body_kind(request: Request) -> str:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media in JSON_TYPES:
        return "json"
    if media in JSON_LINES_TYPES:
        return "jsonl"
    accepted = ", ".join(sorted(JSON_TYPES | JSON_LINES_TYPES))
    raise _problem(415, f"unsupported Content-Type {media or '(none)'!r}: send one of "
                   f"{accepted}")


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused (413) past ``limit`` bytes: up front by its Content-Length, else
    as soon as the stream passes the limit, without holding more than that."""
    too_large = _problem(413, f"the body is larger than {size_text(limit)} "
                         f"(api_max_body_bytes); send the articles in smaller requests")
    length = request.headers.get("content-length")
    if length is not None:
        if not (length.strip().isascii() and length.strip().isdigit()):
            raise _problem(400, f"invalid Content-Length {length!r}")
        if int(length) > limit:
            raise too_large
    body = bytearray()
    async for chunk in request.stream():
        if len(body) + len(chunk) > limit:
            raise too_large
        body += chunk
    return bytes(body)


def _published(value: str | None) -> date | None:
    if value is None or not value.strip():
        return None
    try:
        return parse_published(value)
    except ValueError as exc:
        raise FilterError("published", str(exc)) from exc


def read_body_items(body: bytes, kind: str, published: date | None) -> list[Item]:
    """The body's articles, failures and notices, made safe as the file readers' are.
    Items are numbered from 1: lines of JSON lines (blank ones counted), the items of an
    array; a single object is item 1. A body that is not JSON at all is refused (400)."""
    if not body.strip():
        raise _problem(400, "the body is empty: send an article object, a JSON array of "
                       "articles, or JSON lines")
    items: Iterable[Item]
    if kind == "jsonl":
        lines = numbered_binary_lines(io.BytesIO(body), DEFAULT_LIMITS.max_line_bytes)
        items = read_jsonl_lines(lines, ORIGIN, published)
    else:
        items = read_json_values(_json_values(body), ORIGIN, published)
    return list(sanitized_items(items))


def _json_values(body: bytes) -> list[tuple[int, object]]:
    try:
        value = json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _problem(400, "invalid JSON: the body is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        hint = ("; several articles go in a JSON array, or in JSON lines sent with "
                "Content-Type: application/x-ndjson") if exc.msg == "Extra data" else ""
        raise _problem(400, f"invalid JSON: {exc.msg.removesuffix(' at')} at line "
                       f"{exc.lineno} column {exc.colno}{hint}") from None
    except RecursionError:
        raise _problem(400, TOO_DEEP_REASON) from None
    if isinstance(value, dict):
        return [(1, value)]
    if isinstance(value, list):
        return list(enumerate(value, start=1))
    raise _problem(400, "invalid JSON: expected an article object or an array of them")


class Coding:
    """The server's pipeline: the model is loaded by the first request with an article to
    code, once per process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._loaded = False

    def pipeline(self, load: bool) -> Pipeline:
        """The pipeline, its model loaded first if ``load``; 503 if it cannot be."""
        from polex.pipeline import process_pipeline  # spaCy, only when needed

        with self._lock:
            pipeline = process_pipeline(self.settings)
            if load and not self._loaded:
                try:
                    pipeline.load()
                except Exception as exc:  # noqa: BLE001 - a server problem, answered with why
                    raise _problem(503, f"the coding pipeline cannot be loaded: "
                                   f"{described(exc)}") from exc
                self._loaded = True
        return pipeline


def ingest_items(items: list[Item], access: StoreAccess, coding: Coding) -> IngestBody:
    """Code and store the body's items as one run of the store; its run id, the counts and
    what failed. A store that cannot be written is 503; so is one that is busy (StoreBusy,
    answered by the app)."""
    pipeline = coding.pipeline(load=any(isinstance(item, Article) for item in items))
    provenance = Provenance.of(ORIGIN, coding.settings, pipeline.kb_files)
    counts: Counter[str] = Counter()
    try:
        with access.write() as store:
            reports = Reports(store)
            run_id = ingest_run(store, items, pipeline.process, provenance, counts, reports)
    except (StoreError, FileNotFoundError, duckdb.Error) as exc:
        raise _problem(503, f"the event store cannot be written: {store_reason(exc)}") from exc
    return _response_body(run_id, items, counts, reports)


def _response_body(run_id: str, items: list[Item], counts: Counter[str], reports: Reports
                   ) -> IngestBody:
    ids = {item.origin: item.id for item in items if isinstance(item, Article)}
    return IngestBody(
        run_id=run_id,
        received=sum(not isinstance(item, IngestNotice) for item in items),
        stored=counts["stored"],
        duplicates=counts["duplicates"],
        near_duplicates=counts["near_duplicates"],
        failed=len(reports.failures),
        events=counts["events"],
        failures=[ItemProblem(item=_number(f), id=ids.get(f.origin), reason=f.reason)
                  for f in reports.failures],
        notices=[ItemNote(item=_number(n), id=ids.get(n.origin), message=n.message)
                 for n in reports.notices],
    )


def _number(report: IngestFailure | IngestNotice) -> int | None:
    """The body item a report is about; None for one about the whole request."""
    number = report.origin.removeprefix(f"{ORIGIN}:")
    return int(number) if number != report.origin and number.isdigit() else None


ARTICLE_SCHEMA = ArticleIn.model_json_schema()
REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "description": "One article, a JSON array of articles, or JSON lines (one article a "
                   "line). An article: id, text or html, published (YYYY-MM-DD or ISO "
                   "8601), and optionally url, title, source.",
    "content": {
        "application/json": {"schema": {"oneOf": [
            ARTICLE_SCHEMA, {"type": "array", "items": ARTICLE_SCHEMA},
        ]}},
        "application/x-ndjson": {"schema": {"type": "string"}},
        "application/jsonl": {"schema": {"type": "string"}},
    },
}
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 413, 415, 422, 503)
}


@router.post(
    "/ingest",
    response_model=IngestBody,
    responses={**ERRORS, SOME_FAILED: {"model": IngestBody,
                                       "description": "Some items failed (listed)"}},
    openapi_extra={"requestBody": REQUEST_BODY},
)
async def ingest(
    request: Request,
    published: Annotated[
        str | None,
        Query(description="Publication date (YYYY-MM-DD) of articles that do not give one."),
    ] = None,
) -> JSONResponse:
    """Code the articles in the body and store them with their events, as `polex ingest`
    does: a text already stored is a duplicate and adds nothing, so posting again is safe.

    Needs `Authorization: Bearer <token>`. 200 when every item went through, 207 (same
    body) when some failed: each failure names its item (the line of JSON lines, counted
    from 1; the position in an array, from 1) and why.
    """
    config: IngestConfig = request.app.state.ingest
    _authorize(request, config)
    kind = _body_kind(request)
    day = _published(published)
    body = await _read_body(request, config.max_body_bytes)
    items = await run_in_threadpool(read_body_items, body, kind, day)
    del body
    result = await run_in_threadpool(ingest_items, items, request.app.state.store_access,
                                     request.app.state.coding)
    status = SOME_FAILED if result.failures else ALL_ITEMS
    return JSONResponse(result.model_dump(), status_code=status)
