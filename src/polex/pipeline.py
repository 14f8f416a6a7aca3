"""The main job: articles in, coded events out, the same for the CLI, the API and workers.

    Article --nlp--> Doc --events (actors, time, places)--> list[Event]

Components are built once per process by their registered names and reused.
"""

from __future__ import annotations

import traceback
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path

from spacy.language import Language

from polex import registry
from polex.actors import ActorResolver, KnowledgeBase
from polex.config import Settings
from polex.events import NAME as EXTRACTOR
from polex.events import EventExtractor
from polex.nlp import load_nlp, parse_articles
from polex.places import NAME as PLACER
from polex.places import GeonamesPlacer
from polex.schema import Article, Event

RESOLVER = "polex.actors.kb.v1"


@registry.register(RESOLVER)
def make_resolver(kb_files: Sequence[str | Path] = ()) -> ActorResolver:
    return ActorResolver(KnowledgeBase.load(kb_files))


@registry.register(PLACER)
def make_placer() -> GeonamesPlacer:
    return GeonamesPlacer()


@registry.register(EXTRACTOR)
def make_extractor(resolver: ActorResolver, placer: GeonamesPlacer) -> EventExtractor:
    return EventExtractor(resolver=resolver, placer=placer)


@dataclass
class ArticleResult:
    """What coding one article produced: its events, or why it failed."""

    article: Article
    events: list[Event] = field(default_factory=list)
    error: str | None = None


class Pipeline:
    def __init__(self, settings: Settings | None = None, kb_files: Sequence[str | Path] = ()):
        self.settings = settings or Settings.resolve()
        self.kb_files = tuple(kb_files)
        self._nlp: Language | None = None
        self._extractor: EventExtractor | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_nlp(self.settings.model)
        return self._nlp

    @property
    def extractor(self) -> EventExtractor:
        if self._extractor is None:
            resolver = registry.create(RESOLVER, kb_files=self.kb_files)
            placer = registry.create(PLACER)
            self._extractor = registry.create(EXTRACTOR, resolver=resolver, placer=placer)
        return self._extractor

    def process(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Code each article; an article whose coding fails is reported, the rest go on."""
        coded_date = date.today().isoformat()
        extractor = self.extractor
        for article, doc in parse_articles(self.nlp, articles, self.settings.batch_size):
            try:
                events = extractor.extract(doc, article, coded_date=coded_date)
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop a batch
                where = traceback.extract_tb(exc.__traceback__)[-1]
                yield ArticleResult(
                    article,
                    error=f"event extraction failed: {type(exc).__name__}: {exc} "
                    f"({Path(where.filename).name}:{where.lineno})",
                )
                continue
            yield ArticleResult(article, events)


_PROCESS_PIPELINES: dict[tuple[str, tuple[str, ...]], Pipeline] = {}


def process_pipeline(model: str, kb_files: Sequence[str | Path] = ()) -> Pipeline:
    """The Pipeline of this process for a model and knowledge base, built on first use, so
    worker processes (local or Dask) load the model once."""
    key = (model, tuple(str(f) for f in kb_files))
    if key not in _PROCESS_PIPELINES:
        _PROCESS_PIPELINES[key] = Pipeline(Settings(model=model), kb_files=key[1])
    return _PROCESS_PIPELINES[key]


def _code_chunk(model: str, kb_files: tuple[str, ...], articles: list[Article]
                ) -> list[ArticleResult]:
    return list(process_pipeline(model, kb_files).process(articles))


def process_in_parallel(
    articles: Iterable[Article], settings: Settings, kb_files: Sequence[str | Path] = (),
    workers: int = 2, chunk_size: int = 16,
) -> Iterator[ArticleResult]:
    """Code articles in ``workers`` processes, results in input order.

    Only about two chunks per worker are in flight, so memory stays bounded whatever the
    input's size; articles and events cross process boundaries as plain dataclasses.
    """
    kb = tuple(str(f) for f in kb_files)
    source = iter(articles)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[tuple[Future[list[ArticleResult]] | None, list[Article]]] = deque()

        def submit_next() -> bool:
            chunk = list(islice(source, chunk_size))
            if not chunk:
                return False
            try:
                pending.append((pool.submit(_code_chunk, settings.model, kb, chunk), chunk))
            except RuntimeError:  # the pool broke: a worker process died
                pending.append((None, chunk))
            return True

        while len(pending) < 2 * workers and submit_next():
            pass
        while pending:
            future, chunk = pending.popleft()
            yield from _chunk_results(future, chunk)
            submit_next()


def _chunk_results(future: Future[list[ArticleResult]] | None, chunk: list[Article]
                   ) -> list[ArticleResult]:
    """The chunk's results, or each of its articles reported if its worker died."""
    if future is not None:
        try:
            return future.result()
        except Exception as exc:  # noqa: BLE001 - a lost worker must not stop the run
            reason = f"worker process failed: {type(exc).__name__}: {exc}"
            return [ArticleResult(article, error=reason) for article in chunk]
    return [ArticleResult(a, error="worker process failed: the process pool broke")
            for a in chunk]
