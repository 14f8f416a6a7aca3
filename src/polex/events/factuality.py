"""Whether an event happened: occurred, planned, possible or negated.

Reads the trigger's clause the way a coder does: negation on the verb, modal and hedging
verbs above it ("is expected to", "may"), future and scheduling constructions ("will",
"plans to", "is due to"), conditionals and questions. Reported speech ("the ministry
said troops had withdrawn") stays occurred: it is attributed, not negated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from polex.schema import Status


NOUN_ARGUMENT_DEPS = {"dobj", "obj", "nsubj", "nsubjpass", "attr", "oprd", "xcomp"}
CIRCUMSTANCE_PREPS = {"during", "after", "before", "since", "despite", "amid", "following",
                      "ahead", "at", "like", "unlike", "over"}


@dataclass(frozen=True)
class FactualityCues:
    negators: frozenset[str]
    negating_verbs: frozenset[str]
    possible_modals: frozenset[str]
    future_modals: frozenset[str]
    planning_verbs: frozenset[str]
    hedging_verbs: frozenset[str]
    hedging_adjectives: frozenset[str]
    hedging_phrases: tuple[str, ...]
    future_adverbs: frozenset[str]


@lru_cache(maxsize=1)
def cues() -> FactualityCues:
    raw = json.loads(
        resources.files("polex.data").joinpath("factuality.json").read_text(encoding="utf-8")
    )
    return FactualityCues(
        negators=frozenset(raw["negators"]),
        negating_verbs=frozenset(raw["negating_verbs"]),
        possible_modals=frozenset(raw["possible_modals"]),
        future_modals=frozenset(raw["future_modals"]),
        planning_verbs=frozenset(raw["planning_verbs"]),
        hedging_verbs=frozenset(raw["hedging_verbs"]),
        hedging_adjectives=frozenset(raw["hedging_adjectives"]),
        hedging_phrases=tuple(raw["hedging_phrases"]),
        future_adverbs=frozenset(raw["future_adverbs"]),
    )


def _verbal_head(trigger: Token) -> Token:
    """The verb whose clause decides an event's factuality.

    For an event noun, the verb it is an argument of ("did not announce a visit" ->
    announce); not a verb it merely accompanies ("did not apologize during the summit").
    """
    if trigger.pos_ in {"VERB", "AUX"}:
        return trigger
    head = trigger.head
    if trigger.dep_ in NOUN_ARGUMENT_DEPS and head.pos_ in {"VERB", "AUX"}:
        return head
    if trigger.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ not in CIRCUMSTANCE_PREPS:
        if head.head.pos_ in {"VERB", "AUX"}:
            return head.head
    return trigger


def _chain(verb: Token) -> list[Token]:
    """The verb and the verbs it is embedded under, up to the clause root.

    "is expected to visit" -> [visit, expected]; stops at reporting verbs so that
    "X said it will send aid" reads the inner clause only.
    """
    chain = [verb]
    current = verb
    while current.dep_ in {"xcomp", "ccomp", "conj", "aux", "auxpass"} and current.head is not current:
        if current.dep_ == "conj" and _has_own_subject(current):
            break  # "Serbia does not recognise X, and Serbs reject Y": Y is not negated
        current = current.head
        chain.append(current)
    return chain


def _has_own_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children)


def _children_lemmas(tokens: list[Token], deps: set[str]) -> set[str]:
    return {c.lemma_.lower() for t in tokens for c in t.children if c.dep_ in deps}


def _children_lower(tokens: list[Token], deps: set[str]) -> set[str]:
    return {c.lower_ for t in tokens for c in t.children if c.dep_ in deps}


def status_of(trigger: Token) -> Status:
    c = cues()
    verb = _verbal_head(trigger)
    chain = _chain(verb)
    if trigger is not verb:
        chain = [trigger] + chain
    words = _children_lower(chain, {"neg", "advmod", "det", "preconj"})
    lemmas = {form for t in chain for form in _forms(t)}
    if words & c.negators or lemmas & c.negating_verbs - {trigger.lemma_.lower()}:
        return "negated"
    auxiliaries = _children_lower(chain, {"aux", "auxpass"})
    if auxiliaries & c.possible_modals or lemmas & c.hedging_verbs:
        return "possible"
    if _children_lemmas(chain, {"acomp"}) & c.hedging_adjectives:
        return "possible"
    sentence = trigger.sent
    if _is_conditional(trigger) or sentence.text.rstrip().endswith("?"):
        return "possible"
    if any(phrase in sentence.text.lower() for phrase in c.hedging_phrases):
        return "possible"
    if auxiliaries & c.future_modals or lemmas & c.planning_verbs - {trigger.lemma_.lower()}:
        return "planned"
    if _is_going_to(chain) or _is_be_to(chain) or _future_adverb(chain):
        return "planned"
    return "occurred"


def _forms(token: Token) -> set[str]:
    """Lemma and surface forms: the lemmatizer sometimes errs ("hopes" -> "hop")."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower}
    for suffix in ("es", "s", "ed", "d", "ing"):
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            forms.add(lower[: -len(suffix)])
    return forms


def is_refusal(trigger: Token) -> bool:
    """ "will not sign", "would not attend", "won't meet": a negated future is a refusal."""
    verb = _verbal_head(trigger)
    chain = _chain(verb)
    negated = _children_lower(chain, {"neg"}) & cues().negators
    return bool(negated) and bool(_children_lower(chain, {"aux"}) & cues().future_modals)


def _is_conditional(trigger: Token) -> bool:
    clause = trigger
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in clause.children):
            return True
        if clause.head is clause:
            break
        clause = clause.head
    return False


def _is_going_to(chain: list[Token]) -> bool:
    return any(t.lower_ == "going" and t.dep_ != "ROOT" or t.lemma_ == "go" and
               any(c.lower_ == "to" for c in t.children) and
               any(c.dep_ == "aux" and c.lemma_ == "be" for c in t.children)
               for t in chain[1:])


def _is_be_to(chain: list[Token]) -> bool:
    """ "The president is to visit Paris": be + to-infinitive with no other verb. """
    head = chain[0]
    if head.dep_ == "xcomp" and head.head.lemma_ == "be":
        return True
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children) and any(
        c.lemma_ == "be" and c.dep_ in {"aux", "ROOT"} for c in head.children
    )


def _future_adverb(chain: list[Token]) -> bool:
    words = {
        t.lower_ for v in chain for c in v.children if c.dep_ in {"npadvmod", "advmod", "prep"}
        for t in c.subtree
    }
    present = any(v.tag_ in {"VBZ", "VBP", "VBG"} for v in chain[:1])
    return present and bool(words & cues().future_adverbs)
