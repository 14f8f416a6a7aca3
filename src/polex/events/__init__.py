"""The events stage: triggers, arguments, factuality and PLOVER conventions over a parse.

``EventExtractor`` (registered as ``polex.events.rules.v1``) turns a parsed article into
``polex.schema.Event`` records; the trigger lexicon is language data in
``polex/data/triggers.tsv``.
"""

from polex.events.extractor import NAME, EventExtractor
from polex.events.lexicon import Lexicon, default_lexicon

__all__ = ["NAME", "EventExtractor", "Lexicon", "default_lexicon"]
