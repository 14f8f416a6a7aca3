"""JSON Lines input: one article object per line.

Each line holds ``id``, ``text`` or ``html``, and optionally ``published``
(YYYY-MM-DD or an ISO 8601 datetime), ``url``, ``title`` and ``source``. A bad
line becomes an IngestFailure with origin ``path:LINE``; the other lines go on.
A line longer than the line cap is skipped without ever being held whole.
Values already parsed (the items of a JSON array) are read the same way by
:func:`read_json_values`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, BinaryIO

from polex.ingest.dates import parse_published
from polex.ingest.html_page import read_html_article
from polex.ingest.limits import DEFAULT_LIMITS, size_text
from polex.ingest.sanitize import replace_surrogates
from polex.ingest.text import EMPTY_TEXT_REASON, normalize_paragraphs
from polex.schema import Article, IngestFailure, IngestNotice

NOT_UTF8_REASON = "invalid JSON: the line is not UTF-8 text"
TOO_DEEP_REASON = "invalid JSON: nested too deep"

# An over-long line is skipped in pieces of at most this size.
_SKIP_CHUNK_BYTES = 1_000_000


@dataclass(frozen=True)
class BadLine:
    """A line that cannot be parsed at all, and why."""

    reason: str


Line = tuple[int, str | BadLine]


def read_jsonl_lines(
    lines: Iterable[Line], origin: str, published: date | None = None
) -> Iterator[Article | IngestFailure | IngestNotice]:
    """Articles from numbered lines; an unexpected error fails its line alone."""
    for number, line in lines:
        line_origin = f"{origin}:{number}"
        if isinstance(line, BadLine):
            yield IngestFailure(line_origin, line.reason)
        elif line.strip():
            yield from _guarded(_line_items, line, line_origin, published)


def read_json_values(
    values: Iterable[tuple[int, object]], origin: str, published: date | None = None
) -> Iterator[Article | IngestFailure | IngestNotice]:
    """Articles from numbered JSON values, each held to the rules of a line's object;
    a bad value fails alone, with origin ``origin:NUMBER``."""
    for number, value in values:
        yield from _guarded(_value_items, value, f"{origin}:{number}", published)


def _guarded(
    read: Callable[[Any, str, date | None], tuple[list[IngestNotice], Article | IngestFailure]],
    source: Any, origin: str, published: date | None,
) -> Iterator[Article | IngestFailure | IngestNotice]:
    """What ``read`` makes of one line or value; an unexpected error fails it alone."""
    try:
        notices, item = read(source, origin, published)
    except Exception as exc:  # one item must never end the batch
        item, notices = _unexpected(origin, exc), []
    yield from notices
    yield item


def numbered_lines(text: str, max_chars: int = DEFAULT_LIMITS.max_line_bytes) -> Iterator[Line]:
    """Lines of an in-memory document, numbered from 1; a line over ``max_chars`` is bad.

    Only a line feed ends a line: JSON strings may hold raw U+2028 and other
    characters that ``str.splitlines`` would also split on.
    """
    for number, line in enumerate(text.split("\n"), start=1):
        too_long = len(line) > max_chars
        yield number, BadLine(_too_long_reason(number, max_chars)) if too_long else line


def numbered_binary_lines(
    handle: BinaryIO, max_bytes: int = DEFAULT_LIMITS.max_line_bytes
) -> Iterator[Line]:
    """Lines of a file read as it streams, each decoded on its own as UTF-8.

    No line is held longer than ``max_bytes``: the rest of a longer one is read
    in pieces and dropped, and the line reported as bad.
    """
    number = 0
    while raw := handle.readline(max_bytes + 1):
        number += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            _skip_rest_of_line(handle, min(max_bytes + 1, _SKIP_CHUNK_BYTES))
            yield number, BadLine(_too_long_reason(number, max_bytes))
            continue
        try:
            yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            yield number, BadLine(NOT_UTF8_REASON)


def _skip_rest_of_line(handle: BinaryIO, chunk_bytes: int) -> None:
    while piece := handle.readline(chunk_bytes):
        if piece.endswith(b"\n"):
            return


def _too_long_reason(number: int, limit: int) -> str:
    return f"line {number} longer than {size_text(limit)} (max_line_bytes)"


def read_jsonl_record(
    line: str, origin: str, published: date | None = None
) -> Article | IngestFailure:
    """One article from one JSON object; ``published`` applies when it has no date."""
    return _line_items(line, origin, published)[1]


def _line_items(
    line: str, origin: str, published: date | None
) -> tuple[list[IngestNotice], Article | IngestFailure]:
    """The line's article or failure, and notices of what was changed to read it."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        # json's messages for some errors already end in "at" ("Invalid control character at")
        message = exc.msg.removesuffix(" at")
        return [], IngestFailure(origin, f"invalid JSON: {message} at column {exc.colno}")
    except RecursionError:
        return [], IngestFailure(origin, TOO_DEEP_REASON)
    return _value_items(record, origin, published)


def _value_items(
    value: object, origin: str, published: date | None
) -> tuple[list[IngestNotice], Article | IngestFailure]:
    if not isinstance(value, dict):
        kind = _json_kind(value)
        return [], IngestFailure(origin, f"invalid JSON: expected an object, got {kind}")
    return _article_from_record(value, origin, published)


def _article_from_record(
    record: dict[str, Any], origin: str, published: date | None
) -> tuple[list[IngestNotice], Article | IngestFailure]:
    article_id = _identifier(record.get("id"))
    if article_id is None:
        return [], IngestFailure(origin, "missing 'id'")
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return [], IngestFailure(origin, "missing 'text' or 'html'")
    raw_date = record.get("published")
    if raw_date is not None and str(raw_date).strip():
        try:
            published = parse_published(str(raw_date))
        except ValueError as exc:
            reason = f"unparseable published date {str(raw_date)!r}: {exc}"
            return [], IngestFailure(origin, reason)
    url, title, source = (_string(record.get(key)) for key in ("url", "title", "source"))
    if isinstance(text, str) and text.strip():
        article = Article(
            id=article_id,
            text=normalize_paragraphs(text),
            published=published,
            title=title,
            url=url,
            source=source,
            origin=origin,
        )
        return [], article
    if isinstance(html, str) and html.strip():
        # HTML extraction fails on lone surrogates, so they go before it rather than after.
        html, replaced = replace_surrogates(html)
        notices = [IngestNotice(origin, "invalid characters replaced in html")] if replaced else []
        page = read_html_article(
            html, article_id, published, origin, url=url, title=title, source=source
        )
        return notices, page
    return [], IngestFailure(origin, EMPTY_TEXT_REASON)


def _unexpected(origin: str, error: Exception) -> IngestFailure:
    return IngestFailure(origin, f"unexpected error: {type(error).__name__}: {error}")


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
