"""The stage function mapped over partitions on the workers.

It returns plain records only (dicts, tuples, strings): nothing from spaCy
crosses the network. The Pipeline is built on first use and kept for the
life of the worker process, so the model loads once per worker.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

from polex.config import Settings
from polex.distributed.partitions import Partition
from polex.pipeline import ArticleResult, process_pipeline
from polex.schema import Event


@dataclass(frozen=True)
class PartitionTask:
    """What a worker needs to code one partition."""

    partition: Partition
    model: str
    kb_files: tuple[str, ...] = ()
    settings: Settings | None = None  # how to code (filter, time limit); the model is above


@dataclass
class ArticleOutcome:
    """One article's result in plain form: its event rows, or why it failed."""

    content_hash: str
    events: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None


@dataclass
class PartitionOutput:
    key: str
    outcomes: list[ArticleOutcome]


def code_partition(task: PartitionTask) -> PartitionOutput:
    """Code every article of the partition; an article that fails is reported, not raised."""
    settings = replace(task.settings, model=task.model) if task.settings else task.model
    pipeline = process_pipeline(settings, task.kb_files)
    results = pipeline.process(task.partition.articles)
    return PartitionOutput(task.partition.key, [article_outcome(r) for r in results])


def article_outcome(result: ArticleResult) -> ArticleOutcome:
    content_hash = result.article.content_hash
    if result.error:
        return ArticleOutcome(content_hash, error=result.error)
    return ArticleOutcome(content_hash, [event_record(e, content_hash) for e in _unique(result)])


def event_record(event: Event, content_hash: str) -> dict[str, Any]:
    """The Parquet row of an event: the PLOVER record's columns plus store keys."""
    record = event.to_plover()
    text_info = record["text_info"]
    return {
        "id": record["id"],
        "content_hash": content_hash,
        "article_id": record["article_id"],
        "date": record["date"],
        "date_precision": record["date_precision"],
        "date_source": record["date_source"],
        "event": record["event"],
        "mode": record["mode"],
        "context": record["context"],
        "quad_code": record["quad_code"],
        "event_scale": record["event_scale"],
        "status": record["status"],
        "confidence": record["confidence"],
        "sentence": text_info["sequence"],
        "start": text_info["start"],
        "end": text_info["end"],
        "trigger_start": event.trigger_start,
        "trigger_end": event.trigger_end,
        "event_text": record["event_text"],
        "text": record["text"],
        "actor": record["actor"],
        "recipient": record["recipient"],
        "record": json.dumps(record, ensure_ascii=False),
    }


def _unique(result: ArticleResult) -> list[Event]:
    # Equal ids mean the same evidence coded the same way; the store keeps one.
    seen: set[str] = set()
    kept: list[Event] = []
    for event in result.events:
        if event.id not in seen:
            seen.add(event.id)
            kept.append(event)
    return kept
