"""JSON Lines input: one article object per line.

Each line holds ``id``, ``text`` or ``html``, and optionally ``published``
(YYYY-MM-DD or an ISO 8601 datetime), ``url``, ``title`` and ``source``. A bad
line becomes an IngestFailure with origin ``path:LINE``; the other lines go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, BinaryIO

from polex.ingest.dates import parse_published
from polex.ingest.html_page import read_html_article
from polex.ingest.text import EMPTY_TEXT_REASON, normalize_paragraphs
from polex.schema import Article, IngestFailure


def read_jsonl_lines(
    lines: Iterable[tuple[int, str | None]], origin: str, published: date | None = None
) -> Iterator[Article | IngestFailure]:
    """Articles from numbered lines; a line of None is one that was not valid UTF-8."""
    for number, line in lines:
        line_origin = f"{origin}:{number}"
        if line is None:
            yield IngestFailure(line_origin, "invalid JSON: the line is not UTF-8 text")
        elif line.strip():
            yield read_jsonl_record(line, line_origin, published)


def numbered_lines(text: str) -> Iterator[tuple[int, str | None]]:
    """Lines of an in-memory document, numbered from 1.

    Only a line feed ends a line: JSON strings may hold raw U+2028 and other
    characters that ``str.splitlines`` would also split on.
    """
    return enumerate(text.split("\n"), start=1)


def numbered_binary_lines(handle: BinaryIO) -> Iterator[tuple[int, str | None]]:
    """Lines of a file read as it streams, each decoded on its own as UTF-8."""
    for number, raw in enumerate(handle, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            yield number, None
        else:
            yield number, line


def read_jsonl_record(
    line: str, origin: str, published: date | None = None
) -> Article | IngestFailure:
    """One article from one JSON object; ``published`` applies when it has no date."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        # json's messages for some errors already end in "at" ("Invalid control character at")
        message = exc.msg.removesuffix(" at")
        return IngestFailure(origin, f"invalid JSON: {message} at column {exc.colno}")
    if not isinstance(record, dict):
        return IngestFailure(origin, f"invalid JSON: expected an object, got {_json_kind(record)}")
    return _article_from_record(record, origin, published)


def _article_from_record(
    record: dict[str, Any], origin: str, published: date | None
) -> Article | IngestFailure:
    article_id = _identifier(record.get("id"))
    if article_id is None:
        return IngestFailure(origin, "missing 'id'")
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return IngestFailure(origin, "missing 'text' or 'html'")
    raw_date = record.get("published")
    if raw_date is not None and str(raw_date).strip():
        try:
            published = parse_published(str(raw_date))
        except ValueError as exc:
            return IngestFailure(origin, f"unparseable published date {str(raw_date)!r}: {exc}")
    url, title, source = (_string(record.get(key)) for key in ("url", "title", "source"))
    if isinstance(text, str) and text.strip():
        return Article(
            id=article_id,
            text=normalize_paragraphs(text),
            published=published,
            title=title,
            url=url,
            source=source,
            origin=origin,
        )
    if isinstance(html, str) and html.strip():
        return read_html_article(
            html, article_id, published, origin, url=url, title=title, source=source
        )
    return IngestFailure(origin, EMPTY_TEXT_REASON)


def _identifier(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    identifier = str(value).strip()
    return identifier or None


def _string(value: object) -> str | None:
    """A usable string field; empty strings count as absent."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _json_kind(value: object) -> str:
    kinds = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return kinds.get(type(value), "a number")
