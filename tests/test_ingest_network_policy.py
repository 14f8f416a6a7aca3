"""The network policy of fetching: which schemes and addresses polex may connect to.

Servers run on 127.0.0.1 inside the tests; the other addresses are never connected to
(the tests prove it by making any outgoing connection fail loudly).
"""

import ipaddress
import socket
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import httpcore
import pytest

from polex.ingest import FetchedPage, Fetcher, FetchSettings, read_inputs
from polex.ingest.network_policy import GuardedBackend, NetworkPolicy, forbidden_kind
from polex.schema import IngestFailure
from tests.local_servers import LocalSocketServer

HINT = "(use --allow-host to permit it)"

ARTICLE_PAGE = (
    "<html><head><title>Port strike ends in Mombasa</title></head><body><article>"
    "<p>Dock workers in Mombasa ended a five-day strike on Thursday after the Kenya Ports "
    "Authority agreed to review their allowances, the union said.</p></article></body></html>"
)

SETTINGS = FetchSettings(
    connect_timeout=1.0,
    read_timeout=2.0,
    total_timeout=5.0,
    max_retries=2,  # a refusal is final: its reason never ends "(gave up after 3 attempts)"
    backoff_initial=0.01,
    per_host_delay=0.0,
)


def _http_answer(status: str, body: str = "", headers: str = "") -> bytes:
    content = body.encode()
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n{headers}"
        f"Content-Length: {len(content)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + content


class CountingServer(LocalSocketServer):
    """A server on 127.0.0.1 that counts the connections it accepts and gives each the
    same answer."""

    def __init__(self, reply: bytes) -> None:
        super().__init__()
        self.reply = reply

    def answer(self, connection: socket.socket) -> None:
        _read_request(connection)
        connection.sendall(self.reply)


def _read_request(connection: socket.socket) -> None:
    connection.settimeout(5)
    received = b""
    while b"\r\n\r\n" not in received:
        chunk = connection.recv(4096)
        if not chunk:
            return
        received += chunk


@pytest.fixture(autouse=True)
def local_connections_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the code under test does, nothing but this machine is ever contacted."""
    connect = socket.create_connection

    def connect_locally(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        if address[0] not in ("127.0.0.1", "localhost", "::1"):
            raise AssertionError(f"a connection to {address[0]} was attempted")
        return connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", connect_locally)


@pytest.fixture
def no_outgoing_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> socket.socket:
        raise AssertionError(f"a connection was attempted: {args}")

    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def article_server() -> Iterator[CountingServer]:
    with CountingServer(_http_answer("200 OK", ARTICLE_PAGE)) as server:
        yield server


def _fetch(url: str, **settings: Any) -> FetchedPage | IngestFailure:
    with Fetcher(replace(SETTINGS, **settings)) as fetcher:
        return fetcher.fetch(url)


def _failure(result: object) -> IngestFailure:
    assert isinstance(result, IngestFailure), result
    return result


def test_ingest_network_policy_loopback_address_is_refused_without_a_request(
    article_server: CountingServer,
) -> None:
    url = f"http://127.0.0.1:{article_server.port}/2024/05/port-strike"
    assert _fetch(url) == IngestFailure(
        url, f"refused: 127.0.0.1 is a loopback address {HINT}"
    )
    assert article_server.connections == 0


def test_ingest_network_policy_allowed_host_is_fetched(article_server: CountingServer) -> None:
    url = f"http://127.0.0.1:{article_server.port}/2024/05/port-strike"
    page = _fetch(url, allow_hosts=("127.0.0.1",))
    assert isinstance(page, FetchedPage), page
    assert b"Mombasa" in page.body
    assert article_server.connections == 1


def test_ingest_network_policy_allowed_host_matches_whatever_its_case(
    article_server: CountingServer,
) -> None:
    url = f"http://localhost:{article_server.port}/2024/05/port-strike"
    page = _fetch(url, allow_hosts=("LocalHost",))
    assert isinstance(page, FetchedPage), page
    assert article_server.connections == 1


def test_ingest_network_policy_redirect_to_a_disallowed_host_is_refused(
    article_server: CountingServer,
) -> None:
    target = f"http://localhost:{article_server.port}/admin"
    redirect = _http_answer("302 Found", headers=f"Location: {target}\r\n")
    with CountingServer(redirect) as redirector:
        url = f"http://127.0.0.1:{redirector.port}/story"
        failure = _failure(_fetch(url, allow_hosts=("127.0.0.1",)))
        assert redirector.connections == 1
    assert failure.origin == url
    assert failure.reason.startswith("refused: localhost resolves to ")
    assert failure.reason.endswith(f", a loopback address {HINT}")
    assert article_server.connections == 0


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://[::1]/", "::1 is a loopback address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address"),
        ("http://[fd00:ec2::254]/latest/meta-data/", "fd00:ec2::254 is a cloud metadata address"),
        ("http://10.1.2.3/intranet", "10.1.2.3 is a private address"),
        ("https://192.168.1.1/login", "192.168.1.1 is a private address"),
        ("http://169.254.10.20/", "169.254.10.20 is a link-local address"),
        ("http://0.0.0.0:8080/", "0.0.0.0 is an unspecified address"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1 is a loopback address"),
        ("http://100.64.0.7/", "100.64.0.7 is a non-public address"),
    ],
)
@pytest.mark.usefixtures("no_outgoing_connections")
def test_ingest_network_policy_non_public_address_is_refused_before_connecting(
    url: str, reason: str
) -> None:
    assert _fetch(url) == IngestFailure(url, f"refused: {reason} {HINT}")


@pytest.mark.usefixtures("no_outgoing_connections")
def test_ingest_network_policy_name_is_checked_after_resolution(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def resolve(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        assert host == "wiki.intranet.example"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.20.30.40", port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    url = "http://wiki.intranet.example/pages/budget"
    assert _fetch(url) == IngestFailure(
        url, f"refused: wiki.intranet.example resolves to 10.20.30.40, a private address {HINT}"
    )


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("ftp://files.example.org/reports/2024.txt", "ftp"),
        ("file:///etc/passwd", "file"),
        ("gopher://news.example.org/1/world", "gopher"),
    ],
)
@pytest.mark.usefixtures("no_outgoing_connections")
def test_ingest_network_policy_other_schemes_are_refused(url: str, scheme: str) -> None:
    assert _fetch(url) == IngestFailure(
        url, f"refused: only http and https URLs are fetched, not {scheme}"
    )


def test_ingest_network_policy_redirect_to_another_scheme_is_refused() -> None:
    redirect = _http_answer("301 Moved Permanently", headers="Location: file:///etc/passwd\r\n")
    with CountingServer(redirect) as redirector:
        url = f"http://127.0.0.1:{redirector.port}/story"
        assert _fetch(url, allow_hosts=("127.0.0.1",)) == IngestFailure(
            url, "refused: only http and https URLs are fetched, not file"
        )


def test_ingest_network_policy_feed_links_to_disallowed_hosts_are_refused(
    article_server: CountingServer,
) -> None:
    links = [
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        f"http://localhost:{article_server.port}/admin",
    ]
    items = "".join(
        f"<item><title>Update {n}</title><link>{link}</link>"
        f"<pubDate>Thu, 16 May 2024 09:00:00 +0300</pubDate></item>"
        for n, link in enumerate(links, start=1)
    )
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Coast Herald</title><link>http://127.0.0.1/</link>{items}</channel></rss>"
    )
    answer = _http_answer("200 OK", feed).replace(b"text/html", b"application/rss+xml")
    with CountingServer(answer) as feed_server:
        settings = replace(SETTINGS, allow_hosts=("127.0.0.1",))
        feed_url = f"http://127.0.0.1:{feed_server.port}/feed.xml"
        first, second = read_inputs([feed_url], fetch=settings, fetch_links=True)
    assert first == IngestFailure(
        links[0], f"refused: 169.254.169.254 is a cloud metadata address {HINT}"
    )
    assert _failure(second).reason.startswith("refused: localhost resolves to ")
    assert article_server.connections == 0


class _RecordingBackend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self.hosts: list[str] = []

    def connect_tcp(self, host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        self.hosts.append(host)
        return object()


def test_ingest_network_policy_connects_to_the_address_it_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a name that would resolve to loopback if asked a second time (DNS rebinding)
    answers = iter(["93.184.215.14", "127.0.0.1"])

    def resolve(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    recorder = _RecordingBackend()
    GuardedBackend(NetworkPolicy(), recorder).connect_tcp("news.example.org", 443, 1.0)
    assert recorder.hosts == ["93.184.215.14"]


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("8.8.8.8", None),
        ("2001:4860:4860::8888", None),
        ("172.16.0.9", "a private address"),
        ("fc00::5", "a private address"),
        ("fe80::1", "a link-local address"),
        ("224.0.0.251", "a multicast address"),
        ("ff02::1", "a multicast address"),
        ("240.0.0.1", "a reserved address"),
        ("::", "an unspecified address"),
        ("::ffff:10.0.0.1", "a private address"),
        ("::ffff:169.254.169.254", "a cloud metadata address"),
    ],
)
def test_ingest_network_policy_addresses_are_classified(address: str, kind: str | None) -> None:
    assert forbidden_kind(ipaddress.ip_address(address)) == kind


def test_ingest_network_policy_settings_refuse_an_empty_allowed_host() -> None:
    with pytest.raises(ValueError, match="allow_hosts must not hold empty host names"):
        FetchSettings(allow_hosts=("news.example.org", " "))
