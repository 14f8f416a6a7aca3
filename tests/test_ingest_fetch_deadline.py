"""The total time of a fetch holds however slowly a server on 127.0.0.1 sends its bytes."""

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from polex.ingest import FetchedPage, Fetcher, FetchSettings
from polex.schema import IngestFailure
from tests.local_servers import LocalSocketServer

# Far above the 2 s limit, far below the half minute a trickling server would take.
NO_HANG_SECONDS = 10.0

ARTICLE_PAGE = (
    b"<html><head><title>Senate passes budget</title></head><body><article><p>The Senate "
    b"passed the 2025 budget on Friday by 61 votes to 38 after a week of debate.</p>"
    b"</article></body></html>"
)

SETTINGS = FetchSettings(
    connect_timeout=2.0,
    read_timeout=5.0,  # longer than any pause below: only the total limit can stop them
    total_timeout=2.0,
    max_retries=2,
    backoff_initial=0.01,
    per_host_delay=0.0,
    allow_hosts=("127.0.0.1",),
)


class TrickleServer(LocalSocketServer):
    """A server on 127.0.0.1 that sends its answer a piece at a time, pausing between."""

    def __init__(self, pieces: list[bytes], pause: float) -> None:
        super().__init__()
        self.pieces = pieces
        self.pause = pause
        self.url = f"http://127.0.0.1:{self.port}/news/budget"

    def answer(self, connection: socket.socket) -> None:
        connection.recv(4096)
        for piece in self.pieces:
            connection.sendall(piece)
            if self._stopping.wait(self.pause):
                return


def _fetch_timed(url: str, settings: FetchSettings = SETTINGS) -> tuple[object, float]:
    started = time.monotonic()
    with Fetcher(settings) as fetcher:
        result = fetcher.fetch(url)
    return result, time.monotonic() - started


def test_ingest_fetch_deadline_headers_one_line_a_second_are_cut_off() -> None:
    lines = [b"HTTP/1.1 200 OK\r\n"] + [f"X-Cache-{n}: MISS\r\n".encode() for n in range(30)]
    ending = f"Content-Type: text/html\r\nContent-Length: {len(ARTICLE_PAGE)}\r\n\r\n"
    with TrickleServer([*lines, ending.encode() + ARTICLE_PAGE], pause=1.0) as server:
        result, elapsed = _fetch_timed(server.url)
    assert result == IngestFailure(server.url, "response took longer than 2 s")
    assert elapsed < NO_HANG_SECONDS


def test_ingest_fetch_deadline_body_one_byte_at_a_time_is_cut_off() -> None:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(ARTICLE_PAGE)}"
    pieces = [head.encode() + b"\r\n\r\n"] + [bytes([byte]) for byte in ARTICLE_PAGE]
    with TrickleServer(pieces, pause=0.2) as server:
        result, elapsed = _fetch_timed(server.url)
    assert result == IngestFailure(server.url, "response took longer than 2 s")
    assert elapsed < NO_HANG_SECONDS


def test_ingest_fetch_deadline_exceeded_is_not_retried() -> None:
    lines = [b"HTTP/1.1 200 OK\r\n"] + [f"X-Trace-{n}: 1\r\n".encode() for n in range(30)]
    with TrickleServer(lines, pause=1.0) as server:
        _fetch_timed(server.url)
        assert server.connections == 1


class _KeepAliveHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(ARTICLE_PAGE)))
        self.end_headers()
        self.wfile.write(ARTICLE_PAGE)


@pytest.fixture
def keep_alive_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _KeepAliveHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/news/budget"
    finally:
        server.shutdown()
        server.server_close()


def test_ingest_fetch_deadline_belongs_to_each_fetch_not_to_the_connection(
    keep_alive_url: str,
) -> None:
    settings = replace(SETTINGS, total_timeout=1.0)
    with Fetcher(settings) as fetcher:
        first = fetcher.fetch(keep_alive_url)
        time.sleep(1.5)  # the first fetch's deadline has passed; its connection is kept
        second = fetcher.fetch(keep_alive_url)
    assert isinstance(first, FetchedPage), first
    assert isinstance(second, FetchedPage), second
    assert second.body == ARTICLE_PAGE
