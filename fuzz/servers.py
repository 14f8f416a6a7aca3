"""Servers on 127.0.0.1 for the network cases: pages, redirects, a server that must never
be reached, and two that trickle their response (headers, then body) byte by byte."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

HOST = "127.0.0.1"
TRICKLE_SECONDS = 90.0  # a trickling response ends after this, whatever the client does


class CountingServer(ThreadingHTTPServer):
    daemon_threads = True
    connections = 0

    def verify_request(self, request: object, client_address: object) -> bool:
        self.connections += 1
        return True


class QuietHandler(BaseHTTPRequestHandler):
    """Answers nothing useful and logs nothing: it is there to count connections."""

    def log_message(self, format: str, *args: object) -> None:
        pass


def site_handler(www: Path, ports: dict[str, int]) -> type[BaseHTTPRequestHandler]:
    """Serves files under ``www`` (with "{refuse_port}" filled in) and /redirect?to=URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            parts = urlsplit(self.path)
            if parts.path == "/redirect":
                target = parse_qs(parts.query).get("to", ["/"])[0]
                self.send_response(302)
                self.send_header("Location", fill(target, ports))
                self.end_headers()
                return
            file = (www / parts.path.lstrip("/")).resolve()
            if not file.is_relative_to(www.resolve()) or not file.is_file():
                self.send_error(404)
                return
            body = fill(file.read_text(), ports).encode()
            self.send_response(200)
            kind = "application/rss+xml" if file.suffix == ".xml" else "text/html; charset=utf-8"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


class TrickleServer:
    """Answers every request one header line a second, or its body one byte per 0.2 s."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self._stop = threading.Event()
        self._listener = socket.create_server((HOST, 0))
        self.port: int = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        with connection:
            try:
                connection.recv(65_536)
                if self.mode == "headers":
                    self._trickle(connection, b"HTTP/1.1 200 OK\r\n", b"X-Slow: 1\r\n", 1.0)
                else:
                    head = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                            b"Content-Length: 1000000\r\n\r\n")
                    self._trickle(connection, head, b"a", 0.2)
            except OSError:
                return

    def _trickle(self, connection: socket.socket, start: bytes, piece: bytes,
                 interval: float) -> None:
        connection.sendall(start)
        for _ in range(int(TRICKLE_SECONDS / interval)):
            if self._stop.wait(interval):
                return
            connection.sendall(piece)

    def close(self) -> None:
        self._stop.set()
        self._listener.close()


@dataclass
class Servers:
    site: CountingServer
    refuse: CountingServer
    trickle_headers: TrickleServer
    trickle_body: TrickleServer

    @property
    def ports(self) -> dict[str, int]:
        return {"refuse_port": self.refuse.server_address[1]}

    def fill(self, template: str) -> str:
        """A URL template with the servers' addresses in it."""
        filled = template.replace("{http}", f"http://{HOST}:{self.site.server_address[1]}")
        filled = filled.replace("{trickle_headers}", f"http://{HOST}:{self.trickle_headers.port}")
        filled = filled.replace("{trickle_body}", f"http://{HOST}:{self.trickle_body.port}")
        return fill(filled, self.ports)

    def close(self) -> None:
        for server in (self.site, self.refuse):
            server.shutdown()
            server.server_close()
        self.trickle_headers.close()
        self.trickle_body.close()


def fill(template: str, ports: dict[str, int]) -> str:
    for name, port in ports.items():
        template = template.replace("{" + name + "}", str(port))
    return template


def start_servers(www: Path) -> Servers:
    """All servers, listening on 127.0.0.1 ports chosen by the system."""
    refuse = CountingServer((HOST, 0), QuietHandler)
    ports = {"refuse_port": refuse.server_address[1]}
    site = CountingServer((HOST, 0), site_handler(www, ports))
    for server in (site, refuse):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    return Servers(site, refuse, TrickleServer("headers"), TrickleServer("body"))
