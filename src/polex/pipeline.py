"""The main job: articles in, coded events out, the same for the CLI, the API and workers.

    Article --nlp--> Doc --events (actors, time, places)--> list[Event]

Components are built once per process by their registered names and reused.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
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
