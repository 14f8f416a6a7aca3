"""An article whose title, outlet, URL and text carry <script>, <img onerror> and
javascript: links, ingested and shown by the dashboard: all of it appears as text, nothing
runs, no element is added to the page, and the page has its Content-Security-Policy."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Dialog, Page

from polex.dashboard import CONTENT_SECURITY_POLICY
from tests.dashboard_support import (
    Server,
    guarded_page,
    ingest,
    needs_chromium,
    open_dashboard,
    screenshot,
    serving,
)

pytestmark = needs_chromium

FLAG = "window.__polexXss"
HOSTILE_ARTICLE = {
    "id": "hostile-1",
    "title": f"Police <script>{FLAG} = 'title-script'</script> "
             f"<img src=x onerror=\"{FLAG} = 'title-img'\"> raid",
    "source": f"<b onmouseover=\"{FLAG} = 'source'\">Evil Outlet</b>",
    "url": f"javascript:{FLAG} = 'url'",
    "published": "2024-06-26",
    "text": (
        f"Kenyan police arrested dozens of protesters <script>{FLAG} = 'text-script'</script> "
        f"in Nairobi on Tuesday. <img src=x onerror=\"{FLAG} = 'text-img'\"> Russian forces "
        f"shelled Kharkiv on Friday, <a href=\"javascript:{FLAG} = 'link'\">killing four "
        "people</a>."
    ),
}
# Set before the page's own scripts run: what executed, and what the policy refused.
WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""
OWN_SCRIPTS = 3  # d3, topojson-client and the dashboard's module


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("dashboard-xss")
    articles = folder / "hostile.jsonl"
    articles.write_text(json.dumps(HOSTILE_ARTICLE) + "\n")
    with serving(ingest(folder / "hostile.duckdb", articles), folder / "serve.log") as running:
        yield running


@pytest.fixture
def shown(browser: Browser, server: Server) -> Iterator[tuple[Page, list[Dialog]]]:
    """The dashboard showing the hostile article's first event, and the dialogs it opened."""
    event = server.get("/events")["events"][0]
    dialogs: list[Dialog] = []
    with guarded_page(browser) as (page, guard):
        page.add_init_script(WATCH)
        page.on("dialog", lambda dialog: (dialogs.append(dialog), dialog.dismiss()))
        open_dashboard(page, server, f"?event={event['id']}")
        page.locator("#events .open-event").first.hover()
        yield page, dialogs
        assert guard.blocked == []


def _event(server: Server) -> dict[str, Any]:
    return dict(server.get("/events")["events"][0])


def test_dashboard_xss_article_markup_is_shown_as_text(
        shown: tuple[Page, list[Dialog]], server: Server) -> None:
    page, _ = shown
    event = _event(server)
    assert page.locator("#evidence .article-title").text_content() == HOSTILE_ARTICLE["title"]
    assert page.locator("#evidence blockquote").text_content() == event["text"]
    assert page.locator("#evidence blockquote mark").text_content() == event["event_text"]
    screenshot(page, "xss-evidence", "#evidence")


def test_dashboard_xss_nothing_executes(shown: tuple[Page, list[Dialog]]) -> None:
    page, dialogs = shown
    assert page.evaluate(f"() => typeof {FLAG}") == "undefined"
    assert dialogs == []
    assert page.evaluate("() => window.__cspViolations") == []


def test_dashboard_xss_no_element_is_injected(shown: tuple[Page, list[Dialog]]) -> None:
    page, _ = shown
    assert page.locator("script").count() == OWN_SCRIPTS
    assert page.locator("img").count() == 0
    assert page.locator("b").count() == 0
    assert page.locator("[onerror], [onmouseover]").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0


def test_dashboard_xss_unsafe_article_link_is_not_a_link(
        shown: tuple[Page, list[Dialog]]) -> None:
    page, _ = shown
    assert page.locator("#evidence .article a").count() == 0
    assert page.locator("#evidence .article .unsafe-url").count() == 1


def test_dashboard_xss_page_has_the_content_security_policy(
        browser: Browser, server: Server) -> None:
    with guarded_page(browser) as (page, _):
        response = page.goto(f"{server.url}/")
        assert response is not None
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "default-src 'self'" in CONTENT_SECURITY_POLICY
    assert "unsafe" not in CONTENT_SECURITY_POLICY


def test_dashboard_xss_policy_blocks_an_inline_script(browser: Browser, server: Server) -> None:
    with guarded_page(browser) as (page, _):
        page.add_init_script(WATCH)
        open_dashboard(page, server)
        page.evaluate(f"""() => {{
            const script = document.createElement('script');
            script.textContent = "{FLAG} = 'inline'";
            document.body.append(script);
        }}""")
        assert page.evaluate(f"() => typeof {FLAG}") == "undefined"
        assert any("script-src" in violation
                   for violation in page.evaluate("() => window.__cspViolations"))


def test_dashboard_xss_store_holds_the_markup_as_written(server: Server) -> None:
    """The test above means something only if the markup reached the store unchanged."""
    event = _event(server)
    assert "<script>" in event["text"] and "onerror" in event["text"]
    assert event["cite_info"]["title"] == HOSTILE_ARTICLE["title"]

