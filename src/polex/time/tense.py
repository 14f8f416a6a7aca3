"""The tense of the clause an event trigger stands in: past, present or future.

Read from the parse as a careful reader would: auxiliaries and modals first
("will meet", "may meet", "has met"), then the verbs that put their complement in
the future ("plans to", "is expected to", "is due to", "are going to", "is to"),
then the verb's own form. A present-tense clause with an attached time
expression that looks forward ("travels to Berlin next week") is future, and so
is a present progressive with any attached date ("is visiting Paris on Tuesday").
A noun trigger takes the tense of the verb that governs it, unless a modifier
already says it lies ahead ("the planned visit", "the upcoming summit").
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from polex.time.lexicon import time_words
from polex.time.normalize import Tense

_VERBAL = {"VERB", "AUX"}
_TIME_LABELS = {"DATE", "TIME"}
_TIME_ATTACHMENTS = {"npadvmod", "prep", "advmod", "tmod", "obl", "nmod"}
_MAX_CLIMB = 6


def clause_tense(verb: Token) -> Tense:
    """Past, present or future for the clause of ``verb`` (a verb or a noun trigger)."""
    if verb.pos_ not in _VERBAL and _has_future_modifier(verb):
        return "future"
    clause = governing_verb(verb)
    if clause is None:
        return "past"  # a verbless headline or caption reports what happened
    return _verb_tense(clause, 0)


def governing_verb(token: Token) -> Token | None:
    """The token itself when verbal, else the nearest verbal ancestor."""
    current = token
    for _ in range(len(token.doc)):
        if current.pos_ in _VERBAL:
            return current
        if current.head == current:
            return None
        current = current.head
    return None


def _has_future_modifier(noun: Token) -> bool:
    modifiers = time_words().future_noun_modifiers
    if any(c.lower_ in modifiers for c in noun.children if c.dep_ in {"amod", "compound"}):
        return True
    attached = _attached_time_text(noun)
    return attached is not None and _looks_forward(attached)


def _verb_tense(verb: Token, depth: int) -> Tense:
    if depth > _MAX_CLIMB:
        return "past"
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    modal = _modal_tense(verb, auxiliaries)
    if modal is not None:
        return modal
    governed = _governed_tense(verb, depth)
    if governed is not None:
        return governed
    tense = _auxiliary_tense(auxiliaries) or _form_tense(verb, depth)
    if tense == "present" and _points_forward(verb, auxiliaries):
        return "future"
    return tense


def _modal_tense(verb: Token, auxiliaries: list[Token]) -> Tense | None:
    words = time_words()
    modals = [a.lower_ for a in auxiliaries if a.tag_ == "MD"]
    if not modals:
        return None
    if any(m in words.future_modals for m in modals):
        return "future"
    if any(a.lemma_ == "have" for a in auxiliaries):
        return "past"  # "may have met"
    if "could" in modals and any(c.dep_ == "neg" for c in verb.children):
        return "past"  # "could not attend": the past of "cannot"
    if any(m in words.weak_future_modals for m in modals):
        return "future"
    return "present"


def _governed_tense(verb: Token, depth: int) -> Tense | None:
    """Infinitival complements: "plans to visit", "is due to visit", "a plan to visit"."""
    infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)
    if verb.dep_ != "xcomp" and not infinitive:
        return None
    governor = verb.head
    if governor == verb:
        return None
    if governor.lemma_.lower() in time_words().future_governors and not is_past_perfect(governor):
        return "future"
    if verb.dep_ == "xcomp" and governor.lemma_ == "be" and infinitive:
        return "future"  # "is to visit"
    if verb.dep_ == "acl" and governor.pos_ in {"NOUN", "PROPN"}:
        return "future"  # "a bid to join", "an agreement to build"
    if verb.dep_ in {"xcomp", "advcl", "acl", "conj"}:
        upper = governing_verb(governor)
        return _verb_tense(upper, depth + 1) if upper is not None else None
    return None


def is_perfect(verb: Token) -> bool:
    """A perfect clause ("have built up", "had opened"): an auxiliary "have" on the verb."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def is_past_perfect(verb: Token) -> bool:
    """A governor like "had planned to visit": a plan given up, not a future event."""
    had = time_words().past_perfect_auxiliaries
    return any(c.dep_ == "aux" and c.lower_ in had for c in verb.children)


def _auxiliary_tense(auxiliaries: list[Token]) -> Tense | None:
    lemmas = {a.lemma_ for a in auxiliaries}
    if "have" in lemmas:
        return "past"
    for aux in auxiliaries:
        if aux.tag_ == "VBD":
            return "past"
        if aux.tag_ in {"VBZ", "VBP"}:
            return "present"
    return None


def _form_tense(verb: Token, depth: int) -> Tense:
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ in {"VBZ", "VBP"}:
        return "present"
    if verb.dep_ in {"conj", "advcl", "acl", "relcl", "xcomp", "pcomp"} and verb.tag_ == "VBG":
        upper = governing_verb(verb.head)
        if upper is not None and upper != verb:
            return _verb_tense(upper, depth + 1)
    if verb.dep_ == "conj":
        upper = governing_verb(verb.head)
        if upper is not None and upper != verb:
            return _verb_tense(upper, depth + 1)
    if verb.tag_ == "VBN":
        return "past"  # a bare participle: "a loan signed in March"
    return "present"


def _points_forward(verb: Token, auxiliaries: list[Token]) -> bool:
    """A present-tense clause that speaks of a scheduled event."""
    passive = any(a.dep_ == "auxpass" for a in auxiliaries)
    if passive and verb.lemma_.lower() in time_words().future_governors:
        return True  # "is scheduled for", "is expected on"
    attached = _attached_time_text(verb)
    if attached is None:
        return False
    progressive = verb.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxiliaries)
    return progressive or _looks_forward(attached)


def _attached_time_text(head: Token) -> str | None:
    """The words of the time expressions attached directly to ``head``, if any."""
    pieces = []
    for child in head.children:
        if child.dep_ not in _TIME_ATTACHMENTS:
            continue
        words = [t.lower_ for t in child.subtree if t.ent_type_ in _TIME_LABELS]
        words += [t.lower_ for t in child.subtree if t.lower_ in time_words().future_time_cues]
        pieces.extend(words)
    return " ".join(pieces) if pieces else None


def _looks_forward(time_text: str) -> bool:
    return any(
        re.search(rf"(?:^|\s){re.escape(cue)}(?:\s|$)", time_text)
        for cue in time_words().future_time_cues
    )
