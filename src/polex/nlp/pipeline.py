"""Load the spaCy pipeline once per process and parse articles."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from polex.nlp.attributes import speed_up as speed_up_attribute_ruler
from polex.nlp.candidates import CandidateFilter
from polex.nlp.components import SENTENCES
from polex.schema import Article

# Components polex reads: POS tags and lemmas for triggers, the dependency parse for
# arguments, and named entities for actors, places and dates.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


class ModelNotInstalled(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Language:
    """The named spaCy pipeline, loaded lazily and cached for the life of the process."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy pipeline {model!r} is not installed; install it with pip "
            "(the default comes from requirements/model.txt) or choose another with --model"
        ) from exc
    unused = [name for name in nlp.pipe_names if name not in NEEDED]
    if unused:
        nlp.select_pipes(disable=unused)
    speed_up_attribute_ruler(nlp)
    if SENTENCES not in nlp.pipe_names:
        where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe(SENTENCES, **where)
    return nlp


def parse_article(nlp: Language, text: str, candidates: CandidateFilter | None = None,
                  batch_size: int = 32) -> Doc:
    """The article's Doc: every sentence parsed, or with ``candidates`` only those that
    may hold an event (the Doc still covers the whole text)."""
    if candidates is None:
        return nlp(text)
    return next(candidates.parse(nlp, [nlp.make_doc(text)], batch_size))


def parse_articles(
    nlp: Language, articles: Iterable[Article], batch_size: int = 32,
    candidates: CandidateFilter | None = None,
) -> Iterator[tuple[Article, Doc]]:
    """Parse articles in batches; yields each article with its Doc."""
    if candidates is None:
        texts = ((a.text, a) for a in articles)
        for doc, article in nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
            yield article, doc
        return
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) == batch_size:
            yield from _parse_batch(nlp, batch, candidates, batch_size)
            batch = []
    yield from _parse_batch(nlp, batch, candidates, batch_size)


def _parse_batch(nlp: Language, batch: list[Article], candidates: CandidateFilter,
                 batch_size: int) -> Iterator[tuple[Article, Doc]]:
    docs = [nlp.make_doc(article.text) for article in batch]
    yield from zip(batch, candidates.parse(nlp, docs, batch_size), strict=True)
