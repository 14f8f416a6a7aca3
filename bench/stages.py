"""Where an article's time goes: polex's stages timed one by one on the bench corpus.

    python bench/stages.py --corpus bench/corpus --n 300 [--out bench/stages.json]

One process runs what ``polex ingest`` runs, stage after stage over the whole batch
(each stage's output is kept in memory for the next), so each stage is timed alone:

- cleaning: reading the HTML files and extracting their article text;
- tokenizing: the tokenizer over each article;
- candidates: choosing the sentences to parse;
- one spaCy component after another (tok2vec, tagger, parser, ...) over those sentences,
  up to the entity recognizer;
- screening: the parsed sentences that could yield an event kept;
- the entity recognizer and the components after it, over the kept sentences;
- write-back: the parsed sentences' annotations written into the article Docs;
- extraction, and within it the classifier, actor resolution, dating and places
  (timed by wrapping those functions; the outermost call of each is counted);
- storage: the articles and their events written in bulk into a fresh DuckDB file.

Timers wrap functions of other modules here only, in this measuring script.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from time import process_time
from typing import Any

from rich.console import Console
from rich.table import Table

from polex.actors.document import DocumentActors
from polex.actors.resolver import ActorResolver
from polex.config import Settings
from polex.events.classifier import TriggerClassifier
from polex.ingest import read_inputs
from polex.nlp.candidates import late_components
from polex.nlp.candidates import pieces as regions_of
from polex.pipeline import process_pipeline
from polex.places.placer import GeonamesPlacer
from polex.schema import Article, Event
from polex.store import EventStore
from polex.store.bulk import BulkWriter
from polex.time.dating import EventDater

# Functions called during extraction, timed as parts of it: (stage, owner, attribute).
INNER = "extraction: "
INNER_STAGES: list[tuple[str, Any, str]] = [
    (INNER + "classifier", TriggerClassifier, "predict"),
    (INNER + "actors", DocumentActors, "__init__"),
    (INNER + "actors", DocumentActors, "resolve"),
    (INNER + "actors", ActorResolver, "resolve"),
    (INNER + "dating", EventDater, "__init__"),
    (INNER + "dating", EventDater, "date_for"),
    (INNER + "places", GeonamesPlacer, "locate"),
]

out = Console()


class Clock:
    """Seconds per stage; nested calls of one stage count once (the outermost)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._depth: dict[str, int] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        depth = self._depth.get(name, 0)
        self._depth[name] = depth + 1
        start = process_time()
        try:
            yield
        finally:
            self._depth[name] = depth
            if depth == 0:
                self.seconds[name] = self.seconds.get(name, 0.0) + process_time() - start

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage(name):
                return function(*args, **kwargs)
        return timed


@contextmanager
def timed_inner_stages(clock: Clock) -> Iterator[None]:
    originals = [(owner, attribute, getattr(owner, attribute))
                 for _, owner, attribute in INNER_STAGES]
    for (name, owner, attribute), (_, _, function) in zip(INNER_STAGES, originals,
                                                          strict=True):
        setattr(owner, attribute, clock.wrap(name, function))
    try:
        yield
    finally:
        for owner, attribute, function in originals:
            setattr(owner, attribute, function)


def profile(paths: list[str], settings: Settings) -> tuple[dict[str, float], int, int]:
    pipeline = process_pipeline(settings)
    nlp, extractor, candidates = pipeline.load()
    assert candidates is not None, "profile the default run: candidate filter on"
    clock = Clock()
    with clock.stage("cleaning"):
        articles = [a for a in read_inputs(paths) if isinstance(a, Article)]
    with clock.stage("tokenizing"):
        docs = [nlp.make_doc(a.text) for a in articles]
    with clock.stage("candidates"):
        plans = [candidates.plan(doc) for doc in docs]
    pieces = [p for doc, plan in zip(docs, plans, strict=True) for p in regions_of(doc, plan)]
    late = late_components(nlp) if candidates.screen is not None else []
    pieces = _run_components(clock, nlp, [n for n in nlp.pipe_names if n not in late], pieces,
                             candidates.region_batch)
    if late:
        with clock.stage("screening parsed sentences"):
            position, screened = 0, []
            for doc, plan in zip(docs, plans, strict=True):
                screened.append(candidates.screened(doc, plan,
                                                    pieces[position:position + len(plan)]))
                position += len(plan)
        plans = [final for final, _ in screened]
        pieces = _run_components(clock, nlp, late, [p for _, parts in screened for p in parts],
                                 candidates.region_batch)
    with clock.stage("write-back"):
        position = 0
        for doc, plan in zip(docs, plans, strict=True):
            candidates.write_back(doc, plan, pieces[position:position + len(plan)])
            position += len(plan)
    coded = date.today().isoformat()
    with clock.stage("extraction"), timed_inner_stages(clock):
        events = [extractor.extract(doc, a, coded) for doc, a in zip(docs, articles,
                                                                         strict=True)]
    with clock.stage("storage"):
        _store(articles, events)
    return clock.seconds, len(articles), sum(len(e) for e in events)


def _run_components(clock: Clock, nlp: Any, names: list[str], pieces: list[Any],
                    batch_size: int) -> list[Any]:
    """The named components run one after another over the pieces, each timed."""
    for name in names:
        component = nlp.get_pipe(name)
        with clock.stage(f"spaCy {name}"):
            if hasattr(component, "pipe"):
                pieces = list(component.pipe(pieces, batch_size=batch_size))
            else:
                pieces = [component(piece) for piece in pieces]
    return pieces


def _store(articles: list[Article], events: list[list[Event]]) -> None:
    """As ``polex ingest`` stores coded articles: in bulk, near-duplicates screened."""
    with tempfile.TemporaryDirectory() as tmp, EventStore(Path(tmp) / "p.duckdb") as store:
        writer = BulkWriter(store)
        for article, found in zip(articles, events, strict=True):
            writer.add(article, found)
        writer.flush()


def report(seconds: dict[str, float], articles: int, events: int) -> dict[str, Any]:
    top = sum(value for name, value in seconds.items() if not name.startswith(INNER))
    rows = {name: {"seconds": round(value, 2), "share": round(value / top, 3),
                   "ms_per_article": round(1000 * value / articles, 1)}
            for name, value in seconds.items()}
    table = Table(title=f"where the time goes: {articles} articles, {events} events, "
                        f"{top:.1f} s, one process")
    for column in ("stage", "seconds", "share", "ms / article"):
        table.add_column(column, justify="left" if column == "stage" else "right")
    for name, row in rows.items():
        table.add_row(name.replace(INNER, "  "), f"{row['seconds']:.2f}", f"{row['share']:.1%}",
                      f"{row['ms_per_article']:.1f}")
    out.print(table)
    return {"articles": articles, "events": events, "seconds": round(top, 2),
            "stages": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time polex's stages on the bench corpus.")
    parser.add_argument("--corpus", type=Path, default=Path("bench/corpus"))
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    paths = sorted(str(p) for p in args.corpus.glob("*.html"))[: args.n]
    if not paths:
        raise SystemExit(f"no pages in {args.corpus}: run bench/generate_corpus.py first")
    result = report(*profile(paths, Settings.resolve()))
    if args.out is not None:
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
