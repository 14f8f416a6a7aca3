"""PLOVER's coding conventions applied to a matched trigger.

Which type an event takes given its factuality (a future meeting is AGREE, an announced
withdrawal CONCEDE, "would not sign" a REJECT), which mode an embedding verb takes from
what it embeds, and which triggers are only the content of another (what is requested,
threatened, refused or promised has not happened by being said).
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Token

from polex import ontology
from polex.events.dedupe import different_modes
from polex.events.factuality import is_refusal, status_of
from polex.events.lexicon import TriggerMatch, default_lexicon
from polex.schema import Article, Status
from polex.time import EventDate

# Climbing from a trigger through these relations reaches the word that embeds it:
# "urged Iran to release" (xcomp), "denied that troops crossed" (ccomp), "condemned the
# attack" (dobj).
EMBEDDING_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "attr", "oprd"}
# PLOVER: future or hoped-for cooperation is AGREE; an announced retreat is CONCEDE.
FUTURE_AS_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
EMBEDDED_MODE = {
    "REQUEST": {"RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet", "AID": "assist",
                "COOPERATE": "assist", "AGREE": "meet"},
    "REJECT": {"RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet", "AGREE": "meet",
               "AID": "assist", "COOPERATE": "assist"},
    "THREATEN": {"SANCTION": "restrict", "ASSAULT": "violence", "COERCE": "arrest",
                 "MOBILIZE": "violence"},
}
# A trigger in a phrase headed by these names the occasion of another act, not its content.
EPISODE_PREPS = {"during", "at", "amid", "after", "before", "following", "in", "throughout"}
# Nouns of these types name an act already made ("a request", "an offer", "a demand").
SPEECH_ACT_NOUN_TYPES = {"REQUEST", "AGREE"}
REFUSABLE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
# "Iran acknowledged that the airliner had been shot down by its air defences": what one
# admits to is a fact, an act of its own, not the content of the admission
FACTIVE_VERBS = {"acknowledge", "admit", "concede", "confirm"}
VERBAL_QUADS = {1, 3}


def classify(
    match: TriggerMatch, inner: list[TriggerMatch], dated: EventDate, article: Article
) -> tuple[Status, str, str | None]:
    """Status, PLOVER type and mode, from the trigger's rule, factuality and date."""
    token, rule = match.token, match.rule
    status = status_of(token)
    if status == "occurred" and is_future(dated.time.value if dated.time else None, article):
        status = "planned"
    if status == "negated" and rule.event in REFUSABLE and is_refusal(token):
        # "Jordan would not sign the deal": the refusal happened; the signing did not
        return "occurred", "REJECT", EMBEDDED_MODE["REJECT"].get(rule.event)
    event_type, mode = recode(rule.event, rule.mode, status, inner)
    return status, event_type, mode


def embedded_triggers(matches: list[TriggerMatch]) -> dict[int, int]:
    """Trigger index -> index of the trigger that embeds it, for embedded triggers."""
    trigger_at = {m.token.i: m for m in matches}
    embedded: dict[int, int] = {}
    for match in matches:
        if _names_a_past_speech_act(match):
            continue
        current: Token = match.token
        for _ in range(6):
            head = current.head
            if head == current:
                break
            if current.dep_ == "conj":
                # "to loot shops and attack police": a conjunct shares its first conjunct's
                # embedding, but is not embedded *in* that conjunct
                current = head
                continue
            if current.dep_ == "pobj" and head.lower_ in EPISODE_PREPS:
                break  # "praised Kenya during a visit to Haiti": the visit happened too
            outer = trigger_at.get(head.i)
            if current.dep_ == "ccomp" and head.lemma_.lower() in FACTIVE_VERBS:
                break
            subordinate = is_subordinate_act(current, outer)
            if current.dep_ not in EMBEDDING_DEPS and not subordinate:
                break
            current = head
            if outer is not None and head.i != match.token.i:
                # what is said, asked, refused or promised has not happened by being said;
                # what a material act acts on has ("police dispersed a march")
                if subordinate or ontology.quad_code(outer.rule.event) in VERBAL_QUADS:
                    embedded[match.token.i] = head.i
                break
    return embedded


def _names_a_past_speech_act(match: TriggerMatch) -> bool:
    """ "rejected Washington's request", "spurned an offer from Kenya": the request or the
    offer was made, whatever became of it, so the noun is an event of its own."""
    token = match.token
    return (
        token.pos_ == "NOUN" and match.rule.event in SPEECH_ACT_NOUN_TYPES
        and token.dep_ in {"dobj", "nsubjpass"}
    )


def is_subordinate_act(verb: Token, outer: TriggerMatch | None) -> bool:
    """ "fired tear gas to disperse the march" (purpose), "marched, demanding that..." (a
    protest's demand, which PLOVER does not code apart): not events of their own. Unlike
    "resigned, accusing Netanyahu of...", which is a second act."""
    if verb.dep_ != "advcl" or outer is None:
        return False
    if any(c.dep_ == "mark" or c.tag_ in {"WRB", "WDT"} for c in verb.children):
        return False
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return True
    if verb.tag_ != "VBG":
        return False
    # "launched air attacks, firing 100 missiles": the same act, elaborated; "sealed off
    # the square, detaining 200 people" is a second one (restrict, arrest)
    inner = default_lexicon().match(verb)
    same_act = (inner is not None and inner.rule.event == outer.rule.event
                and not different_modes(_modes(inner), _modes(outer)))
    return outer.rule.event == "PROTEST" or same_act


def _modes(match: TriggerMatch) -> list[str]:
    return [match.rule.mode] if match.rule.mode else []


def recode(
    event: str, mode: str | None, status: Status, inner: list[TriggerMatch]
) -> tuple[str, str | None]:
    if status in {"planned", "possible"} and event in FUTURE_AS_AGREE:
        return "AGREE", None
    if status == "planned" and event == "RETREAT":
        return "CONCEDE", None
    if event == "AGREE" and any(m.rule.event in {"RETREAT", "CONCEDE"} for m in inner):
        # "agreed to stop all firing": a declared, not yet implemented, retreat
        return "CONCEDE", None
    if mode is None and event in EMBEDDED_MODE:
        for match in inner:
            inner_mode = EMBEDDED_MODE[event].get(match.rule.event)
            if inner_mode:
                return event, inner_mode
    return event, mode


def is_future(value: str | None, article: Article) -> bool:
    if not value or article.published is None:
        return False
    published = article.published.isoformat()[: len(value)]
    return value > published


def as_date(value: str | None) -> date | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    year, month, day = (parts + [1, 1])[:3]
    try:
        return date(year, month, day)
    except ValueError:
        return None
