"""What went wrong with a store file, in words a user can act on."""

from __future__ import annotations

import errno
import re

import duckdb

LOCK_PID = re.compile(r"\(PID (\d+)\)")
# DuckDB's message fragments, most specific first, and what they mean for the user.
DUCKDB_PROBLEMS = (
    ("Conflicting lock", "it is locked by another process"),
    ("not a valid DuckDB database file", "it is not a DuckDB database file"),
    ("Is a directory", "it is a folder, not a file"),
    ("Corrupt database file", "it is corrupt (a block failed its checksum); "
                              "restore it from a copy"),
    ("checksum", "it is corrupt (a block failed its checksum); restore it from a copy"),
    ("Permission denied", "it is not writable (permission denied)"),
    ("Operation not permitted", "it is not writable (operation not permitted)"),
    ("Read-only file system", "it is not writable (read-only file system)"),
    ("No space left", "the disk is full"),
)


def store_problem(error: BaseException) -> str:
    """A short reason for a DuckDB or file-system error met while using a store."""
    if isinstance(error, duckdb.Error):
        return _duckdb_problem(str(error))
    if isinstance(error, OSError):
        return _os_problem(error)
    return str(error)


def _duckdb_problem(message: str) -> str:
    for fragment, reason in DUCKDB_PROBLEMS:
        if fragment in message:
            pid = LOCK_PID.search(message)
            return f"{reason} (pid {pid.group(1)})" if pid and "lock" in reason else reason
    return message.splitlines()[0] if message else "DuckDB error"


def _os_problem(error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "its folder is not writable"
    if error.errno in (errno.ENOTDIR, errno.EEXIST):
        return "its folder path runs through a file"
    return error.strerror or str(error)
