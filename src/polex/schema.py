"""The records that flow between polex's stages.

Article (ingest) -> parsed Doc (nlp) -> Entity / TimeValue / Location (mentions)
-> Event (events) -> store. Every stage takes and returns these plain
dataclasses, so the CLI, the HTTP API and distributed workers share them and
they pickle without any spaCy object inside.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Literal

from polex.data import read_text

Status = Literal["occurred", "planned", "possible", "negated"]
DatePrecision = Literal["day", "month", "year"]
DateSource = Literal["text", "anchor", "narrative", "publication", "publication_fallback"]
# Dates the text gives an event: its own time expression, or the event it is anchored to.
DATED_BY_TEXT: frozenset[DateSource] = frozenset({"text", "anchor"})

CODER = "polex"


def content_hash(text: str) -> str:
    """Stable hash of an article's text, insensitive to whitespace and Unicode form."""
    normalized = " ".join(unicodedata.normalize("NFKC", text).split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Article:
    """One input document, cleaned to plain text."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str = ""  # file path, "path:line" or URL the article came from

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True)
class IngestFailure:
    """An input item that could not become an Article, and why."""

    origin: str
    reason: str


@dataclass(frozen=True)
class IngestNotice:
    """Something changed in an input item that was still read, and why: text cut at the
    length cap, invalid characters replaced. Comes just before the item's Article."""

    origin: str
    message: str


@dataclass
class Entity:
    """PLOVER entity object for an actor or recipient."""

    code: str | None
    sector: str | None
    entity_text: str
    identifier_id: str | None = None
    identifier_text: str | None = None
    office: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _fields_of(self)


@dataclass
class TimeValue:
    """A normalized time expression: ISO 8601 value at its true precision."""

    value: str  # "2021-02-24", "2012-02" or "2017"
    precision: DatePrecision
    text: str = ""


@dataclass
class Location:
    """Where an event took place (PLOVER location object, subset)."""

    extracted_place: str
    resolved_place: str | None = None
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    admin1: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _fields_of(self)


@dataclass
class Amount:
    """Money tied to an event: value in units of currency (ISO 4217)."""

    value: float | None
    currency: str | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return _fields_of(self)


@dataclass
class TextInfo:
    sequence: int  # sentence number in the article, from 0
    start: int  # character offset of the sentence in the article text
    end: int

    def to_dict(self) -> dict[str, Any]:
        return _fields_of(self)


@dataclass
class Event:
    """One coded event with its evidence, in PLOVER terms plus polex's fields."""

    article_id: str
    event: str
    actor: list[Entity]
    recipient: list[Entity]
    date: str | None
    date_precision: DatePrecision | None
    date_source: DateSource
    status: Status
    confidence: float
    text: str
    text_info: TextInfo
    event_text: str
    trigger_start: int  # character offsets of the trigger in the article text
    trigger_end: int
    mode: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    quad_code: int | None = None
    event_scale: float | None = None
    event_loc: Location | None = None
    amount: Amount | None = None
    cite_info: dict[str, Any] = field(default_factory=dict)
    coded_date: str = ""
    num_articles: int = 1
    article_ids: list[str] = field(default_factory=list)
    cameo: str | None = None
    # what recognized the trigger: "triggers.tsv:<line>" or the statistical model's name
    trigger_source: str = ""

    @property
    def id(self) -> str:
        """Content-derived id: the same evidence always yields the same id."""
        key = "|".join(
            [
                self.article_id,
                str(self.text_info.sequence),
                str(self.trigger_start),
                self.event,
                ",".join(e.code or "" for e in self.actor),
                ",".join(e.code or "" for e in self.recipient),
            ]
        )
        return "polex-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_plover(self) -> dict[str, Any]:
        """The PLOVER JSON record, with polex's additions beside the manual's names."""
        return {
            "id": self.id,
            "article_id": self.article_id,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_source": self.date_source,
            "actor": [e.to_dict() for e in self.actor],
            "recipient": [e.to_dict() for e in self.recipient],
            "event": self.event,
            "mode": list(self.mode),
            "context": list(self.context),
            "cameo": self.cameo,
            "quad_code": self.quad_code,
            "event_scale": self.event_scale,
            "event_loc": self.event_loc.to_dict() if self.event_loc else None,
            "event_text": self.event_text,
            "text": self.text,
            "text_info": self.text_info.to_dict(),
            "status": self.status,
            "confidence": round(self.confidence, 3),
            "trigger_source": self.trigger_source,
            "amount": self.amount.to_dict() if self.amount else None,
            "cite_info": dict(self.cite_info),
            "coder": CODER,
            "coded_date": self.coded_date,
            "num_articles": self.num_articles,
            "article_ids": list(self.article_ids or [self.article_id]),
        }


def json_schema() -> dict[str, Any]:
    """The JSON Schema every PLOVER record polex writes conforms to (package data)."""
    import json

    text = read_text("polex_event.schema.json")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validation_errors(record: dict[str, Any]) -> list[str]:
    """Why a record does not conform to :func:`json_schema`; empty when it does."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(json_schema())
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(record)'}: {error.message}"
        for error in validator.iter_errors(record)
    ]


def _fields_of(value: Any) -> dict[str, Any]:
    """A flat dataclass's fields as a dict: ``dataclasses.asdict`` without its deep copy,
    which made building a coded event's row the costliest part of storing it."""
    return {f.name: getattr(value, f.name) for f in fields(value)}
