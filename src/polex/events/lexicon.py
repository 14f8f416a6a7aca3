"""The trigger lexicon: which words, in which constructions, signal which PLOVER event.

The rules live in ``polex/data/triggers.tsv`` (language data, apart from this logic);
see the header of that file for the constraint syntax.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from polex import ontology
from polex.data import read_text
from polex.events.arguments import judged_object

NOT_AN_EVENT = "-"
BUILTIN_SOURCE = "triggers.tsv"
# Rule tables shipped with polex, by the name the ``rule_sources`` setting uses.
SHIPPED_TABLES = {"builtin": (BUILTIN_SOURCE,), "cameo": ("lexicons", "cameo2-petrarch.tsv")}
CONSTRAINT_KINDS = {
    "obj", "objent", "prt", "prep", "pobj", "mod", "head", "dep", "sent", "subj", "comp",
}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent"}
OBJECT_DEPS = {"dobj", "obj", "nsubjpass", "attr", "oprd"}
MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "npadvmod", "nummod"}
# Constraints on the entity types around a word, which the parse alone cannot check.
ENTITY_KINDS = frozenset({"objent"})
POS_GROUPS = {"VERB": {"VERB"}, "NOUN": {"NOUN", "PROPN"}, "ANY": {"VERB", "NOUN", "PROPN", "ADJ"}}


class LexiconError(ValueError):
    pass


@dataclass(frozen=True)
class Constraint:
    kind: str
    values: frozenset[str]  # words, or prefixes ending in "*"
    _words: frozenset[str] = field(init=False, repr=False, compare=False)
    _prefixes: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_words", frozenset(v for v in self.values
                                                      if not v.endswith("*")))
        object.__setattr__(self, "_prefixes", tuple(v[:-1] for v in self.values
                                                    if v.endswith("*")))

    def admits(self, lemma: str) -> bool:
        lemma = lemma.lower()
        return lemma in self._words or lemma.startswith(self._prefixes)

    def admits_any(self, lemmas: frozenset[str]) -> bool:
        """Whether it admits one of these (lower-cased) words."""
        return not self._words.isdisjoint(lemmas) or (
            bool(self._prefixes) and any(lemma.startswith(self._prefixes) for lemma in lemmas))


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
    source: str = BUILTIN_SOURCE  # the table's file name

    @property
    def consumes_object(self) -> bool:
        """A rule keyed on its object ("impose sanctions") owns that object word."""
        return any(c.kind == "obj" for c in self.constraints)


@dataclass(frozen=True)
class TriggerMatch:
    token: Token
    rule: TriggerRule
    consumed: tuple[int, ...]  # token indices the rule's constraints matched (not triggers)


def _parse_constraints(text: str, where: str) -> tuple[Constraint, ...]:
    constraints = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        kind, _, values = part.partition("=")
        if kind not in CONSTRAINT_KINDS or not values:
            raise LexiconError(f"{where}: bad constraint {part!r}")
        constraints.append(Constraint(kind, frozenset(v.lower() for v in values.split("|"))))
    return tuple(constraints)


def parse_rule(line_text: str, line: int, source: str = BUILTIN_SOURCE) -> TriggerRule:
    cells = (line_text.rstrip("\n").split("\t") + [""] * 7)[:7]
    lemma, pos, constraints, event, mode, context, weight = (c.strip() for c in cells)
    where = f"{source}:{line}"
    if pos not in POS_GROUPS:
        raise LexiconError(f"{where}: unknown pos {pos!r}")
    if event != NOT_AN_EVENT and event not in ontology.event_types():
        raise LexiconError(f"{where}: unknown event type {event!r}")
    if mode and event != NOT_AN_EVENT and mode not in ontology.modes(event):
        raise LexiconError(f"{where}: {mode!r} is not a mode of {event}")
    if context and context not in ontology.contexts():
        raise LexiconError(f"{where}: unknown context {context!r}")
    try:
        value = float(weight or 0.5)
    except ValueError:
        raise LexiconError(f"{where}: weight {weight!r} is not a number") from None
    return TriggerRule(
        lemma=lemma.lower(),
        pos=pos,
        event=event,
        mode=mode or None,
        context=context or None,
        weight=value,
        constraints=_parse_constraints(constraints, where),
        line=line,
        source=source,
    )


class Lexicon:
    """Trigger rules from one table or several. Several combine in order: for a word,
    the first table with a rule for its lemma that fits its part of speech decides,
    its non-event senses included; later tables add lemmas (and parts of speech)
    earlier ones lack, and through ``fallback`` the uses of a word the deciding table
    has no rule for. ``warnings`` lists rules of different tables that share lemma,
    part of speech and constraints but not the event type."""

    def __init__(self, rules: list[TriggerRule], warnings: list[str] | None = None) -> None:
        self.rules = rules
        self.warnings = warnings or []
        # per lemma, the rules of each table in precedence order
        self._by_lemma: dict[str, list[list[TriggerRule]]] = defaultdict(list)
        for rule in rules:
            groups = self._by_lemma[rule.lemma]
            if not groups or groups[-1][0].source != rule.source:
                groups.append([])
            groups[-1].append(rule)
        self._event_rules_by_use: dict[tuple[str, str], list[_EventKind]] = {}
        self._fitting_by_use: dict[tuple[str, str], _EventKind | None] = {}

    @classmethod
    def from_text(cls, text: str, source: str = BUILTIN_SOURCE) -> Lexicon:
        rules = [
            parse_rule(raw, number, source)
            for number, raw in enumerate(text.splitlines(), start=1)
            if raw.strip() and not raw.lstrip().startswith("#")
        ]
        return cls(rules)

    @classmethod
    def combine(cls, tables: Sequence[Lexicon]) -> Lexicon:
        """Tables in precedence order as one lexicon, with their conflicts as warnings."""
        rules = [rule for table in tables for rule in table.rules]
        return cls(rules, [w for table in tables for w in table.warnings] + _conflicts(rules))

    def __len__(self) -> int:
        return len(self.rules)

    def lemmas(self) -> set[str]:
        return set(self._by_lemma)

    def knows(self, token: Token) -> bool:
        """Whether the table has rules for this word, matching or not: its constraints and
        its explicit non-event senses then decide, not a statistical guess."""
        return token.lemma_.lower() in self._by_lemma

    def deciding_source(self, token: Token) -> str | None:
        """The table whose rules decide this word (the first with a rule for its lemma
        that fits its part of speech), or None when no table has one."""
        for group in self._by_lemma.get(token.lemma_.lower(), ()):
            if any(token.pos_ in POS_GROUPS[rule.pos] for rule in group):
                return group[0].source
        return None

    def fallback(self, token: Token, source: str) -> TriggerMatch | None:
        """A later table's rule for a word whose deciding table has rules for it but none
        that fits this use ("exchanged fire" where the own table knows only "exchanged
        prisoners"); none when the deciding table calls this use a non-event."""
        if _names_a_time(token) or not self.silent_on(token, source):
            return None
        later = False
        for group in self._by_lemma.get(token.lemma_.lower(), ()):
            fitting = [rule for rule in group if token.pos_ in POS_GROUPS[rule.pos]]
            if not fitting:
                continue
            if group[0].source == source:
                later = True
            elif later:
                return _first_match(fitting, token)
        return None

    def silent_on(self, token: Token, source: str) -> bool:
        """Whether the deciding table has rules for this word but none, event or
        non-event sense, whose constraints hold for this use ("filled the avenue" where
        it knows only "filled the posts")."""
        for group in self._by_lemma.get(token.lemma_.lower(), ()):
            fitting = [rule for rule in group if token.pos_ in POS_GROUPS[rule.pos]]
            if fitting and group[0].source == source:
                return _first_satisfied(fitting, token) is None
        return False

    def could_match(self, token: Token) -> Iterator[TriggerRule]:
        """The event rules of any table that could match this word once the entity
        recognizer has run, judged from the parse alone: those whose constraints hold,
        a constraint on entity types counted as holding. One rule per table and event
        type (the one with fewest constraints that holds): a PETRARCH verb has dozens
        of patterns for one type, and the question is which types the word may carry."""
        kinds = self._event_rules(token.lemma_.lower(), token.pos_)
        if not kinds:
            return
        around = _Surroundings(token)
        for kind in kinds:
            if not kind.may_hold(around):
                continue
            found = next((r for r in kind.rules
                          if _satisfied(r, around, ENTITY_KINDS) is not None), None)
            if found is not None:
                yield found

    def _event_rules(self, lemma: str, pos: str) -> list[_EventKind]:
        """Every table's event rules for a word of this lemma and part of speech, grouped
        by table and event type, each group's rules with fewest constraints first."""
        if lemma not in self._by_lemma:
            return []
        key = (lemma, pos)
        found = self._event_rules_by_use.get(key)
        if found is None:
            kinds: dict[tuple[str, str], list[TriggerRule]] = {}
            for group in self._by_lemma[lemma]:
                for rule in group:
                    if rule.event != NOT_AN_EVENT and pos in POS_GROUPS[rule.pos]:
                        kinds.setdefault((rule.source, rule.event), []).append(rule)
            found = self._event_rules_by_use[key] = [
                _EventKind.of(sorted(rules, key=lambda rule: len(rule.constraints)),
                              ENTITY_KINDS)
                for rules in kinds.values()
            ]
        return found

    def match(self, token: Token) -> TriggerMatch | None:
        """The first rule for this token whose constraints hold, if it is an event."""
        if _names_a_time(token):
            return None
        fitting = self._fitting(token.lemma_.lower(), token.pos_)
        if fitting is None:
            return None
        around = _Surroundings(token)
        return _first_match(fitting.rules, token, around) if fitting.may_hold(around) else None

    def _fitting(self, lemma: str, pos: str) -> _EventKind | None:
        """The rules of the first table with rules for this lemma and part of speech, in
        table order (``match`` takes the first that holds)."""
        key = (lemma, pos)
        if key not in self._fitting_by_use:
            found = None
            for group in self._by_lemma.get(lemma, ()):
                fitting = [rule for rule in group if pos in POS_GROUPS[rule.pos]]
                if fitting:
                    found = _EventKind.of(fitting, frozenset())
                    break
            self._fitting_by_use[key] = found
        return self._fitting_by_use[key]


def _first_satisfied(rules: list[TriggerRule], token: Token,
                     around: _Surroundings | None = None) -> TriggerMatch | None:
    """The first rule whose constraints hold, a non-event rule included."""
    around = around or _Surroundings(token)
    for rule in rules:
        consumed = _satisfied(rule, around)
        if consumed is not None:
            return TriggerMatch(token, rule, consumed)
    return None


def _first_match(rules: list[TriggerRule], token: Token,
                 around: _Surroundings | None = None) -> TriggerMatch | None:
    """The first rule whose constraints hold, unless that rule says it is no event."""
    match = _first_satisfied(rules, token, around)
    return None if match is None or match.rule.event == NOT_AN_EVENT else match


def _names_a_time(token: Token) -> bool:
    return token.ent_type_ in {"DATE", "TIME"}  # "in March 2022" is a month, not a march


def _conflicts(rules: list[TriggerRule]) -> list[str]:
    """Rules of different tables with the same lemma, POS and constraints but different
    event types, once per pair; the earlier table's rule is the one used."""
    first: dict[tuple[str, str, frozenset[Constraint]], list[TriggerRule]] = defaultdict(list)
    warnings = []
    for rule in rules:
        seen = first[(rule.lemma, rule.pos, frozenset(rule.constraints))]
        for earlier in seen:
            if earlier.source != rule.source and earlier.event != rule.event:
                warnings.append(
                    f"{rule.source}:{rule.line} codes {rule.lemma} {rule.pos} "
                    f"{_describe(rule)} as {rule.event}, {earlier.source}:{earlier.line} "
                    f"as {earlier.event}; {earlier.source} decides"
                )
        seen.append(rule)
    return warnings


def _describe(rule: TriggerRule) -> str:
    parts = [f"{c.kind}={'|'.join(sorted(c.values))}" for c in rule.constraints]
    text = ",".join(parts) or "(no constraint)"
    return text if len(text) <= 60 else text[:57] + "..."


def _objects(token: Token) -> list[Token]:
    objects = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    if not objects and _modifies_its_object(token):
        objects = [token.head]
    if not objects:
        objects = judged_object(token) or _compound_read_as_clause(token)
    # "imposed new sanctions and a curfew": coordinated objects count too
    objects += [conj for obj in list(objects) for conj in obj.conjuncts]
    # "scrapped GSOMIA, an intelligence-sharing pact": a name's apposition says what it
    # is (only a name's: a common noun's apposition is more often a comment on it)
    objects += [c for obj in list(objects) if obj.pos_ == "PROPN"
                for c in obj.children if c.dep_ == "appos"]
    # "visa restrictions", "mobile internet access": the object noun's nominal modifiers
    objects += [
        c for obj in list(objects) for c in obj.children if c.dep_ in {"compound", "amod"}
    ]
    # "a group of Russian diplomats", "dozens of protesters", "$95 million in assistance":
    # the quantified noun
    objects += [
        pobj for obj in list(objects) for prep in obj.children
        if prep.dep_ == "prep"
        and (prep.text.lower() == "of" or (prep.text.lower() == "in" and _is_amount(obj)))
        for pobj in prep.children if pobj.dep_ == "pobj"
    ]
    return objects


def _compound_read_as_clause(token: Token) -> list[Token]:
    """ "imposed asset freezes and travel bans": a compound noun the tagger read as a
    clause ("asset" its subject, "freezes" its verb) is the object it is."""
    return [clause for clause in token.children
            if clause.dep_ == "ccomp" and clause.tag_ == "VBZ"
            and not any(c.dep_ in {"aux", "auxpass", "mark"} for c in clause.children)
            and any(c.dep_ == "nsubj" and c.tag_ == "NN" and c.i == clause.i - 1
                    and not any(d.dep_ in {"det", "poss"} for d in c.children)
                    for c in clause.children)]


def _is_amount(token: Token) -> bool:
    return token.pos_ == "NUM" or token.ent_type_ in {"MONEY", "QUANTITY", "CARDINAL"}


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
    # "thousands of seasonal workers", "a group of protesters": the people counted
    found += [pobj for s in list(found) for prep in s.children
              if prep.dep_ == "prep" and prep.lower_ == "of"
              for pobj in prep.children if pobj.dep_ == "pobj"]
    return found + [m for s in found for m in s.children if m.dep_ in {"compound", "amod"}]


def _preps(token: Token) -> list[Token]:
    """Prepositions on the word, except temporal ones ("called on Wednesday")."""
    return [
        c for c in token.children
        if c.dep_ in {"prep", "agent", "dative"}
        and not any(g.dep_ == "pobj" and g.ent_type_ in {"DATE", "TIME"} for g in c.children)
    ]


def _candidates(kind: str, token: Token, objects: Callable[[], list[Token]]) -> list[Token]:
    """The words a constraint of this kind looks at; ``objects`` gives the token's
    ``_objects`` (found once for the three kinds that read them)."""
    if kind in {"obj", "objent"}:
        return objects()
    if kind == "prt":
        # "brushed aside": the parser often makes a particle an adverb
        return [c for c in token.children if c.dep_ in {"prt", "advmod"}]
    if kind == "prep":
        return _preps_with_objects(token, objects)
    if kind == "dep":
        return list(token.children)
    if kind == "pobj":
        preps = _preps_with_objects(token, objects)
        return [g for p in preps for g in p.children if g.dep_ == "pobj"] + [
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
    if kind == "comp":
        return [c for c in token.children if c.dep_ in {"xcomp", "ccomp"}]
    raise LexiconError(f"unknown constraint kind {kind!r}")


def _preps_with_objects(token: Token, objects: Callable[[], list[Token]]) -> list[Token]:
    """The token's prepositions and its objects': the parser may hang the preposition on
    the object noun ("conducted exercises with X", "set part of the compound on fire")."""
    return _preps(token) + [p for obj in objects() for p in _preps(obj)]


def _label(kind: str, token: Token) -> list[str]:
    """What a constraint of this kind compares: the entity type, the relation, or words."""
    if kind == "objent":
        return [token.ent_type_.lower()]
    if kind == "dep":
        return [token.dep_.lower()]
    return [token.lemma_, token.lower_]


@dataclass(frozen=True)
class _EventKind:
    """Rules of one word (one table's for one event type, or a table's in its order),
    and their gates: for each kind of constraint every rule has (``assumed`` kinds
    aside), one constraint admitting what any of theirs admits. A word none of a gate's
    words fits cannot match any of the rules."""

    rules: list[TriggerRule]
    gates: tuple[Constraint, ...]

    @classmethod
    def of(cls, rules: list[TriggerRule], assumed: frozenset[str]) -> _EventKind:
        shared = set.intersection(*({c.kind for c in r.constraints} for r in rules)) - assumed
        gates = tuple(
            Constraint(kind, frozenset(v for r in rules for c in r.constraints
                                       if c.kind == kind for v in c.values))
            for kind in sorted(shared))
        return cls(rules, gates)

    def may_hold(self, around: _Surroundings) -> bool:
        return all(gate.admits_any(around.all_labels(gate.kind)) for gate in self.gates)


class _Surroundings:
    """The words each kind of constraint looks at around one token, with the labels it
    compares, found once for all the rules of the token's lemma (a PETRARCH verb has
    dozens)."""

    def __init__(self, token: Token) -> None:
        self.token = token
        self._found: dict[str, list[tuple[Token, list[str]]]] = {}
        self._all: dict[str, frozenset[str]] = {}
        self._objects: list[Token] | None = None

    def labelled(self, kind: str) -> list[tuple[Token, list[str]]]:
        found = self._found.get(kind)
        if found is None:
            found = self._found[kind] = [(t, _label(kind, t)) for t
                                         in _candidates(kind, self.token, self.objects)]
        return found

    def objects(self) -> list[Token]:
        if self._objects is None:
            self._objects = _objects(self.token)
        return self._objects

    def all_labels(self, kind: str) -> frozenset[str]:
        """Every label (lower-cased) of the words of this kind: a constraint holds when it
        admits one of them."""
        found = self._all.get(kind)
        if found is None:
            found = self._all[kind] = frozenset(
                label.lower() for _, labels in self.labelled(kind) for label in labels)
        return found


def _satisfied(rule: TriggerRule, around: _Surroundings, assumed: frozenset[str] = frozenset()
               ) -> tuple[int, ...] | None:
    """The tokens the rule's object constraints consume when all its constraints hold
    (those of an ``assumed`` kind taken as holding), else None."""
    consumed: list[int] = []
    for constraint in rule.constraints:
        if constraint.kind in assumed:
            continue
        if not constraint.admits_any(around.all_labels(constraint.kind)):
            return None
        if constraint.kind == "obj":
            consumed.extend(t.i for t, labels in around.labelled("obj")
                            if any(constraint.admits(label) for label in labels))
    return tuple(consumed)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    text = read_text(BUILTIN_SOURCE)
    return Lexicon.from_text(text)


@lru_cache(maxsize=4)
def shipped_lexicon(name: str) -> Lexicon:
    """A table shipped with polex: ``builtin`` (triggers.tsv) or ``cameo`` (converted from
    PETRARCH2's CAMEO verb dictionary)."""
    if name not in SHIPPED_TABLES:
        known = ", ".join(SHIPPED_TABLES)
        raise LexiconError(f"unknown rule source {name!r} (known: {known})")
    if name == "builtin":
        return default_lexicon()
    parts = SHIPPED_TABLES[name]
    return Lexicon.from_text(read_text(*parts), source=parts[-1])


@lru_cache(maxsize=8)
def load_lexicon(sources: tuple[str, ...] = ("builtin",), files: tuple[str, ...] = ()
                 ) -> Lexicon:
    """The shipped tables named in ``sources``, then users' table files, in that order
    of precedence. An unreadable or malformed file raises LexiconError."""
    tables = [shipped_lexicon(name) for name in sources]
    tables += [_read_table(Path(path)) for path in files]
    if len(tables) == 1:
        return tables[0]
    return Lexicon.combine(tables)


def _read_table(path: Path) -> Lexicon:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"cannot read rule table {path}: {exc}") from exc
    return Lexicon.from_text(text, source=path.name)
