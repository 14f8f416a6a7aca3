"""Opaque paging cursors: where the next page starts, tied to the query that made it.

A cursor is base64url JSON. For a plain listing it holds the date and id of the last
event sent (pages are ordered by date, then id, so the position survives events being
added elsewhere); for a clustered listing, how many clusters were sent. Either way it
carries a digest of the filters, so a cursor is refused with a query it does not belong to.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from polex.store.queries import PageKey

VERSION = 1
MAX_LENGTH = 2048


class CursorError(ValueError):
    """A cursor that cannot be read or belongs to another query."""


def _encode(payload: dict[str, Any]) -> str:
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def _decode(token: str) -> dict[str, Any]:
    if len(token) > MAX_LENGTH:
        raise CursorError("cursor is too long to be one this server made")
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        payload = json.loads(raw.decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise CursorError("cursor is not one this server made; pass the `next` value "
                          "of the previous page as it is") from exc
    if not isinstance(payload, dict) or payload.get("v") != VERSION:
        raise CursorError("cursor is not one this server made")
    return payload


def key_cursor(key: PageKey, fingerprint: str) -> str:
    return _encode({"v": VERSION, "f": fingerprint, "d": key.date, "i": key.id})


def offset_cursor(offset: int, fingerprint: str) -> str:
    return _encode({"v": VERSION, "f": fingerprint, "o": offset})


def _checked(token: str, fingerprint: str) -> dict[str, Any]:
    payload = _decode(token)
    if payload.get("f") != fingerprint:
        raise CursorError("cursor belongs to a query with other filters; start again "
                          "without a cursor")
    return payload


def read_key(token: str, fingerprint: str) -> PageKey:
    payload = _checked(token, fingerprint)
    day, event_id = payload.get("d"), payload.get("i")
    if not isinstance(event_id, str) or not (day is None or isinstance(day, str)):
        raise CursorError("cursor is not one of a plain (unclustered) listing")
    return PageKey(day, event_id)


def read_offset(token: str, fingerprint: str) -> int:
    offset = _checked(token, fingerprint).get("o")
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise CursorError("cursor is not one of a clustered listing")
    return offset
