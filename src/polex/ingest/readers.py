"""Turn input paths into Articles, reporting each bad item instead of raising.

An input is a file, a folder (read recursively), a glob pattern ("news/**/*.html"),
"-" for standard input, or an http(s) URL. Files are read by extension, looking
through a ".gz" to the extension inside: ".txt", ".html"/".htm", ".jsonl",
".warc", ".xml"/".rss"/".atom" (feeds) and ".urls" (URL lists); a text file
whose lines are all URLs is a URL list too.
"""

from __future__ import annotations

import glob
import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import TextIO

from polex.ingest.compressed import (
    GZIP_ERRORS,
    TooLarge,
    gzip_error_reason,
    inner_stem,
    inner_suffix,
    open_binary,
    read_document_bytes,
)
from polex.ingest.decoding import BINARY_REASON, NotText, decode_bytes, sniff_kind
from polex.ingest.fetch import FetchSettings
from polex.ingest.html_page import read_html_article
from polex.ingest.jsonl import numbered_binary_lines, numbered_lines, read_jsonl_lines
from polex.ingest.media import looks_like_feed
from polex.ingest.text import read_text_article
from polex.ingest.urls import WebReader, is_url, numbered_url_lines, url_list
from polex.ingest.warc import read_warc_file
from polex.schema import Article, IngestFailure

SUFFIX_KINDS = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".warc": "warc",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".urls": "urls",
}

STDIN_PATH = "-"
STDIN_ORIGIN = "<stdin>"
STDIN_ID = "stdin"

MISSING_REASON = "no such file or directory"
EMPTY_FILE_REASON = "empty file"
NO_MATCH_REASON = "no files match the pattern"

_BINARY_PROBE_BYTES = 8192
_GLOB_MAGIC = re.compile(r"[*?[]")

Item = Article | IngestFailure


def read_inputs(
    paths: Sequence[str],
    published: date | None = None,
    stdin: TextIO | None = None,
    *,
    fetch: FetchSettings | None = None,
    fetch_links: bool = False,
) -> Iterator[Item]:
    """Articles from files, folders (recursively), globs, URLs and "-" for standard input.

    Results come in the order of ``paths``. ``published`` is the publication
    date for inputs that do not state one; ``fetch`` sets how URLs are fetched;
    ``fetch_links`` reads the pages that feed entries link to instead of the
    entries' own text. Consecutive URLs are fetched concurrently.
    """
    with WebReader(fetch, fetch_links=fetch_links) as web:
        for are_urls, group in groupby(paths, key=is_url):
            if are_urls:
                yield from web.read_urls(group, published)
                continue
            for path in group:
                if path == STDIN_PATH:
                    stream = stdin if stdin is not None else sys.stdin
                    yield from read_stream(stream, published, web=web)
                else:
                    yield from read_path(path, published, web=web)


def read_path(path: str, published: date | None = None, *, web: WebReader | None = None
              ) -> Iterator[Item]:
    """Articles from one file, from the supported files inside a folder, or from a glob."""
    if not os.path.lexists(path) and _GLOB_MAGIC.search(path):
        entries = glob_entries(path)
    elif not os.path.lexists(path):
        entries = [IngestFailure(path, MISSING_REASON)]
    elif os.path.isdir(path):
        entries = folder_entries(path)
    else:
        entries = [path]
    with _web_reader(web) as reader:
        for entry in entries:
            if isinstance(entry, IngestFailure):
                yield entry
            else:
                yield from read_file(entry, published, web=reader)


def glob_entries(pattern: str) -> list[str | IngestFailure]:
    """Files matching a pattern ("**" spans folders), sorted by path.

    Matching folders contribute their supported files. A pattern that ends in
    an extension ("*.php") keeps every match; others ("news/*") keep only
    supported files, as a folder does.
    """
    failures: list[str | IngestFailure] = []
    files: set[str] = set()
    keep_all = _names_extension(pattern)
    for match in glob.glob(pattern, recursive=True):
        if os.path.isdir(match):
            for entry in folder_entries(match):
                if isinstance(entry, IngestFailure):
                    failures.append(entry)
                else:
                    files.add(entry)
        elif keep_all or _is_supported(Path(match).name):
            files.add(match)
    if not files and not failures:
        return [IngestFailure(pattern, NO_MATCH_REASON)]
    return failures + sorted(files)


def folder_entries(folder: str) -> list[str | IngestFailure]:
    """Supported files under a folder, sorted by path, skipping hidden files and folders.

    Subfolders that cannot be listed come first, as failures.
    """
    files: list[str] = []
    failures: list[str | IngestFailure] = []

    def report(error: OSError) -> None:
        failures.append(IngestFailure(str(error.filename), f"cannot read folder: {error.strerror}"))

    for root, folders, names in os.walk(folder, onerror=report):
        folders[:] = [name for name in folders if not name.startswith(".")]
        files.extend(os.path.join(root, name) for name in names if _is_supported(name))
    return failures + sorted(files, key=lambda p: Path(p).relative_to(folder).parts)


def file_kind(path: str) -> str | None:
    """What a file holds, from its extension (looking inside ".gz"); None when unknown."""
    return SUFFIX_KINDS.get(inner_suffix(path))


def _is_supported(name: str) -> bool:
    return not name.startswith(".") and file_kind(name) is not None


def _names_extension(pattern: str) -> bool:
    suffix = Path(pattern).suffix
    return bool(suffix) and _GLOB_MAGIC.search(suffix) is None


def read_file(path: str, published: date | None = None, *, web: WebReader | None = None
              ) -> Iterator[Item]:
    """Articles from one file, by extension; other extensions are sniffed from the content."""
    kind = file_kind(path)
    if kind == "warc":
        yield from read_warc_file(path, published)
        return
    if kind == "jsonl":
        yield from _read_jsonl_file(path, published)
        return
    try:
        data = read_document_bytes(path)
    except TooLarge as exc:
        yield IngestFailure(path, str(exc))
        return
    except GZIP_ERRORS as exc:
        yield IngestFailure(path, gzip_error_reason(exc))
        return
    with _web_reader(web) as reader:
        if kind == "feed" or (kind is None and looks_like_feed(data)):
            yield from _read_feed_file(data, path, published, reader)
            return
        try:
            text = decode_bytes(data)
        except NotText as exc:
            yield IngestFailure(path, str(exc))
            return
        yield from read_document(text, path, inner_stem(path), published, kind, web=reader)


def read_stream(stream: TextIO, published: date | None = None, *, web: WebReader | None = None
                ) -> Iterator[Item]:
    """Articles from an open stream such as standard input; its format is sniffed."""
    try:
        text = _read_stream_text(stream)
    except NotText as exc:
        yield IngestFailure(STDIN_ORIGIN, str(exc))
    except OSError as exc:
        yield IngestFailure(STDIN_ORIGIN, _cannot_read(exc))
    else:
        yield from read_document(text, STDIN_ORIGIN, STDIN_ID, published, web=web)


def read_document(
    text: str,
    origin: str,
    article_id: str,
    published: date | None = None,
    kind: str | None = None,
    *,
    web: WebReader | None = None,
) -> Iterator[Item]:
    """Articles from a decoded document of the given kind, sniffed when None.

    A URL list (kind "urls", or any text whose lines are all URLs) is fetched.
    """
    if not text.strip():
        yield IngestFailure(origin, EMPTY_FILE_REASON)
        return
    if kind == "urls" or (kind in (None, "text") and url_list(text)):
        with _web_reader(web) as reader:
            yield from reader.read_urls(numbered_url_lines(text, origin), published)
        return
    kind = kind or sniff_kind(text)
    if kind == "jsonl":
        yield from read_jsonl_lines(numbered_lines(text), origin, published)
    elif kind == "html":
        yield read_html_article(text, article_id, published, origin)
    else:
        yield read_text_article(text, article_id, published, origin)


@contextmanager
def _web_reader(web: WebReader | None) -> Iterator[WebReader]:
    """The run's web reader, or one opened (lazily) for this input alone."""
    if web is not None:
        yield web
        return
    with WebReader() as own:
        yield own


def _read_feed_file(
    data: bytes, path: str, published: date | None, web: WebReader
) -> Iterator[Item]:
    if not data.strip():
        yield IngestFailure(path, EMPTY_FILE_REASON)
        return
    yield from web.read_feed(data, path, published)


def _read_stream_text(stream: TextIO) -> str:
    # Prefer the raw bytes, so that stdin gets the same encoding detection as files.
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return decode_bytes(buffer.read())
    try:
        text = stream.read()
    except UnicodeDecodeError:
        raise NotText(BINARY_REASON) from None
    if "\x00" in text:
        raise NotText(BINARY_REASON)
    return text


def _read_jsonl_file(path: str, published: date | None) -> Iterator[Item]:
    """JSON Lines read as they stream (from a ".jsonl.gz" too); damage stops at that line."""
    found_any = False
    try:
        with open_binary(path) as handle:
            if b"\x00" in handle.read(_BINARY_PROBE_BYTES):
                yield IngestFailure(path, BINARY_REASON)
                return
            handle.seek(0)
            for item in read_jsonl_lines(numbered_binary_lines(handle), path, published):
                found_any = True
                yield item
    except GZIP_ERRORS as exc:
        yield IngestFailure(path, gzip_error_reason(exc))
        return
    if not found_any:
        yield IngestFailure(path, EMPTY_FILE_REASON)


def _cannot_read(error: OSError) -> str:
    return f"cannot read file: {error.strerror or error}"
