"""Read hostile cases with ``polex.ingest.read_inputs``, one at a time, in this process.

    python -m fuzz.probe --root GENERATED --cases CASES.json --timeout SECONDS

Prints one JSON line per case. A case still running after ``--timeout`` seconds is
reported as "timeout" and the process ends at once (its thread cannot be stopped);
the harness starts a new probe for the cases after it. Outgoing connections to
anything but 127.0.0.1 are refused and recorded, so a fetch that should have been
refused cannot reach a private or metadata address even on code that tries.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import os
import resource
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polex.schema
from fuzz.generate import Case
from fuzz.servers import Servers, start_servers
from polex.ingest import FetchSettings, read_inputs
from polex.schema import Article, IngestFailure

# Absent from polex versions before notices existed; the probe runs against those too.
IngestNotice: type = getattr(polex.schema, "IngestNotice", type("NoNotices", (), {}))

ALLOWED_CONNECT_HOST = "127.0.0.1"
blocked_connects: list[str] = []


def guard_connections() -> None:
    """Refuse (and record) every connect to an address other than 127.0.0.1."""
    original: Callable[..., Any] = socket.socket.connect

    def connect(sock: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else str(address)
        if sock.family in (socket.AF_INET, socket.AF_INET6) and host != ALLOWED_CONNECT_HOST:
            blocked_connects.append(f"{host}:{address[1]}")
            raise ConnectionRefusedError(f"fuzz guard: no connection to {host}")
        return original(sock, address)

    socket.socket.connect = connect  # type: ignore[method-assign,assignment]


class GeneratedStream(io.RawIOBase):
    """Plain-text lines, ``size`` bytes in all, made as they are read (nothing on disk)."""

    LINE = b"Ministers met in Geneva on Monday to discuss the border, officials said.\n"

    def __init__(self, size: int) -> None:
        self._left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = min(len(buffer), self._left)
        block = (self.LINE * (count // len(self.LINE) + 1))[:count]
        buffer[:count] = block
        self._left -= count
        return count

    def readall(self) -> bytes:
        chunks = []
        while self._left:
            chunk = bytearray(min(self._left, 1 << 20))
            chunks.append(bytes(chunk[: self.readinto(chunk)]))
        return b"".join(chunks)


def fetch_settings(case: Case) -> FetchSettings:
    options: dict[str, Any] = dict(connect_timeout=2.0, read_timeout=2.0, total_timeout=2.0,
                                   max_retries=0, per_host_delay=0.0, backoff_initial=0.0)
    if "allow_hosts" in {f.name for f in dataclasses.fields(FetchSettings)}:
        options["allow_hosts"] = tuple(case.allow_hosts)
    return FetchSettings(**options)


def encodable(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class Outcome:
    """What reading one case gave."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self.counts = {"articles": 0, "failures": 0, "notices": 0}
        self.found: set[str] = set()
        self.problems: list[str] = []

    def take(self, item: object) -> None:
        if isinstance(item, Article):
            self.counts["articles"] += 1
            self._check_article(item)
        elif isinstance(item, IngestFailure):
            self.counts["failures"] += 1
            self._check_strings(item, "failure")
        elif isinstance(item, IngestNotice):
            self.counts["notices"] += 1
            self._check_strings(item, "notice")
        else:
            self.problems.append(f"unexpected item {type(item).__name__}")

    def _check_article(self, article: Article) -> None:
        self._check_strings(article, "article")
        try:
            _ = article.content_hash
        except Exception as exc:  # the store hashes every article it keeps
            self.problems.append(f"content_hash raised {type(exc).__name__}: {exc}")
        for sentence in self.case.expect_good:
            if sentence in article.text:
                self.found.add(sentence)
        for text in self.case.forbidden:
            if text in article.text:
                self.problems.append(f"article text holds {text!r}")

    def _check_strings(self, item: object, kind: str) -> None:
        for field in dataclasses.fields(item):  # type: ignore[arg-type]
            if not encodable(getattr(item, field.name)):
                self.problems.append(f"{kind} {field.name} is not valid UTF-8 (lone surrogate)")


def read_case(case: Case, root: Path, servers: Servers, outcome: Outcome) -> None:
    inputs = [i if i == "-" else servers.fill(i) if "{" in i else str(root / i)
              for i in case.inputs]
    stdin = None
    if case.stdin_bytes:
        stdin = io.TextIOWrapper(io.BufferedReader(GeneratedStream(case.stdin_bytes)))
    for item in read_inputs(inputs, stdin=stdin, fetch=fetch_settings(case),
                            fetch_links=case.fetch_links):
        outcome.take(item)


def run_case(case: Case, root: Path, servers: Servers, timeout: float) -> dict[str, Any]:
    outcome = Outcome(case)
    errors: list[str] = []
    refused_before = servers.refuse.connections
    blocked_connects.clear()

    def target() -> None:
        try:
            read_case(case, root, servers, outcome)
        except BaseException as exc:  # the point: anything raised is a defect
            errors.append("".join(traceback.format_exception_only(exc)).strip().splitlines()[-1])
            errors.append(traceback.format_exc())

    started = time.monotonic()
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    result: dict[str, Any] = {"id": case.id, "klass": case.klass,
                              "seconds": round(time.monotonic() - started, 3), **outcome.counts}
    if thread.is_alive():
        result["outcome"] = "timeout"
        return result
    result["outcome"] = "traceback" if errors else "ok"
    if errors:
        result["error"], result["traceback"] = errors[0], errors[1][-4000:]
    problems = list(outcome.problems)
    problems += [f"good item not read: {s[:60]!r}" for s in case.expect_good
                 if s not in outcome.found and not errors]
    if case.refused_server_untouched and servers.refuse.connections > refused_before:
        problems.append("a refused address was connected to (the 127.0.0.1 test server saw it)")
    problems += [f"tried to connect to {address}" for address in blocked_connects]
    result["problems"] = problems
    return result


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--cases", type=Path, required=True)
    parser.add_argument("--timeout", type=float, default=20.0)
    args = parser.parse_args()
    cases = [Case(**raw) for raw in json.loads(args.cases.read_text())]
    guard_connections()
    servers = start_servers(args.root / "www")
    for case in cases:
        result = run_case(case, args.root, servers, args.timeout)
        result["peak_rss_mb"] = round(peak_rss_mb(), 1)
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()
        if result["outcome"] == "timeout":
            os._exit(0)  # the stuck thread cannot be stopped; a new probe takes over
    servers.close()


if __name__ == "__main__":
    main()
