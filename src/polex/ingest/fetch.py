"""Polite HTTP fetching of pages and feeds.

Every request carries a user agent naming polex, waits its turn for the host,
gives up after bounded timeouts, redirects and body size, and is retried with
exponential back-off when the server is busy (429, 5xx) or the network fails.
Redirects are followed here, one hop at a time, so that each hop meets the network
policy (:mod:`polex.ingest.network_policy`): http(s) only, public addresses only
unless the host is allowed, and one total time for the whole fetch.
Results come back in the order the URLs were given, whatever order the
concurrent requests finish in.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from urllib.parse import urlsplit

import httpx

from polex.ingest.media import FETCHABLE_TYPES, parse_content_type
from polex.ingest.network_policy import (
    DeadlineExceeded,
    FetchRefused,
    NetworkPolicy,
    fetch_deadline,
    guarded_transport,
    scheme_refusal,
)
from polex.ingest.web_page import not_an_article_reason
from polex.schema import IngestFailure

# Used in the user agent until the package metadata names the project's home page.

TOO_MANY_REDIRECTS_REASON = "too many redirects"
ACCEPT_HEADER = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8"
)
_OK_STATUSES = (200, 203)
_CHUNK_BYTES = 65_536


@lru_cache(maxsize=1)
def default_user_agent() -> str:
    """``polex/<version> (+<project url>)`` from the package metadata (no URL if none)."""
    try:
        info = metadata.metadata("polex")
    except metadata.PackageNotFoundError:
        from polex import __version__

        return f"polex/{__version__}"
    project_urls = info.get_all("Project-URL") or []
    # a missing field is None in older importlib.metadata and KeyError in newer ones
    home_page = info.get_all("Home-page") or [None]
    url = project_urls[0].split(",", 1)[-1].strip() if project_urls else home_page[0]
    return f"polex/{info['Version']} (+{url})" if url else f"polex/{info['Version']}"


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how patiently URLs are fetched. Times are in seconds."""

    user_agent: str = field(default_factory=default_user_agent)
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # longest wait for the next bytes of a response
    total_timeout: float = 60.0  # longest time for one attempt: connect, redirects, body
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    max_retries: int = 3  # further attempts after a 429, a 5xx, a timeout or a network error
    backoff_initial: float = 1.0  # wait before the first retry, doubled on each one
    backoff_max: float = 30.0  # cap on any wait, including a server's Retry-After
    concurrency: int = 4  # requests in flight at once
    per_host_delay: float = 1.0  # least time between two requests to the same host
    # hosts fetched whatever their addresses (loopback, private, ...); names or IP literals
    allow_hosts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        positive = ("connect_timeout", "read_timeout", "total_timeout", "max_bytes", "concurrency")
        not_negative = ("max_redirects", "max_retries", "backoff_initial", "backoff_max",
                        "per_host_delay")
        for name in positive:
            if getattr(self, name) <= 0:
                raise ValueError(f"FetchSettings.{name} must be positive")
        for name in not_negative:
            if getattr(self, name) < 0:
                raise ValueError(f"FetchSettings.{name} must not be negative")
        if any(not host.strip() for host in self.allow_hosts):
            raise ValueError("FetchSettings.allow_hosts must not hold empty host names")


@dataclass(frozen=True)
class FetchedPage:
    """A successful response whose media type may hold an article or a feed."""

    url: str  # as requested
    final_url: str  # after redirects
    media_type: str  # lower-case, without parameters; "" when the server sent none
    charset: str | None
    body: bytes


@dataclass(frozen=True)
class _Retryable:
    reason: str
    retry_after: float | None = None


FetchResult = FetchedPage | IngestFailure


class Fetcher:
    """Fetches URLs with one HTTP client, one thread pool and one per-host pace."""

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        self._pacer = _HostPacer(self.settings.per_host_delay)
        self._client = _make_client(self.settings)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch_all(self, urls: Iterable[str]) -> Iterator[FetchResult]:
        """The result for each URL, in the given order, fetched concurrently."""
        window = self.settings.concurrency * 2
        pending: deque[tuple[str, Future[FetchResult]]] = deque()
        executor = ThreadPoolExecutor(self.settings.concurrency, "polex-fetch")
        try:
            for url in urls:
                pending.append((url, executor.submit(self.fetch, url)))
                if len(pending) >= window:
                    yield _outcome(*pending.popleft())
            while pending:
                yield _outcome(*pending.popleft())
        finally:
            executor.shutdown(wait=True, cancel_futures=True)

    def fetch(self, url: str) -> FetchResult:
        """One URL, retried with back-off while the failure may be temporary."""
        result = self._attempt(url)
        for retry in range(self.settings.max_retries):
            if not isinstance(result, _Retryable):
                return result
            time.sleep(self._backoff(retry, result.retry_after))
            result = self._attempt(url)
        if not isinstance(result, _Retryable):
            return result
        attempts = self.settings.max_retries + 1
        suffix = f" (gave up after {attempts} attempts)" if attempts > 1 else ""
        return IngestFailure(url, result.reason + suffix)

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        wait = self.settings.backoff_initial * 2**attempt if retry_after is None else retry_after
        return max(0.0, min(wait, self.settings.backoff_max))

    def _attempt(self, url: str) -> FetchResult | _Retryable:
        self._pacer.wait(urlsplit(url).hostname or "")
        try:
            with fetch_deadline(self.settings.total_timeout):
                return self._follow_redirects(url)
        except FetchRefused as exc:
            return IngestFailure(url, str(exc))
        except DeadlineExceeded:
            return IngestFailure(
                url, f"response took longer than {self.settings.total_timeout:g} s"
            )
        except httpx.TimeoutException as exc:
            return _Retryable(_timeout_reason(exc, self.settings))
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            return IngestFailure(url, f"invalid URL: {exc}")
        except httpx.DecodingError as exc:
            return IngestFailure(url, f"cannot decode the response: {exc}")
        except httpx.TransportError as exc:
            return _Retryable(f"network error: {exc or type(exc).__name__}")
        except httpx.HTTPError as exc:
            return IngestFailure(url, f"request failed: {exc or type(exc).__name__}")

    def _follow_redirects(self, url: str) -> FetchResult | _Retryable:
        """The response at the end of the redirects, each hop checked before it is sent."""
        # checked before the client sees the URL: it would take one with no host, such as
        # file:///etc/passwd, for a path relative to no site at all
        refusal = scheme_refusal(httpx.URL(url))
        if refusal is not None:
            return IngestFailure(url, refusal)
        request = self._client.build_request("GET", url)
        for _ in range(self.settings.max_redirects + 1):
            refusal = scheme_refusal(request.url)
            if refusal is not None:
                return IngestFailure(url, refusal)
            response = self._client.send(request, stream=True)
            try:
                if response.next_request is None:
                    return self._read_response(url, response)
                request = response.next_request
            finally:
                response.close()  # a redirect's body is never read
        return IngestFailure(url, TOO_MANY_REDIRECTS_REASON)

    def _read_response(self, url: str, response: httpx.Response) -> FetchResult | _Retryable:
        status = response.status_code
        if status == 429 or status >= 500:
            return _Retryable(_status_reason(response), _retry_after(response))
        if status not in _OK_STATUSES:
            return IngestFailure(url, _status_reason(response))
        media_type, charset = parse_content_type(response.headers.get("content-type"))
        if media_type and media_type not in FETCHABLE_TYPES:
            return IngestFailure(url, not_an_article_reason(media_type))
        body = self._read_body(url, response)
        if isinstance(body, IngestFailure):
            return body
        return FetchedPage(url, str(response.url), media_type, charset, body)

    def _read_body(self, url: str, response: httpx.Response) -> bytes | IngestFailure:
        """The body, up to the size limit (the fetch's deadline bounds each read)."""
        limit = self.settings.max_bytes
        too_large = IngestFailure(url, f"response larger than {_megabytes(limit)} MB")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return too_large
        body = bytearray()
        for chunk in response.iter_bytes(_CHUNK_BYTES):
            body += chunk
            if len(body) > limit:
                return too_large
        return bytes(body)


class _HostPacer:
    """Spaces the requests to each host at least ``delay`` seconds apart."""

    def __init__(self, delay: float) -> None:
        self._delay = delay
        self._next_slot: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        if self._delay <= 0:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = slot + self._delay
        if slot > now:
            time.sleep(slot - now)


def _make_client(settings: FetchSettings) -> httpx.Client:
    timeout = httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.read_timeout,
        pool=settings.total_timeout,
    )
    # Feeds whose links are fetched run a second pool while the first is busy.
    connections = settings.concurrency * 2
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    return httpx.Client(
        headers={"User-Agent": settings.user_agent, "Accept": ACCEPT_HEADER},
        timeout=timeout,
        follow_redirects=False,
        transport=guarded_transport(NetworkPolicy.allowing(settings.allow_hosts), limits),
    )


def _outcome(url: str, future: Future[FetchResult]) -> FetchResult:
    try:
        return future.result()
    except Exception as exc:  # a bug or an unexpected library error must not stop the batch
        return IngestFailure(url, f"fetch failed: {exc or type(exc).__name__}")


def _status_reason(response: httpx.Response) -> str:
    return f"HTTP {response.status_code} {response.reason_phrase}".strip()


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "").strip()
    return float(value) if value.isdigit() else None


def _timeout_reason(error: httpx.TimeoutException, settings: FetchSettings) -> str:
    if isinstance(error, httpx.ConnectTimeout):
        return f"connect timeout after {settings.connect_timeout:g} s"
    if isinstance(error, httpx.ReadTimeout):
        return f"read timeout after {settings.read_timeout:g} s"
    if isinstance(error, httpx.PoolTimeout):
        return "no free connection in time"
    return "write timeout"


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g}"
