"""How the grammar places one event relative to another on the article's timeline.

Read from the dependency parse only, no dates involved:

- an offset clause or phrase: "sworn in on Thursday, *three days after* Hasina resigned"
  puts the resignation three days before the swearing-in; "*a month after* Trudeau's
  statement, India forced..." puts the expulsion a month after the statement;
- a report: "Britain said on Tuesday it had suspended aid": a past-tense act inside what a
  reporting verb reports happened by the time of the report, and a coder dates it so;
- a relative clause on a dated noun: "a January election *that the opposition
  boycotted*", "since January 2023, *when Estonia expelled* the ambassador";
- a verb coordinated with another under one subject: "resigned and *fled* to India";
- a temporal clause: "*after* the police arrested Amini, protests spread in September".

:class:`polex.time.dating.EventDater` turns these relations into dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Token

from polex.time.lexicon import time_words
from polex.time.tense import is_perfect

Direction = Literal["earlier", "later", "same"]
_VERBAL = {"VERB", "AUX"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_AFTER_WORDS = {"after", "following"}
_WHEN_WORDS = {"when", "as", "while", "once"}
_PERIOD_PREPOSITIONS = {"in", "within", "during", "on", "over"}
_OFFICE_NOUNS = {"inauguration", "election", "swearing-in", "appointment"}
_OFFICE_VERBS = {"swear", "inaugurate", "elect"}
_PERIODS = {"day", "week", "aftermath", "wake", "eve", "run-up", "hour", "minute"}
_SAME_DAY_PERIODS = {"hour", "minute"}  # "within hours of the March 5 incident"
_TALKS = {"talks", "meeting", "meetings", "consultations", "negotiations", "summit"}
_PAST_BE_FORMS = frozenset({"was", "were"})
_PERIOD_LINKS = {"after", "following", "of", "to", "before"}


@dataclass(frozen=True)
class Anchor:
    """The word whose date places an event, and where the event lies from it."""

    token: Token
    direction: Direction
    offset: str | None = None  # "three days"; None with direction "same"


def offset_anchor(trigger: Token) -> Anchor | None:
    """An offset ("three days after", "a month after") relating the trigger's clause to
    another event: the trigger in the subordinate part, or the trigger as main clause."""
    return _subordinate(trigger) or _main(trigger)


def reporting_anchor(trigger: Token) -> Anchor | None:
    """The reporting verb of a past-tense act it reports ("said on Tuesday it had...")."""
    clause = shared_subject_head(trigger)
    if clause.dep_ == "xcomp" and clause.head.lemma_ == "be":
        clause = clause.head  # "replied on Monday that Chisinau was to blame"
    if clause.dep_ != "ccomp" or clause.head == clause:
        return None
    reporter = clause.head
    if reporter.lemma_.lower() not in time_words().reporting_verbs:
        return None
    past = clause.tag_ in {"VBD", "VBN"} or _is_past_progressive(clause)
    if not past or _is_future(clause) or _is_present_perfect(clause):
        return None  # "has no plans", "stands ready", "has offered": not a dated act
    return Anchor(reporter, "same")


def _is_past_progressive(verb: Token) -> bool:
    """ "announced that it was suspending aid": the act under way when it was told."""
    return verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lower_ in _PAST_BE_FORMS for c in verb.children)


def announcing_anchor(trigger: Token) -> Anchor | None:
    """The reporting verb of what it announces for later ("announced that his government
    would not seek talks"): with no date of its own, the announced act is coded when it
    was announced, not when the story was published."""
    clause = shared_subject_head(trigger)
    if clause.dep_ != "ccomp" or clause.head == clause or not _is_future(clause):
        return None
    reporter = clause.head
    if reporter.lemma_.lower() not in time_words().reporting_verbs or reporter.tag_ != "VBD":
        return None
    return Anchor(reporter, "same")


def episode_anchor(trigger: Token) -> Anchor | None:
    """ "announced during a visit to Kyiv", "returned the Bronzes at a ceremony on
    Tuesday, during a visit by Baerbock": an event noun that frames a verb's act shares
    its date."""
    if trigger.pos_ not in {"NOUN", "PROPN"}:
        return None
    if trigger.dep_ == "dobj" and trigger.head.pos_ in {"VERB", "AUX"}:
        return Anchor(trigger.head, "same")  # "wrapped up a visit", "launched an attack"
    if trigger.dep_ != "pobj":
        return None
    preposition = trigger.head
    talks = preposition.lower_ == "for" and trigger.lower_ in _TALKS  # "flew in for talks"
    if preposition.lower_ not in time_words().episode_prepositions and not talks:
        return None
    verb = preposition.head
    return Anchor(verb, "same") if verb.pos_ in {"VERB", "AUX"} else None


def later_conjunct(trigger: Token) -> Anchor | None:
    """ "removed Bashir from power and took him into custody on Thursday": a verb whose
    coordinated verb, with the same subject, carries the time."""
    for child in trigger.children:
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} and not _has_subject(child):
            return Anchor(child, "same")
    return None


def participle_anchor(trigger: Token) -> Anchor | None:
    """ "passed a resolution calling for the withdrawal", "signed a decree creating a
    commission": a participle on the verb's object or subject acts when the verb does."""
    if trigger.dep_ != "acl" or trigger.tag_ != "VBG" or _has_subject(trigger):
        return None
    noun = trigger.head
    verb = noun.head
    if noun.dep_ not in {"dobj", "nsubj", "nsubjpass"} or verb.pos_ not in _VERBAL:
        return None
    return Anchor(verb, "same")


def temporal_clause_anchor(trigger: Token) -> Anchor | None:
    """ "after the morality police arrested Amini ... protests spread in September 2022",
    "when soldiers seized Tandja": a temporal clause with no time of its own happens when
    its main clause does ("when", "as", "while") or shortly before it ("after")."""
    clause = shared_subject_head(trigger)
    if clause.dep_ != "advcl" or clause.head == clause or clause.head.pos_ not in _VERBAL:
        return None
    marks = {c.lower_ for c in clause.children if c.dep_ in {"mark", "prep"}}
    if marks & _WHEN_WORDS:
        return Anchor(clause.head, "same")
    if marks & _AFTER_WORDS:
        return Anchor(clause.head, "earlier")
    return None


def since_clause_anchor(trigger: Token) -> Anchor | None:
    """ "have restricted access to Tigray since the fighting began on November 4": an act
    in the perfect that runs on from another event began when that event happened."""
    if trigger.pos_ not in _VERBAL or not is_perfect(trigger):
        return None
    for clause in trigger.children:
        if clause.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ == "since" for c in clause.children):
            return Anchor(clause, "same")
    return None


def accompanying_participle(trigger: Token) -> Anchor | None:
    """ "Aliyev, speaking at a military parade in Baku on 26 June, warned that...": a
    participle clause on the verb tells when its act happened too (not a perfect one,
    "having signed the deal on Monday", which lies before)."""
    if trigger.pos_ not in _VERBAL:
        return None
    subjects = [c for c in trigger.children if c.dep_ in _SUBJECT_DEPS]
    candidates = [c for c in trigger.children if c.dep_ == "advcl"] + [
        c for s in subjects for c in s.children if c.dep_ == "acl"]  # "Aliyev, speaking..."
    for clause in candidates:
        if clause.tag_ == "VBG" and not any(c.lower_ == "having" for c in clause.children):
            return Anchor(clause, "same")
    return None


def purpose_anchor(trigger: Token) -> Anchor | None:
    """ "flew to Moscow to see Putin": a purpose infinitive with no subject of its own, on a
    past verb, says what was done on that trip, at its time."""
    if trigger.dep_ != "advcl" or trigger.tag_ != "VB" or _has_subject(trigger):
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return None
    head = trigger.head
    if head.pos_ not in _VERBAL or head.tag_ != "VBD":
        return None
    return Anchor(head, "same")


def event_noun_anchor(trigger: Token, event_nouns: frozenset[str]) -> Anchor | None:
    """An event noun the verb is placed after or just before without a measure: "After the
    April 2017 vote", "in the days after the referendum", "within days of his 2015
    inauguration", "in the run-up to the 2018 election", "on the eve of the vote"; or
    that it took place at ("at the Victory Day parade", "during the summit"). An event
    noun is placed the same way ("his first trip abroad after his inauguration in July
    2000")."""
    if trigger.pos_ not in _VERBAL and trigger.pos_ != "NOUN":
        return None
    children = list(trigger.children)
    if trigger.dep_ == "nsubj" and trigger.head.lemma_ == "be":
        # "His first trip abroad, within weeks of being sworn in, was to N'Djamena"
        children += [c for c in trigger.head.children if c.i > trigger.i]
    for child in children:
        if child.dep_ != "prep" or any(c.dep_ == "npadvmod" for c in child.children):
            continue
        found = (_after_event(child, event_nouns) or _period_around_event(child, event_nouns)
                 or _at_event(child, event_nouns))
        if found is not None and (trigger.pos_ in _VERBAL or _one_event(found.token, trigger)):
            return found
    return None


def _one_event(anchor: Token, noun: Token) -> bool:
    """ "his first trip after his inauguration": an event noun follows one event; "their
    third meeting after summits in Bishkek and Tashkent" counts it in a series instead."""
    return (anchor.tag_ == "NN" or anchor.pos_ in _VERBAL) and noun.dep_ != "attr"


def _at_event(preposition: Token, event_nouns: frozenset[str]) -> Anchor | None:
    """ "accused the West at the Victory Day parade", "during the summit": the verb's
    act takes place at the event."""
    if preposition.lower_ not in {"at", "during"}:
        return None
    noun = _event_object(preposition, event_nouns)
    return Anchor(noun, "same") if noun is not None else None


def _after_event(preposition: Token, event_nouns: frozenset[str]) -> Anchor | None:
    if preposition.lower_ not in _AFTER_WORDS:
        return None
    noun = _event_object(preposition, event_nouns)
    return Anchor(noun, "later") if noun is not None else None


def _period_around_event(preposition: Token, event_nouns: frozenset[str]) -> Anchor | None:
    if preposition.lower_ not in _PERIOD_PREPOSITIONS:
        return None
    period = next((c for c in preposition.children if c.dep_ == "pobj"), None)
    period_word = _period_word(period) if period is not None else None
    if period is None or period_word not in _PERIODS:
        return None
    for link in period.children:
        if link.dep_ != "prep" or link.lower_ not in _PERIOD_LINKS:
            continue
        noun = _event_object(link, event_nouns)
        if noun is None:
            continue
        if period_word == "eve":
            return Anchor(noun, "earlier", "a day")
        if period_word in _SAME_DAY_PERIODS:
            return Anchor(noun, "same")
        return Anchor(noun, "earlier" if link.lower_ in {"to", "before"} else "later")
    return None


def _period_word(period: Token) -> str:
    """The period a phrase names; "run-up" and "lead-up" come split as "run - up"."""
    if period.lower_ == "up" and any(c.lower_ in {"run", "lead"} for c in period.children):
        return "run-up"
    return period.lemma_.lower()


def _event_object(preposition: Token, event_nouns: frozenset[str]) -> Token | None:
    noun = next((c for c in preposition.children if c.dep_ == "pobj"), None)
    if noun is None:
        # "within weeks of being sworn in"
        return next((c for c in preposition.children if c.dep_ == "pcomp" and takes_office(c)),
                    None)
    if noun.lower_ not in event_nouns:
        return None
    return noun


def takes_office(token: Token) -> bool:
    """A word for someone's taking office: "his inauguration", "her election", "being
    sworn in", "taking office"."""
    if token.pos_ == "NOUN":
        return token.lower_ in _OFFICE_NOUNS and any(c.dep_ == "poss" for c in token.children)
    if token.pos_ not in _VERBAL:
        return False
    lemma = token.lemma_.lower()
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ in {"office", "power"} for c in token.children)
    return lemma in _OFFICE_VERBS


def where_clause_anchor(trigger: Token) -> Anchor | None:
    """ "made his first trip to the French base at Gao, where he met Keïta": a "where"
    clause on the place a verb takes someone to tells what happened on that trip."""
    clause = shared_subject_head(trigger)
    if not _is_where_clause(clause):
        return None
    current = clause.head
    while current.dep_ in {"pobj", "prep", "appos", "conj"} and current.head != current:
        current = current.head
        if current.pos_ in _VERBAL:
            return Anchor(current, "same")
    return None


_TRAVEL_VERBS = frozenset({"fly", "travel", "go", "arrive", "head", "return", "come", "drive"})


def destination_clause_anchor(trigger: Token) -> Anchor | None:
    """ "Henry flew to Nairobi, where he and Ruto signed an agreement on 1 March": a trip
    the text leaves undated happened when what the "where" clause on its destination
    tells of did."""
    if trigger.lemma_.lower() not in _TRAVEL_VERBS:
        return None  # "ordered units to Hiiraan, where forces pushed militants out last year"
    for prep in trigger.children:
        if prep.dep_ != "prep":
            continue
        for place in (c for c in prep.children if c.dep_ == "pobj"):
            for clause in place.children:
                if _is_where_clause(clause):
                    return Anchor(clause, "same")
    return None


def _is_where_clause(clause: Token) -> bool:
    """A relative clause on a place opened by "where"."""
    return clause.dep_ == "relcl" and any(c.lower_ == "where" for c in clause.children)


def relative_clause_noun(trigger: Token) -> Token | None:
    """ "a January election that X boycotted": the noun a relative clause modifies."""
    clause = shared_subject_head(trigger)
    if clause.dep_ == "relcl" and clause.head != clause:
        return clause.head
    return None


def shared_subject_head(trigger: Token) -> Token:
    """The verb whose subject and time the trigger shares: the first verb of a
    coordination ("resigned and fled"), or the verb a participle without its own
    subject or conjunction hangs on ("seized power on Monday, declaring a state of
    emergency"); the trigger itself otherwise."""
    current = trigger
    while current.head != current and not _has_subject(current):
        head = current.head
        if current.dep_ == "pcomp" and head.lower_ == "by" and head.head.pos_ in _VERBAL:
            current = head.head  # "responded on Friday by demanding that France withdraw"
            continue
        participle = (
            current.dep_ == "advcl"
            and current.tag_ in {"VBG", "VBN"}
            and not any(c.dep_ == "mark" for c in current.children)
        )
        if head.pos_ in _VERBAL and (current.dep_ == "conj" or participle):
            current = head
            continue
        break
    return current


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in _SUBJECT_DEPS for c in verb.children)


def _is_present_perfect(clause: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in {"has", "have"} for c in clause.children)


def shifted_expression(anchor: Anchor) -> str | None:
    """The chained expression that counts from the anchor's date ("three days earlier");
    None when the event shares the anchor's date."""
    if anchor.direction == "same" or anchor.offset is None:
        return None
    if anchor.offset.lower() in time_words().same_day_offsets:
        return None
    measure = re.sub(r"^the\b", "a", anchor.offset, flags=re.IGNORECASE)  # "the day after"
    return f"{measure} {anchor.direction}"


def _subordinate(trigger: Token) -> Anchor | None:
    clause = shared_subject_head(trigger)
    if clause.dep_ == "pcomp":
        return _gerund_after(clause)
    if clause.dep_ != "advcl" or clause.head == clause:
        return None
    direction = _mark_direction(clause)
    offset = _offset_phrase(clause)
    if direction is None or offset is None:
        return None
    return Anchor(clause.head, direction, offset)


def _gerund_after(gerund: Token) -> Anchor | None:
    """ "established relations on Sunday, a day after severing its ties with Taiwan": the
    gerund's act lies the measure before (or after) the verb the phrase hangs on."""
    preposition = gerund.head
    direction = time_words().anchor_marks.get(preposition.lower_)
    if preposition.dep_ != "prep" or direction is None:
        return None
    offset = _offset_phrase(preposition)
    verb = preposition.head.head if preposition.head.dep_ == "npadvmod" else preposition.head
    if offset is None or verb.pos_ not in _VERBAL:
        return None
    return Anchor(verb, direction, offset)  # type: ignore[arg-type]


def _main(trigger: Token) -> Anchor | None:
    for child in trigger.children:
        if child.dep_ == "advcl":
            direction, offset = _mark_direction(child), _offset_phrase(child)
            if direction is not None and offset is not None:
                return Anchor(child, _opposite(direction), offset)
        preposition = _anchor_preposition(child)
        if preposition is not None:
            anchored = _prepositional_anchor(preposition)
            if anchored is not None:
                return anchored
    return None


def _anchor_preposition(child: Token) -> Token | None:
    """ "a month after the statement" (offset on the verb, preposition under it) and
    "two weeks after the election" (preposition on the verb, offset under it)."""
    marks = time_words().anchor_marks
    if child.dep_ == "npadvmod":
        return next((c for c in child.children if c.dep_ == "prep" and c.lower_ in marks), None)
    if child.dep_ == "prep" and child.lower_ in marks:
        return child
    return None


def _prepositional_anchor(preposition: Token) -> Anchor | None:
    objects = [c for c in preposition.children if c.dep_ in {"pobj", "pcomp"}]
    offset = _offset_phrase(preposition)
    if not objects or offset is None:
        return None
    direction = time_words().anchor_marks[preposition.lower_]
    return Anchor(objects[0], _opposite(direction), offset)  # type: ignore[arg-type]


def _mark_direction(clause: Token) -> Direction | None:
    marks = time_words().anchor_marks
    for child in clause.children:
        if child.dep_ in {"mark", "prep"} and child.lower_ in marks:
            return marks[child.lower_]  # type: ignore[return-value]
    return None


def _offset_phrase(word: Token) -> str | None:
    """The measure phrase of an offset clause or preposition ("three days", "hours"),
    wherever the parser hung it: on the clause's verb or its mark, on the preposition,
    or as the head the preposition depends on ("a month after the statement")."""
    if word.dep_ == "prep" and word.head.dep_ == "npadvmod":
        return _measure_text(word.head)
    if word.dep_ == "prep":
        before = _measure_before(word)
        if before is not None:
            return _measure_text(before)
    holders = [word, *(c for c in word.children if c.dep_ in {"mark", "prep"})]
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "npadvmod" or (child.dep_ == "advmod" and _is_same_day(child)):
                return _measure_text(child)
    return None


def _measure_before(preposition: Token) -> Token | None:
    """ "resigned the day after the announcement": the measure the parser hung on the verb
    beside the preposition rather than above it."""
    for sibling in preposition.head.children:
        if sibling.dep_ == "npadvmod" and sibling.right_edge.i == preposition.i - 1:
            return sibling
    return None


def _measure_text(head: Token) -> str:
    """The measure phrase without the preposition that hangs on it."""
    skip = {t.i for c in head.children if c.dep_ in {"prep", "mark"} for t in c.subtree}
    return " ".join(t.text for t in head.subtree if t.i not in skip)


def _is_same_day(token: Token) -> bool:
    return token.lower_ in time_words().same_day_offsets


def _opposite(direction: Direction) -> Direction:
    return "later" if direction == "earlier" else "earlier" if direction == "later" else "same"


def _is_future(clause: Token) -> bool:
    words = time_words()
    return any(
        c.dep_ == "aux" and c.lower_ in words.future_modals | words.weak_future_modals
        for c in clause.children
    )
