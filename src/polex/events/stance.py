"""The stance a speaker takes toward another party by what they call it.

"Li Qiang called Pakistan an 'ironclad friend'", "Khamenei described Israel as 'a
cancerous tumour'", "Zelensky branded Russia a terrorist state": a labelling verb, the
party labelled, and a label whose praise or contempt makes the remark a SUPPORT or an
ACCUSE aimed at that party (PLOVER's verbal cooperation and conflict). The label's
polarity comes from the pretrained encoder's static vectors (``polex.events.encoder``):
its similarity to a few words of praise against a few of condemnation (language data in
``data/stance_words.json``), with margins that leave plain labels ("a neighbour", "a
sovereign state") uncoded; praise needs the wider one, since insults built of neutral
word pieces ("troublemaker") lean toward it. The labelled party is the recipient, the
speaker the actor.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.tokens import Span, Token

from polex.data import read_json
from polex.events.arguments import phrase
from polex.events.encoder import StaticEncoder, default_encoder

NAME = "polex.events.stance.minilm_static.v1"
SOURCE = "stance"
TARGET_LABELS = {"GPE", "NORP", "ORG", "PERSON"}
CLAUSE_AND_PHRASE_DEPS = {"relcl", "acl", "advcl", "prep", "appos", "ccomp", "xcomp"}
SKIPPED_POS = {"DET", "PUNCT", "ADP", "CCONJ", "PART"}


@dataclass(frozen=True)
class StanceWords:
    verbs: frozenset[str]  # verbs that put a label on a party: "call", "describe"
    praise: tuple[str, ...]
    condemnation: tuple[str, ...]
    praise_margin: float
    condemnation_margin: float


@lru_cache(maxsize=1)
def stance_words() -> StanceWords:
    raw = read_json("stance_words.json")
    return StanceWords(frozenset(raw["labelling_verbs"]), tuple(raw["praise"]),
                       tuple(raw["condemnation"]), float(raw["praise_margin"]),
                       float(raw["condemnation_margin"]))


@dataclass(frozen=True)
class Labelling:
    """A speaker's label for a party: the verb, the party labelled and the label's head."""

    verb: Token
    target: Span
    label: Token
    event: str  # ACCUSE or SUPPORT


def may_label(token: Token) -> bool:
    """Whether the word is a labelling verb with a party and a label in its parse (needs
    no entities: for the candidate filter)."""
    if token.lemma_.lower() not in stance_words().verbs or token.pos_ != "VERB":
        return False
    deps = {c.dep_ for c in token.children}
    described_as = "dobj" in deps and any(
        c.dep_ == "prep" and c.text.lower() == "as" for c in token.children)
    return "oprd" in deps or {"dative", "dobj"} <= deps or described_as


def labelling(token: Token, polarity: StancePolarity | None = None) -> Labelling | None:
    """The labelling whose label ``token`` heads, when the label praises or condemns."""
    found = labelled_party(token)
    if found is None:
        return None
    verb, target = found
    event = (polarity or default_polarity()).event(_label_words(token, target))
    return Labelling(verb, target, token, event) if event is not None else None


def labelled_party(label: Token) -> tuple[Token, Span] | None:
    """The labelling verb and the party a label is put on, whatever the label's polarity:
    "called Pakistan an ironclad friend" (object and predicate), "branded Russia a
    terrorist state" (the parser's dative and object), "described Israel as a tumour"."""
    head = label.head
    if label.dep_ == "pobj" and head.text.lower() == "as" and head.dep_ == "prep":
        verb, objects = head.head, {"dobj"}
    elif label.dep_ == "oprd":
        verb, objects = head, {"dobj"}
    elif label.dep_ == "dobj":
        verb, objects = head, {"dative"}
    else:
        return None
    if not may_label(verb):
        return None
    target = next((c for c in verb.children if c.dep_ in objects and c != label), None)
    if target is None or not _names_a_party(target):
        return None
    return verb, phrase(target)


def _names_a_party(token: Token) -> bool:
    return token.ent_type_ in TARGET_LABELS or token.pos_ == "PROPN"


def _label_words(label: Token, target: Span) -> list[str]:
    """The label's own words: its modifiers and coordinated labels ("a reliable partner
    and ally"), not a clause or phrase hung on it ("a tumour that would be uprooted")."""
    words = []
    stack = [label]
    while stack:
        token = stack.pop()
        if token.pos_ not in SKIPPED_POS and not token.is_quote \
                and not target.start <= token.i < target.end:
            words.append(token.text)
        stack.extend(c for c in token.children if c.dep_ not in CLAUSE_AND_PHRASE_DEPS)
    return words


@dataclass
class StancePolarity:
    """Praise or condemnation in a label, from the encoder's view of its words."""

    encoder: StaticEncoder
    praise: np.ndarray
    condemnation: np.ndarray
    praise_margin: float
    condemnation_margin: float

    @classmethod
    def build(cls, encoder: StaticEncoder, words: StanceWords) -> StancePolarity:
        return cls(encoder, _centroid(encoder, words.praise),
                   _centroid(encoder, words.condemnation), words.praise_margin,
                   words.condemnation_margin)

    def leaning(self, words: list[str]) -> float:
        """Above zero: nearer praise; below: nearer condemnation."""
        vector = self.encoder.mean(words)
        norm = float(np.linalg.norm(vector))
        if norm == 0.0:
            return 0.0
        unit = vector / norm
        return float(unit @ self.praise - unit @ self.condemnation)

    def event(self, words: list[str]) -> str | None:
        leaning = self.leaning(words)
        if leaning > self.praise_margin:
            return "SUPPORT"
        if leaning < -self.condemnation_margin:
            return "ACCUSE"
        return None


def _centroid(encoder: StaticEncoder, words: tuple[str, ...]) -> np.ndarray:
    vectors = [encoder.word(w) for w in words]
    units = [v / np.linalg.norm(v) for v in vectors if np.linalg.norm(v) > 0]
    return np.mean(units, axis=0)


@lru_cache(maxsize=1)
def default_polarity() -> StancePolarity:
    return StancePolarity.build(default_encoder(), stance_words())
