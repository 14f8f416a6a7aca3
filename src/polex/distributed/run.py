"""Code articles on a Dask cluster and write the results as a Parquet dataset.

The client reads the inputs, drops repeated texts, cuts the articles into
partitions and keeps a bounded number of them in flight on the cluster; each
finished partition is written at once, so memory stays flat however large the
input. A partition whose task fails is retried by Dask and, if it still fails,
reported with its reason while the other partitions go on.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path

from distributed import Client, Future, LocalCluster, as_completed

from polex.config import Settings
from polex.distributed.parquet import is_partition_done, write_partition, write_run_failures
from polex.distributed.partitions import Partition, split_partitions
from polex.distributed.worker import PartitionOutput, PartitionTask, code_partition
from polex.ingest import FetchSettings, read_inputs
from polex.schema import Article, IngestFailure, IngestNotice

Stage = Callable[[PartitionTask], PartitionOutput]
TASK_RETRIES = 2
PARTITIONS_PER_WORKER_IN_FLIGHT = 2


@dataclass(frozen=True)
class PartitionFailure:
    """A partition whose task failed on every attempt; its articles were not coded."""

    key: str
    origins: tuple[str, ...]
    reason: str


@dataclass
class DistributedSummary:
    out_dir: Path
    articles_read: int = 0
    duplicates: int = 0
    partitions: int = 0
    partitions_written: int = 0
    partitions_skipped: int = 0  # already complete in out_dir from an earlier run
    articles_coded: int = 0
    events: int = 0
    unreadable: list[IngestFailure] = field(default_factory=list)  # inputs not read
    notices: list[IngestNotice] = field(default_factory=list)  # read, with a change reported
    article_errors: list[IngestFailure] = field(default_factory=list)  # coding failed
    failed_partitions: list[PartitionFailure] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def failures(self) -> list[IngestFailure]:
        """Every input reported: unreadable ones, then articles whose coding failed."""
        return self.unreadable + self.article_errors

    @property
    def ok(self) -> bool:
        return not self.failures and not self.failed_partitions


def run_distributed(
    paths: Sequence[str],
    out_dir: str | Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int = 64,
    published: date | None = None,
    model: str | None = None,
    kb_files: Sequence[str | Path] = (),
    resume: bool = True,
    full_parse: bool = False,
    fetch: FetchSettings | None = None,
    stage: Stage = code_partition,
) -> DistributedSummary:
    """Code the articles under ``paths`` on Dask and write them as Parquet under ``out_dir``.

    ``scheduler`` is the address of an existing cluster ("tcp://host:8786");
    without it a LocalCluster of ``workers`` single-threaded processes is
    started. With ``resume`` a partition already complete in ``out_dir`` is not
    coded again. ``fetch`` sets how URL inputs are fetched. ``stage`` is the
    function mapped over partitions. ``full_parse`` parses every sentence instead of
    only those that may hold an event.
    """
    summary = DistributedSummary(Path(out_dir))
    items = read_inputs(list(paths), published, fetch=fetch or FetchSettings())
    articles = _unique_articles(items, summary)
    settings = Settings.resolve(model=model, full_parse=full_parse)
    kb_names = tuple(str(f) for f in kb_files)
    tasks = (
        PartitionTask(partition, settings.model, kb_names, settings)
        for partition in _pending(split_partitions(articles, partition_size), summary, resume)
    )
    with _connect(scheduler, workers) as client:
        window = PARTITIONS_PER_WORKER_IN_FLIGHT * max(workers, _worker_count(client))
        for task, future in _map_bounded(client, stage, tasks, window):
            _collect(task, future, summary)
            future.release()
    _write_run_failures(summary)
    return summary


@contextlib.contextmanager
def _connect(scheduler: str | None, workers: int) -> Iterator[Client]:
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                     dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _worker_count(client: Client) -> int:
    return len(client.scheduler_info().get("workers", {}))


def _unique_articles(items: Iterable[Article | IngestFailure | IngestNotice],
                     summary: DistributedSummary) -> Iterator[Article]:
    seen: set[str] = set()
    for item in items:
        if isinstance(item, IngestFailure):
            summary.unreadable.append(item)
            continue
        if isinstance(item, IngestNotice):
            summary.notices.append(item)
            continue
        summary.articles_read += 1
        try:
            key = item.content_hash
        except Exception as exc:  # noqa: BLE001 - one bad article, not the run
            summary.unreadable.append(IngestFailure(
                item.origin, f"could not read its text: {type(exc).__name__}: {exc}"))
            continue
        if key in seen:
            summary.duplicates += 1
            continue
        seen.add(key)
        yield item


def _pending(partitions: Iterable[Partition], summary: DistributedSummary, resume: bool
             ) -> Iterator[Partition]:
    for partition in partitions:
        summary.partitions += 1
        if resume and is_partition_done(summary.out_dir, partition.key):
            summary.partitions_skipped += 1
            continue
        yield partition


def _map_bounded(client: Client, stage: Stage, tasks: Iterator[PartitionTask], window: int
                 ) -> Iterator[tuple[PartitionTask, Future]]:
    """Each task with its finished future, keeping at most ``window`` tasks on the cluster."""
    run = uuid.uuid4().hex[:8]
    by_key: dict[str, PartitionTask] = {}
    running = as_completed()

    def submit(count: int) -> None:
        batch = list(islice(tasks, count))
        if not batch:
            return
        keys = [f"polex-partition-{task.partition.key}-{run}" for task in batch]
        by_key.update(zip(keys, batch, strict=True))
        running.update(client.map(stage, batch, key=keys, retries=TASK_RETRIES))

    submit(window)
    for future in running:
        yield by_key.pop(future.key), future
        submit(1)


def _collect(task: PartitionTask, future: Future, summary: DistributedSummary) -> None:
    partition = task.partition
    if future.status != "finished":
        summary.failed_partitions.append(
            PartitionFailure(partition.key, tuple(a.origin for a in partition.articles),
                             _failure_reason(future))
        )
        return
    output: PartitionOutput = future.result()
    coded: list[tuple[Article, int]] = []
    failed: list[tuple[str, str]] = []
    for article, outcome in zip(partition.articles, output.outcomes, strict=True):
        if outcome.error is not None:
            failed.append((article.origin, outcome.error))
        else:
            coded.append((article, len(outcome.events)))
    events = [event for outcome in output.outcomes for event in outcome.events]
    summary.files.extend(write_partition(summary.out_dir, partition.key, coded, events, failed))
    summary.partitions_written += 1
    summary.articles_coded += len(coded)
    summary.events += len(events)
    summary.article_errors.extend(IngestFailure(origin, reason) for origin, reason in failed)


def _failure_reason(future: Future) -> str:
    try:
        exc = future.exception()
    except Exception as error:  # noqa: BLE001 - a cancelled future raises here
        exc = error
    return f"{type(exc).__name__}: {exc}" if exc is not None else f"task {future.status}"


def _write_run_failures(summary: DistributedSummary) -> None:
    # Per-article coding errors are already in their partition's file.
    rows = [(f.origin, f.reason) for f in summary.unreadable]
    for failure in summary.failed_partitions:
        reason = f"partition {failure.key} failed: {failure.reason}"
        rows.extend((origin, reason) for origin in failure.origins)
    written = write_run_failures(summary.out_dir, rows)
    if written is not None:
        summary.files.append(written)
