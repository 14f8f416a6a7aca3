"""The spaCy stage: one pipeline per process; every sentence parsed, or only candidates."""

from polex.nlp.candidates import CandidateFilter, Gazetteer
from polex.nlp.cues import CueWords
from polex.nlp.pipeline import load_nlp, parse_article, parse_texts, reload_nlp

__all__ = ["CandidateFilter", "CueWords", "Gazetteer", "load_nlp", "parse_article",
           "parse_texts", "reload_nlp"]
