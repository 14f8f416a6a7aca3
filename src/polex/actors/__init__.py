"""The actors stage: resolve actor mentions to PLOVER entities with a knowledge base."""

from polex.actors.coreference import Coreference, fits_pronoun
from polex.actors.document import DocumentActors, RegisteredPerson
from polex.actors.kb import ARMED_SECTORS, KBEntry, KnowledgeBase, default_kb
from polex.actors.resolver import ActorResolver

__all__ = [
    "ARMED_SECTORS",
    "ActorResolver",
    "Coreference",
    "DocumentActors",
    "KBEntry",
    "KnowledgeBase",
    "RegisteredPerson",
    "default_kb",
    "fits_pronoun",
]
