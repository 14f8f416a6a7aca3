"""Whether an event happened: occurred, planned, possible or negated.

Reads the trigger's clause the way a coder does: negation on the verb or its subject
("did not meet", "no one was arrested"), negating verbs above it ("refused to sign",
"denied that troops crossed", "ruled out sending"), modal and hedging words ("may",
"is expected to", "probably", "on the agenda"), conditionals, whether-clauses and yes/no
questions (possible); future and scheduling constructions ("will", "plans to", "is due
to", "the planned visit", "agreed to resume talks") (planned). Reported speech ("the
ministry said troops had withdrawn") stays occurred: it is attributed, not negated.
Precedence: negated, then possible, then planned, then occurred; a modifier on an event
noun ("the planned visit") outranks the verbs above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from polex.data import read_json
from polex.schema import Status

NOUN_ARGUMENT_DEPS = {"dobj", "obj", "nsubj", "nsubjpass", "attr", "oprd", "xcomp"}
CIRCUMSTANCE_PREPS = {"during", "after", "before", "since", "despite", "amid", "following",
                      "ahead", "at", "like", "unlike", "over"}
# Prepositions through which a verb embeds a gerund: "refrained from attacking", "stopped
# short of expelling"; not "after meeting" or "by attacking", which set time or means.
EMBEDDING_PREPS = {"of", "from", "on", "about", "into", "toward", "towards"}
# Relations a trigger's clause climbs through to the verbs that embed it.
EMBEDDING_DEPS = {"xcomp", "ccomp", "conj", "aux", "auxpass", "pcomp"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
FINITE_TAGS = {"VBD", "VBZ", "VBP"}
VERBAL = {"VERB", "AUX"}


@dataclass(frozen=True)
class FactualityCues:
    negators: frozenset[str]
    negative_subjects: frozenset[str]
    negative_determiners: frozenset[str]
    negating_verbs: frozenset[str]
    negating_phrases: tuple[str, ...]
    possible_modals: frozenset[str]
    future_modals: frozenset[str]
    planning_verbs: frozenset[str]
    commitment_verbs: frozenset[str]
    hedging_verbs: frozenset[str]
    hedging_adjectives: frozenset[str]
    hedging_adverbs: frozenset[str]
    hedging_phrases: tuple[str, ...]
    conditional_marks: frozenset[str]
    planned_noun_modifiers: frozenset[str]
    possible_noun_modifiers: frozenset[str]
    future_adverbs: frozenset[str]
    question_words: frozenset[str]
    reporting_verbs: frozenset[str]


@lru_cache(maxsize=1)
def cues() -> FactualityCues:
    raw = read_json("factuality.json")
    phrases = {"negating_phrases", "hedging_phrases"}
    words = {name: frozenset(raw[name]) for name in FactualityCues.__dataclass_fields__
             if name not in phrases}
    return FactualityCues(
        negating_phrases=tuple(raw["negating_phrases"]),
        hedging_phrases=tuple(raw["hedging_phrases"]),
        **words,
    )


# --- the clause ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    """The trigger, the verb that carries it, and the verbs that embed that verb."""

    trigger: Token
    chain: list[Token]  # trigger first (when a noun), then its verb and the verbs above it
    own: list[Token]  # the part of the chain before it crosses into a reported clause

    @property
    def above(self) -> list[Token]:
        """The chain without the trigger itself: the words that can qualify it."""
        return [t for t in self.chain if t != self.trigger]


def _verbal_head(trigger: Token) -> Token:
    """The verb whose clause decides an event's factuality.

    For an event noun, the verb it is an argument of ("did not announce a visit" ->
    announce); not a verb it merely accompanies ("did not apologize during the summit").
    """
    if trigger.pos_ in VERBAL:
        return trigger
    head = trigger.head
    if trigger.dep_ in NOUN_ARGUMENT_DEPS and head.pos_ in VERBAL:
        return head
    if (trigger.dep_ == "pobj" and head.dep_ == "prep"
            and head.lower_ not in CIRCUMSTANCE_PREPS and head.head.pos_ in VERBAL):
        return head.head
    return trigger


def _embedding(token: Token) -> Token | None:
    """The word that embeds ``token``'s clause, or None at the top of it.

    "is expected to visit" -> expected; "stopped short of expelling" -> stopped (through
    the preposition); not "after meeting", whose preposition only sets the time.
    """
    if token.head == token or token.dep_ not in EMBEDDING_DEPS:
        return None
    if token.dep_ == "conj" and token.tag_ in FINITE_TAGS:
        return None  # "called the move a threat and put troops on alert": its own clause
    head = token.head
    if token.dep_ == "pcomp":
        if head.dep_ != "prep" or head.lower_ not in EMBEDDING_PREPS or head.head == head:
            return None
        head = head.head
        if head.dep_ == "advmod" and head.head != head:  # "short of": the verb above
            head = head.head
    return head


def clause_of(trigger: Token) -> Clause:
    """The trigger's clause: its verb and the verbs above it, up through reporting verbs
    ("said", "denied") whose complement it is."""
    verb = _verbal_head(trigger)
    chain = [verb] if verb == trigger else [trigger, verb]
    own = list(chain)
    crossed = False
    current = verb
    while (above := _embedding(current)) is not None and above not in chain:
        crossed = crossed or current.dep_ == "ccomp"
        chain.append(above)
        if not crossed:
            own.append(above)
        current = above
    return Clause(trigger, chain, own)


def _children(tokens: list[Token], deps: set[str]) -> list[Token]:
    return [c for t in tokens for c in t.children if c.dep_ in deps]


def _forms(token: Token) -> set[str]:
    """Lemma and surface forms, and the phrasal form with its particle ("rule out"):
    the lemmatizer sometimes errs ("hopes" -> "hop")."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower}
    for suffix in ("es", "s", "ed", "d", "ing"):
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            forms.add(lower[: -len(suffix)])
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    forms |= {f"{form} {particle}" for form in list(forms) for particle in particles}
    return forms


def _above_forms(clause: Clause) -> set[str]:
    own = _forms(clause.trigger)
    return {form for t in clause.above for form in _forms(t)} - own


def _window(clause: Clause) -> str:
    """The text the clause's chain spans ("have yet to release"), in lower case."""
    doc = clause.trigger.doc
    start = min(t.i for t in clause.chain)
    end = max(t.i for t in clause.chain) + 1
    return doc[start:end].text.lower()


# --- the four readings ---------------------------------------------------------------------


def status_of(trigger: Token) -> Status:
    """Whether the event named by ``trigger`` (a verb or an event noun) happened."""
    clause = clause_of(trigger)
    if _is_negated(clause):
        return "negated"
    modifiers = _noun_modifiers(trigger)  # "the planned visit", even when only discussed
    if modifiers & cues().possible_noun_modifiers:
        return "possible"
    if modifiers & cues().planned_noun_modifiers or _is_commitment(trigger):
        return "planned"
    if _is_possible(clause):
        return "possible"
    if _is_planned(clause):
        return "planned"
    return "occurred"


def _is_negated(clause: Clause) -> bool:
    c = cues()
    words = {t.lower_ for t in _children(clause.chain, {"neg", "advmod", "det", "preconj"})}
    if words & c.negators or _above_forms(clause) & c.negating_verbs:
        return True
    if any(phrase in _window(clause) for phrase in c.negating_phrases):
        return True
    return _has_negative_subject(clause)


def _has_negative_subject(clause: Clause) -> bool:
    """ "No one was arrested", "Neither side fired", "Nobody was killed"."""
    c = cues()
    for subject in _children(clause.own, SUBJECT_DEPS):
        if subject.lower_ in c.negative_subjects:
            return True
        if any(d.dep_ in {"det", "preconj"} and d.lower_ in c.negative_determiners
               for d in subject.children):
            return True
    return False


def _is_possible(clause: Clause) -> bool:
    c = cues()
    auxiliaries = {t.lower_ for t in _children(clause.chain, {"aux", "auxpass"})}
    if auxiliaries & c.possible_modals or _above_forms(clause) & c.hedging_verbs:
        return True
    adjectives = {t.lemma_.lower() for t in clause.above} | {
        t.lemma_.lower() for t in _children(clause.chain, {"acomp"})
    }
    if adjectives & c.hedging_adjectives:
        return True
    adverbs = {t.lower_ for t in _children(clause.chain, {"advmod"})}
    if adverbs & c.hedging_adverbs:
        return True
    if _is_conditional(clause) or _is_yes_no_question(clause.trigger):
        return True
    if _is_past_fact(clause.trigger):
        # "is expected to approve the withdrawal, after Orbán hosted Netanyahu": a past
        # verb with its own subject is not hedged by another clause's phrase
        return False
    sentence = clause.trigger.sent.text.lower()
    return any(phrase in sentence for phrase in c.hedging_phrases)


def _is_past_fact(trigger: Token) -> bool:
    return trigger.tag_ == "VBD" and any(c.dep_ in SUBJECT_DEPS for c in trigger.children)


def _is_planned(clause: Clause) -> bool:
    c = cues()
    auxiliaries = {t.lower_ for t in _children(clause.chain, {"aux"})}
    if auxiliaries & c.future_modals or _above_forms(clause) & c.planning_verbs:
        return True
    return _is_going_to(clause) or _is_be_to(clause) or _future_adverb(clause)


def is_refusal(trigger: Token) -> bool:
    """ "will not sign", "would not attend", "won't meet": a negated future is a refusal."""
    clause = clause_of(trigger)
    negated = {t.lower_ for t in _children(clause.chain, {"neg"})} & cues().negators
    future = {t.lower_ for t in _children(clause.chain, {"aux"})} & cues().future_modals
    return bool(negated) and bool(future)


# --- constructions -------------------------------------------------------------------------


def _noun_modifiers(trigger: Token) -> set[str]:
    """ "the planned visit", "a possible meeting", "any strike on Iranian soil" (one
    supposed, not one made): what an event noun's modifiers say."""
    if trigger.pos_ in VERBAL:
        return set()
    return {c.lower_ for c in trigger.children
            if c.dep_ in {"amod", "compound", "nmod", "det"}}


def _is_commitment(trigger: Token) -> bool:
    """ "agreed to resume talks", "pledged to withdraw": what was agreed is still to come,
    so the agreement is coded as planned (PLOVER AGREE)."""
    if not _forms(trigger) & cues().commitment_verbs:
        return False
    return any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in trigger.children
    )


def _is_conditional(clause: Clause) -> bool:
    """The trigger's clause is an if/unless/whether clause, or the main clause of one
    ("Unless Iran releases the tanker, Britain will impose sanctions")."""
    marks = cues().conditional_marks
    current = clause.trigger
    for _ in range(5):
        if any(c.dep_ == "mark" and c.lower_ in marks for c in current.children):
            return True
        if current.head == current:
            break
        current = current.head
    return any(
        any(m.dep_ == "mark" and m.lower_ in marks for m in adverbial.children)
        for adverbial in _children(clause.chain, {"advcl"})
    )


def _is_yes_no_question(trigger: Token) -> bool:
    """ "Did Beijing threaten Manila?" is open; "Why did Moscow expel them?" presumes it did."""
    sentence = trigger.sent
    if not sentence.text.rstrip().rstrip("\"'”’").endswith("?"):
        return False
    first = next((t for t in sentence if not t.is_punct and not t.is_space), None)
    return first is None or first.lower_ not in cues().question_words


def _is_going_to(clause: Clause) -> bool:
    """ "are going to discuss": going with a form of be, above the trigger's verb."""
    return any(
        t.lower_ == "going" and t.tag_ == "VBG"
        and any(c.dep_ in {"aux", "auxpass"} and c.lemma_ == "be" for c in t.children)
        for t in clause.above
    )


def _is_be_to(clause: Clause) -> bool:
    """ "The president is to visit Paris": be + to-infinitive with no other verb."""
    verb = next((t for t in clause.chain if t.pos_ in VERBAL), None)
    if verb is None:
        return False
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "be":
        return True
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and any(
        c.lemma_ == "be" and c.dep_ in {"aux", "ROOT"} for c in verb.children
    )


def _future_adverb(clause: Clause) -> bool:
    """ "Blinken travels to Beijing next week": a present tense with a future time."""
    verbs = [t for t in clause.chain if t.pos_ in VERBAL]
    if not verbs or verbs[0].tag_ not in {"VBZ", "VBP", "VBG"}:
        return False
    words = {
        t.lower_ for v in verbs for c in v.children if c.dep_ in {"npadvmod", "advmod", "prep"}
        for t in c.subtree
    }
    return bool(words & cues().future_adverbs)
