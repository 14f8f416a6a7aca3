"""The trigger lexicon: which words, in which constructions, signal which PLOVER event.

The rules live in ``polex/data/triggers.tsv`` (language data, apart from this logic);
see the header of that file for the constraint syntax.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Token

from polex import ontology
from polex.data import read_text

NOT_AN_EVENT = "-"
CONSTRAINT_KINDS = {"obj", "objent", "prt", "prep", "pobj", "mod", "head", "dep", "sent", "subj"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent"}
OBJECT_DEPS = {"dobj", "obj", "nsubjpass", "attr", "oprd"}
MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "npadvmod", "nummod"}
POS_GROUPS = {"VERB": {"VERB"}, "NOUN": {"NOUN", "PROPN"}, "ANY": {"VERB", "NOUN", "PROPN", "ADJ"}}


class LexiconError(ValueError):
    pass


@dataclass(frozen=True)
class Constraint:
    kind: str
    values: frozenset[str]

    def admits(self, lemma: str) -> bool:
        lemma = lemma.lower()
        return any(
            lemma.startswith(v[:-1]) if v.endswith("*") else lemma == v for v in self.values
        )


@dataclass(frozen=True)
class TriggerRule:
    lemma: str
    pos: str
    event: str  # a PLOVER type, or NOT_AN_EVENT
    mode: str | None
    context: str | None
    weight: float
    constraints: tuple[Constraint, ...] = field(default_factory=tuple)
    line: int = 0  # 0: proposed by the statistical classifier, not read from the table

    @property
    def consumes_object(self) -> bool:
        """A rule keyed on its object ("impose sanctions") owns that object word."""
        return any(c.kind == "obj" for c in self.constraints)


@dataclass(frozen=True)
class TriggerMatch:
    token: Token
    rule: TriggerRule
    consumed: tuple[int, ...]  # token indices the rule's constraints matched (not triggers)


def _parse_constraints(text: str, line: int) -> tuple[Constraint, ...]:
    constraints = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        kind, _, values = part.partition("=")
        if kind not in CONSTRAINT_KINDS or not values:
            raise LexiconError(f"triggers.tsv:{line}: bad constraint {part!r}")
        constraints.append(Constraint(kind, frozenset(v.lower() for v in values.split("|"))))
    return tuple(constraints)


def parse_rule(line_text: str, line: int) -> TriggerRule:
    cells = (line_text.rstrip("\n").split("\t") + [""] * 7)[:7]
    lemma, pos, constraints, event, mode, context, weight = (c.strip() for c in cells)
    if pos not in POS_GROUPS:
        raise LexiconError(f"triggers.tsv:{line}: unknown pos {pos!r}")
    if event != NOT_AN_EVENT and event not in ontology.event_types():
        raise LexiconError(f"triggers.tsv:{line}: unknown event type {event!r}")
    if mode and event != NOT_AN_EVENT and mode not in ontology.modes(event):
        raise LexiconError(f"triggers.tsv:{line}: {mode!r} is not a mode of {event}")
    if context and context not in ontology.contexts():
        raise LexiconError(f"triggers.tsv:{line}: unknown context {context!r}")
    return TriggerRule(
        lemma=lemma.lower(),
        pos=pos,
        event=event,
        mode=mode or None,
        context=context or None,
        weight=float(weight or 0.5),
        constraints=_parse_constraints(constraints, line),
        line=line,
    )


class Lexicon:
    def __init__(self, rules: list[TriggerRule]) -> None:
        self.rules = rules
        self._by_lemma: dict[str, list[TriggerRule]] = defaultdict(list)
        for rule in rules:
            self._by_lemma[rule.lemma].append(rule)

    @classmethod
    def from_text(cls, text: str) -> Lexicon:
        rules = [
            parse_rule(raw, number)
            for number, raw in enumerate(text.splitlines(), start=1)
            if raw.strip() and not raw.lstrip().startswith("#")
        ]
        return cls(rules)

    def __len__(self) -> int:
        return len(self.rules)

    def lemmas(self) -> set[str]:
        return set(self._by_lemma)

    def knows(self, token: Token) -> bool:
        """Whether the table has rules for this word, matching or not: its constraints and
        its explicit non-event senses then decide, not a statistical guess."""
        return token.lemma_.lower() in self._by_lemma

    def match(self, token: Token) -> TriggerMatch | None:
        """The first rule for this token whose constraints hold, if it is an event."""
        if token.ent_type_ in {"DATE", "TIME"}:
            return None  # "in March 2022" is a month, not a march
        for rule in self._by_lemma.get(token.lemma_.lower(), ()):
            if token.pos_ not in POS_GROUPS[rule.pos]:
                continue
            consumed = _satisfied(rule, token)
            if consumed is None:
                continue
            if rule.event == NOT_AN_EVENT:
                return None
            return TriggerMatch(token, rule, consumed)
        return None


def _objects(token: Token) -> list[Token]:
    objects = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    if not objects and _modifies_its_object(token):
        objects = [token.head]
    # "imposed new sanctions and a curfew": coordinated objects count too
    objects += [conj for obj in list(objects) for conj in obj.conjuncts]
    # "visa restrictions", "mobile internet access": the object noun's nominal modifiers
    objects += [
        c for obj in list(objects) for c in obj.children if c.dep_ in {"compound", "amod"}
    ]
    # "a group of Russian diplomats", "dozens of protesters": the quantified noun
    objects += [
        pobj for obj in list(objects) for prep in obj.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in prep.children if pobj.dep_ == "pobj"
    ]
    return objects


def _modifies_its_object(token: Token) -> bool:
    """ "the sanctions they had imposed", "a treaty signed in 2017": the noun a relative
    clause or a past participle modifies is the verb's object."""
    if token.head == token or token.pos_ != "VERB":
        return False
    if token.dep_ == "relcl":
        return any(c.dep_ == "nsubj" and c.tag_ not in {"WDT", "WP"} for c in token.children)
    return token.dep_ == "acl" and token.tag_ == "VBN"


def _subjects(token: Token) -> list[Token]:
    """The word's subject, a passive's agent, or the subject of the verb it completes."""
    found = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
    found += [g for c in token.children if c.dep_ == "agent" for g in c.children]
    if not found and token.dep_ in {"xcomp", "conj", "advcl"} and token.head != token:
        found = [c for c in token.head.children if c.dep_ == "nsubj"]
    if not found and token.dep_ == "acl" and token.head != token:
        found = [token.head]  # "protesters trying to storm", "troops deployed to"
    return found + [m for s in found for m in s.children if m.dep_ in {"compound", "amod"}]


def _preps(token: Token) -> list[Token]:
    """Prepositions on the word, except temporal ones ("called on Wednesday")."""
    return [
        c for c in token.children
        if c.dep_ in {"prep", "agent", "dative"}
        and not any(g.dep_ == "pobj" and g.ent_type_ in {"DATE", "TIME"} for g in c.children)
    ]


def _candidates(kind: str, token: Token) -> list[Token]:
    if kind == "obj":
        return _objects(token)
    if kind == "prt":
        # "brushed aside": the parser often makes a particle an adverb
        return [c for c in token.children if c.dep_ in {"prt", "advmod"}]
    if kind == "objent":
        return _objects(token)
    if kind == "prep":
        # "conducted exercises with X": the preposition may hang on the object noun
        return _preps(token) + [p for obj in _objects(token) for p in _preps(obj)]
    if kind == "dep":
        return list(token.children)
    if kind == "pobj":
        return [g for p in _preps(token) for g in p.children if g.dep_ == "pobj"] + [
            m for p in _preps(token) for g in p.children for m in g.children
            if m.dep_ in MODIFIER_DEPS
        ]
    if kind == "mod":
        return [c for c in token.children if c.dep_ in MODIFIER_DEPS | {"prep"}] + [
            g for c in token.children if c.dep_ == "compound" for g in c.children
        ]
    if kind == "head":
        head = token.head
        # "held a protest" -> hold; "went on strike" -> go (through the preposition)
        if head.dep_ == "prep" and head.head != head:
            return [head, head.head]
        return [head] if head != token else []
    if kind == "sent":
        return list(token.sent)
    if kind == "subj":
        return _subjects(token)
    raise LexiconError(f"unknown constraint kind {kind!r}")


def _label(kind: str, token: Token) -> list[str]:
    """What a constraint of this kind compares: the entity type, the relation, or words."""
    if kind == "objent":
        return [token.ent_type_.lower()]
    if kind == "dep":
        return [token.dep_.lower()]
    return [token.lemma_, token.lower_]


def _satisfied(rule: TriggerRule, token: Token) -> tuple[int, ...] | None:
    consumed: list[int] = []
    for constraint in rule.constraints:
        hits = [
            t for t in _candidates(constraint.kind, token)
            if any(constraint.admits(label) for label in _label(constraint.kind, t))
        ]
        if not hits:
            return None
        if constraint.kind == "obj":
            consumed.extend(t.i for t in hits)
    return tuple(consumed)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    text = read_text("triggers.tsv")
    return Lexicon.from_text(text)
