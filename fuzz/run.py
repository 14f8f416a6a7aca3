"""The fuzz and fault run behind ``make fuzz``: generate, run, report.

    python -m fuzz.run --n 20000 --seed 1 --timeout 20 --batches 20 \
        --work fuzz/work --out fuzz/results.json

Most inputs are read by ``read_inputs`` in probe processes (one case at a time, each
under ``--timeout`` seconds); the mixed batches and the operational errors go through the
real command line. Prints a table and writes the figures and every failure to ``--out``.
Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from fuzz.generate import generate
from fuzz.harness import (
    Check,
    cli_supports,
    corrupt_store_checks,
    failing_classes,
    refusal_check,
    run_batch,
    run_operations,
    run_probes,
    summary,
)
from fuzz.servers import start_servers

console = Console(stderr=True)


def run_cli(root: Path, manifest_batches: list[Any], work: Path, timeout: float
            ) -> list[Check]:
    servers = start_servers(root / "www")
    try:
        allow_host = cli_supports("ingest", "--allow-host", work)
        checks: list[Check] = []
        for batch in manifest_batches:
            console.print(f"batch {escape(batch.name)}")
            checks += run_batch(root, batch, servers, work, timeout, allow_host)
        checks.append(refusal_check(servers, work, timeout))
    finally:
        servers.close()
    sample_db = work / f"{manifest_batches[0].name}.duckdb" if manifest_batches else None
    good_file = next((root / manifest_batches[0].folder).glob("good-*.txt"))
    usable_db = sample_db if sample_db and sample_db.exists() else None
    checks += run_operations(work, usable_db, good_file, timeout)
    if usable_db:
        checks += corrupt_store_checks(usable_db, work, good_file, timeout)
    return checks


def print_report(figures: dict[str, Any], classes: dict[str, Any], checks: list[Check]) -> None:
    table = Table(title="polex fuzz run")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for name, value in figures.items():
        table.add_row(name, str(value))
    console.print(table)
    for klass, entry in sorted(classes.items()):
        example = entry["example"]
        detail = example.get("error") or "; ".join(example.get("problems", []))
        console.print(f"[red]class {escape(klass)}[/red]: {entry['failed']} failing, e.g. "
                      f"{escape(example['id'])} {escape(example['outcome'])}: "
                      f"{escape(str(detail)[:200])}")
    for check in checks:
        if not check.ok:
            console.print(f"[red]cli[/red] {escape(check.name)}: {escape(check.detail[:300])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per input")
    parser.add_argument("--cli-timeout", type=float, default=600.0, help="seconds per command")
    parser.add_argument("--rss-limit-mb", type=float, default=1536.0)
    parser.add_argument("--bomb-mb", type=int, default=2048)
    parser.add_argument("--batches", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=1, help="probe processes at once")
    parser.add_argument("--work", type=Path, default=Path("fuzz/work"))
    parser.add_argument("--out", type=Path, default=Path("fuzz/results.json"))
    args = parser.parse_args()
    args.work = args.work.resolve()  # the commands run inside it, so paths must not be relative

    started = time.monotonic()
    shutil.rmtree(args.work, ignore_errors=True)
    root = args.work / "inputs"
    manifest = generate(root, args.n, args.seed, args.bomb_mb << 20, args.batches)
    console.print(f"generated {len(manifest.cases)} inputs, {len(manifest.batches)} batches")
    results = run_probes(root, manifest.cases, args.timeout, args.rss_limit_mb, args.jobs)
    console.print(f"read {len(results)} inputs in {time.monotonic() - started:.0f} s")
    checks = run_cli(root, manifest.batches, args.work / "cli", args.cli_timeout)
    figures = summary(results, checks)
    figures["peak_rss_mb_children"] = round(
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    figures["seconds"] = round(time.monotonic() - started)
    classes = failing_classes(results)
    args.out.write_text(json.dumps({
        "n": args.n, "seed": args.seed, "timeout_s": args.timeout,
        "rss_limit_mb": args.rss_limit_mb, "figures": figures, "failing_classes": classes,
        "failed_checks": [vars(c) for c in checks if not c.ok],
    }, indent=1, default=str))
    print_report(figures, classes, checks)
    raise SystemExit(1 if classes or figures["cli_checks_failed"] else 0)


if __name__ == "__main__":
    main()
