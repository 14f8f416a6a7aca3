"""Turn input paths into Articles, reporting each bad item instead of raising."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from polex.ingest.decoding import BINARY_REASON, NotText, decode_bytes, sniff_kind
from polex.ingest.html_page import read_html_article
from polex.ingest.jsonl import numbered_binary_lines, numbered_lines, read_jsonl_lines
from polex.ingest.text import read_text_article
from polex.schema import Article, IngestFailure

SUFFIX_KINDS = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}

STDIN_PATH = "-"
STDIN_ORIGIN = "<stdin>"
STDIN_ID = "stdin"

MISSING_REASON = "no such file or directory"
EMPTY_FILE_REASON = "empty file"

_BINARY_PROBE_BYTES = 8192

Item = Article | IngestFailure


def read_inputs(
    paths: Sequence[str], published: date | None = None, stdin: TextIO | None = None
) -> Iterator[Item]:
    """Articles from files, folders (recursively) and "-" for standard input, in order.

    ``published`` is the publication date for inputs that do not state one.
    """
    for path in paths:
        if path == STDIN_PATH:
            yield from read_stream(stdin if stdin is not None else sys.stdin, published)
        else:
            yield from read_path(path, published)


def read_path(path: str, published: date | None = None) -> Iterator[Item]:
    """Articles from one file, or from the supported files inside a folder."""
    if not os.path.lexists(path):
        yield IngestFailure(path, MISSING_REASON)
    elif os.path.isdir(path):
        for entry in folder_entries(path):
            if isinstance(entry, IngestFailure):
                yield entry
            else:
                yield from read_file(entry, published)
    else:
        yield from read_file(path, published)


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


def _is_supported(name: str) -> bool:
    return not name.startswith(".") and Path(name).suffix.lower() in SUFFIX_KINDS


def read_file(path: str, published: date | None = None) -> Iterator[Item]:
    """Articles from one file, by extension; other extensions are sniffed from the content."""
    kind = SUFFIX_KINDS.get(Path(path).suffix.lower())
    if kind == "jsonl":
        yield from _read_jsonl_file(path, published)
        return
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        yield IngestFailure(path, _cannot_read(exc))
        return
    try:
        text = decode_bytes(data)
    except NotText as exc:
        yield IngestFailure(path, str(exc))
        return
    yield from read_document(text, path, Path(path).stem, published, kind)


def read_stream(stream: TextIO, published: date | None = None) -> Iterator[Item]:
    """Articles from an open stream such as standard input; its format is sniffed."""
    try:
        text = _read_stream_text(stream)
    except NotText as exc:
        yield IngestFailure(STDIN_ORIGIN, str(exc))
    except OSError as exc:
        yield IngestFailure(STDIN_ORIGIN, _cannot_read(exc))
    else:
        yield from read_document(text, STDIN_ORIGIN, STDIN_ID, published)


def read_document(
    text: str,
    origin: str,
    article_id: str,
    published: date | None = None,
    kind: str | None = None,
) -> Iterator[Item]:
    """Articles from a decoded document of the given kind, sniffed when None."""
    if not text.strip():
        yield IngestFailure(origin, EMPTY_FILE_REASON)
        return
    kind = kind or sniff_kind(text)
    if kind == "jsonl":
        yield from read_jsonl_lines(numbered_lines(text), origin, published)
    elif kind == "html":
        yield read_html_article(text, article_id, published, origin)
    else:
        yield read_text_article(text, article_id, published, origin)


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
    try:
        with open(path, "rb") as handle:
            if b"\x00" in handle.read(_BINARY_PROBE_BYTES):
                yield IngestFailure(path, BINARY_REASON)
                return
            handle.seek(0)
            found_any = False
            for item in read_jsonl_lines(numbered_binary_lines(handle), path, published):
                found_any = True
                yield item
    except OSError as exc:
        yield IngestFailure(path, _cannot_read(exc))
        return
    if not found_any:
        yield IngestFailure(path, EMPTY_FILE_REASON)


def _cannot_read(error: OSError) -> str:
    return f"cannot read file: {error.strerror or error}"
