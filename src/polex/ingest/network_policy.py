"""Where a fetch may connect, and for how long: the network policy of every request.

Only http and https URLs are fetched. Every connection, whether for a URL given, a
redirect or a feed's link, is opened by :class:`GuardedBackend`: it resolves the host
once, refuses it when any of its addresses is loopback, private, link-local, multicast,
reserved, unspecified, a cloud metadata address or otherwise not public, and then
connects to the very address it checked, so a name cannot resolve to another address
between the check and the connection. Hosts named in ``allow_hosts`` skip the check.

Every network operation of a fetch (connect, TLS handshake, each read and write) is also
bounded by the time the fetch has left (:func:`fetch_deadline`), so a server sending a
byte or a header line at a time cannot hold a fetch beyond its total time. Name
resolution itself is bounded only by the system resolver's own timeouts.

Proxies named in the environment are not used: the policy checks the address polex
itself connects to.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

import httpcore
import httpx

ALLOWED_SCHEMES = ("http", "https")
ALLOW_HOST_HINT = "use --allow-host to permit it"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud instance metadata services (AWS, GCP, Azure, ...; AWS's IPv6 one), which hand
# out credentials to whoever asks from inside the machine.
METADATA_ADDRESSES: frozenset[IPAddress] = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)

# The first kind that applies names the refusal; the last catches what the others miss
# (such as the 100.64.0.0/10 shared address space).
_FORBIDDEN_KINDS: tuple[tuple[str, Callable[[IPAddress], bool]], ...] = (
    ("a cloud metadata address", lambda address: address in METADATA_ADDRESSES),
    ("a loopback address", lambda address: address.is_loopback),
    ("an unspecified address", lambda address: address.is_unspecified),
    ("a link-local address", lambda address: address.is_link_local),
    ("a multicast address", lambda address: address.is_multicast),
    ("a reserved address", lambda address: address.is_reserved),
    ("a private address", lambda address: address.is_private),
    ("a non-public address", lambda address: not address.is_global),
)

T = TypeVar("T")


class FetchRefused(Exception):
    """The network policy forbids a request; the message is the reason."""


class DeadlineExceeded(Exception):
    """A fetch ran past its total time."""


def scheme_refusal(url: httpx.URL) -> str | None:
    """Why a URL may not be fetched because of its scheme, or None when it may."""
    if url.scheme in ALLOWED_SCHEMES:
        return None
    return f"refused: only http and https URLs are fetched, not {url.scheme or 'this URL'}"


def forbidden_kind(address: IPAddress) -> str | None:
    """What makes an address off limits ("a loopback address", ...), or None if it is public."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 reaches 127.0.0.1
    return next((kind for kind, applies in _FORBIDDEN_KINDS if applies(address)), None)


def normalized_host(host: str) -> str:
    """A host as compared with ``allow_hosts``: lower case, no IPv6 brackets, no final dot."""
    return host.strip().strip("[]").rstrip(".").lower()


@dataclass(frozen=True)
class NetworkPolicy:
    """The hosts allowed whatever their addresses; every other host must be public."""

    allow_hosts: frozenset[str] = frozenset()

    @classmethod
    def allowing(cls, hosts: Iterable[str]) -> NetworkPolicy:
        return cls(frozenset(normalized_host(host) for host in hosts))

    def is_allowed_host(self, host: str) -> bool:
        return normalized_host(host) in self.allow_hosts

    def checked_addresses(self, host: str, port: int) -> list[str]:
        """The addresses of ``host``; :class:`FetchRefused` if any of them is not public."""
        addresses = _resolve(host, port)
        for address in addresses:
            kind = forbidden_kind(ipaddress.ip_address(address))
            if kind is not None:
                raise FetchRefused(_refusal_reason(host, address, kind))
        return addresses


def _resolve(host: str, port: int) -> list[str]:
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
    return list(dict.fromkeys(str(sockaddr[0]) for *_, sockaddr in found))


def _refusal_reason(host: str, address: str, kind: str) -> str:
    if normalized_host(host) == address.lower():
        return f"refused: {address} is {kind} ({ALLOW_HOST_HINT})"
    return f"refused: {host} resolves to {address}, {kind} ({ALLOW_HOST_HINT})"


_deadline: ContextVar[float | None] = ContextVar("polex_fetch_deadline", default=None)


@contextmanager
def fetch_deadline(seconds: float) -> Iterator[None]:
    """Bound the network operations made in this block, in this thread, to ``seconds``."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def within_deadline(timeout: float | None, operation: Callable[[float | None], T]) -> T:
    """Run a network operation with its timeout cut to the time the fetch has left.

    :class:`DeadlineExceeded` when no time is left, or when the operation timed out
    because of the cut.
    """
    deadline = _deadline.get()
    if deadline is None:
        return operation(timeout)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise DeadlineExceeded
    if timeout is not None and timeout < remaining:
        return operation(timeout)
    try:
        return operation(remaining)
    except httpcore.TimeoutException as exc:
        raise DeadlineExceeded from exc


class GuardedBackend(httpcore.NetworkBackend):
    """Opens connections only to allowed hosts or checked public addresses, within the
    fetch's deadline."""

    def __init__(self, policy: NetworkPolicy, inner: httpcore.NetworkBackend | None = None) -> None:
        self._policy = policy
        self._inner = inner or httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        if self._policy.is_allowed_host(host):
            targets = [host]
        else:
            targets = self._policy.checked_addresses(host, port)
        options = list(socket_options or [])
        error: httpcore.ConnectError | None = None
        for target in targets:
            try:
                return self._connect(target, port, timeout, local_address, options)
            except httpcore.ConnectError as exc:  # try the host's next address
                error = exc
        raise error or httpcore.ConnectError(f"no address for {host}")

    def _connect(
        self,
        target: str,
        port: int,
        timeout: float | None,
        local_address: str | None,
        options: list[httpcore.SOCKET_OPTION],
    ) -> httpcore.NetworkStream:
        def connect(bound: float | None) -> httpcore.NetworkStream:
            return self._inner.connect_tcp(target, port, bound, local_address, options)

        return _DeadlineStream(within_deadline(timeout, connect))


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every operation is bounded by the current fetch's deadline
    (looked up on each call: a kept-alive connection serves several fetches)."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return within_deadline(timeout, lambda bound: self._inner.read(max_bytes, bound))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        within_deadline(timeout, lambda bound: self._inner.write(buffer, bound))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        def handshake(bound: float | None) -> httpcore.NetworkStream:
            return self._inner.start_tls(ssl_context, server_hostname, bound)

        return _DeadlineStream(within_deadline(timeout, handshake))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


def guarded_transport(policy: NetworkPolicy, limits: httpx.Limits) -> httpx.HTTPTransport:
    """An httpx transport whose connections all go through :class:`GuardedBackend`."""
    transport = httpx.HTTPTransport(limits=limits)
    # httpx has no parameter for the network backend, so the transport's connection pool
    # is replaced by the same pool built with ours.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=GuardedBackend(policy),
    )
    return transport
