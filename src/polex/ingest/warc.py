"""WARC archives (``.warc``, ``.warc.gz``): each captured article page becomes an Article.

A ``response`` (or ``resource``) record with status 200 and an HTML or plain
text payload is read like a fetched page: its id derives from the
WARC-Target-URI, its date is the page's own, else the capture date
(WARC-Date). Other captures of a crawl (robots.txt, images, redirects, error
pages, pages without article text) are reported with origin
``<file>#<record offset>``; request, metadata, warcinfo and revisit records
and DNS lookups are skipped silently. A damaged or truncated archive reports
where reading stopped and keeps every record read before.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, BinaryIO, cast

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from polex.ingest.dates import parse_published
from polex.ingest.media import parse_content_type
from polex.ingest.web_page import read_web_document
from polex.schema import Article, IngestFailure

MAX_RECORD_BYTES = 5_000_000
ARTICLE_RECORD_TYPES = ("response", "resource")
EMPTY_REASON = "empty file"
TRUNCATED_RECORD_REASON = "truncated WARC: the file ends inside this record"
TRAILING_DATA_REASON = (
    "truncated or corrupt WARC: the data after the last complete record cannot be read"
)
DAMAGED_PREFIX = "corrupt or truncated WARC"
NOT_WARC_REASON = "not a WARC file (no WARC/1.x record header)"
NO_URI_REASON = "record has no WARC-Target-URI"

_MAX_MESSAGE_CHARS = 100

# Uncompressed WARC records are followed by two CRLFs not counted in their length.
_RECORD_SEPARATOR_BYTES = 4

Item = Article | IngestFailure


@dataclass(frozen=True)
class _Payload:
    body: bytes
    too_large: bool
    truncated: bool


def read_warc_file(
    path: str, published: date | None = None, max_bytes: int = MAX_RECORD_BYTES
) -> Iterator[Item]:
    """Articles from a WARC file, plain or gzipped; ``published`` is for records without a date.

    A WARC gzipped as a whole rather than record by record is read through a
    decompressing stream; its record offsets then count uncompressed bytes.
    """
    try:
        with open(path, "rb") as handle:
            restart_after = yield from _read_records(handle, path, published, max_bytes)
        if restart_after is not None:
            with gzip.open(path, "rb") as stream:
                yield from _read_records(
                    cast(BinaryIO, stream), path, published, max_bytes, skip=restart_after
                )
    except OSError as exc:
        yield IngestFailure(path, f"cannot read file: {exc.strerror or exc}")


def _read_records(
    stream: BinaryIO, path: str, published: date | None, max_bytes: int, skip: int | None = None
) -> Generator[Item, None, int | None]:
    """Items from the records of an archive stream.

    Returns the number of records read when the file turns out to be gzipped
    as one block, so that reading can resume through a decompressing stream;
    ``skip`` is that number on the second pass.
    """
    records: Any = ArchiveIterator(stream)
    end_of_last_record = 0
    count = 0
    try:
        for record in records:
            if record.format != "warc":
                yield IngestFailure(f"{path}#{records.get_record_offset()}", NOT_WARC_REASON)
                return None
            payload = _read_payload(record, max_bytes) if _is_candidate(record) else None
            offset = records.get_record_offset()
            end_of_last_record = offset + records.get_record_length()
            count += 1
            if payload is not None and count > (skip or 0):
                yield _record_item(record, payload, f"{path}#{offset}", published, max_bytes)
    except Exception as exc:  # warcio, gzip and zlib raise assorted errors on damaged files
        if skip is None and _is_whole_file_gzip(exc):
            return count
        yield IngestFailure(f"{path}#{end_of_last_record}", _damage_reason(exc))
        return None
    failure = _unread_data_failure(stream, path, end_of_last_record, unpacked=skip is not None)
    if failure is not None:
        yield failure
    return None


def _is_candidate(record: Any) -> bool:
    # Crawlers log each DNS lookup as a response record of the "dns:" scheme.
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    return record.rec_type in ARTICLE_RECORD_TYPES and not uri.startswith("dns:")


def _read_payload(record: Any, max_bytes: int) -> _Payload:
    body = _read_up_to(record.content_stream(), max_bytes + 1)
    if len(body) > max_bytes:
        return _Payload(body=b"", too_large=True, truncated=False)
    # The record's block ended before its declared Content-Length: the file is cut short.
    unread = getattr(record.raw_stream, "limit", 0)
    return _Payload(body=body, too_large=False, truncated=bool(unread))


def _read_up_to(stream: Any, size: int) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = stream.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _record_item(
    record: Any, payload: _Payload, origin: str, published: date | None, max_bytes: int
) -> Item:
    if payload.truncated:
        return IngestFailure(origin, TRUNCATED_RECORD_REASON)
    uri = record.rec_headers.get_header("WARC-Target-URI")
    if not uri:
        return IngestFailure(origin, NO_URI_REASON)
    refusal = _status_refusal(record)
    if refusal is not None:
        return IngestFailure(origin, f"not an article: {refusal}")
    if payload.too_large:
        return IngestFailure(origin, f"record larger than {max_bytes / 1_000_000:g} MB")
    media_type, charset = parse_content_type(_content_type(record))
    return read_web_document(
        payload.body,
        media_type,
        charset,
        uri,
        origin,
        fallback_published=_capture_date(record) or published,
    )


def _status_refusal(record: Any) -> str | None:
    """Why a captured HTTP response is not a page, or None for a 200."""
    headers = record.http_headers
    if record.rec_type != "response" or headers is None:
        return None
    status = headers.get_statuscode() or ""
    if status == "200":
        return None
    if status.startswith("3"):
        location = headers.get_header("Location")
        return f"redirect (HTTP {status})" + (f" to {location}" if location else "")
    return f"HTTP {status} response"


def _content_type(record: Any) -> str | None:
    if record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type")
        if value:
            return str(value)
    return record.rec_headers.get_header("Content-Type") if record.rec_type == "resource" else None


def _capture_date(record: Any) -> date | None:
    value = record.rec_headers.get_header("WARC-Date")
    if not value:
        return None
    try:
        return parse_published(value)
    except ValueError:
        return None


def _unread_data_failure(
    stream: BinaryIO, path: str, end: int, *, unpacked: bool
) -> IngestFailure | None:
    """A failure when bytes after the last readable record were silently dropped."""
    if unpacked:
        # warcio stops quietly when the gzip stream is cut short; the stream knows.
        try:
            rest = stream.read(_RECORD_SEPARATOR_BYTES + 1)
        except (OSError, EOFError, zlib.error):
            return IngestFailure(f"{path}#{end}", TRAILING_DATA_REASON)
        return IngestFailure(f"{path}#{end}", TRAILING_DATA_REASON) if rest.strip() else None
    size = os.fstat(stream.fileno()).st_size
    if size == 0:
        return IngestFailure(path, EMPTY_REASON)
    if size - end <= _RECORD_SEPARATOR_BYTES:
        stream.seek(end)
        if not stream.read().strip():
            return None
    return IngestFailure(f"{path}#{end}", TRAILING_DATA_REASON)


def _is_whole_file_gzip(error: Exception) -> bool:
    return isinstance(error, ArchiveLoadFailed) and "non-chunked gzip" in str(error)


def _damage_reason(error: Exception) -> str:
    if isinstance(error, ArchiveLoadFailed):
        return f"{DAMAGED_PREFIX}: {_printable_first_line(str(error))}"
    if isinstance(error, OSError | EOFError | zlib.error):
        return f"{DAMAGED_PREFIX}: {error or type(error).__name__}"
    # warcio fails inside its parser on records cut in their headers.
    return f"{DAMAGED_PREFIX}: the record at this offset cannot be parsed"


def _printable_first_line(message: str) -> str:
    line = next((line.strip() for line in message.splitlines() if line.strip()), "")
    printable = "".join(char if char.isprintable() else "?" for char in line)
    return printable[:_MAX_MESSAGE_CHARS]
