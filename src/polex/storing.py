"""Coding read items into a store: the steps ``polex ingest`` and the API's POST /ingest share.

Items from the ingest stage (articles, failures, notices) are split; failures and notices
are reported and recorded in the store as they come. Articles are screened against the
store in chunks (the same text stored already, or repeated, is a duplicate; a near-copy
of a stored text is recorded, not coded), coded, and written by the store's BulkWriter.
One article that cannot be hashed, screened, coded or stored is a failure of its own and
the rest go on. ``ingest_run`` records the whole as one run of the store (polex.store.runs).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

import duckdb

from polex.schema import Article, IngestFailure, IngestNotice
from polex.store import BulkWriter, EventStore, StoreError, WriteOutcome, WriteStatus
from polex.store.runs import Provenance, RunCounts

if TYPE_CHECKING:  # the pipeline imports spaCy; this module is imported without it
    from polex.pipeline import ArticleResult

# Origin of a failure that stopped reading or coding the inputs rather than one item.
BATCH_ORIGIN = "(batch)"
# Articles checked against the store at once for exact and near duplicates.
SCREEN_CHUNK = 64

Item = Article | IngestFailure | IngestNotice
Coder = Callable[[Iterable[Article]], Iterator["ArticleResult"]]


class Reports:
    """A run's failures and notices: recorded in the store (if any) as they come, so a run
    that is killed or crashes keeps what it found, and passed to ``on_failure`` and
    ``on_notice`` (the command line prints them)."""

    def __init__(self, store: EventStore | None = None,
                 on_failure: Callable[[IngestFailure], None] | None = None,
                 on_notice: Callable[[IngestNotice], None] | None = None) -> None:
        self.failures: list[IngestFailure] = []
        self.notices: list[IngestNotice] = []
        self._store = store
        self._on_failure = on_failure
        self._on_notice = on_notice

    def failure(self, origin: str, reason: str) -> None:
        failure = IngestFailure(origin, reason)
        self.failures.append(failure)
        if self._on_failure is not None:
            self._on_failure(failure)
        if self._store is not None:
            self._store.record_failure(origin, reason)

    def notice(self, notice: IngestNotice) -> None:
        self.notices.append(notice)
        if self._on_notice is not None:
            self._on_notice(notice)
        if self._store is not None:
            self._store.record_notice(notice.origin, notice.message)


def described(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def split(items: Iterable[Item], reports: Reports) -> Iterator[Article]:
    """The articles; failures and notices go to ``reports``. A reader that breaks down
    ends the reading with a failure, and what was read is still coded."""
    iterator = iter(items)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001 - keep what was read, report the rest
            reports.failure(BATCH_ORIGIN, f"reading the inputs stopped: {described(exc)}")
            return
        if isinstance(item, IngestFailure):
            reports.failure(item.origin, item.reason)
        elif isinstance(item, IngestNotice):
            reports.notice(item)
        else:
            yield item


def ingest_run(store: EventStore, items: Iterable[Item], code: Coder, provenance: Provenance,
               counts: Counter[str], reports: Reports,
               on_result: Callable[[], None] | None = None) -> str:
    """``code_into`` recorded as one run of the store: its row is written before the first
    item is read and completed with the counts at the end; a run that is interrupted (the
    store fails, the process is killed) keeps its start and no end. Returns the run id."""
    run_id = store.start_run(provenance)
    code_into(store, items, code, counts, reports, on_result, run_id=run_id)
    store.finish_run(run_id, run_counts(counts, reports))
    return run_id


def run_counts(counts: Counter[str], reports: Reports) -> RunCounts:
    return RunCounts(articles_read=counts["read"], stored=counts["stored"],
                     duplicates=counts["duplicates"],
                     near_duplicates=counts["near_duplicates"],
                     failed=len(reports.failures), events=counts["events"])


def code_into(store: EventStore, items: Iterable[Item], code: Coder, counts: Counter[str],
              reports: Reports, on_result: Callable[[], None] | None = None,
              run_id: str | None = None) -> None:
    """Read, screen, code with ``code`` and store ``items``, counting in ``counts``:
    read, queued, coded, stored, events, duplicates, near_duplicates and
    failed_after_reading. ``on_result`` is called after each coded article; what is
    stored carries ``run_id``."""
    writer = BulkWriter(store, run_id=run_id)
    try:
        _code_with(writer, items, code, counts, reports, on_result)
    finally:
        writer.close()


def _code_with(writer: BulkWriter, items: Iterable[Item], code: Coder, counts: Counter[str],
               reports: Reports, on_result: Callable[[], None] | None) -> None:
    articles = new_articles(split(items, reports), writer, counts, reports)
    try:
        for result in code(articles):
            store_result(result, writer, counts, reports)
            if on_result is not None:
                on_result()
    except (StoreError, duckdb.Error):
        raise
    except Exception as exc:  # noqa: BLE001 - store what was coded, report the rest
        reports.failure(BATCH_ORIGIN, f"coding stopped: {described(exc)}")
    tally(writer.flush(), counts, reports)


def new_articles(articles: Iterable[Article], writer: BulkWriter, counts: Counter[str],
                 reports: Reports) -> Iterator[Article]:
    """The articles to code: not stored yet, not repeated, not near-duplicates.

    Articles are screened SCREEN_CHUNK at a time, one store lookup per chunk; an
    article that cannot be screened is a failure of its own.
    """
    seen: set[str] = set()
    for chunk in _chunks(articles, SCREEN_CHUNK):
        counts["read"] += len(chunk)
        fresh: list[Article] = []
        for article in _hashable(chunk, counts, reports):
            key = article.content_hash
            if key in seen:
                counts["duplicates"] += 1
            else:
                seen.add(key)
                fresh.append(article)
        yield from _screened(fresh, writer, counts, reports)


def _hashable(chunk: list[Article], counts: Counter[str], reports: Reports
              ) -> Iterator[Article]:
    for article in chunk:
        try:
            article.content_hash  # noqa: B018 - its text must be hashable to be stored
        except Exception as exc:  # noqa: BLE001 - one bad article, not the batch
            fail_article(article, f"could not read its text: {described(exc)}", counts,
                         reports)
            continue
        yield article


def _screened(fresh: list[Article], writer: BulkWriter, counts: Counter[str],
              reports: Reports) -> list[Article]:
    """The new articles among ``fresh``; if the chunk cannot be screened, one at a time."""
    try:
        groups = [writer.screen(fresh)]
    except (StoreError, duckdb.Error):
        raise
    except Exception:  # noqa: BLE001 - find the article that breaks the screening
        groups = []
        for article in fresh:
            try:
                groups.append(writer.screen([article]))
            except Exception as exc:  # noqa: BLE001 - one bad article, not the batch
                fail_article(article, f"could not be screened: {described(exc)}", counts,
                             reports)
    new = [article for screening in groups for article in screening.new]
    counts["duplicates"] += sum(screening.stored for screening in groups)
    counts["queued"] += len(new)
    return new


def fail_article(article: Article, reason: str, counts: Counter[str], reports: Reports
                 ) -> None:
    counts["failed_after_reading"] += 1
    reports.failure(article.origin, reason)


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def store_result(result: ArticleResult, writer: BulkWriter, counts: Counter[str],
                 reports: Reports) -> None:
    counts["coded"] += 1
    if result.error:
        writer.discard(result.article)
        fail_article(result.article, result.error, counts, reports)
        return
    try:
        outcomes = writer.add(result.article, result.events)
    except (StoreError, duckdb.Error):
        raise
    except Exception as exc:  # noqa: BLE001 - one bad article, not the batch
        writer.discard(result.article)
        fail_article(result.article, f"could not store: {described(exc)}", counts, reports)
        return
    tally(outcomes, counts, reports)


def tally(outcomes: list[WriteOutcome], counts: Counter[str], reports: Reports) -> None:
    """Count what a written batch did; articles that could not be stored are failures."""
    for outcome in outcomes:
        if outcome.status is WriteStatus.FAILED:
            fail_article(outcome.article, outcome.reason, counts, reports)
        elif outcome.status is WriteStatus.STORED:
            counts["stored"] += 1
            counts["events"] += outcome.n_events
        else:
            counts[outcome.status.value + "s"] += 1
