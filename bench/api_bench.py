"""Latency of the HTTP API over a large store, and a bounded load run.

    python bench/api_bench.py --db /tmp/polex-api-bench.duckdb --out bench/api_results.json \
        [--requests 200] [--clients 50] [--duration 30]

Starts ``polex serve`` (uvicorn, as a user runs it) on 127.0.0.1 at a free port over the
store, waits for /health, then:

- for each measured query: a few warm-up requests, then ``--requests`` requests one after
  another, timing each from sending to the last byte of the body (p50/p95/p99);
- a load run: ``--clients`` concurrent clients for ``--duration`` seconds, each cycling
  through the queries; counts requests, errors (an answer other than 2xx, or no answer)
  and the latency percentiles.

Writes the figures with a description of the machine and the store, prints a table, and
stops the server it started. Build the store with bench/generate_store.py first.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import socket
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from time import monotonic, perf_counter, sleep
from typing import IO, Any

import duckdb
import httpx
from rich.console import Console
from rich.table import Table

import polex
from polex.store import EventStore

HOST = "127.0.0.1"
TARGET_P95_MS = 100.0
START_SECONDS = 120.0
WARM_UP = 5


@dataclass(frozen=True)
class Query:
    name: str
    path: str
    next_page: bool = False  # measure the page after the first one (its cursor)


QUERIES = (
    Query("events actor", "/events?actor=RUS"),
    Query("events actor+type", "/events?actor=RUS&type=ASSAULT"),
    Query("events country+since/until", "/events?country=UKR&since=2023-01-01&until=2023-06-30"),
    Query("events quad", "/events?quad=4"),
    Query("events min_confidence", "/events?min_confidence=0.95"),
    Query("events q=word", "/events?q=ceasefire"),
    Query("events bbox", "/events?bbox=22,44,41,53"),
    Query("events 2nd page (cursor)", "/events?actor=USA&since=2024", next_page=True),
    Query("events format=csv", "/events?actor=CHN&format=csv"),
    Query("events clustered", "/events?actor=UKR&type=ASSAULT&since=2024-06&clustered=true"),
    Query("series month", "/series?interval=month"),
    Query("series month by dyad", "/series?interval=month&by=dyad&country=UKR"),
    Query("series month by dyad, 1 year",
          "/series?interval=month&by=dyad&country=UKR&since=2024-01-01"),
    Query("dyads window", "/dyads?since=2024-01-01&until=2024-06-30"),
)

out = Console()
log = Console(stderr=True)


@dataclass
class Timings:
    """Latencies in seconds of one query (or of the load run), and what failed."""

    seconds: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    body_bytes: int = 0

    def add(self, seconds: float, status: int | None, size: int = 0) -> None:
        self.seconds.append(seconds)
        key = str(status) if status is not None else "no answer"
        self.statuses[key] = self.statuses.get(key, 0) + 1
        if status is None or not 200 <= status < 300:
            self.errors += 1
        self.body_bytes = max(self.body_bytes, size)

    def summary(self) -> dict[str, Any]:
        return {
            "requests": len(self.seconds),
            "errors": self.errors,
            "statuses": dict(sorted(self.statuses.items())),
            "p50_ms": milliseconds(percentile(self.seconds, 50)),
            "p95_ms": milliseconds(percentile(self.seconds, 95)),
            "p99_ms": milliseconds(percentile(self.seconds, 99)),
            "max_ms": milliseconds(max(self.seconds, default=math.nan)),
            "largest_body_bytes": self.body_bytes,
        }


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(math.ceil(pct / 100 * len(ordered)) - 1, 0)]


def milliseconds(seconds: float) -> float | None:
    return None if math.isnan(seconds) else round(seconds * 1000, 1)


# --- The server -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def polex_command() -> list[str]:
    """The ``polex`` entry point installed beside this Python."""
    script = Path(sys.executable).with_name("polex")
    return [str(script)] if script.exists() else [sys.executable, "-m", "polex.cli"]


def server_environment() -> dict[str, str]:
    """This environment without an API token: the server stays read-only."""
    return {name: value for name, value in os.environ.items() if name != "POLEX_API_TOKEN"}


def start_server(db: Path, port: int, server_log: IO[bytes]) -> subprocess.Popen[bytes]:
    command = [*polex_command(), "serve", "--db", str(db), "--host", HOST, "--port", str(port)]
    return subprocess.Popen(command, stdout=server_log, stderr=subprocess.STDOUT,
                            env=server_environment())


def wait_until_up(server: subprocess.Popen[bytes], base_url: str, server_log: IO[bytes]
                  ) -> None:
    deadline = monotonic() + START_SECONDS
    while monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"polex serve ended with status {server.returncode}:\n"
                             f"{log_tail(server_log)}")
        try:
            if httpx.get(f"{base_url}/health", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        sleep(0.2)
    raise SystemExit(f"polex serve did not answer /health in {START_SECONDS:.0f} s:\n"
                     f"{log_tail(server_log)}")


def log_tail(server_log: IO[bytes], lines: int = 20) -> str:
    server_log.flush()
    server_log.seek(0)
    return "\n".join(server_log.read().decode("utf-8", "replace").splitlines()[-lines:])


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Stop the server this script started (only that process)."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --- Sequential latencies ---------------------------------------------------------------


def resolved_path(client: httpx.Client, query: Query) -> str:
    """The query's URL path; for a next page, with the cursor the first page returned."""
    if not query.next_page:
        return query.path
    first = client.get(query.path)
    first.raise_for_status()
    cursor = first.headers.get("X-Next-Cursor")
    if not cursor:
        raise SystemExit(f"{query.path} has a single page: choose a wider query")
    return str(httpx.URL(query.path).copy_merge_params({"cursor": cursor}))


def timed_get(client: httpx.Client, path: str, timings: Timings) -> None:
    start = perf_counter()
    try:
        response = client.get(path)
        size = len(response.content)
    except httpx.HTTPError:
        timings.add(perf_counter() - start, None)
        return
    timings.add(perf_counter() - start, response.status_code, size)


def measure_sequential(client: httpx.Client, paths: dict[str, str], requests: int
                       ) -> dict[str, Timings]:
    results: dict[str, Timings] = {}
    for name, path in paths.items():
        step(f"{name}: {path[:90]}")
        for _ in range(WARM_UP):
            timed_get(client, path, Timings())
        timings = Timings()
        for _ in range(requests):
            timed_get(client, path, timings)
        results[name] = timings
    return results


# --- Load -------------------------------------------------------------------------------


@dataclass
class LoadRun:
    overall: Timings = field(default_factory=Timings)
    by_query: dict[str, Timings] = field(default_factory=dict)
    seconds: float = 0.0


async def load_client(client: httpx.AsyncClient, paths: list[tuple[str, str]], first: int,
                      deadline: float, run: LoadRun) -> None:
    """Send the queries one after another, starting at ``first``, until the deadline."""
    turn = first
    while monotonic() < deadline:
        name, path = paths[turn % len(paths)]
        turn += 1
        start = perf_counter()
        status: int | None = None
        size = 0
        try:
            response = await client.get(path)
            status, size = response.status_code, len(response.content)
        except httpx.HTTPError:
            pass
        elapsed = perf_counter() - start
        run.overall.add(elapsed, status, size)
        run.by_query.setdefault(name, Timings()).add(elapsed, status, size)


async def load(base_url: str, paths: dict[str, str], clients: int, duration: float,
               timeout: float) -> LoadRun:
    run = LoadRun()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base_url, timeout=timeout, limits=limits) as client:
        start = monotonic()
        deadline = start + duration
        await asyncio.gather(*(load_client(client, list(paths.items()), index, deadline, run)
                               for index in range(clients)))
        run.seconds = monotonic() - start
    return run


# --- Report -----------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {
        "cpu_count": os.cpu_count(),
        "memory_gb": round(memory / 2**30, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "polex": polex.__version__,
        "load_average_at_start": [round(value, 2) for value in os.getloadavg()],
    }


def store_description(db: Path) -> dict[str, Any]:
    with EventStore(db, read_only=True) as store:
        counts = store.stats()
        row = store.connection.execute("SELECT count(*) FROM event_entities").fetchone()
    return {"events": counts["events"], "articles": counts["articles"],
            "event_entities": int(row[0]) if row else 0,
            "file_mb": round(db.stat().st_size / 1e6, 1)}


def load_summary(run: LoadRun, clients: int) -> dict[str, Any]:
    return {
        "clients": clients,
        "seconds": round(run.seconds, 1),
        "requests_per_s": round(len(run.overall.seconds) / run.seconds, 1) if run.seconds else 0,
        **run.overall.summary(),
        "by_query": {name: timings.summary() for name, timings in run.by_query.items()},
    }


def print_report(results: dict[str, Any]) -> None:
    table = Table(title=f"polex API: {results['store']['events']:,} events, "
                        f"{results['requests_per_query']} requests per query, one at a time")
    for column in ("query", "p50 ms", "p95 ms", "p99 ms", "errors"):
        table.add_column(column, justify="left" if column == "query" else "right")
    for name, figures in results["queries"].items():
        p95 = figures["p95_ms"]
        shown = f"[red]{p95}[/red]" if p95 is None or p95 >= TARGET_P95_MS else str(p95)
        table.add_row(name, str(figures["p50_ms"]), shown, str(figures["p99_ms"]),
                      str(figures["errors"]))
    out.print(table)
    run = results["load"]
    out.print(f"load: {run['clients']} clients for {run['seconds']} s: {run['requests']} "
              f"requests ({run['requests_per_s']}/s), {run['errors']} errors, p50 "
              f"{run['p50_ms']} ms, p95 {run['p95_ms']} ms, p99 {run['p99_ms']} ms",
              highlight=False)
    verdict = "met" if results["target_met"] else "NOT met"
    out.print(f"target (p95 < {TARGET_P95_MS:.0f} ms for every query, 0 errors under load): "
              f"{verdict}", highlight=False)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark the HTTP API over a store.")
    parser.add_argument("--db", type=Path, required=True, help="store to serve")
    parser.add_argument("--out", type=Path, default=Path("bench/api_results.json"))
    parser.add_argument("--requests", type=int, default=200, help="timed requests per query")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (load)")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load")
    parser.add_argument("--url", help="measure a server already serving --db at this URL "
                                      "instead of starting polex serve")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds a request may take before it counts as an error")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        parser.error(f"no store at {args.db}: build one with bench/generate_store.py")
    if args.requests < 1 or args.clients < 1 or args.duration <= 0:
        parser.error("--requests, --clients and --duration must be positive")
    return args


def step(message: str) -> None:
    log.print(f"[dim]{datetime.now():%H:%M:%S}[/dim] {message}", highlight=False)


def run_benchmark(args: argparse.Namespace, base_url: str) -> dict[str, Any]:
    with httpx.Client(base_url=base_url, timeout=args.timeout) as client:
        paths = {query.name: resolved_path(client, query) for query in QUERIES}
        step(f"{args.requests} requests per query, one at a time")
        sequential = measure_sequential(client, paths, args.requests)
    step(f"load: {args.clients} clients for {args.duration:.0f} s")
    run = asyncio.run(load(base_url, paths, args.clients, args.duration, args.timeout))
    queries = {name: {"path": paths[name], **timings.summary()}
               for name, timings in sequential.items()}
    met = all(q["p95_ms"] is not None and q["p95_ms"] < TARGET_P95_MS and not q["errors"]
              for q in queries.values()) and run.overall.errors == 0
    return {"requests_per_query": args.requests, "queries": queries,
            "load": load_summary(run, args.clients), "target_p95_ms": TARGET_P95_MS,
            "target_met": met}


def served_benchmark(args: argparse.Namespace) -> dict[str, Any]:
    """The figures of a ``polex serve`` started for them, and stopped after."""
    port = free_port()
    base_url = f"http://{HOST}:{port}"
    with tempfile.TemporaryFile() as server_log:
        step(f"starting polex serve on {base_url}")
        server = start_server(args.db, port, server_log)
        try:
            wait_until_up(server, base_url, server_log)
            return run_benchmark(args, base_url)
        finally:
            stop_server(server)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    info = machine()
    store = store_description(args.db)
    if args.url:
        step(f"measuring the server at {args.url}")
        figures = run_benchmark(args, args.url.rstrip("/"))
        server = "already running, given by --url"
    else:
        figures = served_benchmark(args)
        server = "polex serve (uvicorn, 1 process, default options: the store kept open)"
    results = {"measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
               "machine": info, "store": store, "server": server, **figures}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print_report(results)
    step(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
