"""The HTTP API over an event store: ``create_app(db_path)`` builds the FastAPI app.

Reads open the store read-only: for each request (``keep_open_seconds`` 0, the app's
default) or kept open between requests until the server is idle or a writer asks for
the file (``polex serve``'s default; see polex.api.access). The server writes to the file
only during a POST /ingest, which is off unless the settings hold an API token.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from polex import __version__
from polex.api.access import StoreAccess, StoreBusy, store_reason
from polex.api.cursor import CursorError
from polex.api.ingest import Coding, IngestConfig
from polex.api.ingest import router as ingest_router
from polex.api.routes import router
from polex.api.visits_route import router as visits_router
from polex.config import Settings
from polex.dashboard import mount_dashboard
from polex.store import StoreError
from polex.store.queries import AmbiguousArticleError, FilterError

DESCRIPTION = (
    "Political event data coded in PLOVER by polex, read from a DuckDB event store. "
    "Every event keeps the sentence it was coded from and the offsets of its trigger."
)
DEFAULT_WINDOW_DAYS = 2
# What makes the store unreadable (answered 503); other DuckDB errors are bugs (500).
STORE_ERRORS: tuple[type[Exception], ...] = (
    StoreError, FileNotFoundError, duckdb.OperationalError, duckdb.FatalException,
    duckdb.PermissionException,
)


def create_app(db_path: str | Path, window_days: int = DEFAULT_WINDOW_DAYS,
               settings: Settings | None = None, keep_open_seconds: float = 0.0) -> FastAPI:
    """The app serving the store at ``db_path``; ``window_days`` is how many days apart
    two reports of one event may be dated for clustering (as ``polex events --window``).
    ``settings`` (default: resolved from the environment and pyproject.toml) give the
    API token that turns POST /ingest on, the body size limit and how articles are coded.
    ``keep_open_seconds`` keeps the read-only store open between requests until the server
    has been idle that long (polex.api.access): faster reads, but other processes can
    write to the file only after such an idle spell. 0 opens it for each request."""
    path = Path(db_path)
    if not path.is_file():
        raise FileNotFoundError(f"no event store at {path}")
    settings = settings or Settings.resolve()
    access = StoreAccess(path, keep_open_seconds)
    app = FastAPI(title="polex", version=__version__, description=DESCRIPTION,
                  lifespan=_closing(access), docs_url=None, redoc_url=None)
    app.state.db_path = path
    app.state.window_days = window_days
    app.state.store_access = access
    app.state.ingest = IngestConfig.of(settings)
    app.state.coding = Coding(settings)
    app.include_router(router)
    app.include_router(visits_router)
    app.include_router(ingest_router)
    mount_dashboard(app)
    _add_error_handlers(app)
    return app


def _closing(access: StoreAccess) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """The app's lifespan: close what the store access keeps open when the server stops."""

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            access.close()

    return lifespan


def _problem(status: int, detail: str, errors: list[dict[str, str]] | None = None
             ) -> JSONResponse:
    return JSONResponse({"detail": detail, "errors": errors or []}, status_code=status)


async def _invalid_request(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"parameter": str(error["loc"][-1]), "reason": str(error["msg"])}
              for error in exc.errors()]
    return _problem(422, "; ".join(f"{e['parameter']}: {e['reason']}" for e in errors), errors)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    """Not found and other HTTP errors, in the same shape as the rest."""
    assert isinstance(exc, HTTPException)
    response = _problem(exc.status_code, str(exc.detail))
    response.headers.update(exc.headers or {})
    return response


async def _bad_filter(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, FilterError)
    return _problem(422, str(exc), [{"parameter": exc.parameter, "reason": exc.reason}])


async def _bad_cursor(_: Request, exc: Exception) -> JSONResponse:
    return _problem(400, f"cursor: {exc}", [{"parameter": "cursor", "reason": str(exc)}])


async def _ambiguous(_: Request, exc: Exception) -> JSONResponse:
    return _problem(409, str(exc))


async def _store_unusable(_: Request, exc: Exception) -> JSONResponse:
    """503 with the reason, without the server's path to the file."""
    return _problem(503, f"the event store cannot be read: {store_reason(exc)}")


async def _store_busy(_: Request, exc: Exception) -> JSONResponse:
    response = _problem(503, f"the event store is busy: {exc}; try again shortly")
    response.headers["Retry-After"] = "5"
    return response


async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
    """A bug: JSON like every other error; the server logs the traceback."""
    return _problem(500, "internal error: please report it")


def _add_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(FilterError, _bad_filter)
    app.add_exception_handler(CursorError, _bad_cursor)
    app.add_exception_handler(AmbiguousArticleError, _ambiguous)
    for error in STORE_ERRORS:
        app.add_exception_handler(error, _store_unusable)
    app.add_exception_handler(StoreBusy, _store_busy)
    app.add_exception_handler(Exception, _unexpected)
