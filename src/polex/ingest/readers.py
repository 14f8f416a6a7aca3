"""Turn input paths into Articles, reporting each bad item instead of raising.

An input is a file, a folder (read recursively), a glob pattern ("news/**/*.html"),
"-" for standard input, or an http(s) URL. Files are read by extension, looking
through a ".gz" to the extension inside: ".txt", ".html"/".htm", ".jsonl",
".warc", ".xml"/".rss"/".atom" (feeds) and ".urls" (URL lists); a text file
whose lines are all URLs is a URL list too.

Only regular files are opened (a FIFO would block forever), folder walks and
"**" never follow a symlinked folder, and every item passes through
:func:`polex.ingest.sanitize.sanitized_items` on its way out of
:func:`read_inputs`. An unexpected error while reading one file becomes that
file's failure and the batch goes on.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
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
from polex.ingest.limits import DEFAULT_LIMITS, ReadLimits, size_text
from polex.ingest.media import looks_like_feed
from polex.ingest.sanitize import replace_surrogates, sanitized_items
from polex.ingest.text import read_text_article
from polex.ingest.urls import WebReader, is_url, numbered_url_lines, url_list
from polex.ingest.warc import read_warc_file
from polex.schema import Article, IngestFailure, IngestNotice

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
STDIN_TOO_LARGE_REASON = "standard input larger than {size} (max_stdin_bytes)"

_BINARY_PROBE_BYTES = 8192
_GLOB_MAGIC = re.compile(r"[*?[]")

# What each kind of file that is not a regular file is called in a failure.
_SPECIAL_FILE_KINDS = (
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
)

Item = Article | IngestFailure | IngestNotice


def read_inputs(
    paths: Sequence[str],
    published: date | None = None,
    stdin: TextIO | None = None,
    *,
    fetch: FetchSettings | None = None,
    fetch_links: bool = False,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Iterator[Item]:
    """Articles from files, folders (recursively), globs, URLs and "-" for standard input.

    Results come in the order of ``paths``. ``published`` is the publication
    date for inputs that do not state one; ``fetch`` sets how URLs are fetched;
    ``fetch_links`` reads the pages that feed entries link to instead of the
    entries' own text; ``limits`` caps what is read. Consecutive URLs are
    fetched concurrently. An IngestNotice comes just before an article that was
    changed to be read (text cut at the cap, invalid characters replaced).
    """
    with WebReader(fetch, fetch_links=fetch_links) as web:
        items = _read_groups(paths, published, stdin, web, limits)
        yield from sanitized_items(items, limits)


def _read_groups(
    paths: Sequence[str],
    published: date | None,
    stdin: TextIO | None,
    web: WebReader,
    limits: ReadLimits,
) -> Iterator[Item]:
    for are_urls, group in groupby(paths, key=is_url):
        if are_urls:
            urls = list(group)
            yield from guarded(web.read_urls(urls, published), _urls_origin(urls))
            continue
        for path in group:
            if path == STDIN_PATH:
                stream = stdin if stdin is not None else sys.stdin
                items = read_stream(stream, published, web=web, limits=limits)
                yield from guarded(items, STDIN_ORIGIN)
            else:
                yield from guarded(read_path(path, published, web=web, limits=limits), path)


def guarded(items: Iterator[Item], origin: str) -> Iterator[Item]:
    """The items, then a failure for ``origin`` if reading them raised an unexpected error."""
    try:
        yield from items
    except Exception as exc:  # a bug or library error on one input must not end the batch
        yield IngestFailure(origin, f"unexpected error: {type(exc).__name__}: {exc}")


def _urls_origin(urls: list[str]) -> str:
    return urls[0] if len(urls) == 1 else f"{urls[0]} (and {len(urls) - 1} more URLs)"


def read_path(
    path: str,
    published: date | None = None,
    *,
    web: WebReader | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
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
                yield from guarded(read_file(entry, published, web=reader, limits=limits), entry)


def glob_entries(pattern: str) -> list[str | IngestFailure]:
    """Files matching a pattern ("**" spans folders), sorted by path.

    Matching folders contribute their supported files. A pattern that ends in
    an extension ("*.php") keeps every match; others ("news/*") keep only
    supported files, as a folder does. Like a folder walk, "**" does not enter
    hidden or symlinked folders.
    """
    failures: list[str | IngestFailure] = []
    files: set[str] = set()
    keep_all = _names_extension(pattern)
    read_folders: set[str] = set()
    for match in sorted(set(_glob(pattern))):
        if os.path.isdir(match):
            if _enters_read_folder(match, read_folders):
                continue
            read_folders.add(os.path.realpath(match))
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


def _enters_read_folder(folder: str, read_folders: set[str]) -> bool:
    """Whether a matched folder was read already, or holds the folder it is in.

    A symlink to a parent folder ("news/up" -> "..") would otherwise read every
    file again under another name.
    """
    real = os.path.realpath(folder)
    parent = os.path.realpath(os.path.dirname(os.path.abspath(folder)))
    return _is_within(parent, real) or any(_is_within(real, done) for done in read_folders)


def _is_within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _glob(pattern: str) -> Iterator[str]:
    """Paths matching a pattern; a "**" part matches a folder and its subfolders."""
    parts = pattern.split(os.sep)
    literal = 0
    while literal < len(parts) - 1 and not _GLOB_MAGIC.search(parts[literal]):
        literal += 1
    base = os.sep.join(parts[:literal])
    if literal and not base:  # the pattern is absolute: "/news/*" splits into "", "news", "*"
        base = os.sep
    if base and not os.path.isdir(base):
        return iter(())
    return _matches(base, parts[literal:])


def _matches(base: str, parts: list[str]) -> Iterator[str]:
    if not parts:
        yield base
        return
    head, rest = parts[0], parts[1:]
    if head == "**" and not rest:
        yield base or os.curdir  # every file below: the folder's files, as a folder is read
    elif head == "**":
        for folder in _folders_under(base):
            yield from _matches(folder, rest)
    elif _GLOB_MAGIC.search(head):
        for name in _names_matching(base, head):
            yield from _matches(os.path.join(base, name), rest)
    elif head:
        path = os.path.join(base, head)
        if os.path.lexists(path):
            yield from _matches(path, rest)
    else:  # an empty part, from "//" or a trailing separator
        yield from _matches(base, rest)


def _names_matching(folder: str, part: str) -> list[str]:
    try:
        names = os.listdir(folder or os.curdir)
    except OSError:
        return []
    show_hidden = part.startswith(".")
    return sorted(
        name for name in fnmatch.filter(names, part) if show_hidden or not name.startswith(".")
    )


def _folders_under(base: str) -> Iterator[str]:
    """The folder and every folder below it, not entering hidden or symlinked ones."""
    for root, _ in _walk(base or os.curdir, onerror=None):
        if base:
            yield root
        else:  # keep the paths of a relative pattern as written: "a.html", not "./a.html"
            relative = os.path.relpath(root)
            yield "" if relative == os.curdir else relative


def _walk(
    top: str, onerror: Callable[[OSError], None] | None
) -> Iterator[tuple[str, list[str]]]:
    """Each folder under ``top`` with the names of the files in it.

    Hidden and symlinked folders are not entered, nor a folder (reached through
    a bind mount, say) whose real path was already walked.
    """
    walked: set[str] = set()
    for root, folders, names in os.walk(top, onerror=onerror, followlinks=False):
        walked.add(os.path.realpath(root))
        folders[:] = [
            name for name in folders
            if not name.startswith(".")
            and os.path.realpath(os.path.join(root, name)) not in walked
        ]
        yield root, names


def folder_entries(folder: str) -> list[str | IngestFailure]:
    """Supported files under a folder, sorted by path, skipping hidden files and folders.

    Subfolders that cannot be listed come first, as failures.
    """
    files: list[str] = []
    failures: list[str | IngestFailure] = []

    def report(error: OSError) -> None:
        failures.append(IngestFailure(str(error.filename), f"cannot read folder: {error.strerror}"))

    for root, names in _walk(folder, onerror=report):
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


def read_file(
    path: str,
    published: date | None = None,
    *,
    web: WebReader | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Iterator[Item]:
    """Articles from one file, by extension; other extensions are sniffed from the content.

    A FIFO, socket or device is reported without being opened.
    """
    special = special_file_kind(path)
    if special is not None:
        yield IngestFailure(path, f"not a regular file ({special})")
        return
    kind = file_kind(path)
    if kind == "warc":
        yield from read_warc_file(path, published)
        return
    if kind == "jsonl":
        yield from _read_jsonl_file(path, published, limits.max_line_bytes)
        return
    try:
        data = read_document_bytes(path, limits.max_document_bytes)
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
        yield from read_document(
            text, path, inner_stem(path), published, kind, web=reader, limits=limits
        )


def special_file_kind(path: str) -> str | None:
    """The kind of special file at the path ("fifo", "socket", a device), else None.

    Opening a FIFO waits for a writer, possibly forever, so it is told apart first.
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):  # reading the file will report why it cannot be read
        return None
    return next((name for is_kind, name in _SPECIAL_FILE_KINDS if is_kind(mode)), None)


def read_stream(
    stream: TextIO,
    published: date | None = None,
    *,
    web: WebReader | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Iterator[Item]:
    """Articles from an open stream such as standard input; its format is sniffed.

    At most ``limits.max_stdin_bytes`` are read: a larger stream is refused.
    """
    try:
        text = _read_stream_text(stream, limits.max_stdin_bytes)
    except (NotText, TooLarge) as exc:
        yield IngestFailure(STDIN_ORIGIN, str(exc))
        return
    except OSError as exc:
        yield IngestFailure(STDIN_ORIGIN, _cannot_read(exc))
        return
    # A text stream can hold lone surrogates, on which HTML extraction fails.
    text, replaced = replace_surrogates(text)
    if replaced:
        yield IngestNotice(STDIN_ORIGIN, "invalid characters replaced in the input")
    yield from read_document(text, STDIN_ORIGIN, STDIN_ID, published, web=web, limits=limits)


def read_document(
    text: str,
    origin: str,
    article_id: str,
    published: date | None = None,
    kind: str | None = None,
    *,
    web: WebReader | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
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
        yield from read_jsonl_lines(numbered_lines(text, limits.max_line_bytes), origin, published)
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


def _read_stream_text(stream: TextIO, max_bytes: int) -> str:
    """The stream's text; raises TooLarge past ``max_bytes`` (characters for a text stream)."""
    # Prefer the raw bytes, so that stdin gets the same encoding detection as files.
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        data = buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise _stdin_too_large(max_bytes)
        return decode_bytes(data)
    try:
        text = stream.read(max_bytes + 1)
    except UnicodeDecodeError:
        raise NotText(BINARY_REASON) from None
    if len(text) > max_bytes:
        raise _stdin_too_large(max_bytes)
    if "\x00" in text:
        raise NotText(BINARY_REASON)
    return text


def _stdin_too_large(max_bytes: int) -> TooLarge:
    return TooLarge(STDIN_TOO_LARGE_REASON.format(size=size_text(max_bytes)))


def _read_jsonl_file(path: str, published: date | None, max_line_bytes: int) -> Iterator[Item]:
    """JSON Lines read as they stream (from a ".jsonl.gz" too); damage stops at that line."""
    found_any = False
    try:
        with open_binary(path) as handle:
            if _binary_not_jsonl(handle.read(_BINARY_PROBE_BYTES)):
                yield IngestFailure(path, BINARY_REASON)
                return
            handle.seek(0)
            lines = numbered_binary_lines(handle, max_line_bytes)
            for item in read_jsonl_lines(lines, path, published):
                found_any = True
                yield item
    except GZIP_ERRORS as exc:
        yield IngestFailure(path, gzip_error_reason(exc))
        return
    if not found_any:
        yield IngestFailure(path, EMPTY_FILE_REASON)


def _binary_not_jsonl(probe: bytes) -> bool:
    """Whether a file's first bytes are binary data rather than JSON lines. A NUL byte
    alone does not decide it: a JSON Lines file with one damaged line among records keeps
    its good lines, each bad line failing on its own."""
    if b"\x00" not in probe:
        return False
    return not any(line.lstrip().startswith(b"{") for line in probe.splitlines())


def _cannot_read(error: OSError) -> str:
    return f"cannot read file: {error.strerror or error}"
