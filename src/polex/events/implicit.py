"""Recipients a sentence leaves implicit, filled in the way a reader of the article does.

A directed act (an attack, a sanction, an accusation, a demand) always has a target, even
when the grammar of the sentence does not hand it over as an object:

1. inside the act's own complement: "denounced the votes staged by Moscow", "lifted the
   sanctions they had imposed on Niger", "warned that Taiwan independence means war";
2. a place or a group of people the act was aimed at, held by a state: "a police
   checkpost", "a village near Idlib", "survivors" — the holder is the state where the
   event happened, the sector what kind of target it is;
3. the article's other party: a sanction or a demand "in a story about one country"
   that the sentence does not name is aimed at that country;
4. the state's own side in an act inside one state: "riot police fired tear gas" at that
   state's people, "thousands marched through Minsk" against its government; and an
   attack abroad with no named target, on the state where it struck ("an Israeli drone
   strike in the city").

Only types whose events nearly always have a recipient in hand-coded data take these.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from polex.data import read_json

# Types whose gold records carry a recipient in ~80 % or more of events.
DIRECTED_TYPES = frozenset(
    {"ACCUSE", "AID", "ASSAULT", "COERCE", "COOPERATE", "REJECT", "REQUEST", "SANCTION", "THREATEN"}
)
# Of those, the types whose target is a state, so that the article's other party can
# stand for it; attacks and arrests hit people and places of the story's own country.
COUNTERPART_TYPES = frozenset(
    {"ACCUSE", "AID", "COOPERATE", "REJECT", "REQUEST", "SANCTION", "THREATEN"}
)
# Acts that, with no other party in view, are aimed at the actor's own state or people,
# and the sector of that implicit target.
DOMESTIC_TARGET_SECTOR = {"ASSAULT": "CVL", "COERCE": "CVL", "PROTEST": "GOV"}
# Clauses and complements of the trigger that say what the act was about.
COMPLEMENT_DEPS = frozenset({"dobj", "obj", "ccomp", "xcomp", "prep", "dative", "attr"})
# "rallied after a Russian lawmaker addressed parliament": when or why, not at whom
CIRCUMSTANCE_PREPS = frozenset({"after", "before", "since", "during", "amid", "following",
                                "despite", "until", "ahead"})
ENTITY_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON", "FAC", "LOC"})


@dataclass(frozen=True)
class TargetWords:
    """Nouns naming what an act can be aimed at, by the sector of whoever holds them."""

    sector_of: dict[str, str]
    modifier_sector: dict[str, str]  # "police checkpoint": the modifier decides

    def sector(self, token: Token) -> str | None:
        noun = self.sector_of.get(token.text.lower()) or self.sector_of.get(token.lemma_.lower())
        if noun is None:
            return None
        for child in token.children:
            if child.dep_ in {"compound", "amod"} and child.text.lower() in self.modifier_sector:
                return self.modifier_sector[child.text.lower()]
        return noun


@lru_cache(maxsize=1)
def target_words() -> TargetWords:
    raw = read_json("target_words.json")
    return TargetWords(
        {word: sector for sector, words in raw["targets"].items() for word in words},
        dict(raw["modifiers"]),
    )


def complement_mentions(trigger: Token, consumed: Iterable[int]) -> list[Span]:
    """Named things inside the act's complements, nearest to the trigger first."""
    doc = trigger.doc
    inside = complement_tokens(trigger, consumed)
    mentions = [
        ent for ent in doc.ents if ent.label_ in ENTITY_LABELS and all(t.i in inside for t in ent)
    ]
    return sorted(mentions, key=lambda ent: abs(ent.start - trigger.i))


def institution_heads(trigger: Token, consumed: Iterable[int]) -> list[Token]:
    """Nouns inside the act's complements that a definite article or a name makes one
    body ("the state prosecutor's office", "the Central Election Commission"), nearest
    to the trigger first."""
    doc = trigger.doc
    heads = [
        doc[i] for i in complement_tokens(trigger, consumed)
        if doc[i].pos_ in {"NOUN", "PROPN"} and doc[i].dep_ != "compound"
        and any(c.dep_ == "det" and c.lower_ == "the" for c in doc[i].children)
    ]
    return sorted(heads, key=lambda token: abs(token.i - trigger.i))


def complement_tokens(trigger: Token, consumed: Iterable[int]) -> set[int]:
    """The indices of the words of the act's complements, its participle clauses left
    out."""
    doc = trigger.doc
    owners = [trigger, *(doc[i] for i in consumed)]
    inside: set[int] = set()
    for owner in owners:
        for child in owner.children:
            if child.dep_ in COMPLEMENT_DEPS and child.lower_ not in CIRCUMSTANCE_PREPS:
                inside.update(t.i for t in child.subtree)
                # "refused to recognise the results, calling the vote a 'Russian special
                # operation'": a participle clause says more about the act, not its target;
                # "dropped meals over northern Gaza, where the UN says famine is imminent":
                # a clause on a place says more about the place
                inside.difference_update(
                    t.i for t in child.subtree if t != child
                    and (_is_participle_clause(t) or _is_place_clause(t))
                    for t in t.subtree)
    return inside


def _is_participle_clause(token: Token) -> bool:
    return token.dep_ == "advcl" and token.tag_ == "VBG"


def _is_place_clause(token: Token) -> bool:
    """A relative clause opened by "where" ("Gaza, where the UN says ...")."""
    return token.dep_ == "relcl" and any(
        c.tag_ == "WRB" and c.text.lower() == "where" for c in token.children)


def target_sector(spans: Iterable[Span]) -> str | None:
    """The sector of the first phrase headed by a target noun ("a checkpost": COP)."""
    words = target_words()
    for span in spans:
        for token in _heads(span):
            sector = words.sector(token)
            if sector is not None:
                return sector
    return None


def _heads(span: Span) -> Iterator[Token]:
    """The phrase's head, then the noun a partitive or a place phrase points to
    ("dozens of villagers", "houses in Beledweyne" is headed by "houses")."""
    root = span.root
    yield root
    for child in root.children:
        if child.dep_ == "prep" and child.text.lower() == "of":
            yield from (c for c in child.children if c.dep_ == "pobj")
