"""How a command ends on an operational error: one line on standard error, prefixed
"polex:", with the documented exit status (see config's EXIT_* and the README)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import typer
from rich.console import Console

from polex.config import EXIT_STORE
from polex.store import StoreError, store_problem
from polex.terminal import escape_controls

_err = Console(stderr=True, width=None if sys.stderr.isatty() else 160)


def fail(message: str, code: int) -> typer.Exit:
    """Print one line on standard error; returns the Exit to raise with ``code``."""
    _err.print(f"polex: {escape_controls(message, one_line=True)}", markup=False,
               highlight=False, soft_wrap=True)
    return typer.Exit(code=code)


@contextlib.contextmanager
def store_problems(db: str | Path) -> Iterator[None]:
    """A store that cannot be used (locked, corrupt, not DuckDB, not writable) ends the
    command with one line and EXIT_STORE, not a traceback."""
    try:
        yield
    except StoreError as exc:
        raise fail(str(exc), EXIT_STORE) from exc
    except duckdb.Error as exc:
        raise fail(f"cannot use store {db}: {store_problem(exc)}", EXIT_STORE) from exc
