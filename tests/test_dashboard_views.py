"""The dashboard in Chromium over a store ingested from examples/articles: each view draws
what the API answers, the views filter one another through the URL, and no request leaves
the machine. Screenshots of the views go to test-artifacts/dashboard/."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page

from tests.dashboard_support import (
    EXAMPLES,
    PHONE,
    NetworkGuard,
    Server,
    guarded_page,
    ingest,
    needs_chromium,
    open_dashboard,
    screenshot,
    serving,
    table_count,
    wait_until_idle,
)

pytestmark = needs_chromium
PAGE_SIZE = 25
DYAD_PAIRS_FETCHED = 200  # what the matrix asks GET /dyads for
MATRIX_SIDE = 12  # actors (rows) and recipients (columns) at most


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("dashboard")
    db = ingest(folder / "examples.duckdb", EXAMPLES)
    with serving(db, folder / "serve.log") as running:
        yield running


@pytest.fixture
def guarded(browser: Browser) -> Iterator[tuple[Page, NetworkGuard]]:
    with guarded_page(browser) as page_and_guard:
        yield page_and_guard
    assert page_and_guard[1].blocked == [], "requests left the machine"


@pytest.fixture
def page(guarded: tuple[Page, NetworkGuard]) -> Page:
    return guarded[0]


def _query(page: Page) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(page.url).query).items()}


def _first_event_with_a_trigger(server: Server) -> dict[str, object]:
    events = server.get("/events", limit=100)["events"]
    return next(event for event in events if event["event_text"])


def test_dashboard_makes_no_request_outside_the_machine(
        guarded: tuple[Page, NetworkGuard], server: Server) -> None:
    page, guard = guarded
    open_dashboard(page, server, "?trips=KOR")
    page.locator("#events .open-event").first.click()
    wait_until_idle(page)
    page.locator("#dyad-matrix button.dyad-cell").first.click()
    wait_until_idle(page)
    assert page.locator("#evidence mark").count() == 1
    assert guard.blocked == []


def test_dashboard_timeline_draws_bars_and_the_score_line(page: Page, server: Server) -> None:
    open_dashboard(page, server)
    assert page.locator("#timeline-chart svg .bars rect").count() > 0
    assert page.locator("#timeline-chart svg .score-line path").count() > 0
    assert page.locator("#timeline-chart .legend li").count() >= 2
    screenshot(page, "timeline", "#timeline")


def _cell(page: Page, actor: object, recipient: object) -> Locator:
    return page.locator(
        f'#dyad-matrix button.dyad-cell[data-actor="{actor}"][data-recipient="{recipient}"]')


def test_dashboard_dyads_matrix_shows_the_most_active_pairs(page: Page, server: Server) -> None:
    dyads = server.get("/dyads", limit=DYAD_PAIRS_FETCHED)["dyads"]
    by_pair = {(dyad["actor"], dyad["recipient"]): dyad for dyad in dyads}
    open_dashboard(page, server)
    matrix = page.locator("#dyad-matrix table.dyad-matrix")
    actors = matrix.locator("tbody th[scope=row]").all_text_contents()
    recipients = matrix.locator("thead th.recipient").all_text_contents()
    assert 0 < len(actors) <= MATRIX_SIDE and 0 < len(recipients) <= MATRIX_SIDE
    cells = matrix.locator("button.dyad-cell")
    assert 0 < cells.count() <= len(actors) * len(recipients)
    shown = set()
    for i in range(cells.count()):
        cell = cells.nth(i)
        pair = (cell.get_attribute("data-actor"), cell.get_attribute("data-recipient"))
        dyad = by_pair[pair]
        assert (cell.text_content() or "").strip() == str(dyad["events"])
        assert cell.get_attribute("aria-label") == (
            f"{pair[0]} → {pair[1]}: {dyad['events']} event{'' if dyad['events'] == 1 else 's'}"
            f", balance {dyad['balance']:.2f}")
        shown.add(pair)
    # every pair between a shown actor and a shown recipient has its cell, and no other
    assert shown == {pair for pair in by_pair if pair[0] in actors and pair[1] in recipients}
    # the most active pair is always there; cells without a pair hold no button
    assert (dyads[0]["actor"], dyads[0]["recipient"]) in shown
    assert matrix.locator("td.blank button").count() == 0
    assert matrix.locator("td").count() == len(actors) * len(recipients)
    screenshot(page, "dyads", "#dyads")


def test_dashboard_map_has_one_marker_per_located_event(page: Page, server: Server) -> None:
    located = server.get("/events", format="geojson", limit=1000)["features"]
    open_dashboard(page, server)
    markers = page.locator("#map-chart circle.event-marker")
    assert markers.count() == len(located) > 0
    marked = {markers.nth(i).get_attribute("data-event-id") for i in range(markers.count())}
    assert marked == {feature["properties"]["id"] for feature in located}
    assert page.locator("#map-chart path.country").count() > 100
    screenshot(page, "map", "#map")


def test_dashboard_map_marker_lists_its_events(page: Page, server: Server) -> None:
    open_dashboard(page, server)
    page.locator("#map-chart circle.event-marker").first.focus()
    page.keyboard.press("Enter")
    assert page.locator("#map-events li button").count() == 1
    page.locator("#map-events li button").first.click()
    wait_until_idle(page)
    assert page.locator("#evidence mark").count() == 1


def test_dashboard_table_shows_a_page_and_the_total(page: Page, server: Server) -> None:
    total = server.count_events()
    open_dashboard(page, server)
    assert table_count(page) == total
    assert page.locator("#events tbody tr").count() == min(PAGE_SIZE, total)
    screenshot(page, "events", "#events")


def test_dashboard_table_marks_statuses_other_than_occurred(page: Page, server: Server) -> None:
    open_dashboard(page, server, "?status=planned")
    assert table_count(page) == server.count_events(status="planned") > 0
    badges = page.locator("#events tbody .status")
    assert badges.count() == page.locator("#events tbody tr").count()
    assert set(badges.all_text_contents()) == {"planned"}
    assert page.locator("#events tbody tr.status-row-planned").count() == badges.count()


def test_dashboard_table_pages_through_the_api(page: Page, server: Server) -> None:
    second_page_first = server.get("/events", limit=PAGE_SIZE * 2)["events"][PAGE_SIZE]
    open_dashboard(page, server)
    page.locator("#next-page").click()
    wait_until_idle(page)
    assert page.locator("#events tbody tr").first.get_attribute("data-event-id") == (
        second_page_first["id"])


def test_dashboard_table_sorts_the_page_by_a_column(page: Page, server: Server) -> None:
    open_dashboard(page, server)
    page.locator("#events thead button", has_text="Confidence").click()
    page.locator("#events thead button", has_text="Confidence").click()
    wait_until_idle(page)
    values = [float(text) for text in page.locator("#events tbody td.number").all_text_contents()]
    assert values == sorted(values, reverse=True)
    assert _query(page)["sort"] == "-confidence"


def test_dashboard_clicking_an_event_shows_its_sentence_with_the_trigger_marked(
        page: Page, server: Server) -> None:
    event = _first_event_with_a_trigger(server)
    open_dashboard(page, server)
    page.locator(f"#events .open-event[data-event-id='{event['id']}']").click()
    wait_until_idle(page)
    mark = page.locator("#evidence blockquote mark")
    assert mark.count() == 1
    assert mark.text_content() == event["event_text"]
    assert page.locator("#evidence blockquote").text_content() == event["text"]
    assert _query(page)["event"] == event["id"]
    screenshot(page, "evidence", "#evidence")


def test_dashboard_keyboard_opens_an_event(page: Page, server: Server) -> None:
    open_dashboard(page, server)
    page.locator("#events .open-event").first.focus()
    page.keyboard.press("Enter")
    wait_until_idle(page)
    assert page.locator("#evidence blockquote mark").count() == 1


def test_dashboard_brushing_the_timeline_filters_the_table(page: Page, server: Server) -> None:
    open_dashboard(page, server)
    overlay = page.locator("#timeline-chart .brush .overlay").bounding_box()
    assert overlay is not None
    middle = overlay["y"] + overlay["height"] / 2
    page.mouse.move(overlay["x"] + overlay["width"] * 0.7, middle)
    page.mouse.down()
    page.mouse.move(overlay["x"] + overlay["width"] * 0.95, middle, steps=8)
    page.mouse.up()
    page.wait_for_function("() => new URLSearchParams(location.search).has('until')")
    wait_until_idle(page)
    query = _query(page)
    expected = server.count_events(since=query["since"], until=query["until"])
    assert 0 < table_count(page) == expected < server.count_events()
    assert page.locator("#filters input[name=since]").input_value() == query["since"]


def test_dashboard_choosing_a_dyad_cell_filters_to_the_pair(page: Page, server: Server) -> None:
    dyad = server.get("/dyads", limit=1)["dyads"][0]
    open_dashboard(page, server)
    _cell(page, dyad["actor"], dyad["recipient"]).click()
    wait_until_idle(page)
    query = _query(page)
    assert (query["actor"], query["recipient"]) == (dyad["actor"], dyad["recipient"])
    assert table_count(page) == server.count_events(actor=dyad["actor"],
                                                    recipient=dyad["recipient"])
    chosen = _cell(page, dyad["actor"], dyad["recipient"])
    assert chosen.get_attribute("aria-pressed") == "true"
    assert page.locator("#dyad-matrix button.dyad-cell[aria-pressed=true]").count() == 1
    screenshot(page, "dyads-chosen", "#dyads")
    chosen.click()  # choosing it again clears the pair
    wait_until_idle(page)
    query = _query(page)
    assert "actor" not in query and "recipient" not in query
    assert table_count(page) == server.count_events()
    assert page.locator("#dyad-matrix button.dyad-cell[aria-pressed=true]").count() == 0


def test_dashboard_dyad_cells_work_with_the_keyboard(page: Page, server: Server) -> None:
    open_dashboard(page, server)
    cells = page.locator("#dyad-matrix button.dyad-cell")
    recipients = [cells.nth(i).get_attribute("data-recipient") for i in range(cells.count())]
    column = next(code for code in recipients if recipients.count(code) >= 2)
    upper, lower = page.locator(
        f'#dyad-matrix button.dyad-cell[data-recipient="{column}"]').all()[:2]
    upper.focus()
    page.keyboard.press("ArrowDown")  # to the next cell below that holds a pair
    focused = page.evaluate(
        "() => [document.activeElement.dataset.actor, document.activeElement.dataset.recipient]")
    assert focused == [lower.get_attribute("data-actor"), column]
    # one tab stop for the matrix; → walks every cell, in reading order
    assert page.locator("#dyad-matrix button.dyad-cell[tabindex='0']").count() == 1
    cells.first.focus()
    seen = set()
    for _ in range(cells.count()):
        seen.add(page.evaluate("() => document.activeElement.getAttribute('aria-label')"))
        page.keyboard.press("ArrowRight")
    assert len(seen) == cells.count()
    last = (cells.last.get_attribute("data-actor"), cells.last.get_attribute("data-recipient"))
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    wait_until_idle(page)
    query = _query(page)
    assert (query["actor"], query["recipient"]) == last


def test_dashboard_reloading_the_url_restores_the_view(page: Page, server: Server) -> None:
    open_dashboard(page, server)
    page.locator("#filters input[name=actor]").fill("RUS")
    page.locator("#filters button[type=submit]").click()
    wait_until_idle(page)
    page.locator("#interval").select_option("year")
    wait_until_idle(page)
    page.locator("#events .open-event").first.click()
    wait_until_idle(page)
    shown_event = _query(page)["event"]
    page.reload()
    wait_until_idle(page)
    assert page.locator("#filters input[name=actor]").input_value() == "RUS"
    assert page.locator("#interval").input_value() == "year"
    assert table_count(page) == server.count_events(actor="RUS")
    assert _query(page)["event"] == shown_event
    assert page.locator("#evidence blockquote mark").count() == 1


def test_dashboard_trips_mark_each_first_trip(page: Page, server: Server) -> None:
    trips = server.get("/visits", country="KOR")["trips"]
    open_dashboard(page, server)
    page.locator("#trips-country").select_option("KOR")
    wait_until_idle(page)
    assert page.locator("#trips-chart g.trip").count() == len(trips) > 0
    firsts = sum(1 for trip in trips if trip["first"])
    assert page.locator("#trips-chart g.trip.first").count() == firsts > 0
    screenshot(page, "trips", "#trips")


def test_dashboard_fits_a_phone_screen(browser: Browser, server: Server) -> None:
    with guarded_page(browser, PHONE) as (page, guard):
        open_dashboard(page, server)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        screenshot(page, "phone")
        assert overflow <= 0
        assert guard.blocked == []


def test_dashboard_whole_page_at_1280_by_800(page: Page, server: Server) -> None:
    open_dashboard(page, server, "?trips=KOR")
    page.locator("#events .open-event").first.click()
    wait_until_idle(page)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    screenshot(page, "dashboard")
    assert overflow <= 0


def test_dashboard_bad_filter_shows_the_api_error(page: Page, server: Server) -> None:
    open_dashboard(page, server, "?min_confidence=lots")
    error = page.locator("#events > .error")
    assert error.count() == 1
    assert "min_confidence" in (error.text_content() or "")


def test_api_docs_page_lists_the_operations_offline(guarded: tuple[Page, NetworkGuard],
                                                    server: Server) -> None:
    """/docs draws Swagger UI from the package over /openapi.json, under the page's
    policy, and "Try it out" reaches the API: nothing is asked of any other host."""
    page, guard = guarded
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text and "data:" not in message.text
            else None)
    paths = server.get("/openapi.json")["paths"]
    operations = sum(len(methods) for methods in paths.values())
    page.goto(f"{server.url}/docs")
    page.wait_for_selector("#swagger-ui .opblock", timeout=30_000)
    assert page.locator("#swagger-ui .opblock").count() == operations > 0
    health = page.locator("#swagger-ui .opblock", has=page.locator("[data-path='/health']"))
    health.locator(".opblock-summary-control").click()
    health.locator("button.try-out__btn").click()
    health.locator("button.execute").click()
    answer = health.locator(".live-responses-table tbody .response-col_status").first
    answer.wait_for(timeout=30_000)
    status = answer.text_content()
    assert (status or "").strip().startswith("200")
    screenshot(page, "api-docs")
    assert guard.blocked == []
    assert refused == []
