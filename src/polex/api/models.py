"""Response bodies, declared so /openapi.json describes them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from polex.store.aggregates import ActorCount, DyadCount, SeriesPoint
from polex.store.queries import StoreSummary


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


class HealthBody(BaseModel):
    status: str
    polex_version: str
    supported_schema_version: str
    read_only: bool
    store: StoreSummary
