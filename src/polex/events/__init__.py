"""The events stage: triggers, arguments, factuality and PLOVER conventions over a parse.

``EventExtractor`` (registered as ``polex.events.rules_model.v3``) turns a parsed article
into ``polex.schema.Event`` records; the trigger lexicon is language data in
``polex/data/triggers.tsv``, the statistical trigger classifier's weights are package data
in ``polex/data/models/``, trained by ``training/train_triggers.py``.
"""

from polex.events.extractor import NAME, EventExtractor
from polex.events.lexicon import Lexicon, default_lexicon

__all__ = ["NAME", "EventExtractor", "Lexicon", "default_lexicon"]
