"""Command-line glue for distributed runs: ``polex load`` and ``polex ingest --engine dask``.

The main CLI calls :func:`register` to add the ``load`` command and
:func:`run_dask_ingest` when ``ingest`` runs with ``--engine dask``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from polex.command_errors import fail, store_problems
from polex.config import EXIT_SOME_FAILED, EXIT_USAGE, Settings
from polex.distributed.load import DatasetError, LoadSummary, load_parquet
from polex.distributed.run import DistributedSummary, run_distributed
from polex.ingest import FetchSettings
from polex.store import EventStore
from polex.store.runs import Provenance
from polex.terminal import item_line, markup_safe, plain

err = Console(stderr=True, width=None if sys.stderr.isatty() else 160)


def register(app: typer.Typer) -> None:
    """Add the ``load`` command to the polex command line."""
    app.command("load")(load_command)


def load_command(
    parquet_dir: Annotated[Path, typer.Argument(help="Folder a dask ingest wrote.")],
    db: Annotated[str | None, typer.Option(help="DuckDB file (default: polex.duckdb).")] = None,
) -> None:
    """Merge a Parquet dataset from a distributed run into the store, without duplicates."""
    try:
        store = Settings.resolve(db=db).db
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    if parquet_dir.is_file():
        raise fail(f"cannot load {parquet_dir}: it is a file; give the folder a dask ingest "
                    "wrote", EXIT_USAGE)
    if not parquet_dir.is_dir():
        raise fail(f"no Parquet dataset at {parquet_dir}", EXIT_USAGE)
    try:
        with store_problems(store):
            summary = load_parquet(parquet_dir, store)
    except DatasetError as exc:
        raise fail(f"cannot load {parquet_dir}: {exc}", EXIT_USAGE) from exc
    print_load(summary)
    if summary.not_stored:
        raise typer.Exit(code=EXIT_SOME_FAILED)


def run_dask_ingest(
    paths: Sequence[str],
    *,
    db: str,
    parquet_dir: str | Path | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int = 64,
    published: date | None = None,
    model: str | None = None,
    kb_files: Sequence[str | Path] = (),
    full_parse: bool = False,
    fetch: FetchSettings | None = None,
) -> int:
    """Code on Dask, write Parquet, merge it into ``db``; returns the exit status.

    The Parquet dataset goes to ``parquet_dir``, by default beside the store
    ("polex.duckdb" -> "polex.parquet/"), and is kept for analysis or a reload.
    """
    out_dir = Path(parquet_dir) if parquet_dir else Path(db).with_suffix(".parquet")
    summary = run_distributed(
        paths, out_dir, scheduler=scheduler, workers=workers, partition_size=partition_size,
        published=published, model=model, kb_files=kb_files, full_parse=full_parse, fetch=fetch,
    )
    print_run(summary)
    # The settings run_distributed sent to the workers; the file hashes are the client's.
    settings = Settings.resolve(model=model, full_parse=full_parse)
    provenance = Provenance.of("ingest --engine dask", settings, kb_files)
    print_load(load_parquet(out_dir, db, provenance))
    _record_notices(summary, db)
    return 0 if summary.ok else EXIT_SOME_FAILED


def _record_notices(summary: DistributedSummary, db: str) -> None:
    if not summary.notices:
        return
    with EventStore(db) as store:
        for notice in summary.notices:
            store.record_notice(notice.origin, notice.message)


def print_run(summary: DistributedSummary) -> None:
    table = Table(title=plain(f"polex ingest (dask) -> {summary.out_dir}"), show_header=False)
    table.add_row("articles read", str(summary.articles_read))
    table.add_row("skipped as duplicates", str(summary.duplicates))
    table.add_row("partitions", f"{summary.partitions} ({summary.partitions_written} written, "
                  f"{summary.partitions_skipped} already complete, "
                  f"{len(summary.failed_partitions)} failed)")
    table.add_row("articles coded", str(summary.articles_coded))
    table.add_row("events", str(summary.events))
    table.add_row("failed", str(len(summary.failures)))
    err.print(table)
    for notice in summary.notices:
        err.print("  " + item_line("yellow", "note", notice.origin, notice.message),
                  highlight=False)
    for failure in summary.failures:
        err.print("  " + item_line("red", "failed", failure.origin, failure.reason),
                  highlight=False)
    for partition in summary.failed_partitions:
        err.print(f"  [red]partition failed[/red] {partition.key} "
                  f"({len(partition.origins)} articles): {markup_safe(partition.reason)}",
                  highlight=False)


def print_load(summary: LoadSummary) -> None:
    totals = summary.store_totals
    err.print(
        f"loaded into {markup_safe(summary.db)} (run {summary.run_id}): "
        f"{summary.articles_added} articles, "
        f"{summary.events_added} events, {summary.near_duplicates_added} near-duplicates, "
        f"{summary.failures_added} failures added; "
        f"store now holds {totals.get('articles', 0)} articles, "
        f"{totals.get('events', 0)} events",
        highlight=False,
    )
    for failure in summary.not_stored:
        err.print("  " + item_line("red", "not stored", failure.origin, failure.reason),
                  highlight=False)
