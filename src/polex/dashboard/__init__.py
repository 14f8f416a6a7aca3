"""The dashboard served at ``/``: static files shipped in the package (``static/``), which
read the HTTP API from the browser, and the security headers added to every response.

Everything the page loads (scripts, styles, map outlines) is in ``static/``: it makes no
request to any other host, and its Content-Security-Policy forbids it to.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ASSETS_PATH = "/dashboard"
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
# The API's interactive description: Swagger UI, vendored and started by a script file of
# our own, so it works offline and under the same policy (FastAPI's own pages, which load
# it from a CDN with an inline script, are turned off in create_app).
API_DOCS_PATH = "/docs"
OLD_API_DOCS_PATH = "/redoc"  # FastAPI's ReDoc page, now a way to /docs


def static_directory() -> Path:
    """The dashboard's files, as shipped in the package."""
    root = resources.files(__package__) / "static"
    if not isinstance(root, Path):
        raise RuntimeError("the dashboard's files must be installed as files on disk")
    return root


class SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS to every HTTP response (a pure ASGI one:
    request bodies, such as POST /ingest's, stream through untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(name, value) for name, value in message.get("headers", [])
                           if name.decode("latin-1").lower() not in SECURITY_HEADERS]
                headers += [(name.encode("latin-1"), value.encode("latin-1"))
                            for name, value in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def mount_dashboard(app: FastAPI) -> None:
    """Serve the dashboard at ``/``, the API's description at API_DOCS_PATH (/redoc sends
    there) and their files under ASSETS_PATH, with the security headers on every response
    of ``app``. ``app`` must be made without FastAPI's own docs pages (docs_url=None,
    redoc_url=None), which would take these paths."""
    directory = static_directory()
    index = directory / "index.html"
    api_docs = directory / "api-docs.html"

    @app.get("/", include_in_schema=False)
    def dashboard_page() -> FileResponse:
        return FileResponse(index, media_type="text/html; charset=utf-8")

    @app.get(API_DOCS_PATH, include_in_schema=False)
    def api_docs_page() -> FileResponse:
        return FileResponse(api_docs, media_type="text/html; charset=utf-8")

    @app.get(OLD_API_DOCS_PATH, include_in_schema=False)
    def old_api_docs_page() -> RedirectResponse:
        return RedirectResponse(API_DOCS_PATH)

    app.mount(ASSETS_PATH, StaticFiles(directory=directory), name="dashboard")
    app.add_middleware(SecurityHeaders)
