"""URL fetching against a news site served on 127.0.0.1 (never the internet)."""

import contextlib
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import polex.ingest.fetch as fetch_module
from polex.ingest import FetchSettings, article_id_for_url, read_inputs
from polex.ingest.feeds import NO_LINK_REASON
from polex.schema import Article, IngestFailure

STORY = (
    "Kenya and Ethiopia signed an agreement on Tuesday to share electricity from the "
    "Grand Ethiopian Renaissance Dam, officials in Nairobi said. The two energy ministers "
    "met in Addis Ababa to settle the tariff, which had delayed the deal for a year."
)

ARTICLE_PAGE = f"""<!DOCTYPE html>
<html><head><title>Kenya and Ethiopia sign power deal</title>
<meta property="article:published_time" content="2024-04-09T08:00:00+03:00">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Kenya and Ethiopia sign power deal</h1><p>{STORY}</p></article>
<footer>Copyright 2024 The Rift Valley Courier</footer></body></html>"""

PLAIN_STORY = (
    "Title: Talks in Nairobi\n\nKenyan officials said on Monday that talks with "
    "Somalia on the maritime border would resume next month."
)

ROBOTS = "User-agent: *\nDisallow: /admin/\nSitemap: /sitemap.xml\n"

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)

HUGE_BYTES = 50_000_000
SLOW_SECONDS = 2.0
SLEEPY_SECONDS = 0.3

TEST_SETTINGS = FetchSettings(
    connect_timeout=0.5,
    read_timeout=0.5,
    total_timeout=3.0,
    max_retries=2,
    backoff_initial=0.01,
    backoff_max=0.05,
    concurrency=4,
    per_host_delay=0.0,
    allow_hosts=("127.0.0.1",),
)


def _feed(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Rift Valley Courier</title>
<link>{base}/</link><description>Regional news</description>
<item><title>Power deal signed</title><link>{base}/article</link>
<pubDate>Tue, 09 Apr 2024 10:00:00 +0300</pubDate>
<description>Kenya and Ethiopia signed a power-sharing deal on Tuesday.</description></item>
<item><title>Border talks to resume</title><link>{base}/plain</link>
<pubDate>Mon, 08 Apr 2024 18:00:00 +0300</pubDate>
<description>Talks with Somalia on the maritime border will resume next month.</description></item>
<item><title>Editor's note</title>
<description>Our offices are closed on Friday for the national holiday.</description></item>
</channel></rss>"""


@dataclass
class SiteLog:
    """What the local news site saw: requests, user agents, load and bytes sent."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    hits: Counter[str] = field(default_factory=Counter)
    starts: list[tuple[str, float]] = field(default_factory=list)
    user_agents: list[str] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    bytes_sent: Counter[str] = field(default_factory=Counter)
    stopping: threading.Event = field(default_factory=threading.Event)


class NewsSiteHandler(BaseHTTPRequestHandler):
    log: SiteLog

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        with self.log.lock:
            self.log.hits[self.path] += 1
            hit = self.log.hits[self.path]
            self.log.starts.append((self.path, time.monotonic()))
            self.log.user_agents.append(self.headers.get("User-Agent", ""))
        # the client may stop reading, as it should for huge or slow responses
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route(hit)

    def _hold(self) -> None:
        """Keep a request waiting, counted as in flight until its answer is sent: counting
        until the handler returns would let the client's next request, sent as soon as
        it has read this answer, overlap the count."""
        with self.log.lock:
            self.log.in_flight += 1
            self.log.max_in_flight = max(self.log.max_in_flight, self.log.in_flight)
        time.sleep(SLEEPY_SECONDS)
        with self.log.lock:
            self.log.in_flight -= 1

    def _route(self, hit: int) -> None:
        path = urlsplit(self.path).path
        base = f"http://{self.headers['Host']}"
        if path == "/article" or path.startswith("/sleepy/"):
            if path.startswith("/sleepy/"):
                self._hold()
            self._send(200, "text/html; charset=utf-8", ARTICLE_PAGE.encode())
        elif path == "/plain":
            self._send(200, "text/plain; charset=utf-8", PLAIN_STORY.encode())
        elif path == "/robots.txt":
            self._send(200, "text/plain", ROBOTS.encode())
        elif path == "/feed.xml":
            self._send(200, "application/rss+xml", _feed(base).encode())
        elif path == "/photo.png":
            self._send(200, "image/png", PNG)
        elif path == "/moved":
            self._redirect("/article")
        elif path in ("/loop/a", "/loop/b"):
            self._redirect("/loop/b" if path == "/loop/a" else "/loop/a")
        elif path == "/slow":
            self.log.stopping.wait(SLOW_SECONDS)
            self._send(200, "text/html", ARTICLE_PAGE.encode())
        elif path.startswith("/flaky/") and hit == 1:
            self._send(500, "text/html", b"<h1>Internal Server Error</h1>")
        elif path.startswith("/busy/") and hit == 1:
            self._send(429, "text/plain", b"slow down", {"Retry-After": "0"})
        elif path.startswith(("/flaky/", "/busy/")):
            self._send(200, "text/html; charset=utf-8", ARTICLE_PAGE.encode())
        elif path == "/overloaded":
            self._send(503, "text/html", b"<h1>Service Unavailable</h1>")
        elif path == "/huge":
            self._stream_huge(declare_length=False)
        elif path == "/huge-declared":
            self._stream_huge(declare_length=True)
        else:
            self._send(404, "text/html", b"<html><body><h1>Page not found</h1></body></html>")

    def _send(
        self, status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        self._count(len(body))

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _stream_huge(self, declare_length: bool) -> None:
        """50 MB of page, generated as it is sent and never held in memory."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if declare_length:
            self.send_header("Content-Length", str(HUGE_BYTES))
        self.end_headers()
        chunk = b"<p>" + b"filler " * 9000 + b"</p>\n"
        sent = 0
        while sent < HUGE_BYTES and not self.log.stopping.is_set():
            self.wfile.write(chunk)
            sent += len(chunk)
            self._count(len(chunk))

    def _count(self, size: int) -> None:
        with self.log.lock:
            self.log.bytes_sent[urlsplit(self.path).path] += size


@dataclass
class NewsSite:
    base: str
    log: SiteLog

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[NewsSite]:
    for variable in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(variable, raising=False)
    log = SiteLog()
    handler = type("Handler", (NewsSiteHandler,), {"log": log})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield NewsSite(f"http://127.0.0.1:{server.server_address[1]}", log)
    finally:
        log.stopping.set()
        server.shutdown()
        server.server_close()


def _read(urls: list[str], **settings: Any) -> list[Article | IngestFailure]:
    return list(read_inputs(urls, fetch=replace(TEST_SETTINGS, **settings)))


def _failure(item: Article | IngestFailure) -> IngestFailure:
    assert isinstance(item, IngestFailure), item
    return item


def _article(item: Article | IngestFailure) -> Article:
    assert isinstance(item, Article), item
    return item


def test_ingest_urls_page_becomes_article_identified_by_url(site: NewsSite) -> None:
    url = site.url("/article")
    article = _article(_read([url])[0])
    assert article.id == article_id_for_url(url)
    assert (article.url, article.origin) == (url, url)
    assert article.title == "Kenya and Ethiopia sign power deal"
    assert article.published == date(2024, 4, 9)
    assert article.text == STORY


def test_ingest_urls_requests_name_polex_in_the_user_agent(site: NewsSite) -> None:
    _read([site.url("/article")], user_agent=FetchSettings().user_agent)
    (agent,) = site.log.user_agents
    assert agent.startswith("polex/") and agent.split("/", 1)[1][:1].isdigit()


def test_ingest_urls_page_without_date_takes_the_given_date(site: NewsSite) -> None:
    fetch = TEST_SETTINGS
    (item,) = read_inputs([site.url("/plain")], published=date(2024, 4, 8), fetch=fetch)
    article = _article(item)
    assert article.published == date(2024, 4, 8)
    assert article.title == "Talks in Nairobi"


def test_ingest_urls_slow_page_times_out(site: NewsSite) -> None:
    started = time.monotonic()
    (item,) = _read([site.url("/slow")], max_retries=0)
    assert _failure(item).reason == "read timeout after 0.5 s"
    assert time.monotonic() - started < SLOW_SECONDS


def test_ingest_urls_redirect_loop_is_too_many_redirects(site: NewsSite) -> None:
    (item,) = _read([site.url("/loop/a")], max_redirects=4)
    assert _failure(item) == IngestFailure(site.url("/loop/a"), "too many redirects")
    assert sum(site.log.hits.values()) == 5


def test_ingest_urls_redirect_is_followed_to_the_final_url(site: NewsSite) -> None:
    article = _article(_read([site.url("/moved")])[0])
    assert article.url == site.url("/article")
    assert article.id == article_id_for_url(site.url("/article"))
    assert article.origin == site.url("/moved")


def test_ingest_urls_streamed_50_mb_body_is_cut_at_5_mb(site: NewsSite) -> None:
    (item,) = _read([site.url("/huge")], max_bytes=FetchSettings().max_bytes)
    assert _failure(item).reason == "response larger than 5 MB"
    assert site.log.bytes_sent["/huge"] < HUGE_BYTES / 2


def test_ingest_urls_declared_50_mb_body_is_refused_unread(site: NewsSite) -> None:
    (item,) = _read([site.url("/huge-declared")], max_bytes=20_000_000)
    assert _failure(item).reason == "response larger than 20 MB"
    # Only what the socket buffers took before the client hung up, not the 20 MB allowed.
    assert site.log.bytes_sent["/huge-declared"] < 20_000_000


def test_ingest_urls_server_error_then_success_is_retried(site: NewsSite) -> None:
    article = _article(_read([site.url("/flaky/one")])[0])
    assert article.text == STORY
    assert site.log.hits["/flaky/one"] == 2


def test_ingest_urls_too_many_requests_is_retried_after_the_given_wait(site: NewsSite) -> None:
    started = time.monotonic()
    _article(_read([site.url("/busy/one")], backoff_initial=2.0, backoff_max=2.0)[0])
    assert site.log.hits["/busy/one"] == 2
    assert time.monotonic() - started < 1.9  # the 2 s back-off was not used


def test_ingest_urls_persistent_server_error_gives_up(site: NewsSite) -> None:
    (item,) = _read([site.url("/overloaded")])
    assert _failure(item).reason == "HTTP 503 Service Unavailable (gave up after 3 attempts)"
    assert site.log.hits["/overloaded"] == 3


def test_ingest_urls_image_is_not_an_article(site: NewsSite) -> None:
    (item,) = _read([site.url("/photo.png")])
    assert _failure(item) == IngestFailure(
        site.url("/photo.png"), "not an article: content-type image/png"
    )


def test_ingest_urls_missing_page_is_reported_without_retry(site: NewsSite) -> None:
    (item,) = _read([site.url("/no-such-story")])
    assert _failure(item).reason == "HTTP 404 Not Found"
    assert site.log.hits["/no-such-story"] == 1


def test_ingest_urls_robots_txt_is_not_an_article(site: NewsSite) -> None:
    (item,) = _read([site.url("/robots.txt")])
    assert _failure(item).reason == "no article text found in plain text"


def test_ingest_urls_refused_connection_is_reported(site: NewsSite) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{closed_port}/article"
    (item,) = _read([url], max_retries=1)
    failure = _failure(item)
    assert failure.origin == url
    assert failure.reason.startswith("network error: ")
    assert failure.reason.endswith("(gave up after 2 attempts)")


def test_ingest_urls_results_keep_input_order_when_fetched_concurrently(site: NewsSite) -> None:
    urls = [site.url("/sleepy/1"), site.url("/photo.png"), site.url("/sleepy/2")]
    items = _read(urls)
    assert [item.origin for item in items] == urls
    assert [type(item).__name__ for item in items] == ["Article", "IngestFailure", "Article"]


def test_ingest_urls_concurrency_is_limited(site: NewsSite) -> None:
    urls = [site.url(f"/sleepy/{n}") for n in range(4)]
    started = time.monotonic()
    items = _read(urls, concurrency=2)
    assert all(isinstance(item, Article) for item in items)
    assert site.log.max_in_flight == 2
    assert time.monotonic() - started >= 2 * SLEEPY_SECONDS


def test_ingest_urls_requests_to_one_host_are_spaced(monkeypatch: pytest.MonkeyPatch) -> None:
    # a fake clock: the spacing is checked exactly, not against a busy machine's timing
    clock = [100.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock[0] += seconds

    monkeypatch.setattr(fetch_module.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(fetch_module.time, "sleep", sleep)
    pacer = fetch_module._HostPacer(0.2)
    for _ in range(3):
        pacer.wait("news.example")
    pacer.wait("wire.example")
    assert sleeps == pytest.approx([0.2, 0.2])


def test_ingest_urls_url_list_file_is_fetched_with_bad_lines_reported(
    site: NewsSite, tmp_path: Path
) -> None:
    listing = tmp_path / "today.urls"
    listing.write_text(
        f"# morning crawl\n{site.url('/article')}\nnews.example.org/story\n\n"
        f"{site.url('/photo.png')}\n",
        "utf-8",
    )
    first, second, third = _read([str(listing)])
    assert _article(first).url == site.url("/article")
    assert _failure(second) == IngestFailure(f"{listing}:3", "not an http(s) URL")
    assert _failure(third).origin == site.url("/photo.png")


def test_ingest_urls_text_file_of_urls_is_a_url_list(site: NewsSite, tmp_path: Path) -> None:
    listing = tmp_path / "links.txt"
    listing.write_text(f"{site.url('/article')}\n{site.url('/plain')}\n", "utf-8")
    items = _read([str(listing)])
    assert [_article(item).origin for item in items] == [site.url("/article"), site.url("/plain")]


def test_ingest_urls_feed_url_yields_its_entries(site: NewsSite) -> None:
    feed_url = site.url("/feed.xml")
    first, second, third = _read([feed_url])
    assert _article(first).text == "Kenya and Ethiopia signed a power-sharing deal on Tuesday."
    assert _article(first).source == "Rift Valley Courier"
    assert _article(second).origin == f"{feed_url}#2"
    assert _article(third).url is None
    assert site.log.hits["/article"] == 0


def test_ingest_urls_feed_links_are_fetched_when_asked(site: NewsSite) -> None:
    feed_url = site.url("/feed.xml")
    fetch = TEST_SETTINGS
    first, second, third = read_inputs([feed_url], fetch=fetch, fetch_links=True)
    assert _article(first).text == STORY
    assert _article(first).source == "Rift Valley Courier"
    assert _article(second).published == date(2024, 4, 8)
    assert _failure(third) == IngestFailure(f"{feed_url}#3", NO_LINK_REASON)


def test_ingest_urls_settings_refuse_impossible_values() -> None:
    with pytest.raises(ValueError, match="concurrency must be positive"):
        FetchSettings(concurrency=0)
