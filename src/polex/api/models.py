"""Response bodies, declared so /openapi.json describes them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from polex.store.aggregates import ActorCount, DyadCount, SeriesPoint
from polex.store.queries import StoreSummary
from polex.store.runs import Run


class ParameterProblem(BaseModel):
    parameter: str
    reason: str


class ErrorBody(BaseModel):
    """Every error: ``detail`` says why; bad parameters are also listed one by one."""

    detail: str
    errors: list[ParameterProblem] = Field(default_factory=list)


class EventPageBody(BaseModel):
    events: list[dict[str, Any]] = Field(description="PLOVER records, as polex export writes")
    count: int
    next: str | None = Field(description="Cursor of the next page; null on the last page")


class SeriesBody(BaseModel):
    interval: str
    by: list[str]
    score: str = Field(description="What mean_event_scale is the mean of")
    left_out: int = Field(description="Matching events with no date, or a date coarser "
                          "than the interval")
    series: list[SeriesPoint]


class DyadsBody(BaseModel):
    dyads: list[DyadCount]


class ActorsBody(BaseModel):
    actors: list[ActorCount]


class RunsBody(BaseModel):
    runs: list[Run]


class HealthBody(BaseModel):
    status: str
    polex_version: str
    supported_schema_version: str
    read_only: bool = Field(description="False when POST /ingest is on (the server has a "
                            "token)")
    store: StoreSummary


class ArticleIn(BaseModel):
    """One article of a POST /ingest body: the fields of a line of a .jsonl input."""

    id: str | int = Field(description="The article's id")
    text: str | None = Field(None, description="Plain text (this or html)")
    html: str | None = Field(None, description="An HTML page, cleaned as polex reads pages")
    published: str | None = Field(None, description="YYYY-MM-DD or an ISO 8601 datetime")
    url: str | None = None
    title: str | None = None
    source: str | None = None


class ItemProblem(BaseModel):
    item: int | None = Field(description="The item's number in the body, from 1 (the line "
                             "of JSON lines); null for a problem of the whole request")
    id: str | None = Field(description="The article's id, when it was read")
    reason: str


class ItemNote(BaseModel):
    item: int | None
    id: str | None
    message: str = Field(description="What was changed to read the item (text cut, "
                         "invalid characters replaced); it was still coded")


class IngestBody(BaseModel):
    run_id: str = Field(description="The run this request was stored as (GET /runs lists "
                        "it): what new_since takes to fetch what was stored after it")
    received: int = Field(description="Items in the body")
    stored: int = Field(description="Articles stored with their events")
    duplicates: int = Field(description="Texts already stored, or repeated in the body")
    near_duplicates: int = Field(description="Near-copies of a stored text: recorded, "
                                 "not coded")
    failed: int
    events: int = Field(description="Events stored")
    failures: list[ItemProblem]
    notices: list[ItemNote]
