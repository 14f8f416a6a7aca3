"""Gzip-compressed inputs, read as a stream and typed by their inner extension."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import BinaryIO, cast

from polex.ingest.limits import DEFAULT_LIMITS, size_text

GZIP_SUFFIX = ".gz"

# A single document (page, text, feed) is read whole; past this size a
# compressed file is far more likely a decompression bomb than an article.
MAX_DOCUMENT_BYTES = DEFAULT_LIMITS.max_document_bytes

# What a damaged gzip stream raises part-way through reading.
GZIP_ERRORS = (OSError, EOFError, zlib.error)


class TooLarge(ValueError):
    """A document is larger than polex reads in one piece."""


def is_compressed(path: str) -> bool:
    return path.lower().endswith(GZIP_SUFFIX)


def inner_suffix(path: str) -> str:
    """The extension that says what a file holds: ".jsonl" for "wire.jsonl.gz"."""
    name = Path(path).name.lower()
    if name.endswith(GZIP_SUFFIX):
        name = name[: -len(GZIP_SUFFIX)]
    return Path(name).suffix


def inner_stem(path: str) -> str:
    """The file name without its extensions: "talks" for "talks.html.gz"."""
    name = Path(path).name
    if name.lower().endswith(GZIP_SUFFIX):
        name = name[: -len(GZIP_SUFFIX)]
    return Path(name).stem


def open_binary(path: str) -> BinaryIO:
    """The file's content as a binary stream, decompressed on the fly when gzipped."""
    if is_compressed(path):
        return cast(BinaryIO, gzip.open(path, "rb"))
    return open(path, "rb")


def read_document_bytes(path: str, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The whole (decompressed) content of a file holding one document.

    Raises OSError, EOFError or zlib.error when the file cannot be read or is
    damaged, and TooLarge past ``limit`` bytes.
    """
    with open_binary(path) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"document larger than {size_text(limit)} (max_document_bytes)")
    return data


def gzip_error_reason(error: BaseException) -> str:
    """A reason for a read that failed, naming gzip damage as such."""
    if isinstance(error, EOFError | zlib.error | gzip.BadGzipFile):
        return f"corrupt or truncated gzip file: {error}"
    if isinstance(error, OSError):
        return f"cannot read file: {error.strerror or error}"
    return str(error)
