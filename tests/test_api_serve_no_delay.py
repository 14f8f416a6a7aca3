"""``polex serve`` listens on a socket whose accepted connections send at once
(TCP_NODELAY): uvicorn writes a response's headers and body apart, and without it the
body would wait for the client's delayed acknowledgement, about 40 ms a request."""

from __future__ import annotations

import socket

from polex.api.cli import _listen


def test_api_serve_connections_are_accepted_without_nagle_delay() -> None:
    listener = _listen("127.0.0.1", 0)
    with listener, socket.create_connection(listener.getsockname()[:2], timeout=10):
        accepted, _ = listener.accept()
        with accepted:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
