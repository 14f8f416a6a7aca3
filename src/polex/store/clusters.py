"""The same event reported by several articles, as one record.

Events of the same type, status, actors and recipients whose dates fall within a window
of each other (day-precision dates), or share a month or year (coarser dates), and that
come from different articles, form one cluster. The cluster is represented by its most
confident record, with ``num_articles`` and ``article_ids`` listing every article that
reports it; every article's own record, with its evidence, stays in the store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

Record = dict[str, Any]


def _codes(record: Record, role: str) -> tuple[str, ...]:
    return tuple(sorted(str(e.get("code")) for e in record.get(role) or []))


def _key(record: Record) -> tuple[object, ...]:
    return (record["event"], record.get("status"), _codes(record, "actor"),
            _codes(record, "recipient"))


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _same_time(a: Record, b: Record, window_days: int) -> bool:
    first, second = str(a.get("date") or ""), str(b.get("date") or "")
    if not first or not second:
        return False
    day_a, day_b = _day(first), _day(second)
    if day_a and day_b:
        return abs((day_a - day_b).days) <= window_days
    return first == second


def cluster_events(records: Iterable[Record], window_days: int = 2) -> list[Record]:
    """One record per cluster, in the order of each cluster's first record."""
    return [_merge(cluster) for cluster in group_clusters(records, window_days)]


def group_clusters(records: Iterable[Record], window_days: int = 2) -> list[list[Record]]:
    """Every record of each cluster, the clusters in the order of their first record."""
    groups: dict[tuple[object, ...], list[list[Record]]] = defaultdict(list)
    order: list[list[Record]] = []
    for record in records:
        clusters = groups[_key(record)]
        home = next(
            (c for c in clusters
             if any(_same_time(record, member, window_days) for member in c)
             and record["article_id"] not in {m["article_id"] for m in c}),
            None,
        )
        if home is None:
            home = []
            clusters.append(home)
            order.append(home)
        home.append(record)
    return order


def _merge(cluster: list[Record]) -> Record:
    best = max(cluster, key=lambda r: r.get("confidence") or 0.0)
    article_ids = sorted({str(r["article_id"]) for r in cluster})
    return {**best, "num_articles": len(article_ids), "article_ids": article_ids}
