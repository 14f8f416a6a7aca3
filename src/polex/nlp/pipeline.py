"""Load the spaCy pipeline once per process and parse articles."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

from polex.nlp.attributes import speed_up as speed_up_attribute_ruler
from polex.nlp.candidates import CandidateFilter
from polex.nlp.components import FRONTED_DATES, LEMMAS, PARSE_REPAIRS, SENTENCES
from polex.nlp.lemmatizer import speed_up as speed_up_lemmatizer
from polex.nlp.repairs import keep_hyphenated_words

# Components polex reads: POS tags and lemmas for triggers, the dependency parse for
# arguments, and named entities for actors, places and dates.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


class ModelNotInstalled(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Language:
    """The named spaCy pipeline, loaded lazily and cached for the life of the process."""
    try:
        nlp = _load_on_numpy_blas(model)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy pipeline {model!r} is not installed; install it with pip "
            "(the default comes from requirements/model.txt) or choose another with --model"
        ) from exc
    unused = [name for name in nlp.pipe_names if name not in NEEDED]
    if unused:
        nlp.select_pipes(disable=unused)
    speed_up_attribute_ruler(nlp)
    speed_up_lemmatizer(nlp)
    keep_hyphenated_words(nlp)
    if SENTENCES not in nlp.pipe_names:
        where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe(SENTENCES, **where)
    if LEMMAS not in nlp.pipe_names and "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe(LEMMAS, after="lemmatizer")
    if FRONTED_DATES not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(FRONTED_DATES, last=True)
    if PARSE_REPAIRS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(PARSE_REPAIRS, last=True)
    return nlp


def _load_on_numpy_blas(model: str) -> Language:
    """The pipeline with its matrix products done by numpy's BLAS, one thread per process.

    thinc multiplies matrices with its bundled BLIS by default, which falls back to its
    generic kernels on processors it does not recognize (AMD Zen 4, for one): three times
    slower there than numpy's BLAS on the tok2vec layers. The results are the same. One
    thread, because polex runs one process per core (``--workers``) and a second BLAS
    thread would compete with them; the limit applies to the whole process.
    """
    threadpool_limits(limits=1, user_api="blas")
    with use_ops("numpy", use_blis=False):
        return spacy.load(model)


def reload_nlp(model: str) -> Language:
    """The named pipeline loaded afresh, with the vocabulary it ships with; the cached
    copies are dropped."""
    load_nlp.cache_clear()
    return load_nlp(model)


def parse_article(nlp: Language, text: str, candidates: CandidateFilter | None = None
                  ) -> Doc:
    """The article's Doc: every sentence parsed, or with ``candidates`` only those that
    may hold an event (the Doc still covers the whole text)."""
    if candidates is None:
        return nlp(text)
    return next(candidates.parse(nlp, [nlp.make_doc(text)]))


def parse_texts(nlp: Language, texts: Sequence[str], candidates: CandidateFilter | None = None,
                batch_size: int = 32) -> list[Doc]:
    """The Docs of several articles, their sentences parsed as one stream (faster than
    one call per article); the same Docs ``parse_article`` gives one by one."""
    if candidates is None:
        return list(nlp.pipe(texts, batch_size=batch_size))
    return list(candidates.parse(nlp, [nlp.make_doc(text) for text in texts]))
