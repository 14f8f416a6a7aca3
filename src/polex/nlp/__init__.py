"""The spaCy stage: one pipeline per process, documents parsed in batches."""

from polex.nlp.pipeline import load_nlp, parse_articles

__all__ = ["load_nlp", "parse_articles"]
