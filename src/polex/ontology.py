"""The PLOVER ontology as data: event types, modes, quad codes, scores, contexts.

Loaded once from ``polex/data/plover.json`` (package data).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from polex.data import read_json, read_rows

CODEBOOK = "plover-base-0.8"


@lru_cache(maxsize=1)
def _plover() -> dict[str, Any]:
    data: dict[str, Any] = read_json("plover.json")
    return data


def event_types() -> list[str]:
    return list(_plover()["event_types"])


def modes(event_type: str) -> list[str]:
    return list(_plover()["event_types"][event_type]["modes"])


def contexts() -> list[str]:
    return list(_plover()["contexts"])


def sectors() -> list[str]:
    return list(_plover()["sectors"])


def entity_codes() -> dict[str, str]:
    return dict(_plover()["entity_codes"])


def quad_code(event_type: str) -> int:
    return int(_plover()["event_types"][event_type]["quad_code"])


def requires_recipient(event_type: str) -> bool:
    return bool(_plover()["event_types"][event_type]["requires_recipient"])


def event_scale(event_type: str, mode: list[str] | None = None) -> float:
    """PLOVER conflict-cooperation score: the mode's score where the table gives one."""
    spec = _plover()["event_types"][event_type]
    scores = [spec["modes"][m] for m in (mode or []) if m in spec["modes"]]
    return float(scores[0]) if scores else float(spec["score"])


@lru_cache(maxsize=1)
def _cameo_table() -> dict[tuple[str, str], str]:
    return {(event, mode): code for event, mode, code, *_ in read_rows("cameo.tsv")}


def cameo_code(event_type: str, mode: list[str] | None = None) -> str | None:
    """The CAMEO code alongside a PLOVER type and mode (the first mode that has one)."""
    table = _cameo_table()
    for m in mode or []:
        if (event_type, m) in table:
            return table[(event_type, m)]
    return table.get((event_type, ""))
