"""From a parsed article to PLOVER events: triggers, arguments, factuality, date, place."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from polex import ontology
from polex.actors import ActorResolver, DocumentActors
from polex.events.amounts import find_amounts
from polex.events.arguments import (
    Arguments,
    is_group_reference,
    is_pronoun,
    noun_arguments,
    phrase,
    subject_of,
    verb_arguments,
)
from polex.events.cues import contexts_for, modes_for
from polex.events.factuality import is_refusal, status_of
from polex.events.lexicon import Lexicon, TriggerMatch, default_lexicon
from polex.places import GeonamesPlacer
from polex.schema import Amount, Article, Entity, Event, Location, Status, TextInfo
from polex.time import EventDate, EventDater

NAME = "polex.events.rules.v1"

# Climbing from a trigger through these relations reaches the word that embeds it:
# "urged Iran to release" (xcomp), "denied that troops crossed" (ccomp), "condemned the
# attack" (dobj). An event embedded under another trigger is its content, not an event.
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
REFUSABLE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
VERBAL_QUADS = {1, 3}
EPISODE_PREPS = {"during", "amid", "in"}
# Types whose grammatical object is not a recipient ("deployed officers", "sent troops").
NO_RECIPIENT = {"MOBILIZE"}
AMOUNT_EVENTS = {"AID", "SANCTION", "COOPERATE", "AGREE", "CONCEDE", "REQUEST", "REJECT"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}


@dataclass
class _Memory:
    """What the article has said so far, for pronouns and actors without a country."""

    people: DocumentActors | None = None  # the persons the article introduces
    last_person: list[Entity] = field(default_factory=list)
    last_actors: list[Entity] = field(default_factory=list)
    last_parties: list[Entity] = field(default_factory=list)  # actors and recipients
    back_references: set[int] = field(default_factory=set)  # trigger offsets


class EventExtractor:
    """Rule-based PLOVER event extraction over a spaCy parse."""

    name = NAME

    def __init__(
        self,
        resolver: ActorResolver,
        placer: GeonamesPlacer,
        lexicon: Lexicon | None = None,
    ) -> None:
        self.resolver = resolver
        self.placer = placer
        self.lexicon = lexicon or default_lexicon()

    def extract(self, doc: Doc, article: Article, coded_date: str = "") -> list[Event]:
        dater = EventDater(doc, article.published)
        countries = self._countries_in_play(doc, article.published)
        memory = _Memory(people=DocumentActors(doc, self.resolver, article.published))
        events: list[Event] = []
        for sequence, sentence in enumerate(doc.sents):
            found = self._sentence_events(sentence, sequence, article, dater, countries, memory)
            events.extend(_deduplicate(found))
        events = _drop_repeated_mentions(events, memory.back_references)
        for event in events:
            event.coded_date = coded_date
            event.cite_info = _cite_info(article)
        return events

    # --- per sentence ------------------------------------------------------------------

    def _sentence_events(
        self, sentence: Span, sequence: int, article: Article, dater: EventDater,
        countries: list[str], memory: _Memory,
    ) -> list[Event]:
        matches = self._triggers(sentence)
        embedded = _embedded(matches)
        events = []
        for match in matches:
            if match.token.i in embedded:
                continue
            inner = [m for m in matches if embedded.get(m.token.i) == match.token.i]
            event = self._event(
                match, inner, sentence, sequence, article, dater, countries, memory
            )
            if event is not None:
                events.append(event)
        return events

    def _triggers(self, sentence: Span) -> list[TriggerMatch]:
        matches = [m for t in sentence if (m := self.lexicon.match(t)) is not None]
        consumed = {i for m in matches for i in m.consumed}
        return [m for m in matches if m.token.i not in consumed]

    def _event(
        self, match: TriggerMatch, inner: list[TriggerMatch], sentence: Span, sequence: int,
        article: Article, dater: EventDater, countries: list[str], memory: _Memory,
    ) -> Event | None:
        token, rule = match.token, match.rule
        consumed = set(match.consumed)
        args = (
            verb_arguments(token, consumed) if token.pos_ in {"VERB", "AUX"}
            else noun_arguments(token)
        )
        dated = _own_date(dater, token, consumed)
        when = _as_date(dated.time.value if dated.time else None) or article.published
        status, event_type, mode = _classify(match, inner, dated, article)
        location = self.placer.locate(args.places, countries=countries)
        # protesters or police with no nationality belong where the event happened
        local = (location.country_code if location else None) or (
            countries[0] if countries else None
        )
        actors = self._resolve(args.actors, when, local, memory)
        if not actors:
            return None  # PLOVER requires an actor; "four people were killed" names none
        recipients = []
        if event_type not in NO_RECIPIENT and mode != "resign":
            recipients = self._recipients(args, consumed, token, when, local, memory, actors)
        modes = modes_for(event_type, sentence, mode) if event_type == rule.event or mode else []
        if event_type == "CONSULT":
            actors, recipients, modes = self._arrange_consult(
                actors, recipients, modes, location, args, when
            )
        self._remember(actors, recipients, memory)
        evidence = _without_spaces(sentence)
        if _is_anaphoric(token) and dated.source != "text":
            memory.back_references.add(token.idx)
        return Event(
            article_id=article.id,
            event=event_type,
            actor=actors,
            recipient=recipients,
            date=dated.time.value if dated.time else None,
            date_precision=dated.time.precision if dated.time else None,
            date_source=dated.source,
            status=status,
            confidence=_confidence(rule.weight, event_type, actors, recipients, status),
            text=evidence.text,
            text_info=TextInfo(sequence, evidence.start_char, evidence.end_char),
            event_text=_event_text(token, consumed),
            trigger_start=token.idx,
            trigger_end=token.idx + len(token.text),
            mode=modes,
            context=contexts_for(sentence, rule.context),
            quad_code=ontology.quad_code(event_type),
            event_scale=ontology.event_scale(event_type, modes),
            event_loc=location,
            amount=_amount(sentence, token) if event_type in AMOUNT_EVENTS else None,
        )

    # --- actors ------------------------------------------------------------------------

    def _resolve(
        self, spans: list[Span], when: date | None, home: str | None, memory: _Memory
    ) -> list[Entity]:
        entities: list[Entity] = []
        for span in spans:
            if is_group_reference(span) and len(memory.last_parties) == 2:
                entities += [e for e in _copy(memory.last_parties) if not _same_entity(e, entities)]
                continue
            if is_pronoun(span):
                entities += [e for e in _copy(_antecedent(span, memory, when))
                             if not _same_entity(e, entities)]
                continue
            resolve = memory.people.resolve if memory.people else self.resolver.resolve
            for entity in resolve(span, when):
                if not entity.code and entity.sector is not None:
                    # "its forces": the country of the clause's subject, else the story's
                    entity.code = self._possessor_code(span, when) or home
                if entity.code and not _same_entity(entity, entities):
                    entities.append(entity)
        return entities

    def _recipients(
        self, args: Arguments, consumed: set[int], trigger: Token, when: date | None,
        home: str | None, memory: _Memory, actors: list[Entity],
    ) -> list[Entity]:
        found = self._resolve(args.recipients, when, home, memory)
        actor_codes = {a.code for a in actors}
        # "expelled 40 Russian diplomats", "fired water cannon at a Philippine boat": the
        # owned object or an unresolvable phrase still names the targeted state
        for index in sorted(consumed):
            found += [e for e in self.resolver.resolve(phrase(trigger.doc[index]), when)
                      if e.code and e.code not in actor_codes]
        if not found:
            found = [e for span in args.recipients for e in self._countries_named(span, when)]
        kept: list[Entity] = []
        for entity in found:
            if not _same_entity(entity, actors) and not _same_entity(entity, kept):
                kept.append(entity)
        return kept

    def _countries_named(self, span: Span, when: date | None) -> list[Entity]:
        entities = []
        for ent in span.ents:
            if ent.label_ in {"GPE", "NORP"}:
                entities += [Entity(e.code, None, span.text) for e in
                             self.resolver.resolve(ent, when) if e.code]
        return entities

    def _possessor_code(self, span: Span, when: date | None) -> str | None:
        """ "Pakistan denied that its forces had opened fire": "its" is the nearest
        enclosing clause's subject other than the phrase itself."""
        if not any(t.dep_ == "poss" and t.pos_ == "PRON" for t in span):
            return None
        verb = span.root.head
        for _ in range(4):
            subject, _ = subject_of(verb)
            if subject is not None and not span.start <= subject.i < span.end:
                codes = [e.code for e in self.resolver.resolve(phrase(subject), when) if e.code]
                return codes[0] if codes else None
            if verb.head == verb:
                return None
            verb = verb.head
        return None

    def _arrange_consult(
        self, actors: list[Entity], recipients: list[Entity], modes: list[str],
        location: Location | None, args: Arguments, when: date | None,
    ) -> tuple[list[Entity], list[Entity], list[str]]:
        """Who visited whom. PLOVER: the visitor is the actor and the host the recipient;
        a meeting with no host lists every participant as actor; a call keeps caller and
        called."""
        if "phone" in modes:
            return actors, recipients, modes
        if "visit" in modes:
            return actors, recipients or self._place_as_host(args, when), modes
        place = location.country_code if location else None
        actor_codes = {a.code for a in actors}
        recipient_codes = {r.code for r in recipients}
        if place and recipients and place in recipient_codes - actor_codes:
            return actors, recipients, ["visit"]
        if place and recipients and place in actor_codes - recipient_codes:
            return recipients, actors, ["visit"]
        participants = _merge(actors, recipients)
        if place and place not in {p.code for p in participants} and len(participants) > 1:
            modes = modes or ["third-party"]
        return participants, [], modes

    def _place_as_host(self, args: Arguments, when: date | None) -> list[Entity]:
        """ "visited Buenos Aires" / "arrived in Astana": the host is the place's state."""
        for span in args.places:
            hosts = [e for e in self.resolver.resolve(span, when) if e.code]
            if hosts:
                return hosts
        return []

    def _countries_in_play(self, doc: Doc, published: date | None) -> list[str]:
        """The states the article names, most mentioned first."""
        counts: Counter[str] = Counter()
        for ent in doc.ents:
            if ent.label_ in {"GPE", "NORP"}:
                counts.update(e.code for e in self.resolver.resolve(ent, published) if e.code)
        return [code for code, _ in counts.most_common() if len(code) == 3]

    @staticmethod
    def _remember(actors: list[Entity], recipients: list[Entity], memory: _Memory) -> None:
        if actors:
            memory.last_actors = actors
            memory.last_parties = _merge(actors, recipients)
        people = [a for a in actors if a.office]
        if people:
            memory.last_person = people


# --- helpers ------------------------------------------------------------------------------


def _classify(
    match: TriggerMatch, inner: list[TriggerMatch], dated: EventDate, article: Article
) -> tuple[Status, str, str | None]:
    """Status, PLOVER type and mode, from the trigger's rule, factuality and date."""
    token, rule = match.token, match.rule
    status = status_of(token)
    if status == "occurred" and _is_future(dated.time.value if dated.time else None, article):
        status = "planned"
    if status == "negated" and rule.event in REFUSABLE and is_refusal(token):
        # "Jordan would not sign the deal": the refusal happened; the signing did not
        return "occurred", "REJECT", EMBEDDED_MODE["REJECT"].get(rule.event)
    event_type, mode = _recode(rule.event, rule.mode, status, inner)
    return status, event_type, mode


def _own_date(dater: EventDater, trigger: Token, consumed: set[int]) -> EventDate:
    """The trigger's date; else a date the parse hung on a word of the same act: the noun
    it owns ("lifted sanctions on Iran in January 2016"), the verb it completes ("voted
    on Friday to end"), its complement ("ordered diplomats to leave on Saturday"), or
    the episode it happened in ("arrested during Wednesday's protests")."""
    dated = dater.date_for(trigger)
    if dated.source == "text":
        return dated
    for token in _same_act(trigger, consumed):
        other = dater.date_for(token)
        if other.source == "text":
            return other
    return dated


def _same_act(trigger: Token, consumed: set[int]) -> list[Token]:
    doc = trigger.doc
    related = [doc[i] for i in sorted(consumed)]
    if trigger.dep_ in {"xcomp", "conj"} and trigger.head != trigger:
        related.append(trigger.head)
    related += [c for c in trigger.children if c.dep_ == "xcomp"]
    related += [
        pobj for prep in trigger.children
        if prep.dep_ == "prep" and prep.lower_ in EPISODE_PREPS
        for pobj in prep.children if pobj.dep_ == "pobj"
    ]
    return related


def _is_anaphoric(trigger: Token) -> bool:
    """ "the talks", "the visit", "its summit": a definite event noun usually points back
    to an event the article has already reported."""
    if trigger.pos_ not in {"NOUN", "PROPN"}:
        return False
    return any(
        c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"}
        or c.dep_ == "poss" and c.pos_ == "PRON"
        for c in trigger.children
    )


def _embedded(matches: list[TriggerMatch]) -> dict[int, int]:
    """Trigger index -> index of the trigger that embeds it, for embedded triggers."""
    trigger_at = {m.token.i: m for m in matches}
    embedded: dict[int, int] = {}
    for match in matches:
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
            outer = trigger_at.get(head.i)
            subordinate = _is_subordinate_act(current, outer)
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


def _is_subordinate_act(verb: Token, outer: TriggerMatch | None) -> bool:
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
    # "launched air attacks, firing 100 missiles": the same act, elaborated
    inner = default_lexicon().match(verb)
    same_act = inner is not None and inner.rule.event == outer.rule.event
    return outer.rule.event == "PROTEST" or same_act


def _recode(
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


def _without_spaces(sentence: Span) -> Span:
    tokens = [t.i for t in sentence if not t.is_space]
    return sentence.doc[tokens[0] : tokens[-1] + 1] if tokens else sentence


def _merge(first: list[Entity], second: list[Entity]) -> list[Entity]:
    merged = list(first)
    merged.extend(e for e in second if not _same_entity(e, merged))
    return merged


def _same_entity(entity: Entity, others: list[Entity]) -> bool:
    """Same state and sector, and not two differently named people or bodies."""
    return any(
        entity.code == o.code and entity.sector == o.sector
        and (not entity.identifier_text or not o.identifier_text
             or entity.identifier_text == o.identifier_text)
        for o in others
    )


def _antecedent(span: Span, memory: _Memory, when: date | None) -> list[Entity]:
    """ "he" is the person last introduced before it; "they" the parties last coded."""
    if span[0].lower_ not in PERSON_PRONOUNS:
        return memory.last_actors
    introduced = [
        p for p in (memory.people.people if memory.people else [])
        if p.position < span.start_char
    ]
    if introduced and memory.people is not None:
        latest = max(introduced, key=lambda p: p.position)
        person_span = span.doc.char_span(latest.position, latest.position + len(latest.name),
                                         alignment_mode="expand")
        if person_span is not None:
            found = memory.people.resolve(person_span, when)
            if found:
                return found
    return memory.last_person or memory.last_actors


def _copy(entities: list[Entity]) -> list[Entity]:
    return [Entity(**e.to_dict()) for e in entities]


def _as_date(value: str | None) -> date | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    year, month, day = (parts + [1, 1])[:3]
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _is_future(value: str | None, article: Article) -> bool:
    if not value or article.published is None:
        return False
    published = article.published.isoformat()[: len(value)]
    return value > published


def _event_text(trigger: Token, consumed: set[int]) -> str:
    doc = trigger.doc
    parts = {trigger.i} | consumed | {c.i for c in trigger.children if c.dep_ == "prt"}
    start, end = min(parts), max(parts) + 1
    if end - start <= 6:
        return doc[start:end].text
    return trigger.text


def _amount(sentence: Span, trigger: Token) -> Amount | None:
    amounts = find_amounts(sentence.text)
    if not amounts:
        return None
    offset = trigger.idx - sentence.start_char
    return min(amounts, key=lambda item: abs(item[0] - offset))[1]


def _confidence(
    weight: float, event: str, actors: list[Entity], recipients: list[Entity], status: Status
) -> float:
    score = weight
    if not actors:
        score *= 0.6
    if ontology.requires_recipient(event) and not recipients:
        score *= 0.8
    if any(e.sector is None for e in actors):
        score *= 0.95
    return max(0.05, min(0.99, score))


def _deduplicate(events: list[Event]) -> list[Event]:
    """One record per (type, actors, recipients) in a sentence: the most confident."""
    best: dict[tuple[str, ...], Event] = {}
    for event in events:
        key = _key(event)
        if key not in best or event.confidence > best[key].confidence:
            best[key] = event
    return [e for e in events if best.get(_key(e)) is e]


def _covered(event: Event, earlier: Event) -> bool:
    """Every participant of ``event`` is one of ``earlier``'s (same person where named)."""
    others = earlier.actor + earlier.recipient
    return all(_same_entity(e, others) for e in event.actor + event.recipient)


def _overlaps(event: Event, earlier: Event) -> bool:
    others = earlier.actor + earlier.recipient
    return any(_same_entity(e, others) for e in event.actor + event.recipient)


def _drop_repeated_mentions(events: list[Event], back_references: set[int]) -> list[Event]:
    """An article that mentions one event again codes it once.

    A later event of the same type and status is the same event when the text dates
    both to the same day and its participants are among the earlier one's, or when it
    is named by a definite noun with no date of its own ("joined the talks", "during the
    summit") and shares a participant with it. Undated statements are never merged on
    their (publication) date alone.
    """
    kept: list[Event] = []
    for event in events:
        back_reference = event.trigger_start in back_references
        dated_by_text = event.date_source in {"text", "narrative"}
        repeat = any(
            earlier.event == event.event
            and earlier.status == event.status
            and earlier.text_info.sequence != event.text_info.sequence
            and (
                dated_by_text and earlier.date == event.date and _covered(event, earlier)
                or back_reference and _overlaps(event, earlier)
            )
            for earlier in kept
        )
        if not repeat:
            kept.append(event)
    return kept


def _key(event: Event) -> tuple[str, ...]:
    return (
        event.event,
        ",".join(sorted(e.code or "" for e in event.actor)),
        ",".join(sorted(e.code or "" for e in event.recipient)),
    )


def _cite_info(article: Article) -> dict[str, object]:
    info: dict[str, object] = {"language": "en", "codebook": ontology.CODEBOOK}
    if article.url:
        info["url"] = article.url
    if article.title:
        info["title"] = article.title
    if article.source:
        info["publication"] = article.source
    return info


