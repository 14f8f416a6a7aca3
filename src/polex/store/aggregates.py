"""Counts over the stored events, shared by the HTTP API and the command line: time
series per interval, the most active actor–recipient pairs, and the actor codes.

Every function takes the same :class:`~polex.store.queries.EventQuery` filters as the
event listing. An event with several actors (or recipients) counts once for each
distinct code; grouped by dyad, once for each distinct actor–recipient pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

import duckdb

from polex.store.queries import EventQuery, FilterError

Interval = Literal["day", "week", "month", "year"]
Dimension = Literal["actor", "recipient", "type", "quad", "dyad"]
INTERVALS: tuple[str, ...] = get_args(Interval)
DIMENSIONS: tuple[str, ...] = get_args(Dimension)
SCORE_DESCRIPTION = (
    "event_scale, PLOVER's conflict-cooperation score of the event's type and mode, from -10 "
    "(most conflictual) to +10 (most cooperative), like the Goldstein scale"
)
QUAD_NAMES = ("verbal_cooperation", "material_cooperation", "verbal_conflict",
              "material_conflict")

# The period an event falls in, as a key computed for each event (NULL when the event is
# dated more coarsely than the interval, as a month-dated event in a daily series), and
# the period's label and first day, computed from the key once per period.
_DAY = "CASE WHEN length(e.date) = 10 THEN TRY_CAST(e.date AS DATE) END"
PERIODS: dict[str, tuple[str, str, str]] = {
    "day": (_DAY, "strftime(period_key, '%Y-%m-%d')", "strftime(period_key, '%Y-%m-%d')"),
    "week": (f"date_trunc('week', {_DAY})", "strftime(period_key, '%G-W%V')",
             "strftime(period_key, '%Y-%m-%d')"),
    "month": ("CASE WHEN length(e.date) >= 7 THEN left(e.date, 7) END", "period_key",
              "period_key || '-01'"),
    "year": ("CASE WHEN length(e.date) >= 4 THEN left(e.date, 4) END", "period_key",
             "period_key || '-01-01'"),
}
# The grouping columns, in output order, and the expression each reads: of the events
# aliased ``e``, or for actor and recipient of the rows with one entity code each
# (_by_code).
GROUP_COLUMNS = (("actor", "e.actor"), ("recipient", "e.recipient"), ("type", "e.event"),
                 ("quad", "e.quad_code"))
GROUP_NAMES = tuple(name for name, _ in GROUP_COLUMNS)  # SeriesPoint's group fields, in order


def parse_interval(value: str) -> Interval:
    name = value.strip().lower()
    if name not in INTERVALS:
        raise FilterError("interval", f"unknown interval {value!r}; one of "
                          f"{', '.join(INTERVALS)}")
    return name  # type: ignore[return-value]  # checked against the Literal's values


def parse_dimensions(value: str | None) -> tuple[Dimension, ...]:
    """A comma list of grouping dimensions ("dyad", "actor,type"); empty for none."""
    names = [part.strip().lower() for part in (value or "").split(",") if part.strip()]
    unknown = [name for name in names if name not in DIMENSIONS]
    if unknown:
        raise FilterError("by", f"cannot group by {', '.join(unknown)}; choose from "
                          f"{', '.join(DIMENSIONS)}")
    return tuple(dict.fromkeys(names))  # type: ignore[arg-type]  # checked above


@dataclass(frozen=True)
class SeriesPoint:
    """The events of one period (and group): how many, and their mean event_scale."""

    period: str  # 2024-06-25, 2024-W26, 2024-06 or 2024
    start: str  # the period's first day
    events: int
    mean_event_scale: float | None
    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    quad: int | None = None


@dataclass(frozen=True)
class Series:
    interval: str
    by: tuple[str, ...]
    points: list[SeriesPoint]
    left_out: int  # matching events without a date precise enough for the interval


def _columns(by: tuple[str, ...]) -> list[tuple[str, str]]:
    wanted = set(by) | ({"actor", "recipient"} if "dyad" in by else set())
    return [(name, expression) for name, expression in GROUP_COLUMNS if name in wanted]


def _roles(columns: list[tuple[str, str]]) -> list[str]:
    names = {name for name, _ in columns}
    return [role for role in ("actor", "recipient") if role in names]


def _by_code(roles: list[str], source: str) -> tuple[str, str]:
    """Common table expressions turning the rows of ``source`` (with the events'
    ``actor_set`` and ``recipient_set``: distinct codes, NULL left out) into one row per
    code of each role: per actor, then per actor and recipient; and the last one's name.
    An event naming a code twice in one role counts once for it."""
    ctes = ""
    for role in roles:
        ctes += f", by_{role} AS (SELECT *, unnest({role}_set) AS {role} FROM {source})"
        source = f"by_{role}"
    return ctes, source


DISTINCT_CODES = "e.actor_set, e.recipient_set"


def series(conn: duckdb.DuckDBPyConnection, query: EventQuery, interval: Interval,
           by: tuple[Dimension, ...] = ()) -> Series:
    """Events per period and group, with the mean of their ``event_scale``: PLOVER's
    conflict–cooperation score of the type and mode (-10 material conflict .. +10
    material cooperation), the Goldstein-like number every coded event carries."""
    names = [name for name, _ in _columns(by)]
    rows_sql, order, params = _series_sql(query, interval, by)
    rows = conn.execute(f"{rows_sql} ORDER BY {order}", params).fetchall()
    # Rows without a period count the matching events left out.
    left_out = sum(int(row[-2]) for row in rows if row[0] is None)
    return Series(interval, tuple(by), _points(rows, names), left_out)


@dataclass(frozen=True)
class SeriesJson:
    """A series whose points are one JSON array, as :func:`series` would give them with
    each point an object of SeriesPoint's fields in order."""

    interval: str
    by: tuple[str, ...]
    points: str
    left_out: int


def series_json(conn: duckdb.DuckDBPyConnection, query: EventQuery, interval: Interval,
                by: tuple[Dimension, ...] = ()) -> SeriesJson:
    """:func:`series` with the points written as JSON by the database. A ten-year series
    by dyad has tens of thousands of points: making a Python object of each, then JSON of
    those, takes twice as long as counting them."""
    names = {name for name, _ in _columns(by)}
    rows_sql, order, params = _series_sql(query, interval, by)
    fields = ", ".join(
        f"{name} := " + (f'"{name}"' if name in names else f"NULL::{kind}")
        for name, kind in zip(GROUP_NAMES, ("VARCHAR", "VARCHAR", "VARCHAR", "INTEGER"),
                              strict=True))
    point = ("struct_pack(period, start, events := n, mean_event_scale := mean, "
             f"{fields})")
    left_out, points = conn.execute(
        f"SELECT coalesce(sum(n) FILTER (WHERE period IS NULL), 0),"
        f" coalesce(to_json(list({point} ORDER BY {order})"
        f" FILTER (WHERE period IS NOT NULL))::VARCHAR, '[]') FROM ({rows_sql})",
        params).fetchall()[0]
    return SeriesJson(interval, tuple(by), points, int(left_out))


def _series_sql(query: EventQuery, interval: Interval, by: tuple[Dimension, ...]
                ) -> tuple[str, str, list[Any]]:
    """The rows of a series (period, start, the grouped columns, count, and the mean
    rounded to 3 places here, so that every rendering rounds alike; one row with no period
    counts the matching events left out), their order, and the parameters."""
    key, label, start = PERIODS[interval]
    columns = _columns(by)
    condition = query.sql()
    counts = (_joined_counts if _roles(columns) else _plain_counts)(key, columns,
                                                                    condition.where)
    grouped = "".join(f', "{name}"' for name, _ in columns)
    rows = (f"SELECT {label} AS period, {start} AS start{grouped}, n,"
            f" round(mean, 3) AS mean FROM ({counts})")
    return rows, f"period NULLS FIRST, n DESC{grouped}", list(condition.params)


def _plain_counts(key: str, columns: list[tuple[str, str]], where: str) -> str:
    """Counts per period key and group when each event is one row. The events are counted
    per date (and group) first, a few thousand rows, and the period keys computed from
    those: computing a key for each event takes longer than the whole count. The mean is
    the events' sum over their number, as avg computes it; event_scale values are
    multiples of 0.5, so the sums are exact in any order."""
    inner = "".join(f", {expression}" for _, expression in columns)
    selected = "".join(f', {expression} AS "{name}"' for name, expression in columns)
    return (
        f"SELECT {key} AS period_key{selected}, sum(e.n) AS n,"
        " CASE WHEN sum(e.scored) > 0 THEN sum(e.total) / sum(e.scored) END AS mean"
        f" FROM (SELECT e.date{inner}, count(*) AS n, sum(e.event_scale) AS total,"
        f" count(e.event_scale) AS scored FROM events e{where} GROUP BY ALL) e GROUP BY ALL"
    )


def _joined_counts(key: str, columns: list[tuple[str, str]], where: str) -> str:
    """Counts per period key and group when groups read the entity codes: the matching
    events are found once, for the counts and for the one row of those left out."""
    selected = "".join(f', {expression} AS "{name}"' for name, expression in columns)
    nulls = ", NULL" * len(columns)
    ctes, source = _by_code(_roles(columns), "matched")
    return (
        "WITH matched AS MATERIALIZED (SELECT e.event, e.quad_code, e.event_scale,"
        f" {DISTINCT_CODES}, {key} AS period_key FROM events e{where}){ctes}"
        f" SELECT e.period_key{selected}, count(*) AS n, avg(e.event_scale) AS mean"
        f" FROM {source} e WHERE e.period_key IS NOT NULL GROUP BY ALL"
        f" UNION ALL SELECT NULL{nulls}, count(*), NULL FROM matched"
        " WHERE period_key IS NULL"
    )


def _points(rows: list[tuple[Any, ...]], names: list[str]) -> list[SeriesPoint]:
    """The points of the rows (period, start, the ``names`` groups, count, mean) that have
    a period. Built field by field: a long series has tens of thousands of points."""
    at = {name: 2 + index for index, name in enumerate(names)}
    actor, recipient, kind, quad = (at.get(name) for name in GROUP_NAMES)
    return [SeriesPoint(row[0], row[1], int(row[-2]), row[-1],
                        None if actor is None else row[actor],
                        None if recipient is None else row[recipient],
                        None if kind is None else row[kind],
                        None if quad is None else row[quad])
            for row in rows if row[0] is not None]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 3)


@dataclass(frozen=True)
class DyadCount:
    """One directed actor–recipient pair: its events by PLOVER quad class and its balance,
    (cooperation - conflict) / events, from -1 (all conflict) to +1 (all cooperation)."""

    actor: str
    recipient: str
    events: int
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    balance: float
    mean_event_scale: float | None


def dyads(conn: duckdb.DuckDBPyConnection, query: EventQuery, limit: int = 20
          ) -> list[DyadCount]:
    """The ``limit`` pairs with the most matching events, most active first."""
    if limit < 0:
        raise FilterError("limit", f"must be zero or more, got {limit}")
    condition = query.sql()
    quads = "".join(f", count(*) FILTER (WHERE quad_code = {quad})" for quad in (1, 2, 3, 4))
    ctes, pairs = _by_code(["actor", "recipient"], "matched")
    sql = (
        "WITH matched AS (SELECT e.quad_code, e.event_scale, "
        f"{DISTINCT_CODES} FROM events e{condition.where}){ctes}"
        f" SELECT actor, recipient, count(*) AS n{quads}, avg(event_scale) FROM {pairs}"
        " GROUP BY actor, recipient ORDER BY n DESC, actor, recipient LIMIT ?"
    )
    rows = conn.execute(sql, [*condition.params, limit]).fetchall()
    return [_dyad(row) for row in rows]


def _dyad(row: tuple[Any, ...]) -> DyadCount:
    actor, recipient, total, *quads, mean = row
    by_quad = dict(zip(QUAD_NAMES, (int(count) for count in quads), strict=True))
    cooperation = quads[0] + quads[1]
    conflict = quads[2] + quads[3]
    return DyadCount(actor=actor, recipient=recipient, events=int(total),
                     balance=round((cooperation - conflict) / total, 3),
                     mean_event_scale=_rounded(mean), **by_quad)


@dataclass(frozen=True)
class ActorCount:
    """An entity code and how many events name it, as actor, as recipient, or either."""

    code: str
    events: int
    as_actor: int
    as_recipient: int


def actors(conn: duckdb.DuckDBPyConnection, prefix: str | None = None, limit: int = 100
           ) -> list[ActorCount]:
    """Entity codes by how many events name them; ``prefix`` keeps codes starting with it."""
    if limit < 0:
        raise FilterError("limit", f"must be zero or more, got {limit}")
    starts = (prefix or "").strip().upper()
    rows = conn.execute(
        "SELECT code, count(DISTINCT event_id) AS n,"
        " count(DISTINCT event_id) FILTER (WHERE role = 'actor'),"
        " count(DISTINCT event_id) FILTER (WHERE role = 'recipient')"
        " FROM event_entities WHERE code IS NOT NULL AND starts_with(code, ?)"
        " GROUP BY code ORDER BY n DESC, code LIMIT ?",
        [starts, limit],
    ).fetchall()
    return [ActorCount(row[0], int(row[1]), int(row[2]), int(row[3])) for row in rows]
