"""The evidence view over the hand-coded sample store (tests.api_samples), where the Nairobi
arrests are reported by two articles: the sentence with its trigger and mentions marked,
the date and its source, the article and the other article reporting the same event."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.api_samples import Records, build_store
from tests.dashboard_support import (
    Server,
    guarded_page,
    needs_chromium,
    open_dashboard,
    serving,
    wait_until_idle,
)

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Records]]:
    folder = tmp_path_factory.mktemp("dashboard-evidence")
    records = build_store(folder / "events.duckdb")
    with serving(folder / "events.duckdb", folder / "serve.log") as server:
        yield server, records


@pytest.fixture
def arrest(browser: Browser, sample: tuple[Server, Records]) -> Iterator[Page]:
    """The dashboard showing the Kenya article's arrest event."""
    server, records = sample
    with guarded_page(browser) as (page, guard):
        open_dashboard(page, server, f"?event={records['arrest']['id']}")
        yield page
        assert guard.blocked == []


def _detail(sample: tuple[Server, Records], label: str) -> dict[str, Any]:
    server, records = sample
    return dict(server.get(f"/events/{records[label]['id']}"))


def test_dashboard_evidence_marks_the_actor_and_recipient_mentions(
        arrest: Page, sample: tuple[Server, Records]) -> None:
    event = _detail(sample, "arrest")["event"]
    assert arrest.locator("#evidence blockquote mark").text_content() == event["event_text"]
    actors = arrest.locator("#evidence blockquote .mention.actor").all_text_contents()
    recipients = arrest.locator("#evidence blockquote .mention.recipient").all_text_contents()
    assert actors == [event["actor"][0]["entity_text"]]
    assert recipients == [event["recipient"][0]["entity_text"]]


def test_dashboard_evidence_shows_the_date_and_where_it_came_from(
        arrest: Page, sample: tuple[Server, Records]) -> None:
    event = _detail(sample, "arrest")["event"]
    date_term = arrest.locator("#evidence dt", has_text="Date")
    date_line = date_term.locator("xpath=following-sibling::dd[1]")
    assert event["date"] in (date_line.text_content() or "")
    assert "time expression" in (date_line.text_content() or "")  # date_source "text"


def test_dashboard_evidence_shows_the_article(arrest: Page,
                                             sample: tuple[Server, Records]) -> None:
    article = _detail(sample, "arrest")["article"]
    assert arrest.locator("#evidence .article-title").text_content() == article["title"]
    assert article["source"] in (arrest.locator("#evidence .article").text_content() or "")


def test_dashboard_evidence_lists_the_other_articles_reporting_the_event(
        arrest: Page, sample: tuple[Server, Records]) -> None:
    reports = _detail(sample, "arrest")["other_reports"]
    assert len(reports) == 1
    listed = arrest.locator("#evidence .reports li")
    assert listed.count() == 1
    assert reports[0]["article"]["title"] in (listed.first.text_content() or "")
    link = listed.first.locator("a")
    assert link.get_attribute("href") == reports[0]["article"]["url"]
    assert link.get_attribute("rel") == "noopener noreferrer nofollow"


def test_dashboard_evidence_opens_the_other_report(arrest: Page,
                                                   sample: tuple[Server, Records]) -> None:
    _, records = sample
    arrest.locator("#evidence .reports li button").click()
    arrest.wait_for_function(
        f"() => new URLSearchParams(location.search).get('event') === "
        f"'{records['wire_arrest']['id']}'")
    wait_until_idle(arrest)
    wire = _detail(sample, "wire_arrest")
    assert arrest.locator("#evidence .article-title").text_content() == wire["article"]["title"]
    assert arrest.locator("#evidence blockquote").text_content() == wire["evidence"]["sentence"]
