"""Read queries shared by the HTTP API and the command line: the event filter, pages of
events in a stable order, and lookups of one event or article with its evidence.

Every function takes an open DuckDB connection (the API and the CLI open the store
read-only) and sends every value as a parameter.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import duckdb

from polex import ontology
from polex.store.clusters import cluster_events, group_clusters
from polex.store.filters import SqlFilter, build_filter, iso_bound
from polex.store.runs import STORED_AFTER_RUN, run_exists

Record = dict[str, Any]
STATUSES = ("occurred", "planned", "possible", "negated")
QUADS = (1, 2, 3, 4)
# Pages are ordered by date, then id: a total order, so a cursor names one position.
PAGE_ORDER = "e.date NULLS LAST, e.id"
# A word of a search: letters and digits, in any script (as polex.store.derived indexes
# the words of sentences).
PY_WORD = re.compile(r"[^\W_]+")
# The event location's coordinates, stored as columns (polex.store.derived).
LON = "e.lon"
LAT = "e.lat"
FETCH_ROWS = 1000


class FilterError(ValueError):
    """A filter value that cannot be used; ``parameter`` names it as the API does."""

    def __init__(self, parameter: str, reason: str) -> None:
        super().__init__(f"{parameter}: {reason}")
        self.parameter = parameter
        self.reason = reason


class AmbiguousArticleError(LookupError):
    """Several stored texts share the article id asked for."""

    def __init__(self, article_id: str, content_hashes: list[str]) -> None:
        super().__init__(
            f"{len(content_hashes)} stored articles have the id {article_id!r}; ask for one "
            f"by its content hash: {', '.join(content_hashes)}"
        )
        self.content_hashes = content_hashes


@dataclass(frozen=True)
class BoundingBox:
    """Longitude and latitude bounds; min_lon > max_lon crosses the antimeridian."""

    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    @classmethod
    def parse(cls, text: str) -> BoundingBox:
        """``minlon,minlat,maxlon,maxlat`` in degrees (WGS 84), as GeoJSON orders them."""
        parts = text.split(",")
        if len(parts) != 4:
            raise FilterError("bbox", f"expected minlon,minlat,maxlon,maxlat, got {text!r}")
        try:
            values = [float(part) for part in parts]
        except ValueError as exc:
            raise FilterError("bbox", f"expected four numbers, got {text!r}") from exc
        box = cls(*values)
        box.check()
        return box

    def check(self) -> None:
        lons, lats = (self.min_lon, self.max_lon), (self.min_lat, self.max_lat)
        if not all(math.isfinite(v) for v in lons + lats):
            raise FilterError("bbox", "bounds must be finite numbers")
        if not all(-180 <= lon <= 180 for lon in lons):
            raise FilterError("bbox", "longitudes must lie within -180..180")
        if not all(-90 <= lat <= 90 for lat in lats):
            raise FilterError("bbox", "latitudes must lie within -90..90")
        if self.min_lat > self.max_lat:
            raise FilterError("bbox", "minlat is greater than maxlat")

    def condition(self) -> tuple[str, list[Any]]:
        joiner = "AND" if self.min_lon <= self.max_lon else "OR"
        sql = (f"{LAT} BETWEEN ? AND ? AND ({LON} >= ? {joiner} {LON} <= ?)")
        return sql, [self.min_lat, self.max_lat, self.min_lon, self.max_lon]


@dataclass(frozen=True)
class EventQuery:
    """Which events a request or command asks for; build it with :meth:`create`."""

    actor: str | None = None
    recipient: str | None = None
    country: str | None = None
    event_type: str | None = None
    mode: str | None = None
    quad: int | None = None
    status: str | None = None
    min_confidence: float | None = None
    since: str | None = None
    until: str | None = None
    words: tuple[str, ...] = ()
    bbox: BoundingBox | None = None
    located: bool = False  # only events with coordinates
    new_since: str | None = None  # a run id: only events of runs started after it

    @classmethod
    def create(cls, *, actor: str | None = None, recipient: str | None = None,
               country: str | None = None, event_type: str | None = None,
               mode: str | None = None, quad: int | None = None, status: str | None = None,
               min_confidence: float | None = None, since: str | date | None = None,
               until: str | date | None = None, words: str | None = None,
               bbox: str | None = None, located: bool = False,
               new_since: str | None = None) -> EventQuery:
        """Checked, normalized filters; a value that cannot be used raises FilterError.
        Whether ``new_since`` names a run of the store is checked by :meth:`check_runs`."""
        query = cls(
            actor=_code(actor), recipient=_code(recipient), country=_code(country),
            event_type=_event_type(event_type), mode=_mode(mode), quad=_quad(quad),
            status=_status(status), min_confidence=_confidence(min_confidence),
            since=_bound("since", since), until=_bound("until", until),
            words=_words(words), bbox=_bbox(bbox), located=located,
            new_since=new_since.strip() if new_since and new_since.strip() else None,
        )
        _check_range(query.since, query.until)
        return query

    def check_runs(self, conn: duckdb.DuckDBPyConnection) -> None:
        """Refuse a ``new_since`` that names no run of the store (FilterError)."""
        if self.new_since is not None and not run_exists(conn, self.new_since):
            raise FilterError("new_since", f"no run {self.new_since!r} in this store; "
                              "polex runs lists them")

    def fingerprint(self, *extra: object) -> str:
        """A short digest of the filters (and ``extra``), to tie a cursor to its query."""
        text = repr((self, extra))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def sql(self) -> SqlFilter:
        """The WHERE clause on the events table aliased ``e``."""
        base = build_filter(actor=self.actor, recipient=self.recipient,
                            event_type=self.event_type, since=self.since, until=self.until,
                            status=self.status)
        conditions, params = self._extra_conditions()
        return extend_filter(base, conditions, params)

    def _extra_conditions(self) -> tuple[list[str], list[Any]]:
        conditions: list[str] = []
        params: list[Any] = []
        if self.country:
            conditions.append("list_contains(e.actor_set, ?)"
                              " OR list_contains(e.recipient_set, ?)")
            params += [self.country, self.country]
        for sql, value in (("list_contains(e.mode, ?)", self.mode),
                           ("e.quad_code = ?", self.quad),
                           ("e.confidence >= ?", self.min_confidence)):
            if value is not None:
                conditions.append(sql)
                params.append(value)
        for word in self.words:
            # A whole word of the lowercased sentence: one of its indexed words.
            conditions.append("e.event_key IN (SELECT w.event_key FROM event_words w"
                              " JOIN words d ON d.word_id = w.word_id"
                              " WHERE d.word = lower(?))")
            params.append(word)
        ranges, bounds = _date_range(self.since, self.until)
        conditions += ranges
        params += bounds
        if self.bbox is not None:
            sql, values = self.bbox.condition()
            conditions.append(sql)
            params += values
        if self.located:
            conditions.append(f"{LAT} IS NOT NULL AND {LON} IS NOT NULL")
        if self.new_since is not None:
            conditions.append(STORED_AFTER_RUN)
            params.append(self.new_since)
        return conditions, params


def _date_range(since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    """Plain comparisons of e.date implied by since and until. The precision-aware tests
    of the base filter stay; these let the table scan drop most rows before them."""
    conditions: list[str] = []
    params: list[Any] = []
    if since:
        conditions.append("e.date >= ?")
        params.append(since[:4])  # "2023" itself is kept by since=2023-06-15
    if until:
        conditions.append("e.date <= ?")
        params.append(until + {4: "-12-31", 7: "-31"}.get(len(until), ""))
    return conditions, params


def extend_filter(base: SqlFilter, conditions: list[str], params: list[Any]) -> SqlFilter:
    """``base`` narrowed by more conditions (each wrapped in parentheses)."""
    if not conditions:
        return base
    joined = " AND ".join(f"({condition})" for condition in conditions)
    where = f"{base.where} AND {joined}" if base.where else f" WHERE {joined}"
    return SqlFilter(where, list(base.params) + params)


def _given(value: str | None) -> bool:
    return value is not None and value.strip() != ""


def _code(value: str | None) -> str | None:
    return value.strip().upper() if value is not None and _given(value) else None


def _event_type(value: str | None) -> str | None:
    name = _code(value)
    if name is not None and name not in ontology.event_types():
        raise FilterError("type", f"unknown PLOVER event type {value!r}; one of "
                          f"{', '.join(ontology.event_types())}")
    return name


def _all_modes() -> set[str]:
    return {mode for name in ontology.event_types() for mode in ontology.modes(name)}


def _mode(value: str | None) -> str | None:
    if value is None or not _given(value):
        return None
    name = value.strip().lower()
    if name not in _all_modes():
        raise FilterError("mode", f"unknown PLOVER mode {value!r}; one of "
                          f"{', '.join(sorted(_all_modes()))}")
    return name


def _quad(value: int | None) -> int | None:
    if value is not None and value not in QUADS:
        raise FilterError("quad", f"quad class must be 1, 2, 3 or 4, got {value}")
    return value


def _status(value: str | None) -> str | None:
    if value is None or not _given(value):
        return None
    name = value.strip().lower()
    if name not in STATUSES:
        raise FilterError("status", f"unknown status {value!r}; one of {', '.join(STATUSES)}")
    return name


def _confidence(value: float | None) -> float | None:
    if value is not None and not 0.0 <= value <= 1.0:
        raise FilterError("min_confidence", f"must lie within 0..1, got {value}")
    return value


def _bound(name: str, value: str | date | None) -> str | None:
    if value is None or (isinstance(value, str) and not _given(value)):
        return None
    try:
        return iso_bound(value)
    except ValueError as exc:
        raise FilterError(name, str(exc)) from exc


def _check_range(since: str | None, until: str | None) -> None:
    """Refuse since after until, compared at the coarser of their two precisions."""
    if since and until:
        shared = min(len(since), len(until))
        if since[:shared] > until[:shared]:
            raise FilterError("since", f"since {since} is after until {until}")


def _bbox(value: str | None) -> BoundingBox | None:
    return BoundingBox.parse(value) if value is not None and _given(value) else None


def _words(value: str | None) -> tuple[str, ...]:
    if value is None or not _given(value):
        return ()
    words = tuple(dict.fromkeys(PY_WORD.findall(value.lower())))
    if not words:
        raise FilterError("q", f"no word to search for in {value!r}")
    return words


@dataclass(frozen=True)
class PageKey:
    """Where a page ended: the date and id of its last event."""

    date: str | None
    id: str


@dataclass(frozen=True)
class EventPage:
    records: list[Record]
    after: PageKey | None  # where the next page starts; None on the last page


def event_page(conn: duckdb.DuckDBPyConnection, query: EventQuery, limit: int,
               after: PageKey | None = None) -> EventPage:
    """Up to ``limit`` matching records after ``after``, ordered by date then id."""
    condition = extend_filter(query.sql(), *_after_condition(after))
    rows = conn.execute(ordered_records_sql(condition, limited=True),
                        [*condition.params, limit + 1]).fetchall()
    records = [json.loads(row[0]) for row in rows[:limit]]
    more = len(rows) > limit
    last = records[-1] if records and more else None
    return EventPage(records, PageKey(last["date"], last["id"]) if last else None)


def ordered_records_sql(condition: SqlFilter, limited: bool = False) -> str:
    """The records matching ``condition`` in page order (then ``LIMIT ?`` if limited).

    The order is found on narrow columns first and only the records kept are then read,
    by row id: ordering the records themselves would read the record of every matching
    event. (DuckDB does the same by itself only for limits of 50 rows or fewer.)
    """
    limit = " LIMIT ?" if limited else ""
    return (f"WITH kept AS (SELECT e.rowid AS row_id, e.date, e.id FROM events e"
            f"{condition.where} ORDER BY {PAGE_ORDER}{limit})"
            " SELECT e.record FROM kept JOIN events e ON e.rowid = kept.row_id"
            " ORDER BY kept.date NULLS LAST, kept.id")


def _after_condition(after: PageKey | None) -> tuple[list[str], list[Any]]:
    if after is None:
        return [], []
    if after.date is None:  # undated events come last
        return ["e.date IS NULL AND e.id > ?"], [after.id]
    return (["e.date > ? OR (e.date = ? AND e.id > ?) OR e.date IS NULL"],
            [after.date, after.date, after.id])


def matching_records(conn: duckdb.DuckDBPyConnection, query: EventQuery
                     ) -> Iterator[Record]:
    """Every matching record in page order, fetched in batches."""
    condition = query.sql()
    cursor = conn.cursor()
    try:
        cursor.execute(ordered_records_sql(condition), condition.params)
        while rows := cursor.fetchmany(FETCH_ROWS):
            for (record,) in rows:
                yield json.loads(record)
    finally:
        cursor.close()


def clustered_page(conn: duckdb.DuckDBPyConnection, query: EventQuery, limit: int,
                   offset: int = 0, window_days: int = 2) -> tuple[list[Record], bool]:
    """One record per cluster of the matching events, ``limit`` clusters from ``offset``;
    the flag says whether more follow. Clusters need every matching event, so each page
    clusters them all, on the few fields clustering reads; only the records of the page's
    clusters are then read whole."""
    clusters = cluster_events(_cluster_fields(conn, query), window_days=window_days)
    page = clusters[offset:offset + limit]
    records = records_by_id(conn, [cluster["id"] for cluster in page])
    kept = [{**record, "num_articles": cluster["num_articles"],
             "article_ids": cluster["article_ids"]}
            for record, cluster in zip(records, page, strict=True)]
    return kept, len(clusters) > offset + limit


def _cluster_fields(conn: duckdb.DuckDBPyConnection, query: EventQuery) -> list[Record]:
    """The matching events in page order with what clustering reads of their records:
    type, status, entity codes, date, article and confidence (stored as columns too)."""
    condition = query.sql()
    rows = conn.execute(
        f"SELECT {CLUSTER_FIELDS} FROM events e{condition.where} ORDER BY {PAGE_ORDER}",
        condition.params,
    ).fetchall()
    return [_cluster_record(row) for row in rows]


CLUSTER_FIELDS = ("e.id, e.article_id, e.event, e.status, e.date, e.confidence,"
                  " e.actor_codes, e.recipient_codes")


def _cluster_record(row: tuple[Any, ...]) -> Record:
    """What clustering reads of a record, from a row of CLUSTER_FIELDS."""
    names = ("id", "article_id", "event", "status", "date", "confidence")
    return {**dict(zip(names, row[:6], strict=True)),
            "actor": [{"code": code} for code in row[6] or []],
            "recipient": [{"code": code} for code in row[7] or []]}


def records_by_id(conn: duckdb.DuckDBPyConnection, ids: list[str]) -> list[Record]:
    """The records of these events, in the order of ``ids``. An IN list of values is
    looked up in the primary key's index instead of reading every record."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = conn.execute(f"SELECT e.id, e.record FROM events e WHERE e.id IN ({marks})",
                        ids).fetchall()
    records = dict(rows)
    return [json.loads(records[event_id]) for event_id in ids]


@dataclass(frozen=True)
class ArticleInfo:
    """What the store knows about an article besides its text."""

    id: str
    content_hash: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    n_events: int


@dataclass(frozen=True)
class Evidence:
    """The sentence an event was coded from, with character offsets in the article text."""

    sentence: str | None
    sentence_index: int | None
    sentence_start: int | None
    sentence_end: int | None
    trigger: str | None
    trigger_start: int | None
    trigger_end: int | None


@dataclass(frozen=True)
class Report:
    """Another article's record of the same event (the same cluster)."""

    event_id: str
    date: str | None
    confidence: float | None
    article: ArticleInfo | None


@dataclass(frozen=True)
class EventDetail:
    event: Record
    evidence: Evidence
    article: ArticleInfo | None
    num_articles: int
    other_reports: list[Report] = field(default_factory=list)


@dataclass(frozen=True)
class ArticleDetail:
    article: ArticleInfo
    ingested_at: str | None
    events: list[Record]


ARTICLE_FIELDS = "a.id, a.content_hash, a.title, a.source, a.url, a.published, a.n_events"


def _article_info(row: tuple[Any, ...]) -> ArticleInfo:
    published = row[5]
    return ArticleInfo(id=row[0], content_hash=row[1], title=row[2], source=row[3], url=row[4],
                       published=published.isoformat() if published else None,
                       n_events=int(row[6]))


def event_detail(conn: duckdb.DuckDBPyConnection, event_id: str, window_days: int = 2
                 ) -> EventDetail | None:
    """The event, its evidence and article, and the other articles reporting it."""
    row = conn.execute(
        "SELECT e.record, e.sentence, e.start, e.\"end\", e.trigger_start, e.trigger_end,"
        " e.content_hash FROM events e WHERE e.id = ?", [event_id]
    ).fetchone()
    if row is None:
        return None
    record: Record = json.loads(row[0])
    evidence = Evidence(record.get("text"), row[1], row[2], row[3], record.get("event_text"),
                        row[4], row[5])
    members = _same_cluster(conn, record, window_days)
    articles = _articles_of_events(conn, [m["id"] for m in members] + [event_id])
    others = [Report(m["id"], m.get("date"), m.get("confidence"), articles.get(m["id"]))
              for m in members if m["id"] != event_id]
    return EventDetail(record, evidence, articles.get(event_id), len(others) + 1, others)


def _same_cluster(conn: duckdb.DuckDBPyConnection, record: Record, window_days: int
                  ) -> list[Record]:
    """The records clustered with ``record``: the clustering of every stored event of its
    type, status, actors and recipients (other events never share a cluster with it), on
    the fields clustering reads; only the records of its cluster are then read whole."""
    same_codes = " AND ".join(
        f"coalesce(list_sort(e.{codes}), []) IS NOT DISTINCT FROM"
        f" coalesce(list_sort(it.{codes}), [])" for codes in ("actor_codes", "recipient_codes"))
    rows = conn.execute(
        f"SELECT {CLUSTER_FIELDS} FROM events e JOIN events it ON it.id = ?"
        f" WHERE e.event = it.event AND e.status = it.status AND {same_codes}"
        f" ORDER BY {PAGE_ORDER}",
        [record["id"]],
    ).fetchall()
    candidates = [_cluster_record(row) for row in rows]
    for group in group_clusters(candidates, window_days=window_days):
        if any(member["id"] == record["id"] for member in group):
            return records_by_id(conn, [member["id"] for member in group])
    return [record]


def _articles_of_events(conn: duckdb.DuckDBPyConnection, event_ids: list[str]
                        ) -> dict[str, ArticleInfo]:
    rows = conn.execute(
        f"SELECT e.id, {ARTICLE_FIELDS} FROM events e"
        " JOIN articles a ON a.content_hash = e.content_hash"
        " WHERE e.id IN (SELECT unnest($ids))",
        {"ids": event_ids},
    ).fetchall()
    return {row[0]: _article_info(row[1:]) for row in rows}


def article_detail(conn: duckdb.DuckDBPyConnection, article_id: str) -> ArticleDetail | None:
    """The article with this id (or content hash) and its events in text order.

    Raises AmbiguousArticleError when several stored texts share the id.
    """
    rows = conn.execute(
        f"SELECT {ARTICLE_FIELDS}, a.ingested_at FROM articles a"
        " WHERE a.id = ? OR a.content_hash = ? ORDER BY a.content_hash",
        [article_id, article_id],
    ).fetchall()
    exact = [row for row in rows if row[1] == article_id] or rows
    if not exact:
        return None
    if len(exact) > 1:
        raise AmbiguousArticleError(article_id, [row[1] for row in exact])
    info = _article_info(exact[0][:7])
    events = conn.execute(
        "SELECT e.record FROM events e WHERE e.content_hash = ?"
        " ORDER BY e.sentence, e.trigger_start, e.id",
        [info.content_hash],
    ).fetchall()
    return ArticleDetail(info, _timestamp(exact[0][7]), [json.loads(row[0]) for row in events])


def _timestamp(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class StoreSummary:
    """The store's schema version and how many rows its main tables hold."""

    schema_version: str | None
    articles: int
    events: int
    failures: int
    near_duplicates: int


def store_summary(conn: duckdb.DuckDBPyConnection) -> StoreSummary:
    row = conn.execute(
        "SELECT (SELECT value FROM meta WHERE key = 'schema_version'),"
        " (SELECT count(*) FROM articles), (SELECT count(*) FROM events),"
        " (SELECT count(*) FROM failures), (SELECT count(*) FROM duplicates)"
    ).fetchone()
    assert row is not None  # an aggregate query always returns one row
    return StoreSummary(row[0], int(row[1]), int(row[2]), int(row[3]), int(row[4]))
