"""What the dashboard's browser tests share: a store ingested from articles, `polex serve`
over it on 127.0.0.1, headless Chromium with every request leaving the machine blocked and
recorded, and the API answers the page is compared with."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, Page, Playwright, Route, ViewportSize

from tests.serving import polex_serve

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
ARTIFACTS = ROOT / "test-artifacts" / "dashboard"
CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"the dashboard's browser tests drive Chromium at {CHROMIUM} (Debian's chromium "
           "package; .ci/run installs it)")
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
EXIT_SOME_FAILED = 3  # polex ingest: done, some inputs failed
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 390, "height": 844}
ALL_VIEWS_IDLE = """() => {
  const views = [...document.querySelectorAll('.view')];
  return document.body.dataset.ready === 'true' && views.length > 0
    && views.every((view) => view.getAttribute('aria-busy') === 'false');
}"""


def ingest(db: Path, *inputs: Path) -> Path:
    """A store made by `polex ingest` from ``inputs``, as a reader would make it."""
    command = [sys.executable, "-m", "polex.cli", "ingest", *map(str, inputs), "--db", str(db)]
    result = subprocess.run(command, capture_output=True, text=True, env=_plain_env(),
                            check=False)
    assert result.returncode in (0, EXIT_SOME_FAILED), result.stderr[-2000:]
    return db


def _plain_env() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1"}


@dataclass
class Server:
    """A running `polex serve`, reached at ``url``."""

    url: str

    def get(self, path: str, **params: Any) -> Any:
        response = httpx.get(self.url + path, params=params, timeout=30, trust_env=False)
        response.raise_for_status()
        return response.json()

    def count_events(self, **filters: str) -> int:
        """How many events GET /events lists for ``filters``, following every page."""
        count, cursor = 0, None
        while True:
            params: dict[str, Any] = {**filters, "limit": 1000}
            if cursor:
                params["cursor"] = cursor
            page = self.get("/events", **params)
            count += len(page["events"])
            cursor = page["next"]
            if not cursor:
                return count


@contextmanager
def serving(db: Path, log: Path) -> Iterator[Server]:
    """`polex serve` over ``db`` on a free loopback port, stopped on leaving."""
    with polex_serve(db, log) as port:
        yield Server(f"http://127.0.0.1:{port}")


@dataclass
class NetworkGuard:
    """Lets requests to the loopback through and blocks, and records, every other one."""

    blocked: list[str] = field(default_factory=list)

    def handle(self, route: Route) -> None:
        url = route.request.url
        host = urlsplit(url).hostname or ""
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and host not in LOOPBACK:
            self.blocked.append(url)
            route.abort("blockedbyclient")
        else:
            route.continue_()


def launch_chromium(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])


@contextmanager
def guarded_page(browser: Browser, viewport: ViewportSize = DESKTOP
                 ) -> Iterator[tuple[Page, NetworkGuard]]:
    """A page in a fresh browser context whose requests all pass the NetworkGuard."""
    guard = NetworkGuard()
    context = browser.new_context(viewport=viewport)
    context.route("**/*", guard.handle)
    page = context.new_page()
    try:
        yield page, guard
    finally:
        context.close()


def open_dashboard(page: Page, server: Server, query: str = "") -> None:
    """Loads the dashboard (with ``query``, the URL's filter state) and waits until every
    view has drawn."""
    page.goto(f"{server.url}/{query}")
    wait_until_idle(page)


def wait_until_idle(page: Page) -> None:
    page.wait_for_function(ALL_VIEWS_IDLE, timeout=30_000)


def screenshot(page: Page, name: str, selector: str | None = None) -> Path:
    """Saves a screenshot of the page, or of one element, as a test artefact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    if selector:
        page.locator(selector).screenshot(path=str(path))
    else:
        page.screenshot(path=str(path), full_page=True)
    return path


def table_count(page: Page) -> int:
    return int(page.locator("#event-count").get_attribute("data-count") or "-1")
