"""The main job: articles in, coded events out, the same for the CLI, the API and workers.

    Article --nlp--> Doc --events (actors, time, places)--> list[Event]

Components are built once per process by their registered names and reused.
"""

from __future__ import annotations

import atexit
import gc
import traceback
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from polex import registry
from polex.actors import ActorResolver, KnowledgeBase
from polex.actors.coreference import descriptions as descriptions_of_actors
from polex.actors.kb import normalize
from polex.config import Settings
from polex.deadline import TimeLimitExceeded, time_limit
from polex.events import NAME as EXTRACTOR
from polex.events import EventExtractor
from polex.events.lexicon import Lexicon, load_lexicon
from polex.nlp import (
    CandidateFilter,
    CueWords,
    Gazetteer,
    load_nlp,
    parse_article,
    parse_texts,
    reload_nlp,
)
from polex.places import NAME as PLACER
from polex.places import GeonamesPlacer
from polex.schema import Article, Event
from polex.time.lexicon import time_words

RESOLVER = "polex.actors.kb.v1"
# spaCy's string store keeps every new word the model meets (names, numbers) for the life
# of the process; past this many strings the model is loaded afresh, so that a process
# coding an archive for days keeps a bounded vocabulary (the model ships ~85,000).
MAX_VOCAB_STRINGS = 500_000


@registry.register(RESOLVER)
def make_resolver(kb_files: Sequence[str | Path] = ()) -> ActorResolver:
    return ActorResolver(KnowledgeBase.load(kb_files))


@registry.register(PLACER)
def make_placer() -> GeonamesPlacer:
    return GeonamesPlacer()


@registry.register(EXTRACTOR)
def make_extractor(resolver: ActorResolver, placer: GeonamesPlacer,
                   lexicon: Lexicon | None = None) -> EventExtractor:
    return EventExtractor(resolver=resolver, placer=placer, lexicon=lexicon)


@dataclass
class ArticleResult:
    """What coding one article produced: its events, or why it failed."""

    article: Article
    events: list[Event] = field(default_factory=list)
    error: str | None = None


class Pipeline:
    def __init__(self, settings: Settings | None = None, kb_files: Sequence[str | Path] = (),
                 max_vocab_strings: int = MAX_VOCAB_STRINGS):
        self.settings = settings or Settings.resolve()
        self.kb_files = tuple(kb_files)
        self.max_vocab_strings = max_vocab_strings
        self._nlp: Language | None = None
        self._extractor: EventExtractor | None = None
        self._candidates: CandidateFilter | None = None
        self._frozen = False

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
            lexicon = load_lexicon(self.settings.rule_sources, self.settings.lexicons)
            self._extractor = registry.create(EXTRACTOR, resolver=resolver, placer=placer,
                                              lexicon=lexicon)
        return self._extractor

    @property
    def candidates(self) -> CandidateFilter | None:
        """The filter choosing which sentences to parse; None when every one is."""
        if self.settings.candidate_filter and self._candidates is None:
            self._candidates = candidate_filter(self.nlp, self.extractor)
        return self._candidates

    def load(self) -> tuple[Language, EventExtractor, CandidateFilter | None]:
        """Build what coding needs (model, extractor, place index, filter) once, so that
        loading never counts against an article's time limit."""
        _ = self.extractor.placer.index
        loaded = self.nlp, self.extractor, self.candidates
        if not self._frozen:
            # The model, rule tables, knowledge base and place index are ~700,000 objects
            # that live as long as the process: kept out of the cyclic collector, whose
            # full passes would otherwise walk them all again and again.
            gc.collect()
            gc.freeze()
            # ...but back in its reach at exit, whose last collection frees what
            # extension modules check was freed.
            atexit.unregister(gc.unfreeze)
            atexit.register(gc.unfreeze)
            self._frozen = True
        return loaded

    def process(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Code each article; an article whose coding fails or takes longer than the
        time limit is reported, the rest go on. Articles are parsed ``batch_size`` at a
        time, their sentences in one stream."""
        coded_date = date.today().isoformat()
        source = iter(articles)
        while batch := list(islice(source, max(1, self.settings.batch_size))):
            yield from self._code_batch(batch, coded_date)
            self._renew_grown_vocabulary()

    def _renew_grown_vocabulary(self) -> None:
        """Load the model afresh once its string store outgrows ``max_vocab_strings``
        (the Docs already made keep the old one alive as long as they need it)."""
        if self._nlp is not None and len(self._nlp.vocab.strings) > self.max_vocab_strings:
            self._frozen = False  # the next load sets the new model aside
            self._nlp = reload_nlp(self.settings.model)
            self._candidates = None

    def code(self, article: Article, coded_date: str = "", doc: Doc | None = None
             ) -> ArticleResult:
        """One article's events, or why it could not be coded; ``doc`` is its Doc when it
        has been parsed already."""
        limit = self.settings.time_limit
        nlp, extractor, candidates = self.load()
        step = "parsing"
        try:
            with time_limit(limit):
                if doc is None:
                    doc = parse_article(nlp, article.text, candidates)
                step = "event extraction"
                events = extractor.extract(doc, article, coded_date=coded_date)
        except TimeLimitExceeded:
            return ArticleResult(article, error=f"timed out: coding took longer than the "
                                                f"time limit of {limit:g} s (during {step})")
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop a batch
            where = traceback.extract_tb(exc.__traceback__)[-1]
            return ArticleResult(article, error=f"{step} failed: {type(exc).__name__}: {exc} "
                                                f"({Path(where.filename).name}:{where.lineno})")
        return ArticleResult(article, events)

    def _code_batch(self, batch: list[Article], coded_date: str) -> list[ArticleResult]:
        """The batch parsed at once, then each article's events extracted. When parsing
        the batch fails or outlasts the time its articles are allowed together, each
        article is coded alone, so that only the one at fault is reported."""
        nlp, _, candidates = self.load()
        texts = [article.text for article in batch]
        try:
            with time_limit(self.settings.time_limit * len(batch)):
                docs = parse_texts(nlp, texts, candidates, self.settings.batch_size)
        except Exception:  # noqa: BLE001 - retried article by article below
            return [self.code(article, coded_date) for article in batch]
        return [self.code(article, coded_date, doc)
                for article, doc in zip(batch, docs, strict=True)]


def candidate_filter(nlp: Language, extractor: EventExtractor) -> CandidateFilter:
    """The sentence filter for this pipeline and extractor: its trigger lexicon (and
    classifier) for cue words, its knowledge base for actors, names and states, and its
    extractor to screen parsed sentences before the entity recognizer runs."""
    kb = extractor.resolver.kb
    cues = CueWords.for_pipeline(nlp, extractor.lexicon,
                                 with_classifier=extractor.classifier is not None)
    words = time_words()
    time_names = frozenset(words.months) | frozenset(words.weekdays)

    def is_time_word(word: str) -> bool:
        return word.lower() in time_names

    descriptions = descriptions_of_actors().heads

    def is_actor_word(word: str) -> bool:
        # "the bloc", "the Baltic state": a description standing for an actor named before
        return kb.knows(word) or word.lower() in descriptions

    return CandidateFilter(cues, is_actor_word, is_time_word,
                           Gazetteer(state_names(kb), normalize), screen=extractor.may_find_event)


def state_names(kb: KnowledgeBase) -> dict[str, str]:
    """Names of countries, capitals and nationalities, with the label the recognizer
    gives them (GPE, NORP), and the full names of the office holders the knowledge base
    knows (PERSON): "Viktor Orban's government ..." puts Hungary in play."""
    labels = {"country": "GPE", "capital": "GPE", "demonym": "NORP", "person": "PERSON"}
    return {key: labels[entry.kind] for key, entry in kb.named_entries()
            if entry.kind in labels and (entry.kind != "person" or " " in key)}


_PROCESS_PIPELINES: dict[tuple[Settings, tuple[str, ...]], Pipeline] = {}


def process_pipeline(settings: Settings | str, kb_files: Sequence[str | Path] = ()) -> Pipeline:
    """The Pipeline of this process for some settings (or a model name, with the default
    settings) and knowledge base, built on first use, so worker processes (local or Dask)
    load the model once."""
    if isinstance(settings, str):
        settings = Settings(model=settings)
    key = (settings, tuple(str(f) for f in kb_files))
    if key not in _PROCESS_PIPELINES:
        _PROCESS_PIPELINES[key] = Pipeline(settings, kb_files=key[1])
    return _PROCESS_PIPELINES[key]


def _code_chunk(settings: Settings, kb_files: tuple[str, ...], articles: list[Article]
                ) -> list[ArticleResult]:
    return list(process_pipeline(settings, kb_files).process(articles))


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
                pending.append((pool.submit(_code_chunk, settings, kb, chunk), chunk))
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
