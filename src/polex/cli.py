"""Command line: ``polex extract | ingest | events | export | eval | serve | series | dyads``."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import duckdb
import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from polex.api.cli import Bbox, Country, MinConfidence, Mode, Quad, TableFormat
from polex.api.cli import register as register_api
from polex.command_errors import fail, store_problems
from polex.config import (
    EXIT_BELOW_FLOOR,
    EXIT_OUTPUT,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    Settings,
)
from polex.distributed.cli import register as register_distributed
from polex.distributed.cli import run_dask_ingest
from polex.evaluate import Report, below_floor, evaluate, read_records
from polex.events.lexicon import LexiconError, load_lexicon
from polex.ingest import (
    FetchSettings,
    file_kind,
    glob_entries,
    is_url,
    parse_published,
    read_inputs,
)
from polex.ingest.readers import folder_entries
from polex.kb_cli import kb_app
from polex.lexicon_cli import lexicon_app
from polex.pipeline import ArticleResult, Pipeline, process_in_parallel
from polex.schema import Article, IngestFailure, IngestNotice
from polex.store import EventStore, cluster_events, flatten_event
from polex.store.export import with_articles, write_export
from polex.store.layouts import LayoutName
from polex.store.queries import (
    EventQuery,
    FilterError,
    clustered_page,
    event_page,
    matching_records,
)
from polex.store.runs import Provenance, Run, list_runs
from polex.storing import BATCH_ORIGIN, Reports, described, ingest_run, split
from polex.terminal import (
    escape_controls,
    escape_row,
    item_line,
    json_line,
    markup_safe,
    neutralize_row,
    plain,
)

app = typer.Typer(
    help="polex: political event data from news articles, coded in PLOVER.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(kb_app, name="kb")
app.add_typer(lexicon_app, name="lexicon")
register_distributed(app)
register_api(app)
# Piped output (make demo, logs) gets a readable width rather than rich's 80 columns.
out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 160)


class OutputFormat(StrEnum):
    plover = "plover"
    table = "table"
    csv = "csv"


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class ExportLayout(StrEnum):
    gdelt = "gdelt"
    icews = "icews"
    polecat = "polecat"


Paths = Annotated[list[str], typer.Argument(help="Files, folders, or - for standard input.")]
Published = Annotated[
    str | None,
    typer.Option(help="Publication date (YYYY-MM-DD) for inputs that do not carry one."),
]
Model = Annotated[str | None, typer.Option(help="spaCy pipeline to load (default: setting).")]
KbFiles = Annotated[
    list[Path] | None, typer.Option("--kb", help="Extra knowledge-base file (repeatable).")
]
LexiconFiles = Annotated[
    list[Path] | None,
    typer.Option("--lexicon", help="Extra trigger-rule table, used after the shipped ones "
                 "(repeatable)."),
]
Db = Annotated[str | None, typer.Option(help="DuckDB file (default: polex.duckdb).")]
FetchLinks = Annotated[
    bool, typer.Option("--fetch-links", help="For feeds, fetch each entry's linked page.")
]
Concurrency = Annotated[int, typer.Option(help="URLs fetched at once.")]
Timeout = Annotated[float, typer.Option(help="Seconds to wait for a server's response.")]
AllowHosts = Annotated[
    list[str] | None,
    typer.Option("--allow-host", help="Host that may be fetched even on a private or local "
                 "address (repeatable)."),
]
Clustered = Annotated[
    bool,
    typer.Option("--clustered", help="One record per event reported by several articles."),
]
Window = Annotated[int, typer.Option(help="Days apart two reports of one event may be dated.")]
Workers = Annotated[
    int, typer.Option(help="Processes coding articles (with --engine dask: cluster workers).")
]
FullParse = Annotated[
    bool,
    typer.Option("--full-parse", help="Parse every sentence, not only those that may hold "
                 "an event (slower; the default comes from the candidate_filter setting)."),
]
CsvRaw = Annotated[
    bool,
    typer.Option("--csv-raw", help="Write CSV cells as they are: no ' before cells that "
                 "start with = + - @ (which a spreadsheet would run as formulas)."),
]
SearchWords = Annotated[
    str | None,
    typer.Option("--q", "--words", help="Words the evidence sentence must all contain "
                 "(whole words, any case)."),
]
NewSince = Annotated[
    str | None,
    typer.Option("--new-since", help="Only events stored by runs that started after this "
                 "run (a run id from polex runs)."),
]
# Filters of polex.store.queries whose option is not named --<parameter-with-dashes>.
FILTER_OPTIONS = {"q": "--q"}
RUN_COUNT_COLUMNS = ("read", "stored", "dup.", "near-dup.", "failed", "events")
# Input kinds that hold exactly one article per file, so files count articles.
SINGLE_ARTICLE_KINDS = ("text", "html")


def _code(articles: Iterable[Article], settings: Settings, kb_files: list[Path],
          workers: int) -> Iterator[ArticleResult]:
    """The same stage functions, in this process or in ``workers`` processes."""
    if workers > 1:
        return process_in_parallel(articles, settings, kb_files, workers=workers)
    return Pipeline(settings, kb_files=kb_files).process(articles)


def _settings(lexicons: list[Path] | None, **options: Any) -> Settings:
    """The run's settings, its rule tables loaded once here: a bad table stops the run
    before any article is read, and conflicts between tables are printed once."""
    try:
        settings = Settings.resolve(lexicons=lexicons or [], **options)
        lexicon = load_lexicon(settings.rule_sources, settings.lexicons)
    except (ValueError, LexiconError) as exc:
        raise typer.BadParameter(str(exc)) from exc
    for warning in lexicon.warnings:
        err.print(f"[yellow]rule conflict[/yellow] {markup_safe(warning)}", highlight=False)
    return settings


def _resolve(**options: Any) -> Settings:
    """Settings for a command that codes nothing; a bad value is a usage error."""
    try:
        return Settings.resolve(**options)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


@contextlib.contextmanager
def _output_problems(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise fail(f"cannot write {path}: {exc.strerror or exc}", EXIT_OUTPUT) from exc


def _fetch_settings(settings: Settings, concurrency: int, timeout: float,
                    allow_hosts: list[str] | None) -> FetchSettings:
    """How URLs are fetched: the flags, with the allow_hosts setting and --allow-host joined."""
    hosts = tuple(dict.fromkeys([*settings.allow_hosts, *(allow_hosts or ())]))
    try:
        return FetchSettings(concurrency=concurrency, read_timeout=timeout, allow_hosts=hosts)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


def _inputs(paths: list[str], published: str | None, fetch_links: bool, fetch: FetchSettings
            ) -> Iterator[Article | IngestFailure | IngestNotice]:
    return read_inputs(paths, published=_published(published), fetch=fetch,
                       fetch_links=fetch_links)


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_published(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--published") from exc


def _reports(store: EventStore | None = None) -> Reports:
    """A run's reports: each failure and notice printed as it comes (and, with a store,
    recorded in it)."""
    return Reports(store, on_failure=_print_failure, on_notice=_print_notice)


def _print_failure(failure: IngestFailure) -> None:
    err.print(item_line("red", "skipped", failure.origin, failure.reason), highlight=False)


def _print_notice(notice: IngestNotice) -> None:
    err.print(item_line("yellow", "note", notice.origin, notice.message), highlight=False)


@app.command()
def extract(
    paths: Paths,
    published: Published = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.plover,
    model: Model = None,
    kb: KbFiles = None,
    lexicon: LexiconFiles = None,
    fetch_links: FetchLinks = False,
    concurrency: Concurrency = 4,
    timeout: Timeout = 20.0,
    workers: Workers = 1,
    full_parse: FullParse = False,
    csv_raw: CsvRaw = False,
    allow_host: AllowHosts = None,
) -> None:
    """Code events from articles and print them (nothing is stored)."""
    settings = _settings(lexicon, model=model, full_parse=full_parse)
    reports = _reports()
    fetch = _fetch_settings(settings, concurrency, timeout, allow_host)
    articles = split(_inputs(paths, published, fetch_links, fetch), reports)
    records: list[dict[str, Any]] = []
    writer = _CsvWriter(csv_raw) if format is OutputFormat.csv else None
    try:
        for result in _code(articles, settings, kb or [], workers):
            if result.error:
                reports.failure(result.article.origin, result.error)
                continue
            for event in result.events:
                record = event.to_plover()
                if format is OutputFormat.plover:
                    sys.stdout.write(json_line(record))
                elif writer is not None:
                    writer.write(record)
                else:
                    records.append(record)
    except Exception as exc:  # noqa: BLE001 - print what was coded, report the rest
        reports.failure(BATCH_ORIGIN, f"coding stopped: {described(exc)}")
    if format is OutputFormat.table:
        out.print(events_table(records))
    raise typer.Exit(code=EXIT_SOME_FAILED if reports.failures else 0)


class _CsvWriter:
    """CSV rows on standard output, one per record made flat by ``row_of``: formula cells
    neutralized unless ``raw``, and on a terminal, control characters shown as escapes."""

    def __init__(self, raw: bool = False,
                 row_of: Callable[[dict[str, Any]], dict[str, Any]] = flatten_event) -> None:
        self._writer: csv.DictWriter[str] | None = None
        self._raw = raw
        self._row_of = row_of
        self._terminal = sys.stdout.isatty()

    def write(self, record: dict[str, Any]) -> None:
        row = self._row_of(record)
        if not self._raw:
            row = neutralize_row(row)
        if self._terminal:
            row = escape_row(row)
        if self._writer is None:
            self._writer = csv.DictWriter(sys.stdout, fieldnames=list(row))
            self._writer.writeheader()
        self._writer.writerow(row)


@app.command()
def ingest(
    paths: Paths,
    db: Db = None,
    published: Published = None,
    model: Model = None,
    kb: KbFiles = None,
    lexicon: LexiconFiles = None,
    fetch_links: FetchLinks = False,
    concurrency: Concurrency = 4,
    timeout: Timeout = 20.0,
    engine: Annotated[
        Engine, typer.Option(help="local: this process; dask: a Dask cluster, via Parquet.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None, typer.Option(help="Address of an existing Dask scheduler.")
    ] = None,
    workers: Workers = 1,
    full_parse: FullParse = False,
    allow_host: AllowHosts = None,
) -> None:
    """Code articles and store them with their events; re-running adds nothing new."""
    settings = _settings(lexicon, model=model, db=db, full_parse=full_parse)
    if engine is Engine.dask and settings.lexicons:
        raise typer.BadParameter("--lexicon is not yet passed to Dask workers; use the "
                                 "local engine", param_hint="--lexicon")
    fetch = _fetch_settings(settings, concurrency, timeout, allow_host)
    if engine is Engine.dask:
        with store_problems(settings.db):
            code = run_dask_ingest(
                paths, db=settings.db, scheduler=scheduler, workers=max(workers, 1),
                published=_published(published), model=model, kb_files=kb or [],
                full_parse=not settings.candidate_filter, fetch=fetch,
            )
        raise typer.Exit(code=code)
    inputs = _inputs(paths, published, fetch_links, fetch)
    with store_problems(settings.db):
        run_id, counts, reports, totals = _ingest_into(settings, inputs, paths, kb or [],
                                                       workers)
    _print_summary(run_id, counts, reports.failures, totals, settings.db)
    raise typer.Exit(code=EXIT_SOME_FAILED if reports.failures else 0)


def _ingest_into(settings: Settings, inputs: Iterable[Article | IngestFailure | IngestNotice],
                 paths: list[str], kb_files: list[Path], workers: int
                 ) -> tuple[str, Counter[str], Reports, dict[str, int]]:
    """Code the inputs into the store (checked block by block first) as one run; returns
    the run's id, its counts and reports, and the store's totals."""
    counts: Counter[str] = Counter()
    with EventStore(settings.db, verify=True) as store, _progress() as progress:
        reports = _reports(store)
        task = progress.add_task("coding articles", total=_input_total(paths))

        def code(articles: Iterable[Article]) -> Iterator[ArticleResult]:
            return _code(articles, settings, kb_files, workers)

        def advance() -> None:
            progress.update(task, completed=_items_done(counts, reports.failures))

        provenance = Provenance.of("ingest", settings, kb_files)
        run_id = ingest_run(store, inputs, code, provenance, counts, reports,
                            on_result=advance)
        totals = store.stats() | {"near_duplicates": store.count_near_duplicates()}
    return run_id, counts, reports, totals


class _RateColumn(ProgressColumn):
    """Items handled per second, averaged by rich over the last half minute."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "-- articles/s")


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
        MofNCompleteColumn(), _RateColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
        console=err, transient=True,
    )


def _input_total(paths: list[str]) -> int | None:
    """How many input items the paths hold, when that is known without reading them.

    Only local text and HTML files hold exactly one article each; a JSONL,
    WARC or feed file, a URL or standard input give no total (and no ETA).
    """
    total = 0
    for path in paths:
        if path == "-" or is_url(path):
            return None
        if os.path.isdir(path):
            entries = folder_entries(path)
        elif not os.path.lexists(path) and any(c in path for c in "*?["):
            entries = glob_entries(path)
        else:
            entries = [path]
        if any(isinstance(e, str) and file_kind(e) not in SINGLE_ARTICLE_KINDS
               and os.path.lexists(e) for e in entries):
            return None
        total += len(entries)
    return total


def _items_done(counts: Counter[str], failures: list[IngestFailure]) -> int:
    """Input items finished: articles read but not in the coding pipe, plus unreadable ones."""
    in_flight = counts["queued"] - counts["coded"]
    unreadable = len(failures) - counts["failed_after_reading"]
    return counts["read"] - in_flight + unreadable


def _print_summary(run_id: str, counts: Counter[str], failures: list[IngestFailure],
                   totals: dict[str, int], db: str) -> None:
    table = Table(title=plain(f"polex ingest -> {db}"), show_header=False)
    table.add_row("run", run_id)
    table.add_row("articles read", str(counts["read"]))
    table.add_row("stored", str(counts["stored"]))
    table.add_row("skipped as duplicates", str(counts["duplicates"]))
    table.add_row("near-duplicates (recorded, not coded)", str(counts["near_duplicates"]))
    table.add_row("failed", str(len(failures)))
    table.add_row("events stored", str(counts["events"]))
    table.add_row("store now holds", f"{totals.get('articles', 0)} articles, "
                  f"{totals.get('events', 0)} events, "
                  f"{totals.get('near_duplicates', 0)} near-duplicates")
    err.print(table)
    for failure in failures:
        err.print("  " + item_line("red", "failed", failure.origin, failure.reason),
                  highlight=False)


@app.command()
def events(
    db: Db = None,
    actor: Annotated[str | None, typer.Option(help="Actor code, e.g. RUS.")] = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient code.")] = None,
    country: Country = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    mode: Mode = None,
    quad: Quad = None,
    status: Annotated[str | None, typer.Option(help="occurred|planned|possible|negated")] = None,
    min_confidence: MinConfidence = None,
    since: Annotated[str | None, typer.Option(help="Earliest event date.")] = None,
    until: Annotated[str | None, typer.Option(help="Latest event date.")] = None,
    q: SearchWords = None,
    bbox: Bbox = None,
    new_since: NewSince = None,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many events.")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
    clustered: Clustered = False,
    window: Window = 2,
    csv_raw: CsvRaw = False,
) -> None:
    """Query stored events: the filters and order of the API's GET /events (by date,
    undated last, then id)."""
    settings = _resolve(db=db)
    with _filter_problems():
        query = EventQuery.create(
            actor=actor, recipient=recipient, country=country, event_type=type, mode=mode,
            quad=quad, status=status, min_confidence=min_confidence, since=since, until=until,
            words=q, bbox=bbox, new_since=new_since,
        )
    if not Path(settings.db).exists():
        raise fail(f"no store at {settings.db}: run polex ingest first", EXIT_USAGE)
    with store_problems(settings.db), EventStore(settings.db, read_only=True) as store:
        with _filter_problems():
            query.check_runs(store.connection)
        records = _stored_events(store.connection, query, limit, clustered, window)
        _print_events(records, format, csv_raw)


@contextlib.contextmanager
def _filter_problems() -> Iterator[None]:
    """A filter value that cannot be used (polex.store.queries.FilterError) is a usage
    error naming its option."""
    try:
        yield
    except FilterError as exc:
        option = FILTER_OPTIONS.get(exc.parameter, "--" + exc.parameter.replace("_", "-"))
        raise typer.BadParameter(exc.reason, param_hint=option) from exc


def _stored_events(conn: duckdb.DuckDBPyConnection, query: EventQuery, limit: int | None,
                   clustered: bool, window: int) -> Iterable[dict[str, Any]]:
    """The matching records as GET /events lists them: ``limit`` counts events, or with
    ``clustered`` clusters; records not held in memory unless clustered."""
    if clustered:
        if limit is not None:
            return clustered_page(conn, query, limit, window_days=window)[0]
        return cluster_events(matching_records(conn, query), window_days=window)
    if limit is not None:
        return event_page(conn, query, limit).records
    return matching_records(conn, query)


def _print_events(records: Iterable[dict[str, Any]], fmt: OutputFormat, csv_raw: bool) -> None:
    if fmt is OutputFormat.plover:
        for record in records:
            sys.stdout.write(json_line(record))
    elif fmt is OutputFormat.csv:
        writer = _CsvWriter(csv_raw)
        for record in records:
            writer.write(record)
    else:
        out.print(events_table(list(records)))


@app.command("runs")
def runs_command(
    db: Db = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
) -> None:
    """List the runs that stored articles, the first started first: what coded them
    (polex and model versions, sha256 of the knowledge-base and rule files, settings)
    and what they stored. A run with no end was interrupted."""
    settings = _resolve(db=db)
    if not Path(settings.db).exists():
        raise fail(f"no store at {settings.db}: run polex ingest first", EXIT_USAGE)
    with store_problems(settings.db), EventStore(settings.db, read_only=True) as store:
        runs = list_runs(store.connection)
    if format is TableFormat.json:
        sys.stdout.write(json_line({"runs": [_run_values(run) for run in runs]}))
    elif format is TableFormat.csv:
        writer = _CsvWriter(row_of=_run_csv_row)
        for run in runs:
            writer.write(_run_values(run))
    else:
        out.print(runs_table(runs))


def _run_values(run: Run) -> dict[str, Any]:
    """The run as JSON values: times in ISO 8601 (UTC)."""
    return {name: value.isoformat() if isinstance(value, datetime) else value
            for name, value in asdict(run).items()}


def _run_csv_row(values: dict[str, Any]) -> dict[str, Any]:
    """A flat CSV row: the file hashes and settings as JSON text."""
    return {name: json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value
            for name, value in values.items()}


def runs_table(runs: list[Run]) -> Table:
    table = Table(title=f"{len(runs)} runs", caption="times in UTC; not finished: interrupted; "
                  "dup.: texts stored already; --format json adds file hashes and settings")
    # The run id is what --new-since takes: shown whole, on one line; so are the times.
    for column in ("run", "command", "started", "finished", "polex"):
        table.add_column(column, no_wrap=True)
    table.add_column("model", overflow="fold")
    for column in RUN_COUNT_COLUMNS:
        table.add_column(column, justify="right")
    for run in runs:
        model = " ".join(part for part in (run.model, run.model_version) if part)
        counts = (run.articles_read, run.stored, run.duplicates, run.near_duplicates,
                  run.failed, run.events)
        table.add_row(plain(run.run_id), plain(run.command), _time(run.started_at),
                      _time(run.finished_at) if run.finished_at else "not finished",
                      plain(run.polex_version), plain(model or "?"),
                      *("" if count is None else str(count) for count in counts))
    return table


def _time(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else ""


@app.command()
def export(
    db: Annotated[str, typer.Option(help="DuckDB file.")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f")],
    out_path: Annotated[Path, typer.Option("--out", help="File to write.")],
    clustered: Clustered = False,
    window: Window = 2,
    csv_raw: CsvRaw = False,
    layout: Annotated[
        ExportLayout | None,
        typer.Option(help="Write the columns of this dataset instead of polex's (csv and "
                     "parquet; one row per actor-recipient pair; what polex cannot fill "
                     "is left empty)."),
    ] = None,
    new_since: NewSince = None,
) -> None:
    """Export every stored event as JSONL, CSV or Parquet."""
    if layout is not None and format is ExportFormat.jsonl:
        raise typer.BadParameter("a layout applies to csv and parquet; jsonl exports are "
                                 "PLOVER records", param_hint="--layout")
    if not Path(db).exists():
        raise fail(f"no store at {db}", EXIT_USAGE)
    layout_name: LayoutName | None = layout.value if layout else None
    with (store_problems(db), _output_problems(out_path), _filter_problems(),
          EventStore(db, read_only=True) as store):
        if clustered:
            records = cluster_events(store.query_events(new_since=new_since),
                                     window_days=window)
            count = write_export(with_articles(store.connection, records), format.value,
                                 out_path, csv_raw=csv_raw, layout=layout_name)
        else:
            count = store.export(format.value, out_path, csv_raw=csv_raw, layout=layout_name,
                                 new_since=new_since)
    err.print(f"wrote {count} events to {markup_safe(out_path)}", highlight=False)


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold PLOVER JSONL.")],
    predicted: Annotated[Path, typer.Argument(help="Predicted PLOVER JSONL.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    show_errors: Annotated[
        bool, typer.Option("--errors", help="List missed gold events and spurious predictions.")
    ] = False,
    floor: Annotated[
        Path | None,
        typer.Option(help="JSON of recorded figures; exit 4 if any score falls below one."),
    ] = None,
) -> None:
    """Precision, recall and F1 for event type, actor, recipient and date."""
    problems: list[str] = []
    report = evaluate(read_records(gold, problems), read_records(predicted, problems))
    report.problems[:0] = problems
    _print_report(report, as_json, show_errors)
    if floor is not None:
        drops = below_floor(report, json.loads(floor.read_text(encoding="utf-8")))
        for drop in drops:
            err.print(f"[red]accuracy dropped[/red]: {markup_safe(drop)}", highlight=False)
        if drops:
            raise typer.Exit(code=EXIT_BELOW_FLOOR)


def _print_report(report: Report, as_json: bool, show_errors: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict(), indent=2) + "\n")
        return
    out.print(_scores_table("overall", report.overall))
    out.print(_scores_table("per event type (event criterion)", report.per_type))
    out.print(
        f"articles scored: {report.articles}   macro F1 over types: {report.macro_f1:.3f}   "
        f"status accuracy: {report.status_accuracy:.3f} ({report.status_total} pairs)   "
        f"spurious rate on event-free articles: {report.spurious_rate:.3f} "
        f"({report.eventless_articles} articles)"
    )
    mode = report.mode_correct / report.mode_total if report.mode_total else 0.0
    out.print(
        f"on type-matched pairs: mode accuracy {mode:.3f} ({report.mode_total} pairs)   "
        f"context P/R/F1 {report.context.precision:.3f} / {report.context.recall:.3f} / "
        f"{report.context.f1:.3f}"
    )
    arguments = report.arguments.as_dict()
    out.print(
        f"arguments of type-matched pairs: date right at the gold's precision "
        f"{arguments['date_accuracy']:.3f}   actor {arguments['actor_accuracy']:.3f}   "
        f"recipient {arguments['recipient_accuracy']:.3f}   past events given the "
        f"publication date: {arguments['past_publication_dated']}"
    )
    out.print(_reliability_table(report))
    for problem in report.problems:
        err.print(f"[yellow]note[/yellow] {markup_safe(problem)}", highlight=False)
    if show_errors:
        for label, records in (("missed", report.missed), ("spurious", report.spurious)):
            for record in records:
                out.print(plain(_error_line(label, record)), highlight=False, soft_wrap=True)


def _reliability_table(report: Report) -> Table:
    table = Table(title="reliability: predictions by confidence (right = type matched)")
    for column in ("confidence", "predicted", "right", "share right", "mean confidence"):
        table.add_column(column, justify="right")
    for bucket in report.reliability:
        if bucket.predicted:
            table.add_row(f"{bucket.low:.1f}–{bucket.high:.1f}", str(bucket.predicted),
                          str(bucket.right), f"{bucket.accuracy:.3f}",
                          f"{bucket.mean_confidence:.3f}")
    table.caption = f"share right at confidence ≥ 0.8: {report.confident_precision:.3f}"
    return table


def _error_line(label: str, record: dict[str, Any]) -> str:
    actors = _entities(record.get("actor") or [])
    recipients = _entities(record.get("recipient") or [])
    return (
        f"{label:8} {record['article_id']}: {record.get('event')} [{actors} -> {recipients}] "
        f"{record.get('date')} {record.get('status', '')} «{record.get('event_text', '')}» "
        f"{(record.get('text') or '')[:140]}"
    )


def _scores_table(title: str, scores: dict[str, Any]) -> Table:
    table = Table(title=title)
    for column in ("", "precision", "recall", "F1", "matched", "predicted", "gold"):
        table.add_column(column, justify="right" if column else "left")
    for name, score in scores.items():
        table.add_row(name, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}",
                      str(score.matched), str(score.predicted), str(score.gold))
    return table


def events_table(records: list[dict[str, Any]]) -> Table:
    table = Table(title=f"{len(records)} events", show_lines=False, expand=True)
    for column in ("date", "event", "actor", "recipient", "status", "conf", "evidence"):
        table.add_column(column, overflow="fold")
    for record in records:
        table.add_row(
            plain(record.get("date") or "?"),
            plain(record["event"] + (f" ({','.join(record['mode'])})"
                                     if record.get("mode") else "")),
            plain(_entities(record["actor"])),
            plain(_entities(record["recipient"])),
            plain(record["status"]),
            f"{record['confidence']:.2f}",
            _evidence(record),
        )
    return table


def _entities(entities: list[dict[str, Any]]) -> str:
    return "; ".join(f"{e.get('code') or '?'} {e.get('sector') or ''}".strip() for e in entities)


def _evidence(record: dict[str, Any], width: int = 110) -> Text:
    """The sentence with its trigger highlighted, cut to ``width``; controls made visible."""
    sentence = record.get("text") or ""
    trigger = record.get("event_text") or ""
    at = sentence.find(trigger) if trigger else -1
    if at < 0:
        text = plain(sentence)
    else:
        text = Text.assemble(escape_controls(sentence[:at]),
                             (escape_controls(trigger), "bold yellow"),
                             escape_controls(sentence[at + len(trigger):]))
    if len(text) > width:
        text.truncate(width - 1)
        text.append("…")
    return text


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
