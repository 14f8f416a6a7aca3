"""Benchmark polex end to end against plain spaCy parsing of the same articles.

    python bench/run.py --corpus bench/corpus --out bench/results.json \
        [--n 2000] [--workers N] [--rss-10k] [--dask]

One run measures, on the first ``--n`` pages of the corpus:

- parse_only_s: ``nlp.pipe`` of the full spaCy pipeline as its package ships it
  (and polex_parse_only_s: as polex loads it, with its own sentence splitter and faster
  attribute rules),
  over the cleaned article texts (read beforehand, outside the timing);
- end_to_end_s: polex from the HTML files to stored events, as ``polex ingest`` runs
  (read_inputs, screening, the pipeline, bulk writes into a fresh DuckDB file);
- recall_vs_full_parse: the share of the events polex finds with the candidate
  filter off (every sentence parsed, ``--full-parse``) which polex's normal run
  (the filter on, by default) also produced;
- peak_rss_mb: the peak resident memory of one polex process coding and
  storing 1,000 articles (and, with ``--rss-10k``, 10,000 distinct pages: the corpus
  must hold them), each in a fresh process;
- dask_ratio (with ``--dask``): the time of a run on a local Dask cluster of
  ``--workers`` workers, Parquet out and loaded into DuckDB, over end_to_end_s.

The spaCy model is loaded before the local timings start, so they measure
steady-state throughput; the Dask timing includes starting the cluster and
loading the model in each worker.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import repeat
from multiprocessing import get_context
from pathlib import Path
from time import perf_counter
from typing import Any

import spacy
from rich.console import Console
from rich.table import Table
from spacy.language import Language
from stages import INNER
from stages import profile as profile_stages
from stages import report as report_stages

import polex
from polex.config import Settings
from polex.ingest import read_inputs
from polex.nlp import load_nlp
from polex.pipeline import ArticleResult, Pipeline, process_in_parallel, process_pipeline
from polex.schema import Article
from polex.store import EventStore
from polex.store.runs import Provenance
from polex.storing import Reports, ingest_run

CHUNK_SIZE = 16  # articles per task in the worker pools, as process_in_parallel cuts them
RSS_SMALL = 1_000
RSS_LARGE = 10_000
TARGETS = {
    "articles_per_s_per_core": ">= 9",
    "ratio_to_full_parse": "<= 0.7",
    "recall_vs_full_parse": ">= 0.98",
    "peak_rss_mb": "<= 1500, flat",
}

out = Console()
log = Console(stderr=True)


@dataclass
class LocalRun:
    """What polex's normal run produced, and how long it took."""

    seconds: float = 0.0
    articles: int = 0
    events: int = 0
    failures: int = 0
    event_ids: set[str] = field(default_factory=set)


# --- Corpus -----------------------------------------------------------------------------


def corpus_files(corpus: Path, n: int) -> list[str]:
    """The first ``n`` pages of the corpus, in name order."""
    files = sorted(str(path) for path in corpus.glob("*.html"))
    if len(files) < n:
        raise SystemExit(f"{corpus} holds {len(files)} pages, fewer than --n {n}; run "
                         f"python bench/generate_corpus.py --n {n} --out {corpus} first")
    return files[:n]


def read_articles(paths: Sequence[str]) -> list[Article]:
    return [item for item in read_inputs(list(paths)) if isinstance(item, Article)]


def chunks(items: Sequence[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield list(items[start:start + size])


# --- The measured runs ------------------------------------------------------------------


def warm_up(model: str) -> None:
    """Load the model and build the extractor, the candidate filter and the place index
    in this process; forked workers inherit them."""
    process_pipeline(model).load()


_STOCK: dict[str, Language] = {}


def stock_nlp(model: str) -> Language:
    """The spaCy pipeline as its package ships it, every component on."""
    if model not in _STOCK:
        _STOCK[model] = spacy.load(model)
    return _STOCK[model]


def parse_texts(model: str, texts: list[str], stock: bool = True) -> int:
    """Plain ``nlp.pipe`` over the texts; returns the number of tokens."""
    nlp = stock_nlp(model) if stock else load_nlp(model)
    batch_size = Settings().batch_size
    return sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))


def time_parse_only(texts: list[str], model: str, workers: int, stock: bool = True) -> float:
    if stock:
        stock_nlp(model)  # loaded before the clock starts, as polex's pipeline is
    start = perf_counter()
    if workers == 1:
        parse_texts(model, texts, stock)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            list(pool.map(parse_texts, repeat(model), chunks(texts, CHUNK_SIZE),
                          repeat(stock)))
    return perf_counter() - start


def code(articles: Iterable[Article], settings: Settings, workers: int
         ) -> Iterator[ArticleResult]:
    """The articles coded as ``polex ingest --workers N`` codes them."""
    if workers > 1:
        return process_in_parallel(articles, settings, workers=workers)
    return process_pipeline(settings).process(articles)  # the one warm_up loaded


def time_end_to_end(paths: Sequence[str], settings: Settings, workers: int, db: Path
                    ) -> LocalRun:
    """``polex ingest`` without its progress display: the pages read, screened against the
    store, coded and written in bulk as one run."""
    run = LocalRun()
    counts: Counter[str] = Counter()
    start = perf_counter()
    with EventStore(db) as store:
        reports = Reports(store)

        def coded(articles: Iterable[Article]) -> Iterator[ArticleResult]:
            for result in code(articles, settings, workers):
                run.event_ids.update(event.id for event in result.events)
                yield result

        ingest_run(store, read_inputs(list(paths)), coded,
                   Provenance.of("bench", settings), counts, reports)
        totals = store.stats()
    run.seconds = perf_counter() - start
    run.articles = totals["articles"]
    run.events = totals["events"]
    run.failures = len(reports.failures)
    return run


def full_parse_event_ids(model: str, articles: list[Article]) -> list[str]:
    """The events polex finds with the candidate filter off: every sentence parsed."""
    pipeline = process_pipeline(Settings(model=model, candidate_filter=False))
    return [event.id for result in pipeline.process(articles) for event in result.events]


def full_parse_events(articles: list[Article], model: str, workers: int) -> set[str]:
    if workers == 1:
        return set(full_parse_event_ids(model, articles))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parts = pool.map(full_parse_event_ids, repeat(model), chunks(articles, CHUNK_SIZE))
        return {event_id for part in parts for event_id in part}


def rss_probe(paths: list[str], model: str) -> float:
    """Code and store the pages in this process as ``polex ingest`` does; its peak
    resident memory in MB.

    Meant to run in a fresh process, so the figure is this run's peak alone.
    """
    settings = Settings(model=model)
    with tempfile.TemporaryDirectory() as tmp, EventStore(Path(tmp) / "rss.duckdb") as store:
        ingest_run(store, read_inputs(paths), Pipeline(settings).process,
                   Provenance.of("bench", settings), Counter(), Reports(store))
    return own_peak_rss_mb()


def own_peak_rss_mb() -> float:
    """This process's peak resident memory. Linux carries ``ru_maxrss`` over from the
    parent that started the process (the parent's size when it forked counts as the
    child's), so the kernel's high-water mark of this process's own memory is read
    instead where there is one."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        status = ""
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def peak_rss_mb(paths: list[str], model: str) -> float:
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return round(pool.submit(rss_probe, paths, model).result(), 1)


def time_dask(paths: list[str], model: str, workers: int) -> float:
    from polex.distributed import load_parquet, run_distributed  # Dask only when asked

    with tempfile.TemporaryDirectory() as tmp:
        parquet = Path(tmp) / "events.parquet"
        start = perf_counter()
        run_distributed(paths, parquet, workers=workers, model=model, resume=False)
        load_parquet(parquet, Path(tmp) / "dask.duckdb")
        return perf_counter() - start


# --- Report -----------------------------------------------------------------------------


def machine(model: str) -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "polex": polex.__version__,
        "spacy": spacy.__version__,
        "model": model,
        "load_average_at_start": [round(value, 2) for value in os.getloadavg()],
    }


def ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


def recall(normal: set[str], full: set[str]) -> float | None:
    return round(len(full & normal) / len(full), 4) if full else None


def print_table(results: dict[str, Any]) -> None:
    table = Table(title=f"polex benchmark: {results['articles']} articles, "
                        f"{results['processes']} process(es)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("target")
    for key, value in results.items():
        if key in {"machine", "stages"}:
            continue
        shown = json.dumps(value) if isinstance(value, dict) else str(value)
        table.add_row(key, shown, TARGETS.get(key, ""))
    out.print(table)
    described = ", ".join(f"{key} {value}" for key, value in results["machine"].items())
    out.print(f"machine: {described}", highlight=False)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark polex on a generated corpus.")
    parser.add_argument("--corpus", type=Path, default=Path("bench/corpus"))
    parser.add_argument("--out", type=Path, default=Path("bench/results.json"))
    parser.add_argument("--n", type=int, default=2000, help="articles to use")
    parser.add_argument("--workers", type=int, default=1, help="processes coding articles")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: setting)")
    parser.add_argument("--rss-10k", action="store_true",
                        help="also measure peak memory over 10,000 articles (slow)")
    parser.add_argument("--dask", action="store_true",
                        help="also time a run on a local Dask cluster of --workers workers")
    args = parser.parse_args(argv)
    if args.n < 1 or args.workers < 1:
        parser.error("--n and --workers must be at least 1")
    return args


def step(message: str) -> None:
    log.print(f"[dim]{datetime.now():%H:%M:%S}[/dim] {message}", highlight=False)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    settings = Settings.resolve(model=args.model)
    model = settings.model
    info = machine(model)
    paths = corpus_files(args.corpus, args.n)

    step(f"reading {len(paths)} pages")
    articles = read_articles(paths)
    words = sum(len(article.text.split()) for article in articles)
    step(f"loading {model}")
    warm_up(model)

    texts = [a.text for a in articles]
    step("parse only: nlp.pipe of the pipeline as shipped over the cleaned texts")
    parse_only_s = time_parse_only(texts, model, args.workers)
    step("parse only: nlp.pipe of the pipeline as polex loads it")
    polex_parse_s = time_parse_only(texts, model, args.workers, stock=False)
    step("end to end: HTML files to stored events")
    with tempfile.TemporaryDirectory() as tmp:
        run = time_end_to_end(paths, settings, args.workers, Path(tmp) / "bench.duckdb")
    step("where the time goes: each stage alone over the same pages")
    stages = report_stages(*profile_stages(paths, settings))
    step("events on full-parse Docs, for recall")
    full_ids = full_parse_events(articles, model, args.workers)

    rss: dict[str, float] = {}
    for count in [min(RSS_SMALL, len(paths))] + ([RSS_LARGE] if args.rss_10k else []):
        step(f"peak memory over {count} articles, in a fresh process")
        rss[str(count)] = peak_rss_mb(corpus_files(args.corpus, count), model)

    dask_s = None
    if args.dask:
        step(f"Dask: a local cluster of {args.workers} workers")
        dask_s = round(time_dask(paths, model, args.workers), 2)

    results: dict[str, Any] = {
        "articles": run.articles,
        "words": words,
        "events": run.events,
        "failures": run.failures,
        "processes": args.workers,
        "parse_only_s": round(parse_only_s, 2),
        "polex_parse_only_s": round(polex_parse_s, 2),
        "end_to_end_s": round(run.seconds, 2),
        "articles_per_s_per_core": round(run.articles / run.seconds / args.workers, 2),
        "words_per_s": round(words / run.seconds),
        "ratio_to_full_parse": ratio(run.seconds, parse_only_s),
        "ratio_to_polex_full_parse": ratio(run.seconds, polex_parse_s),
        "candidate_filter": settings.candidate_filter,
        "recall_vs_full_parse": recall(run.event_ids, full_ids),
        "full_parse_events": len(full_ids),
        "classifier_share": stages["stages"].get(INNER + "classifier", {}).get("share"),
        "peak_rss_mb": rss,
        "dask_s": dask_s,
        "dask_ratio": ratio(dask_s, run.seconds) if dask_s is not None else None,
        "stages": stages,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": info,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print_table(results)
    step(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
