"""Run generated cases: the reader in probe processes, mixed batches and operational
errors through the real command line. Shared by ``make fuzz`` and the CI test."""

from __future__ import annotations

import csv
import io
import json
import os
import queue
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

import duckdb
import psutil

from fuzz.generate import Batch, Case
from fuzz.servers import Servers
from polex.ingest.web_page import article_id_for_url

PROJECT = Path(__file__).resolve().parent.parent
ADDRESS_SPACE_LIMIT = 6 << 30  # a probe that runs away gets MemoryError, not the machine
CLI_EXIT_OK = (0, 3)  # everything went through; some inputs failed
RAW_TERMINAL_CONTROLS = (b"\x1b", b"\xc2\x9b")  # ESC, and C1 CSI as UTF-8
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def polex_command() -> list[str]:
    """The command line, run with this interpreter (so PYTHONPATH picks the polex run)."""
    return [sys.executable, "-m", "polex.cli"]


# ---- the reader, in probe processes ------------------------------------------------------


def run_probes(root: Path, cases: Sequence[Case], timeout: float, rss_limit_mb: float,
               jobs: int = 1) -> list[dict[str, Any]]:
    """One result per case; memory-heavy cases each get a process of their own."""
    shared = [c for c in cases if not c.isolate]
    groups = [shared[i::jobs] for i in range(jobs) if shared[i::jobs]]
    groups += [[c] for c in cases if c.isolate]
    results: list[dict[str, Any]] = []
    lock = threading.Lock()

    def work(pending: queue.Queue[list[Case]]) -> None:
        while True:
            try:
                group = pending.get_nowait()
            except queue.Empty:
                return
            found = run_probe_group(root, group, timeout)
            with lock:
                results.extend(found)

    pending: queue.Queue[list[Case]] = queue.Queue()
    for group in groups:
        pending.put(group)
    threads = [threading.Thread(target=work, args=(pending,)) for _ in range(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for result in results:
        if result.get("peak_rss_mb", 0) > rss_limit_mb:
            result.setdefault("problems", []).append(
                f"peak RSS {result['peak_rss_mb']:.0f} MB over {rss_limit_mb:.0f} MB")
    order = {case.id: index for index, case in enumerate(cases)}
    return sorted(results, key=lambda r: order[r["id"]])


def run_probe_group(root: Path, cases: list[Case], timeout: float) -> list[dict[str, Any]]:
    """Run cases in probes until each has a result; a probe that dies is replaced."""
    results: list[dict[str, Any]] = []
    remaining = list(cases)
    while remaining:
        found, error = _one_probe(root, remaining, timeout)
        results.extend(found)
        done = {r["id"] for r in found}
        remaining = [c for c in remaining if c.id not in done]
        if remaining and (not found or found[-1]["outcome"] != "timeout"):
            culprit = remaining.pop(0)  # the probe died reading it
            results.append({"id": culprit.id, "klass": culprit.klass, "outcome": "crashed",
                            "error": error, "problems": []})
    return results


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))


def _one_probe(root: Path, cases: list[Case], timeout: float
               ) -> tuple[list[dict[str, Any]], str]:
    case_file = root / f"probe-{os.getpid()}-{threading.get_ident()}.json"
    case_file.write_text(json.dumps([asdict(c) for c in cases]))
    command = [sys.executable, "-m", "fuzz.probe", "--root", str(root), "--cases",
               str(case_file), "--timeout", str(timeout)]
    stderr_file = case_file.with_suffix(".err")
    with open(stderr_file, "wb") as stderr:
        process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, stderr=stderr,
                                   text=True, preexec_fn=_limit_address_space)
        assert process.stdout is not None
        found = _read_results(process, process.stdout, timeout + 60)
    error = _last_line(stderr_file.read_text(errors="replace")) or f"exit {process.returncode}"
    case_file.unlink()
    stderr_file.unlink()
    return found, error


def _read_results(process: subprocess.Popen[str], stdout: IO[str], silence: float
                  ) -> list[dict[str, Any]]:
    """Result lines as they come; a probe silent for ``silence`` seconds is killed."""
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    found: list[dict[str, Any]] = []
    while True:
        try:
            line = lines.get(timeout=silence)
        except queue.Empty:
            process.kill()
            break
        if line is None:
            break
        found.append(json.loads(line))
    process.wait()
    return found


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


# ---- the command line --------------------------------------------------------------------


@dataclass
class CommandResult:
    name: str
    args: list[str]
    returncode: int | None
    stdout: bytes
    stderr: bytes
    seconds: float
    timed_out: bool
    peak_rss_mb: float

    @property
    def traceback(self) -> str | None:
        """The last line of a Python traceback in the output, if there is one."""
        for stream in (self.stderr, self.stdout):
            text = stream.decode("utf-8", "replace")
            if "Traceback (most recent call last)" in text:
                return _last_line(text)
        return None


def run_command(name: str, args: list[str], timeout: float, cwd: Path,
                env: dict[str, str] | None = None, stdin: bytes = b"") -> CommandResult:
    """Run a polex command, watching its memory; killed (by its pid) past ``timeout``."""
    command = polex_command() + args
    environment = {**os.environ, "COLUMNS": "160", **(env or {})}
    cwd.mkdir(parents=True, exist_ok=True)
    out_file, err_file = cwd / f".{name}.out", cwd / f".{name}.err"
    started = time.monotonic()
    peak = 0.0
    timed_out = False
    with open(out_file, "wb") as out, open(err_file, "wb") as err:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err,
                                   stdin=subprocess.PIPE, env=environment)
        assert process.stdin is not None
        process.stdin.write(stdin)
        process.stdin.close()
        watched = psutil.Process(process.pid)
        while process.poll() is None:
            peak = max(peak, _rss_mb(watched))
            if time.monotonic() - started > timeout:
                process.kill()
                timed_out = True
            time.sleep(0.05)
    result = CommandResult(name, args, process.returncode, out_file.read_bytes(),
                           err_file.read_bytes(), round(time.monotonic() - started, 2),
                           timed_out, round(peak, 1))
    out_file.unlink()
    err_file.unlink()
    return result


def _rss_mb(process: psutil.Process) -> float:
    try:
        return float(process.memory_info().rss) / (1 << 20)
    except psutil.Error:
        return 0.0


def cli_supports(command: str, option: str, cwd: Path) -> bool:
    result = run_command(f"help-{command}", [command, "--help"], 60, cwd)
    return option in result.stdout.decode(errors="replace")


@dataclass
class Check:
    """One assertion about the command line's behaviour, with what was seen."""

    name: str
    ok: bool
    detail: str = ""
    command: dict[str, Any] = field(default_factory=dict)


def describe(result: CommandResult) -> dict[str, Any]:
    return {"args": result.args, "returncode": result.returncode, "seconds": result.seconds,
            "timed_out": result.timed_out, "peak_rss_mb": result.peak_rss_mb,
            "traceback": result.traceback,
            "stderr_tail": _last_line(result.stderr.decode("utf-8", "replace"))[:300]}


def finished_cleanly(result: CommandResult, codes: Sequence[int] = CLI_EXIT_OK) -> Check:
    problems = []
    if result.timed_out:
        problems.append("over the time limit")
    if result.traceback:
        problems.append(f"traceback: {result.traceback}")
    if not result.timed_out and result.returncode not in codes:
        problems.append(f"exit status {result.returncode}")
    return Check(f"{result.name}: finished cleanly", not problems, "; ".join(problems),
                 describe(result))


def no_raw_controls(result: CommandResult, streams: str = "stdout,stderr") -> Check:
    found = []
    for stream in streams.split(","):
        data: bytes = getattr(result, stream)
        for control in RAW_TERMINAL_CONTROLS:
            if control in data:
                at = data.index(control)
                found.append(f"{stream} has {control!r} near {data[max(0, at - 40):at + 20]!r}")
    return Check(f"{result.name}: no raw terminal controls", not found, "; ".join(found),
                 describe(result))


def formula_cells(csv_text: str) -> list[str]:
    """Cells a spreadsheet would evaluate: starting with = + - @ (numbers excepted)."""
    bad = []
    for row in csv.reader(io.StringIO(csv_text)):
        for cell in row:
            if cell.startswith(FORMULA_STARTS) and not _is_number(cell):
                bad.append(cell[:60])
    return bad


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def stored_ids(db: Path) -> set[str]:
    connection = duckdb.connect(str(db), read_only=True)
    try:
        return {row[0] for row in connection.execute("SELECT id FROM articles").fetchall()}
    finally:
        connection.close()


def run_batch(root: Path, batch: Batch, servers: Servers, work: Path, timeout: float,
              allow_host: bool) -> list[Check]:
    """A mixed batch through ingest, events, export and extract; the checks made."""
    folder = root / batch.folder
    (folder / "links.urls").write_text("\n".join(servers.fill(u) for u in batch.urls) + "\n")
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"{batch.name}.duckdb"
    db.unlink(missing_ok=True)
    allow = ["--allow-host", "127.0.0.1"] if allow_host else []
    ingest = run_command(f"{batch.name}-ingest", ["ingest", str(folder), "--db", str(db),
                                                  "--timeout", "5", *allow], timeout, work)
    expected = batch.good_ids + [article_id_for_url(servers.fill(u)) for u in batch.good_urls]
    checks = [finished_cleanly(ingest), no_raw_controls(ingest),
              stored_check(batch.name, expected, db, ingest)]
    if not db.exists():
        return checks
    checks += query_checks(batch.name, db, work, timeout)
    extract = run_command(f"{batch.name}-extract-table",
                          ["extract", *[str(root / f) for f in batch.terminal_files],
                           "--format", "table"], timeout, work)
    checks += [finished_cleanly(extract), no_raw_controls(extract)]
    return checks


def stored_check(name: str, expected: list[str], db: Path, ingest: CommandResult) -> Check:
    try:
        missing = sorted(set(expected) - stored_ids(db))
    except duckdb.Error as exc:
        return Check(f"{name}: good articles stored", False, f"store unreadable: {exc}")
    detail = f"{len(expected) - len(missing)} of {len(expected)} stored"
    if missing:
        detail += f"; missing {missing}"
    return Check(f"{name}: good articles stored", not missing, detail, describe(ingest))


def query_checks(name: str, db: Path, work: Path, timeout: float) -> list[Check]:
    plover = run_command(f"{name}-events-plover", ["events", "--db", str(db), "--format",
                                                   "plover"], timeout, work)
    table = run_command(f"{name}-events-table", ["events", "--db", str(db)], timeout, work)
    events_csv = run_command(f"{name}-events-csv", ["events", "--db", str(db), "--format", "csv"],
                             timeout, work)
    out = work / f"{name}.csv"
    export = run_command(f"{name}-export-csv", ["export", "--db", str(db), "--format", "csv",
                                                "--out", str(out)], timeout, work)
    checks = [finished_cleanly(r, (0,)) for r in (plover, table, events_csv, export)]
    checks += [no_raw_controls(table), no_raw_controls(plover, "stderr"),
               csv_check(events_csv.name, events_csv.stdout.decode("utf-8", "replace"))]
    if out.exists():
        checks.append(csv_check(export.name, out.read_text(encoding="utf-8", errors="replace")))
    return checks


def csv_check(name: str, text: str) -> Check:
    bad = formula_cells(text)
    return Check(f"{name}: no formula cells", not bad, f"{len(bad)} cells, e.g. {bad[:3]}")


def refusal_check(servers: Servers, work: Path, timeout: float) -> Check:
    """A URL to the 127.0.0.1 server, not allowed: refused, and no request reaches it."""
    before = servers.refuse.connections
    url = servers.fill("http://127.0.0.1:{refuse_port}/news/today")
    result = run_command("refused-url", ["extract", url], timeout, work)
    reached = servers.refuse.connections - before
    check = finished_cleanly(result, (3,))
    problems = [check.detail] if not check.ok else []
    if reached:
        problems.append(f"the server not allowed saw {reached} connection(s)")
    return Check("extract of a loopback URL without --allow-host: refused, no connection",
                 not problems, "; ".join(problems), describe(result))


# ---- operational errors ------------------------------------------------------------------


@dataclass
class Operation:
    name: str
    args: list[str]
    must_fail: bool = True  # a clear error (exit status not 0), not just no traceback
    env: dict[str, str] = field(default_factory=dict)
    skip: str = ""


def operations(work: Path, sample_db: Path | None, good_file: Path) -> list[Operation]:
    """Bad operational input: stores, output paths, options, settings, Parquet files."""
    garbage = work / "garbage.duckdb"
    garbage.write_bytes(os.urandom(300_000))
    text_store = work / "notes.duckdb"
    text_store.write_text("these are my notes, not a database\n")
    a_file = work / "plain.txt"
    a_file.write_text("just a file\n")
    folder = work / "a-folder.duckdb"
    folder.mkdir(exist_ok=True)
    readonly = work / "readonly"
    readonly.mkdir(exist_ok=True)
    readonly.chmod(0o555)
    as_root = "running as root: permissions are not enforced" if os.geteuid() == 0 else ""
    db = str(sample_db) if sample_db else str(work / "missing.duckdb")
    good = str(good_file)
    ops = [
        Operation("events-garbage-store", ["events", "--db", str(garbage)]),
        Operation("ingest-garbage-store", ["ingest", good, "--db", str(garbage)]),
        Operation("events-text-store", ["events", "--db", str(text_store)]),
        Operation("ingest-db-is-folder", ["ingest", good, "--db", str(folder)]),
        Operation("events-db-is-folder", ["events", "--db", str(folder)]),
        Operation("ingest-db-under-a-file", ["ingest", good, "--db", f"{a_file}/x.duckdb"]),
        Operation("ingest-db-readonly-folder", ["ingest", good, "--db",
                                                str(readonly / "x.duckdb")], skip=as_root),
        Operation("export-out-under-a-file", ["export", "--db", db, "--format", "csv", "--out",
                                              f"{a_file}/x.csv"]),
        Operation("export-out-readonly-folder", ["export", "--db", db, "--format", "csv",
                                                 "--out", str(readonly / "x.csv")], skip=as_root),
        Operation("events-since-garbage", ["events", "--db", db, "--since", "garbage"]),
        Operation("events-until-garbage", ["events", "--db", db, "--until", "2024-13-99"]),
        Operation("events-limit-negative", ["events", "--db", db, "--limit", "-1"]),
        Operation("load-not-parquet", ["load", str(a_file), "--db", str(work / "load.duckdb")]),
        Operation("load-garbage-parquet", ["load", str(_junk_parquet(work)), "--db",
                                           str(work / "load2.duckdb")]),
    ]
    ops += [Operation(f"events-time-limit-{label}", ["events", "--db", db],
                      env={"POLEX_TIME_LIMIT": value})
            for label, value in (("text", "abc"), ("nan", "nan"))]
    # Values a setting might reasonably accept or refuse: only no traceback is required.
    ops += [Operation(f"events-time-limit-{label}", ["events", "--db", db], must_fail=False,
                      env={"POLEX_TIME_LIMIT": value})
            for label, value in (("negative", "-5"), ("huge", "1e999"))]
    return ops


def _junk_parquet(work: Path) -> Path:
    folder = work / "junk.parquet"
    (folder / "events").mkdir(parents=True, exist_ok=True)
    (folder / "events" / "part-0.parquet").write_bytes(b"PAR1" + os.urandom(5000))
    return folder


def run_operations(work: Path, sample_db: Path | None, good_file: Path, timeout: float
                   ) -> list[Check]:
    checks = []
    for op in operations(work, sample_db, good_file):
        if op.skip:
            checks.append(Check(f"{op.name}: skipped", True, op.skip))
            continue
        result = run_command(op.name, op.args, timeout, work, env=op.env)
        checks.append(operation_check(op, result))
    checks += locked_store_checks(work, sample_db, good_file, timeout)
    return checks


def operation_check(op: Operation, result: CommandResult) -> Check:
    problems = []
    if result.timed_out:
        problems.append("over the time limit")
    if result.traceback:
        problems.append(f"traceback: {result.traceback}")
    if op.must_fail and result.returncode == 0:
        problems.append("exit status 0 for a run that could not do its work")
    if not result.stderr.strip() and result.returncode != 0:
        problems.append("no message on stderr")
    return Check(f"{op.name}: one clear error", not problems, "; ".join(problems),
                 describe(result))


def locked_store_checks(work: Path, sample_db: Path | None, good_file: Path, timeout: float
                        ) -> list[Check]:
    """Another process holds the store open for writing."""
    if sample_db is None:
        return []
    locked = work / "locked.duckdb"
    shutil.copy(sample_db, locked)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('ready', flush=True); time.sleep(600)", str(locked)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        holder.stdout.readline()
        ops = [Operation("events-locked-store", ["events", "--db", str(locked)]),
               Operation("ingest-locked-store", ["ingest", str(good_file), "--db", str(locked)])]
        return [operation_check(op, run_command(op.name, op.args, timeout, work))
                for op in ops]
    finally:
        holder.kill()
        holder.wait()


def corrupt_store_checks(sample_db: Path, work: Path, good_file: Path, timeout: float
                         ) -> list[Check]:
    """A copy of a real store with bytes flipped in its middle: no traceback either way."""
    damaged = work / "damaged.duckdb"
    shutil.copy(sample_db, damaged)
    data = bytearray(damaged.read_bytes())
    for at in range(len(data) // 2, min(len(data), len(data) // 2 + 4096), 7):
        data[at] ^= 0xFF
    damaged.write_bytes(bytes(data))
    ops = [Operation("events-damaged-store", ["events", "--db", str(damaged)], must_fail=False),
           Operation("ingest-damaged-store", ["ingest", str(good_file), "--db", str(damaged)],
                     must_fail=False)]
    return [operation_check(op, run_command(op.name, op.args, timeout, work)) for op in ops]


# ---- summary -----------------------------------------------------------------------------


def probe_failures(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in results if r["outcome"] != "ok" or r.get("problems")]


def failing_classes(results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """For each class with a failing case: how many failed and the first example."""
    classes: dict[str, dict[str, Any]] = {}
    for result in probe_failures(results):
        entry = classes.setdefault(result["klass"], {"failed": 0, "example": result})
        entry["failed"] += 1
    return classes


def summary(results: list[dict[str, Any]], checks: list[Check]) -> dict[str, Any]:
    goods = [c for c in checks if c.name.endswith("good articles stored")]
    stored = expected = 0
    for check in goods:
        numbers = check.detail.split(";")[0].split(" of ")
        if len(numbers) == 2 and numbers[0].isdigit():
            stored += int(numbers[0])
            expected += int(numbers[1].split()[0])
    commands = [c.command for c in checks if c.command]
    return {
        "inputs": len(results),
        "tracebacks": sum(r["outcome"] in ("traceback", "crashed") for r in results)
        + sum(bool(c.get("traceback")) for c in commands),
        "over_time_limit": sum(r["outcome"] == "timeout" for r in results)
        + sum(bool(c.get("timed_out")) for c in commands),
        "cases_with_problems": len(probe_failures(results)),
        "peak_rss_mb_readers": max((r.get("peak_rss_mb", 0) for r in results), default=0),
        "peak_rss_mb_cli": max((c.get("peak_rss_mb", 0) for c in commands), default=0),
        "good_items_stored": stored,
        "good_items_expected": expected,
        "cli_checks": len(checks),
        "cli_checks_failed": sum(not c.ok for c in checks),
    }


