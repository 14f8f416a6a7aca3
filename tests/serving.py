"""`polex serve` for a test: a real process over a store, on a free loopback port,
stopped when the test is done."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

SERVING = re.compile(r"on http://127\.0\.0\.1:(\d+) ")
START_SECONDS = 60


@contextmanager
def polex_serve(db: Path, log: Path) -> Iterator[int]:
    """The port of `polex serve --db db --port 0` (its messages go to ``log``), once it
    answers GET /health; the server is stopped on leaving."""
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "polex.cli", "serve", "--db", str(db), "--port", "0"],
            stdout=subprocess.DEVNULL, stderr=stderr, text=True,
            env={**os.environ, "NO_COLOR": "1"})
    try:
        port = _listening_port(process, log)
        health(port)
        yield port
    finally:
        _stop(process)


def health(port: int) -> httpx.Response:
    """GET /health, retried while the server is not answering yet."""
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            return httpx.get(f"http://127.0.0.1:{port}/health", timeout=10, trust_env=False)
        except httpx.TransportError:
            assert time.monotonic() < deadline, "the server never answered"
            time.sleep(0.2)


def _listening_port(process: subprocess.Popen[str], log: Path) -> int:
    """The port the server printed it listens on (it was started with --port 0)."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if match := SERVING.search(log.read_text()):
            return int(match.group(1))
        if process.poll() is not None:
            break
        time.sleep(0.1)
    raise AssertionError(f"polex serve did not start: {log.read_text()[-2000:]}")


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=30)
