"""From a parsed article to PLOVER events: triggers, arguments, factuality, date, place."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from polex import ontology
from polex.actors import ARMED_SECTORS, ActorResolver, Coreference, DocumentActors, fits_pronoun
from polex.events.amounts import find_amounts
from polex.events.arguments import (
    PERSON_PRONOUNS,
    PLACE_PREPS,
    Arguments,
    group_size,
    is_pronoun,
    noun_arguments,
    office_holder,
    phrase,
    subject_of,
    verb_arguments,
)
from polex.events.classifier import NAME as CLASSIFIER
from polex.events.classifier import TriggerClassifier, default_classifier
from polex.events.confidence import ConfidenceModel, EventEvidence, default_confidence_model
from polex.events.conventions import as_date, classify, embedded_triggers
from polex.events.cues import contexts_for, in_sport, mode_cues, modes_for
from polex.events.dedupe import (
    WEAPON_MODES,
    deduplicate,
    drop_repeated_mentions,
    merge,
    same_entity,
)
from polex.events.implicit import (
    COUNTERPART_TYPES,
    DIRECTED_TYPES,
    DOMESTIC_TARGET_SECTOR,
    complement_mentions,
    institution_heads,
    target_sector,
)
from polex.events.lexicon import (
    SHIPPED_TABLES,
    Lexicon,
    TriggerMatch,
    TriggerRule,
    default_lexicon,
)
from polex.events.stance import NAME as STANCE
from polex.events.stance import SOURCE as STANCE_SOURCE
from polex.events.stance import labelled_party, labelling, may_label
from polex.places import GeonamesPlacer, opens_facility_name
from polex.schema import DATED_BY_TEXT, Amount, Article, Entity, Event, Location, TextInfo
from polex.time import EventDate, EventDater, continues_story
from polex.time.lexicon import time_words

NAME = "polex.events.rules_model.v3"

# Rule tables whose rules the classifier must confirm: converted from outside
# dictionaries, they know many words in senses news does not use.
SECOND_VOTE = frozenset({SHIPPED_TABLES["cameo"][-1]})

EPISODE_PREPS = {"during", "amid", "in"}
COUNT_WORDS = frozenset({"dozens", "hundreds", "thousands", "scores", "tens"})
OCCASION_NOUNS = frozenset({"summit", "sideline", "sidelines", "margin", "margins",
                            "conference", "forum", "session", "ceremony", "gathering"})
# "X hosted Y", "X received Y": the subject is the host, the object the visitor.
HOSTING_VERBS = {"host", "receive", "welcome"}
# Types whose grammatical object is not a recipient ("deployed officers", "sent troops").
NO_RECIPIENT = {"MOBILIZE"}
# acts done in the saying: a promise, refusal or threat announced for later is made then
SPEECH_ACT_TYPES = {"AGREE", "REJECT", "THREATEN", "REQUEST", "ACCUSE", "SUPPORT"}
# what a participle describing them says was done before ("the tanks promised by Britain
# arrived on Monday"); a deal "brokered by China" was concluded when it was agreed
MADE_BEFORE_TYPES = SPEECH_ACT_TYPES - {"SUPPORT"}
UNDATED_SOURCES = {"publication", "publication_fallback"}  # the text gave no date
# "it" in a new sentence is the last sentence's main subject before the party last coded
# ("China recalled its envoy after Lithuania agreed ... On Sunday it downgraded ties")
MAIN_SUBJECT_PRONOUNS = {"it"}
# the sectors of private people and firms, whose "attack" in a sports story is a play
PRIVATE_SECTORS = {None, "CVL", "BUS"}
# "a team of six Chinese medical experts": nouns for a group of the people they are made of
GROUP_NOUNS = frozenset({"team", "group", "delegation", "contingent", "unit", "batch",
                         "convoy", "detachment", "squad", "party"})
# "ended with soldiers seizing", "responded by boycotting": the act is how the verb's was
MEANS_PREPS = frozenset({"with", "by"})
# a noun as a party of its clause: "a ceasefire brokered by Egypt took hold on Friday"
CLAUSE_PARTY_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
SEIZING_TYPES = frozenset({"COERCE", "ASSAULT"})  # acts by which forces take a leader
STATE_ARMED_SECTORS = frozenset({"MIL", "COP"})  # a state's own army and police
# Sectors of the bodies of a state an act can be aimed at without naming the state
INSTITUTION_SECTORS = frozenset({"GOV", "JUD", "LEG", "COP", "MIL", "ELI"})
# who serve a state or bear arms, whom a place names where they serve, not whose they are
STATE_FORCE_SECTORS = INSTITUTION_SECTORS | ARMED_SECTORS
# Acts aimed at such a body named anywhere in what they refuse, ask, threaten or punish;
# not accusations, whose complement tells what the accused did and to whom
INSTITUTION_TARGET_TYPES = COUNTERPART_TYPES - {"ACCUSE"}
PLEDGE_TYPES = {"AGREE", "SUPPORT"}  # one party's promise or backing, made to another
AMOUNT_EVENTS = {"AID", "SANCTION", "COOPERATE", "AGREE", "CONCEDE", "REQUEST", "REJECT"}
MODIFIER_ENTITIES = {"GPE", "NORP", "ORG"}
PLACE_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATING_PREPS = frozenset({"in", "from", "of"})  # "fishermen from Nagapattinam"
POSTING_PREPS = frozenset({"to", "in", "at"})  # "ambassador to Mali", "embassy in Oslo"
DATELINE_MARKS = {",", "-", "–", "—", "("}
DATELINE_WORDS = 3
DATELINE_WEIGHT = 3  # mentions a story's dateline counts for the state it was filed in
DATELINE_DASHES = {"-", "–", "—", ":"}
# the sector of whoever used a weapon named as an attack's subject, by its mode
WEAPON_SECTORS = {"explosives": "UAF", "heavy-weapons": "MIL", "aerial": "MIL", "drone": "MIL"}
# What one fights "with": the weapons, and the batons of a beating; not a suicide attack.
INSTRUMENT_MODES = (WEAPON_MODES - {"suicide-attack"}) | {"beat"}
# Acts, not statements: undated, they belong to the episode the story's lead dates.
EPISODE_TYPES = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"}
FRONTIER_NOUNS = {"border", "frontier", "boundary"}
GUEST_NOUNS = {"guest", "visitor"}
HOST_NOUNS = {"host"}
STANCE_WEIGHT = 0.6  # a label's polarity is read from word vectors, not a rule
CROWD_WORDS = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "ten", "tens",
               "crowd", "crowds", "throng", "multitude"}
MATERIAL_QUADS = {2, 4}  # PLOVER's material cooperation and material conflict
PROTESTER_WORDS = CROWD_WORDS | {"protester", "demonstrator", "people", "supporter"}


@dataclass
class _Memory:
    """What the article has said so far, for pronouns and actors without a country."""

    people: DocumentActors | None = None  # the persons the article introduces
    coreference: Coreference | None = None  # antecedents the article's text names
    last_person: list[Entity] = field(default_factory=list)
    last_actors: list[Entity] = field(default_factory=list)
    last_parties: list[Entity] = field(default_factory=list)  # actors and recipients
    countries: list[str] = field(default_factory=list)  # the states named, most named first
    attackers: list[Entity] = field(default_factory=list)  # named for the last attack
    # (visitors, hosts) of the last visit coded
    last_visit: tuple[list[Entity], list[Entity]] = field(default_factory=lambda: ([], []))
    back_references: set[int] = field(default_factory=set)  # trigger offsets
    implicit: dict[int, list[Entity]] = field(default_factory=dict)  # by trigger offset
    # actors the article's text names for a pronoun or description, by trigger offset
    corrected: dict[int, list[Entity]] = field(default_factory=dict)


class EventExtractor:
    """PLOVER event extraction over a spaCy parse: the trigger lexicon's rules, and the
    statistical classifier for words the lexicon has no rule for."""

    name = NAME

    def __init__(
        self,
        resolver: ActorResolver,
        placer: GeonamesPlacer,
        lexicon: Lexicon | None = None,
        classifier: TriggerClassifier | None = None,
        use_classifier: bool = True,
        calibration: ConfidenceModel | None = None,
    ) -> None:
        self.resolver = resolver
        self.placer = placer
        self.lexicon = lexicon or default_lexicon()
        self.classifier = (classifier or default_classifier()) if use_classifier else None
        self.calibration = calibration or default_confidence_model()

    def extract(self, doc: Doc, article: Article, coded_date: str = "") -> list[Event]:
        people = DocumentActors(doc, self.resolver, article.published)
        countries = self._countries_in_play(doc, article.published)
        memory = _Memory(people=people, coreference=Coreference(doc, people, countries),
                         countries=countries)
        dater = EventDater(doc, article.published,
                           lambda word: self._office_start(word, memory, article.published))
        events: list[Event] = []
        for sequence, sentence in enumerate(doc.sents):
            found = self._sentence_events(sentence, sequence, article, dater, memory)
            kept = deduplicate(found, _coordinated_acts(sentence) if len(found) > 1 else None)
            events.extend(_with_implicit_recipients(kept, memory.implicit))
        events = drop_repeated_mentions(events, memory.back_references)
        for event in events:
            _correct_actors(event, memory.corrected, memory.implicit)
            event.coded_date = coded_date
            event.cite_info = _cite_info(article)
            _drop_uncoded_parties(event)
        return events

    def _office_start(self, word: Token, memory: _Memory, published: date | None
                      ) -> date | None:
        """When the person whose election or swearing-in ``word`` names took office, by the
        knowledge base: the latest start of a term of theirs before publication."""
        holder = office_holder(word)
        if holder is None:
            return None
        people = self._resolve([holder], published, None, memory, from_text=True)
        person = next((e.identifier_text for e in people if e.identifier_text), None)
        if person is None:
            return None
        starts = [t.start for t in self.resolver.kb.lookup(person)
                  if t.kind == "person" and t.identifier_text == person and t.start
                  and (published is None or t.start <= published)]
        return max(starts) if starts else None

    # --- per sentence ------------------------------------------------------------------

    def _sentence_events(
        self, sentence: Span, sequence: int, article: Article, dater: EventDater,
        memory: _Memory,
    ) -> list[Event]:
        if not _is_parsed(sentence):
            return []  # left unparsed by the candidate filter: no event is looked for
        matches = self._triggers(sentence)
        embedded = embedded_triggers(matches)
        events = []
        for match in matches:
            if match.token.i in embedded:
                continue
            inner = [m for m in matches if embedded.get(m.token.i) == match.token.i]
            event = self._event(match, inner, sentence, sequence, article, dater, memory)
            if event is not None:
                events.append(event)
        return events

    def _triggers(self, sentence: Span) -> list[TriggerMatch]:
        matches = [m for t in sentence if (m := self._match(t)) is not None]
        consumed = {i for m in matches for i in m.consumed}
        return [m for m in matches if m.token.i not in consumed]

    def _match(self, token: Token) -> TriggerMatch | None:
        """The project's and the user's tables decide the words they have rules for, and
        a later table fills a use of such a word they have no rule for ("exchanged fire");
        an outside table's rule (PETRARCH's) stands only when the classifier agrees with
        its type; the classifier alone may add an event for any other content word. A
        label a speaker puts on a party ("called Pakistan an 'ironclad friend'") is a
        stance toward it (``polex.events.stance``)."""
        if _describes_a_state(token):
            return None
        stance = labelling(token) if token.pos_ in {"NOUN", "PROPN"} else None
        if stance is not None:
            rule = TriggerRule(token.lemma_.lower(), "NOUN", stance.event,
                               "disapprove" if stance.event == "ACCUSE" else None, None,
                               weight=STANCE_WEIGHT, source=STANCE_SOURCE)
            return TriggerMatch(token, rule, (stance.verb.i,))
        source = self.lexicon.deciding_source(token)
        if self.classifier is None or (source is not None and source not in SECOND_VOTE):
            match = self.lexicon.match(token)
            if match is None and source is not None and self.lexicon.silent_on(token, source):
                match = self._confirmed(self.lexicon.fallback(token, source)) \
                    or self._proposed(token)
            return match
        if token.ent_type_ in {"DATE", "TIME"}:
            return None
        match = self.lexicon.match(token) if source is not None else None
        if match is not None:
            return match if self.classifier.confirms(token, match.rule.event) else None
        return self._proposed(token)

    def _proposed(self, token: Token) -> TriggerMatch | None:
        """The classifier's event for a word no rule decides, when it is sure enough."""
        if self.classifier is None or token.ent_type_ in {"DATE", "TIME"}:
            return None
        proposed = self.classifier.proposes(token)
        if proposed is None:
            return None
        pos = "VERB" if token.pos_ == "VERB" else "NOUN"
        rule = TriggerRule(token.lemma_.lower(), pos, proposed.event, None, None,
                           weight=round(proposed.probability, 3))
        return TriggerMatch(token, rule, ())

    def _confirmed(self, match: TriggerMatch | None) -> TriggerMatch | None:
        """An outside table's match when the classifier (if any) agrees with its type."""
        if match is None or self.classifier is None or match.rule.source not in SECOND_VOTE:
            return match
        return match if self.classifier.confirms(match.token, match.rule.event) else None

    def may_find_event(self, sentence: Span) -> bool:
        """Whether a sentence parsed but without entities yet could yield a trigger once
        they are recognized: a word some rule could match (an outside table's only if the
        classifier could confirm it), or a word the classifier could propose. A superset
        of what ``_match`` finds on the finished sentence, so that the candidate filter
        can leave the entity recognizer out of the other sentences."""
        classifier = self.classifier
        outside: list[tuple[Token, str]] = []  # outside tables' possible events, asked last
        for token in sentence:
            for rule in self.lexicon.could_match(token):
                if classifier is None or rule.source not in SECOND_VOTE:
                    return True
                outside.append((token, rule.event))
            if may_label(token):
                return True
        if classifier is None:
            return False
        return any(classifier.could_confirm(token, event) for token, event in outside) \
            or bool(classifier.proposable(sentence))

    def _event(
        self, match: TriggerMatch, inner: list[TriggerMatch], sentence: Span, sequence: int,
        article: Article, dater: EventDater, memory: _Memory,
    ) -> Event | None:
        token, rule = match.token, match.rule
        consumed = set(match.consumed)
        args = (
            labelling_arguments(token) if rule.source == STANCE_SOURCE
            else verb_arguments(token, consumed) if token.pos_ in {"VERB", "AUX"}
            else noun_arguments(token)
        )
        dated = _own_date(dater, token, consumed, rule.event in SPEECH_ACT_TYPES,
                          rule.event not in MADE_BEFORE_TYPES)
        when = as_date(dated.time.value if dated.time else None) or article.published
        status, event_type, mode = classify(match, inner, dated, article)
        dated = _in_the_news_episode(dated, dater, token, event_type, status)
        if event_type in SPEECH_ACT_TYPES and dated.source in UNDATED_SOURCES:
            dated = dater.announced_date(token) or dated
        countries = memory.countries
        location = self.placer.locate(args.places, countries=countries)
        # protesters or police with no nationality belong where the event happened
        local = (location.country_code if location else None) or self._posted_to(
            args.recipients, when) or (countries[0] if countries else None
        ) or self._place_country(args.recipients + args.actors)
        actors = self._resolve(args.actors, when, local, memory)
        moving = event_type == "MOBILIZE" or (event_type, mode) == ("RETREAT", "withdraw")
        if not actors and moving and args.recipients and not args.actors:
            # "soldiers were deployed to Dhaka": the forces moved are the actor
            actors = self._resolve(args.recipients[:1], when, local, memory)
            args.recipients = args.recipients[1:]
        if not actors and event_type == "PROTEST" and local:
            # "thousands rallied", "thousands of Karakalpaks gathered": a crowd protests;
            # "the bill has brought thousands of protesters onto the streets": the crowd
            # the rule's object names
            crowds = [span for span in args.actors[:1] if _is_crowd(span)] or [
                phrase(token.doc[i]) for i in sorted(consumed)
                if token.doc[i].lemma_.lower() in PROTESTER_WORDS][:1]
            actors = [Entity(local, "CVL", span.text) for span in crowds]
        if not actors and (event_type, mode) == ("COERCE", "arrest") \
                and _agentless_passive(token):
            actors = self._arresting_police(args, location, when, local, memory)
        elif not actors and local and _agentless_passive(token) and (
                event_type == "COERCE" or (event_type, mode) == ("RETREAT", "release")
                or (event_type == "MOBILIZE" and rule.constraints)):
            # "the correspondents were expelled", "the fishermen were released", "armoured
            # vehicles were deployed" (forces a rule names, not "technicians were
            # mobilised"): the authorities of the state where it happened
            actors = [Entity(local, "MIL" if event_type == "MOBILIZE" else "GOV", "")]
        if not actors and event_type == "ASSAULT" and local and args.actors:
            actors = _weapon_actor(args.actors[0], local)
        if not actors and event_type == "ASSAULT" and not args.actors:
            if _death_toll(token):
                return None  # "59 Kyrgyz citizens were killed, the ministry said": a toll
            # "two people were shot dead", "the attack on the market": the story's
            # attackers, named for its last attack, are whom a reader holds responsible
            actors = _copy(memory.attackers)
            if self._hits_own_side(args, when, local, memory, actors):
                return None  # "its forces came under fire": not the story's attackers
        if not actors and memory.coreference is not None:
            # "The bloc imposed asset freezes", "the Baltic state summoned": the party a
            # definite description points back to
            actors = [e for span in args.actors[:1]
                      for e in memory.coreference.description(span) if e.code]
        if not actors:
            return None  # PLOVER requires an actor; "four people were killed" names none
        if event_type == "COERCE" and all(a.sector == "CVL" for a in actors):
            return None  # "residents hacked into the booking system": crime, not coercion
        if in_sport(sentence) and all(a.sector in PRIVATE_SECTORS for a in actors):
            return None  # "the Kenyan runner launched a devastating attack": a play
        if event_type != "CONSULT" and args.actors:
            # who "she" or "the junta" is, read from the text; applied once the article's
            # events are settled, so that it changes whom an event names and nothing else
            named = self._resolve(args.actors, when, local, memory, from_text=True)
            if named and _codes(named) != _codes(actors):
                memory.corrected[token.idx] = named
        recipients = []
        if event_type == "MOBILIZE":
            recipients = self._across_the_border(token, consumed, when, actors)
        if event_type not in NO_RECIPIENT and mode != "resign":
            recipients = self._recipients(args, consumed, token, when, local, memory, actors)
            if not recipients and event_type in PLEDGE_TYPES and len(actors) == 1:
                # "promised to deliver air defence systems to Ukraine", "agreed to let UN
                # inspectors in": whom the promise is made to is named in what is promised
                recipients = self._complement_party(args, consumed, token, when, memory,
                                                    actors, places=False)
            elif not recipients and (event_type in DIRECTED_TYPES
                                     or event_type in DOMESTIC_TARGET_SECTOR):
                # filled in after the sentence's duplicates are merged: a target the reader
                # supplies does not make two mentions of one act two events
                memory.implicit[token.idx] = self._implicit_recipients(
                    event_type, args, consumed, token, when, local, memory, actors
                ) or _domestic_target(event_type, actors, location, local)
            if (event_type, mode) == ("RETREAT", "withdraw"):
                # "France pulled its last troops out of Niger": the forces moved are the
                # actor's own; the withdrawal is from the state that holds the place
                actor_codes = {a.code for a in actors}
                recipients = [r for r in recipients
                              if not (r.code in actor_codes and r.sector in ARMED_SECTORS)]
                recipients = recipients or self._holder_of_left_place(token, memory, actors)
            if not recipients and (event_type == "SUPPORT" or mode == "third-party"):
                recipients = self._parties_of_described_deal(token, when, local, memory,
                                                             actors)
        if event_type in SEIZING_TYPES and recipients:
            actors = self._forces_of_the_seized_leader(args, actors, recipients, when)
        modes = modes_for(event_type, sentence, mode) if event_type == rule.event or mode else []
        if event_type == "CONSULT":
            actors, recipients, modes = self._arrange_consult(
                actors, recipients, modes, location, args, when, token, local
            )
        self._remember(actors, recipients, memory, meeting=event_type == "CONSULT")
        if event_type == "CONSULT" and "visit" in modes and recipients:
            memory.last_visit = (actors, recipients)
        if event_type == "ASSAULT" and args.actors:
            memory.attackers = actors
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
            confidence=self.score(EventEvidence(
                event_type, rule.weight, rule.line == 0, status, tuple(actors),
                tuple(recipients), dated.source in DATED_BY_TEXT, token.pos_ != "VERB", token.idx,
            )),
            trigger_source=_trigger_source(rule),
            text=evidence.text,
            text_info=TextInfo(sequence, evidence.start_char, evidence.end_char),
            event_text=_event_text(token, consumed),
            trigger_start=token.idx,
            trigger_end=token.idx + len(token.text),
            mode=modes,
            context=contexts_for(sentence, rule.context),
            quad_code=ontology.quad_code(event_type),
            event_scale=ontology.event_scale(event_type, modes),
            cameo=ontology.cameo_code(event_type, modes),
            event_loc=location,
            amount=_amount(sentence, token) if event_type in AMOUNT_EVENTS else None,
        )

    def score(self, evidence: EventEvidence) -> float:
        """The event's calibrated confidence (training overrides this to collect evidence)."""
        return max(0.01, min(0.99, self.calibration.score(evidence)))

    # --- actors ------------------------------------------------------------------------

    def _resolve(
        self, spans: list[Span], when: date | None, home: str | None, memory: _Memory,
        from_text: bool = False,
    ) -> list[Entity]:
        """The entities the spans name; pronouns and definite descriptions from the
        article's memory, or with ``from_text`` from the antecedents its text names."""
        entities: list[Entity] = []
        for span in (part for whole in map(_after_dateline, spans)
                     for part in _pronoun_conjuncts(whole)):
            size = group_size(span)
            if size:
                group = _group(memory, size, span)
                entities += [e for e in _copy(group) if not same_entity(e, entities)]
                if group:
                    continue
            if is_pronoun(span):
                # "he" and "him" are read from the text at once: the person a chain of
                # subjects carries, not the person last named ("he flew to Mogadishu,
                # where Farmaajo received him")
                person = span[0].lower_ in PERSON_PRONOUNS
                found = (_antecedent(span, memory, when) if from_text or person
                         else _remembered(span, memory, when))
                # an antecedent with no code stays until the text corrects it
                entities += [e for e in _copy(found) if not same_entity(e, entities)]
                continue
            resolve = memory.people.resolve if memory.people else self.resolver.resolve
            found = resolve(span, when) or self._modifier_states(span, when)
            if (from_text and memory.coreference is not None and found and home
                    and not any(e.code for e in found)):
                # "the junta", "the bloc": an actor named before, not the story's country
                found = memory.coreference.description(span) or found
            elif memory.coreference is not None and not any(e.code for e in found):
                # "the organization", "the group", "the company": the organization the
                # article named
                found = (memory.coreference.organization(span)
                         or memory.coreference.acronym(span) or found)
            if not found:
                # "his guest", "their hosts": the parties of the visit last coded
                found = _copy(_visit_party(span, memory))
            for entity in found:
                if not entity.code and entity.sector is not None:
                    # "its forces": the country of the clause's subject, else the owner
                    # named before ("his government"), else the story's
                    owner = _coreferent_possessor(span, memory) if from_text else None
                    entity.code = (self._possessor_code(span, when)
                                   or _shared_modifier_code(span, entity, found)
                                   or self._located_code(span, entity)
                                   or owner or home)
                if entity.code and not same_entity(entity, entities):
                    entities.append(entity)
        return entities

    def _hits_own_side(self, args: Arguments, when: date | None, local: str | None,
                       memory: _Memory, attackers: list[Entity]) -> bool:
        targets = self._resolve(args.recipients, when, local, memory)
        return any(same_entity(t, attackers) for t in targets)

    def _recipients(
        self, args: Arguments, consumed: set[int], trigger: Token, when: date | None,
        home: str | None, memory: _Memory, actors: list[Entity],
    ) -> list[Entity]:
        spans = [span for span in args.recipients
                 if not _is_instrument(span) and not _names_an_occasion(span)]
        # "struck Tal Rifaat and villages around Kobani": the target's people and places
        # with no nationality are the state's that holds the place the target names
        target_home = (self._place_country(spans[:1], memory.countries)
                       if spans and _mentions_a_place(spans[0]) else None) or home
        found = self._resolve(spans, when, target_home, memory)
        actor_codes = {a.code for a in actors}
        # "expelled 40 Russian diplomats", "fired water cannon at a Philippine boat": the
        # owned object or an unresolvable phrase still names the targeted state
        for index in sorted(consumed):
            found += [e for e in self.resolver.resolve(phrase(trigger.doc[index]), when)
                      if e.code and e.code not in actor_codes]
        if not found:
            found = [e for span in spans for e in self._countries_named(span, when)]
        kept: list[Entity] = []
        for entity in found:
            if not same_entity(entity, actors) and not same_entity(entity, kept):
                kept.append(entity)
        return kept

    def _implicit_recipients(
        self, event_type: str, args: Arguments, consumed: set[int], trigger: Token,
        when: date | None, local: str | None, memory: _Memory, actors: list[Entity],
    ) -> list[Entity]:
        """The target a reader supplies when the sentence's grammar names none: a party
        named inside the act's complement, the holder of a targeted place or people, or
        the article's other party (see ``polex.events.implicit``)."""
        actor_codes = {a.code for a in actors}
        found = self._complement_party(args, consumed, trigger, when, memory, actors) \
            or self._shared_party(trigger, when, local, memory, actors) \
            or (self._complement_institution(consumed, trigger, when, local, actors)
                if event_type in INSTITUTION_TARGET_TYPES else [])
        if found:
            return found
        sector = target_sector(args.recipients)
        if args.recipients and (sector is not None or event_type == "ASSAULT"):
            # "shelled Nikopol", "a market in Kharkiv": the state that holds the place named
            # with the target, else the state where the act happened
            town = self.placer.locate(args.recipients[:1], countries=memory.countries)
            holder = (town.country_code if town else None) or (local if sector else None)
            if holder:
                return [Entity(holder, sector or "CVL", args.recipients[0].text)]
        if event_type in COUNTERPART_TYPES:
            other = next((code for code in memory.countries if code not in actor_codes),
                         None)
            country = self.resolver.kb.country(other) if other else None
            if other and country is not None:
                return [Entity(other, "GOV", country.name)]
        return []

    def _complement_institution(
        self, consumed: set[int], trigger: Token, when: date | None, local: str | None,
        actors: list[Entity],
    ) -> list[Entity]:
        """ "ignored a summons to appear at the state prosecutor's office", "refused to
        recognise the results announced by the Central Election Commission": a body the
        complement names without its state is the actor's own state's, else the story's."""
        home = next((a.code for a in actors if a.code and self.resolver.kb.country(a.code)),
                    local)
        if home is None:
            return []
        for head in institution_heads(trigger, consumed):
            if not self.resolver.kb.lookup(head.text):
                continue  # "the Galaxy Leader car carrier": the head names no body
            found = [e for e in self.resolver.resolve(phrase(head), when)
                     if e.code is None and e.sector in INSTITUTION_SECTORS]
            if found:
                entity = Entity(home, found[0].sector, found[0].entity_text)
                return [] if same_entity(entity, actors) else [entity]
        return []

    def _forces_of_the_seized_leader(self, args: Arguments, actors: list[Entity],
                                     recipients: list[Entity], when: date | None
                                     ) -> list[Entity]:
        """ "mutinous soldiers detained Keïta", "officers seized President Bah Ndaw":
        forces whose phrase names no state, seizing a state's leader, are that state's
        own (a coup), not the story's main state."""
        states = {r.code for r in recipients}
        named = [e for span in args.actors for e in self.resolver.resolve(span, when)]
        if len(states) != 1 or not any(r.office for r in recipients) or not named or any(
                e.code or e.sector not in STATE_ARMED_SECTORS for e in named):
            return actors
        (code,) = states
        return [replace(a, code=code) for a in actors]

    def _holder_of_left_place(self, trigger: Token, memory: _Memory, actors: list[Entity]
                              ) -> list[Entity]:
        """ "Russian troops pulled back from Kyiv", "the M23 withdrew from Goma": the state
        that holds the place left."""
        places = _left_places(trigger)
        place = self.placer.locate(places, countries=memory.countries) if places else None
        if place is None or place.country_code is None:
            return []
        holder = Entity(place.country_code, "GOV", places[0].text)
        return [] if same_entity(holder, actors) else [holder]

    def _parties_of_described_deal(
        self, trigger: Token, when: date | None, local: str | None, memory: _Memory,
        actors: list[Entity],
    ) -> list[Entity]:
        """ "Saudi Arabia and Iran agreed to restore relations, in a deal brokered by
        China", "exchanged prisoners in a swap mediated by the UAE": the deal's parties are
        the subject of the clause it belongs to (the guests of talks "hosted by China" are
        its visitors, not its parties)."""
        verb = _clause_of_modified_noun(trigger)
        if verb is None or trigger.head.dep_ != "pobj":
            return []
        subject, _ = subject_of(verb)
        if subject is None:
            return []
        found = self._resolve([phrase(subject)], when, local, memory)
        return [e for e in found if not same_entity(e, actors)]

    def _shared_party(
        self, trigger: Token, when: date | None, local: str | None, memory: _Memory,
        actors: list[Entity],
    ) -> list[Entity]:
        """ "spoke by phone with Kagame and urged an immediate ceasefire": a coordinated
        verb with no party of its own addresses the party of the verb it follows."""
        head = trigger.head
        if trigger.dep_ != "conj" or head == trigger or head.pos_ not in {"VERB", "AUX"}:
            return []
        spans = verb_arguments(head, set()).recipients
        return [e for e in self._resolve(spans, when, local, memory)
                if e.code and not same_entity(e, actors)][:1]

    def _complement_party(
        self, args: Arguments, consumed: set[int], trigger: Token, when: date | None,
        memory: _Memory, actors: list[Entity], places: bool = True,
    ) -> list[Entity]:
        """A party named inside the act's own complement ("offered to send police to
        Haiti", "denounced the votes staged by Moscow"), other than the actor; without
        ``places``, not one named only as where something happens ("talks in Geneva")."""
        actor_codes = {a.code for a in actors}
        resolve = memory.people.resolve if memory.people else self.resolver.resolve
        mentions = complement_mentions(trigger, consumed)
        if not places:
            mentions = [m for m in mentions if m.root.head.lower_ not in PLACE_PREPS]
        mentions = [m for m in mentions
                    if not self._describes_a_thing(m, when) and not opens_facility_name(m)]
        for mention in mentions:
            found = [e for e in resolve(mention, when)
                     if e.code and e.code not in actor_codes]
            if found:
                # "American and British warships": the parties coordinated with it too
                partners = [e for other in mentions if _coordinated(other, mention)
                            for e in resolve(other, when)
                            if e.code and e.code not in actor_codes | {found[0].code}]
                return [found[0], *partners]
        return []

    def _describes_a_thing(self, mention: Span, when: date | None) -> bool:
        """ "Russian gas", "a 'Russian special operation'": a nationality on a noun that
        names no party says where a thing comes from, not at whom an act is aimed."""
        root = mention.root
        if mention.label_ != "NORP" or root.dep_ not in {"amod", "compound"}:
            return False
        noun = root.head
        if noun.pos_ != "NOUN" or noun.i < mention.end:
            return False
        rest = noun.doc[mention.end : noun.i + 1]  # "coast guard vessels" names a party
        return not self.resolver.resolve(rest, when)

    def _across_the_border(self, trigger: Token, consumed: set[int], when: date | None,
                           actors: list[Entity]) -> list[Entity]:
        """ "massed troops near its border with Ukraine", "moved armour towards the
        Eritrean border", "into positions facing Guyana": forces sent to a frontier face
        the state across it."""
        doc = trigger.doc
        owners = [trigger, *(doc[i] for i in consumed)]
        words = [t for owner in owners for c in owner.children if c.dep_ in {"prep", "dobj"}
                 for t in c.subtree]
        found: list[Entity] = []
        for word in words:
            if word.lemma_.lower() == "face" and word.tag_ == "VBG":
                # "ordered 5,600 troops into positions facing Guyana"
                across = [c for c in word.children if c.dep_ == "dobj"]
            elif word.lemma_.lower() in FRONTIER_NOUNS:
                across = [c for c in word.children if c.dep_ in {"amod", "compound"}]
                across += [g for c in word.children if c.dep_ == "prep" and c.lower_ == "with"
                           for g in c.children if g.dep_ == "pobj"]
            else:
                continue
            for token in across:
                if token.ent_type_ not in {"GPE", "NORP"}:
                    continue
                found += [Entity(e.code, e.sector or "GOV", e.entity_text)
                          for e in self.resolver.resolve(phrase(token), when)
                          if e.code and e.code not in {a.code for a in actors + found}]
        return found[:2]

    def _modifier_states(self, span: Span, when: date | None) -> list[Entity]:
        """ "Chinese vessels", "Russia's FSB security service", "Hamas's armed wing": a
        phrase the knowledge base does not know, headed by a noun that a state or
        organization modifies, is that state's or organization's act."""
        root = span.root
        if root.ent_type_ or root.pos_ not in {"NOUN", "PROPN"}:
            return []
        found = self._states_modifying(root, span, when)
        member = _group_member(root)
        if not found and member is not root:
            # "a team of six Chinese medical experts": the people the group is made of
            found = self._states_modifying(member, span, when)
        return found

    def _states_modifying(self, noun: Token, span: Span, when: date | None) -> list[Entity]:
        found: list[Entity] = []
        for child in noun.children:
            if child.dep_ in {"poss", "amod", "compound"} and child.ent_type_ in MODIFIER_ENTITIES:
                ent_span = next((e for e in span.ents if e.start <= child.i < e.end), None)
                if ent_span is not None:
                    found += [Entity(e.code, e.sector if child.ent_type_ == "ORG" else None,
                                     span.text)
                              for e in self.resolver.resolve(ent_span, when) if e.code]
        return found

    def _countries_named(self, span: Span, when: date | None) -> list[Entity]:
        """States and organizations named inside a phrase that is not itself an actor
        ("the Group of Seven's statement", "Iran's oil trade")."""
        entities = []
        for ent in span.ents:
            if ent.label_ in {"GPE", "NORP", "ORG"} and not opens_facility_name(ent):
                entities += [Entity(e.code, e.sector if ent.label_ == "ORG" else None, span.text)
                             for e in self.resolver.resolve(ent, when) if e.code]
        names = [t for t in span.root.children if t.dep_ == "compound" and t.pos_ == "PROPN"]
        if not entities and names:
            # "Islamic State hideouts" with the name half-recognized: the name before the
            # head noun, read by the knowledge base
            owner = span.doc[min(t.left_edge.i for t in names) : span.root.i]
            entities = [Entity(e.code, e.sector, span.text)
                        for e in self.resolver.resolve(owner, when) if e.code]
        return entities

    def _located_code(self, span: Span, entity: Entity) -> str | None:
        """The state of the town that places a group of people ("fishermen from
        Nagapattinam", "residents of the town of Zhanaozen"); not a state's body or an
        armed force, which a place names where they serve ("troops in Mali")."""
        if entity.sector in STATE_FORCE_SECTORS:
            return None
        for prep in span.root.children:
            if prep.dep_ != "prep" or prep.lower_ not in LOCATING_PREPS:
                continue
            for place in prep.children:
                if place.dep_ == "pobj" and span.start <= place.i < span.end:
                    code = self.placer.country_of(phrase(place))
                    if code:
                        return code
        return None

    def _posted_to(self, spans: list[Span], when: date | None) -> str | None:
        """ "France's ambassador to Mali was expelled": the state an envoy or a mission
        is posted to, where what is done to them happens."""
        for span in spans:
            for prep in span:
                if prep.dep_ != "prep" or prep.lower_ not in POSTING_PREPS:
                    continue
                posting = self.resolver.kb.lookup(f"{prep.head.text} {prep.text}")
                if not any(e.kind == "sector_noun" for e in posting):
                    continue
                codes = [e.code for obj in prep.children if obj.dep_ == "pobj"
                         for e in self.resolver.resolve(phrase(obj), when) if e.code]
                if codes:
                    return codes[0]
        return None

    def _possessor_code(self, span: Span, when: date | None) -> str | None:
        """ "Pakistan denied that its forces had opened fire": "its" is the nearest
        enclosing clause's subject other than the phrase itself."""
        whose = any(t.dep_ == "poss" and t.lower_ == "whose" for t in span)
        if not whose and not any(t.dep_ == "poss" and t.pos_ == "PRON" for t in span):
            return None
        clause = span.root.head
        if whose and clause.dep_ == "relcl" and clause.head != clause:
            # "Niger, whose government has agreed to host French units": the noun the
            # relative clause is about
            codes = [e.code for e in self.resolver.resolve(phrase(clause.head), when)
                     if e.code]
            return codes[0] if codes else None
        verb = clause
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
        location: Location | None, args: Arguments, when: date | None, trigger: Token,
        local: str | None = None,
    ) -> tuple[list[Entity], list[Entity], list[str]]:
        """Who visited whom. PLOVER: the visitor is the actor and the host the recipient
        ("Tokayev received China's foreign minister": the minister visited); a meeting
        with no host lists every participant as actor; a call keeps caller and called."""
        if "phone" in modes:
            return actors, recipients, modes
        if "visit" in modes and recipients and trigger.lemma_.lower() in HOSTING_VERBS:
            # "Sisi welcomed the emir to Cairo": the guest visits; the host's own capital
            # is where, not who
            host_codes = {a.code for a in actors}
            guests = [r for r in recipients if r.code not in host_codes] or recipients
            return guests, actors, modes
        if "visit" in modes:
            return actors, recipients or self._place_as_host(args, when, actors, local), modes
        place = location.country_code if location else None
        actor_codes = {a.code for a in actors}
        recipient_codes = {r.code for r in recipients}
        if place and recipients and place in recipient_codes - actor_codes:
            return actors, recipients, ["visit"]
        if place and recipients and place in actor_codes - recipient_codes:
            return recipients, actors, ["visit"]
        if recipients and trigger.pos_ == "VERB":
            # "Modi met Xi", "Modi held talks with Xi": the subject meets the object
            return actors, recipients, modes
        participants = merge(actors, recipients)
        hosts = [p for p in participants if p.code == place]
        guests = [p for p in participants if p.code != place]
        if hosts and guests:
            # "he and Putin met again in Moscow": the meeting has a host, the others visit
            return guests, hosts, modes
        if place and len(participants) > 1:
            modes = modes or ["third-party"]
        return participants, [], modes

    def _place_as_host(self, args: Arguments, when: date | None,
                       visitors: list[Entity], local: str | None = None) -> list[Entity]:
        """ "visited Buenos Aires" / "arrived in Astana" / "flew to Sochi": the host is the
        place's state, named or placed by the gazetteer; "arrived in the capital" is the
        story's capital (a town in the visitor's own state is a trip at home, with no
        host)."""
        for span in args.places:
            hosts = [e for e in self.resolver.resolve(span, when) if e.code]
            if hosts:
                return hosts
        # the destination of "flew to Sochi" is parsed as the verb's party
        code = self._place_country(args.places) or self._place_country(args.recipients)
        if code is None and any(_is_the_capital(span) for span in args.places):
            code = local
        country = self.resolver.kb.country(code) if code else None
        if country is None or any(v.code == code for v in visitors):
            return []
        return [Entity(country.code, "GOV", country.name)]

    def _arresting_police(self, args: Arguments, location: Location | None,
                          when: date | None, local: str | None, memory: _Memory
                          ) -> list[Entity]:
        """ "Massimov was arrested on Jan. 8": the police of the place of the arrest, else
        of the detainee's country, else of the story's ("her husband, the blogger Siarhei
        Tsikhanouski, had been arrested")."""
        code = location.country_code if location else None
        if code is None:
            detained = self._resolve(args.recipients[:1], when, local, memory)
            code = next((e.code for e in detained if e.code), None) or local
        return [Entity(code, "COP", "")] if code else []

    def _place_country(self, spans: list[Span], countries: Sequence[str] = ()) -> str | None:
        """The country of a place the phrases name: one the clause names outside an
        "in"/"at" phrase ("sealed off Istanbul's Taksim Square"), for a story that names
        no state, or a town the knowledge base does not code ("Almaty"); ``countries``,
        the article's states, tell same-named places apart."""
        place = self.placer.locate(spans, countries=countries)
        return place.country_code if place is not None else None

    def _countries_in_play(self, doc: Doc, published: date | None) -> list[str]:
        """The states the article names, most mentioned first; for a story that names
        none, the state of its dateline's place ("IMPHAL, Aug 17:")."""
        counts: Counter[str] = Counter()
        named: dict[tuple[str, str], list[str] | None] = {}  # a name once per article
        placed: dict[tuple[str, int], list[str]] = {}  # a place once per sentence
        for ent in doc.ents:
            if self._sponsors_or_opposes(ent) or opens_facility_name(ent):
                # "pro-Russian separatists", "Iran-backed militias", "the Saudi Maternity
                # Hospital": not in play
                continue
            key = (ent.label_, ent.text)
            if key not in named:
                named[key] = self._states_of_name(ent, published)
            codes = named[key]
            if codes is None:
                where = (ent.text, ent.sent.start)
                if where not in placed:
                    placed[where] = self._state_of_place(ent)
                codes = placed[where]
            counts.update(codes)
        states = _most_named(counts)
        dateline = _dateline(doc)
        if dateline is None or (states and not _is_wire_dateline(dateline)):
            return states
        place = self.placer.locate([dateline])
        filed_in = place.country_code if place is not None else None
        if not filed_in or not states:
            return states or ([filed_in] if filed_in else [])
        # a story filed from a state's town is about that state unless another one clearly
        # dominates it ("OUAGADOUGOU - ... French channel ... French dailies")
        counts[filed_in] += DATELINE_WEIGHT
        return _most_named(counts)

    def _sponsors_or_opposes(self, ent: Span) -> bool:
        """A state named as a stance ("Pro-Russian", "anti-American") or a sponsor
        ("Iran-backed") of someone else (grammar roles ``stance`` and ``sponsor``)."""
        doc = ent.doc
        if "-" not in ent.text and (ent.end >= len(doc) or doc[ent.end].text != "-"):
            return False
        roles = self.resolver.kb.grammar_roles
        first = ent.text.split("-", 1)[0] if "-" in ent.text else ""
        if first and "stance" in roles(first.lower()):
            return True
        following = doc[ent.end : ent.end + 2]
        return (len(following) == 2 and following[0].text == "-"
                and "sponsor" in roles(following[1].lower_))

    def _states_of_name(self, ent: Span, published: date | None) -> list[str] | None:
        """The states a name counts for: a state or nationality, the state a known person
        serves ("Tokayev" nine times makes a story Kazakh, whoever else it names) or a
        state's own body or armed group; None for the name of a town or region, whose
        state is read in each sentence that names it (``_state_of_place``)."""
        if ent.label_ in {"GPE", "NORP"}:
            codes = [e.code for e in self.resolver.resolve(ent, published) if e.code]
            return codes or None
        if ent.label_ in {"LOC", "FAC"}:
            return None
        if ent.label_ in {"PERSON", "ORG"}:
            # a state's own body or armed group ("the Rapid Support Forces") counts for it
            return [e.code for e in self.resolver.resolve(ent, published)
                    if e.code and self.resolver.kb.country(e.code) is not None]
        return []

    def _state_of_place(self, ent: Span) -> list[str]:
        """The state holding a town or region, read beside the names of its sentence."""
        code = self.placer.country_of(ent, beside=_other_names(ent))
        return [code] if code else []

    @staticmethod
    def _remember(actors: list[Entity], recipients: list[Entity], memory: _Memory,
                  meeting: bool = False) -> None:
        if actors:
            # "they" after a meeting are all who met, the host too
            memory.last_actors = merge(actors, recipients) if meeting else actors
            memory.last_parties = merge(actors, recipients)
        people = [a for a in actors if a.office]
        if people:
            memory.last_person = people


# --- helpers ------------------------------------------------------------------------------


def _own_date(dater: EventDater, trigger: Token, consumed: set[int],
              speech_act: bool = False, described_now: bool = True) -> EventDate:
    """The trigger's date; else a date the parse hung on a word of the same act: the noun
    it owns ("lifted sanctions on Iran in January 2016"), the verb it completes ("voted
    on Friday to end"), its complement ("ordered diplomats to leave on Saturday"), or
    the episode it happened in ("arrested during Wednesday's protests"). A promise,
    demand, refusal or threat is made when it is made: what it promises for June does
    not date it ("agreed to meet again in June"). With ``described_now``, a participle
    takes the date of the clause that names what it describes ("in a deal brokered by
    China")."""
    dated = dater.date_for(trigger)
    if dated.source in DATED_BY_TEXT:
        return dated
    for token in _same_act(trigger, consumed, speech_act, described_now):
        other = dater.date_for(token)
        if other.source in DATED_BY_TEXT:
            return other
    return dated


def _in_the_news_episode(dated: EventDate, dater: EventDater, trigger: Token,
                         event_type: str, status: str) -> EventDate:
    """An act the text leaves undated in a wire story whose lead dates the news ("Police
    fired tear gas to disperse crowds") belongs to that day's episode; statements and
    other undated events keep the publication date."""
    if dated.source not in UNDATED_SOURCES or status != "occurred":
        return dated
    if event_type not in EPISODE_TYPES or not continues_story(trigger):
        return dated
    lead = dater.lead_date()
    return EventDate(lead, "narrative") if lead is not None else dated


def _same_act(trigger: Token, consumed: set[int], speech_act: bool = False,
              described_now: bool = True) -> list[Token]:
    doc = trigger.doc
    related = [doc[i] for i in sorted(consumed) if not (speech_act and doc[i].dep_ == "xcomp")]
    if trigger.dep_ in {"xcomp", "conj"} and trigger.head != trigger:
        related.append(trigger.head)
    means = _means_of(trigger)
    if means is not None:
        related.append(means)
    told_with = _clause_of_modified_noun(trigger) if described_now else None
    if told_with is not None:
        related.append(told_with)
    if not speech_act:
        related += [c for c in trigger.children if c.dep_ == "xcomp"]
    related += [
        pobj for prep in trigger.children
        if prep.dep_ == "prep" and prep.lower_ in EPISODE_PREPS
        for pobj in prep.children if pobj.dep_ == "pobj"
    ]
    return related


def _left_places(trigger: Token) -> list[Span]:
    """The "from" or "out of" phrases of a withdrawal, on the verb or its particle
    ("pulled back from around Kyiv", "pulled out of Kibumba")."""
    particles = [c for c in trigger.children
                 if c.dep_ in {"prt", "advmod"} or c.dep_ == "prep" and c.lower_ == "out"]
    out = any(p.lower_ == "out" for p in particles)
    places = []
    for head in [trigger, *particles]:
        for prep in head.children:
            if prep.dep_ != "prep" or not (prep.lower_ == "from" or out and prep.lower_ == "of"):
                continue
            inner = [g for c in prep.children if c.dep_ == "prep" for g in c.children]
            places += [phrase(p) for p in [*prep.children, *inner]
                       if p.dep_ == "pobj" and _names_a_place(p)]
    return places


def _names_a_place(noun: Token) -> bool:
    """ "Kyiv", "the Doklam plateau", "the city of Kherson"; not "a meeting with Pashinyan
    in Granada", whose place is where the meeting was."""
    named = [noun, *(c for c in noun.children if c.dep_ == "compound"),
             *(g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj")]
    return any(t.pos_ == "PROPN" or t.ent_type_ in PLACE_ENTITY_LABELS for t in named)


def _clause_of_modified_noun(trigger: Token) -> Token | None:
    """The past verb of the clause that names what a participle describes: "agreed on
    Friday to restore relations, in a deal brokered by China" (brokered by Friday)."""
    if trigger.dep_ != "acl" or trigger.tag_ != "VBN":
        return None
    noun = trigger.head
    if noun.dep_ == "pobj":
        verb = noun.head.head
    elif noun.dep_ in CLAUSE_PARTY_DEPS:
        verb = noun.head
    else:
        return None
    return verb if verb.tag_ == "VBD" else None


def _group_member(noun: Token) -> Token:
    """ "a team of six Chinese medical experts": the people a group noun is made of."""
    if noun.lemma_.lower() not in GROUP_NOUNS:
        return noun
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    member = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    return member if member is not None else noun


def _means_of(trigger: Token) -> Token | None:
    """The verb whose act the trigger's is the means or the upshot of: "responded by
    boycotting", "had ended with soldiers seizing Tandja"."""
    clause = trigger
    if trigger.dep_ == "acl" and trigger.tag_ == "VBG" and trigger.head.dep_ == "pobj":
        clause = trigger.head  # the soldiers seizing: the noun is the preposition's object
    elif trigger.dep_ != "pcomp":
        return None
    preposition = clause.head
    verb = preposition.head
    if preposition.lower_ in MEANS_PREPS and verb.pos_ in {"VERB", "AUX"} and verb != preposition:
        return verb
    return None


def _with_implicit_recipients(events: list[Event], implicit: dict[int, list[Entity]]
                              ) -> list[Event]:
    for event in events:
        if not event.recipient and event.trigger_start in implicit:
            event.recipient = implicit[event.trigger_start]
    return events


def _other_names(ent: Span) -> list[Span]:
    """The runs of proper nouns in the entity's sentence outside it ("Kebbi" in "Yauri,
    Kebbi state"), each a phrase of its own."""
    bounds: list[list[int]] = []
    for token in ent.sent:
        if token.pos_ != "PROPN" or ent.start <= token.i < ent.end:
            continue
        if bounds and bounds[-1][1] == token.i:
            bounds[-1][1] = token.i + 1
        else:
            bounds.append([token.i, token.i + 1])
    return [ent.doc[start:end] for start, end in bounds]


def _shared_modifier_code(span: Span, entity: Entity, found: list[Entity]) -> str | None:
    """ "Azerbaijani artillery and drones": a bare noun joined to a modified one shares
    its modifier, so its state."""
    for token in span:
        if (token.dep_ == "conj" and token.text == entity.entity_text
                and not any(c.dep_ in {"det", "amod", "compound", "poss"} for c in token.children)):
            first = token.head
            return next((e.code for e in found if e.code and first.text in e.entity_text.split()),
                        None)
    return None


def _describes_a_state(token: Token) -> bool:
    """A participle before its noun ("occupied Sevastopol", "the annexed peninsula", "the
    detained journalists") names a state the noun is in, not an act the sentence
    reports."""
    return token.dep_ == "amod" and token.tag_ == "VBN" and token.i < token.head.i


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


def _without_spaces(sentence: Span) -> Span:
    tokens = [t.i for t in sentence if not t.is_space]
    return sentence.doc[tokens[0] : tokens[-1] + 1] if tokens else sentence


def _antecedent(span: Span, memory: _Memory, when: date | None) -> list[Entity]:
    """ "he" and "it": the party the text clearly points to, else the one last introduced;
    "they": the parties last coded when they fit, else the nearest fitting actor named.

    The text corrects who a pronoun stands for but never makes an event of a sentence
    whose pronoun the article's memory could not fill: such events were mostly not
    events a coder records."""
    remembered = _remembered(span, memory, when)
    if memory.coreference is None:
        return remembered
    if not remembered:
        # "Tsai ended a trip to Guatemala ... On Wednesday she met McCarthy": a person the
        # text names clearly, though no event coded so far named her
        return memory.coreference.pronoun(span[0]) \
            if span[0].lower_ in PERSON_PRONOUNS else remembered
    if span[0].lower_ in PERSON_PRONOUNS or span[0].lower_ in MAIN_SUBJECT_PRONOUNS:
        return memory.coreference.pronoun(span[0]) or remembered
    if fits_pronoun(span[0].text, remembered):
        return remembered
    return memory.coreference.pronoun(span[0]) or remembered


def _visit_party(span: Span, memory: _Memory) -> list[Entity]:
    """ "his guest", "the visitors": the last visit's visitors; "their host": its hosts."""
    lemma = span.root.lemma_.lower()
    visitors, hosts = memory.last_visit
    if lemma in GUEST_NOUNS:
        return visitors
    return hosts if lemma in HOST_NOUNS else []


def _is_the_capital(span: Span) -> bool:
    """ "the capital", with no "of" naming another state's."""
    root = span.root
    return root.lower_ == "capital" and any(c.lower_ == "the" for c in root.children) \
        and not any(c.dep_ == "prep" for c in root.children)


def _trigger_source(rule: TriggerRule) -> str:
    if rule.source == STANCE_SOURCE:
        return STANCE
    return f"{rule.source}:{rule.line}" if rule.line else CLASSIFIER


def labelling_arguments(label: Token) -> Arguments:
    """The speaker who put the label on a party, and that party (the label's polarity was
    read when the label was matched)."""
    found = labelled_party(label)
    if found is None:
        return Arguments()
    verb, target = found
    speaker = verb_arguments(verb, {label.i})
    return Arguments(actors=speaker.actors, recipients=[target], places=speaker.places)


def _pronoun_conjuncts(span: Span) -> list[Span]:
    """ "he and Putin met again": a coordination with a pronoun in it, one conjunct at a
    time, so that the pronoun is resolved as a pronoun."""
    heads = [span.root, *span.root.conjuncts]
    if len(heads) < 2 or not any(h.lower_ in PERSON_PRONOUNS for h in heads):
        return [span]
    others = {h.i for h in heads}
    parts = []
    for head in heads:
        own = [t.i for t in head.subtree
               if t.dep_ not in {"cc", "punct"} and not _below_another(t, head, others)]
        parts.append(span.doc[min(own): max(own) + 1])
    return parts


def _below_another(token: Token, head: Token, heads: set[int]) -> bool:
    current = token
    while current != head:
        if current.i in heads:
            return True
        current = current.head
    return False


def _drop_uncoded_parties(event: Event) -> None:
    """Drops the parties no code was found for (a pronoun whose antecedent the text never
    settled), but not an event's only actor: the act was still found."""
    coded = [e for e in event.actor if e.code]
    event.actor = coded or event.actor
    event.recipient = [e for e in event.recipient if e.code]


def _codes(entities: list[Entity]) -> set[str | None]:
    return {e.code for e in entities}


def _correct_actors(event: Event, corrected: dict[int, list[Entity]],
                    implicit: dict[int, list[Entity]]) -> None:
    """The actors the text names, unless they would make the event one party acting on
    itself. A recipient the reader supplied from the story's other party ("On Sunday it
    downgraded relations": the other of China and Lithuania) is read again: the party
    the pronoun was first taken for."""
    named = corrected.get(event.trigger_start)
    if not named:
        return
    if not _codes(named) & _codes(event.recipient):
        event.actor = named
    elif event.recipient is implicit.get(event.trigger_start):
        others = [a for a in event.actor if a.code not in _codes(named)]
        if others:
            event.actor, event.recipient = named, others


def _death_toll(trigger: Token) -> bool:
    """ "At least 59 Kyrgyz citizens were killed", "thousands of civilians have been
    killed": a count of the dead with no one said to have killed them tallies the attacks
    the story codes, rather than telling of one."""
    if trigger.lemma_.lower() != "kill" or not _agentless_passive(trigger):
        return False
    subject = next(c for c in trigger.children if c.dep_ == "nsubjpass")
    return any(t.like_num or t.lower_ in COUNT_WORDS for t in subject.subtree)


def _agentless_passive(trigger: Token) -> bool:
    children = {child.dep_ for child in trigger.children}
    return "nsubjpass" in children and "agent" not in children


def _coordinated(one: Span, other: Span) -> bool:
    """Whether two names are joined by "and"/"or" ("American and British")."""
    first, second = sorted((one.root, other.root), key=lambda t: t.i)
    return second.dep_ == "conj" and second.head == first


def _names_an_occasion(span: Span) -> bool:
    """ "on the sidelines of the G20", "to next week's Arab League summit": a gathering
    an act happens at or is invited to, whose organizer is no party to it."""
    return span.root.lemma_.lower() in OCCASION_NOUNS


def _is_instrument(span: Span) -> bool:
    """ "fought with artillery and drones": a weapon after "with" is what the act was done
    with, not whom it was done to."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "with":
        return False
    lemma = root.lemma_.lower()
    return lemma not in {"gunman", "gunmen"} and (
        mode_cues().get("ASSAULT", {}).get(lemma) in INSTRUMENT_MODES)


def _weapon_actor(span: Span, local: str) -> list[Entity]:
    """ "A roadside bomb tore through a convoy", "an airstrike hit the hospital": whoever
    set the bomb or flew the strike, in the state where it happened, unidentified for
    explosives and the military for aerial and heavy weapons."""
    mode = mode_cues().get("ASSAULT", {}).get(span.root.lemma_.lower())
    sector = WEAPON_SECTORS.get(mode or "")
    return [Entity(local, sector, span.text)] if sector else []


def _domestic_target(event_type: str, actors: list[Entity], location: Location | None,
                     local: str | None) -> list[Entity]:
    """The state an act with no other party in view is aimed at: the actor's own when the
    act happens at home ("riot police fired tear gas", "thousands marched"), the one
    struck when an attack happens abroad ("an Israeli air strike in Beirut")."""
    sector = DOMESTIC_TARGET_SECTOR.get(event_type)
    codes = {a.code for a in actors}
    if sector is None or len(codes) != 1 or local is None:
        return []
    (own,) = codes
    if own == local:
        return [Entity(own, sector, "")]
    struck = location.country_code if location else None
    if event_type == "ASSAULT" and struck == local:
        return [Entity(struck, "CVL", "")]
    return []


def _mentions_a_place(span: Span) -> bool:
    """Whether the phrase has a word the gazetteer could place (a name or a place entity)."""
    return any(t.pos_ == "PROPN" or t.ent_type_ in PLACE_ENTITY_LABELS for t in span)


def _coordinated_acts(sentence: Span) -> Callable[[Event, Event], bool]:
    """Whether two material events of a sentence are told by two different verbs
    coordinated with each other ("dissolved the transitional government and arrested the
    prime minister", "were set free by Hamas, and Israel released prisoners"): two acts,
    not one told twice. Coordinated words of praise or blame ("commended ... and
    welcomed ...") stay one statement."""
    verbs = {t.idx: t for t in sentence if t.pos_ == "VERB"}

    def separate(first: Event, second: Event) -> bool:
        one, other = verbs.get(first.trigger_start), verbs.get(second.trigger_start)
        return (one is not None and other is not None and one.lemma_ != other.lemma_
                and other in one.conjuncts and first.quad_code in MATERIAL_QUADS)
    return separate


def _is_crowd(span: Span) -> bool:
    """ "thousands", "tens of thousands of people", "hundreds of Karakalpaks": a number of
    people with no actor the knowledge base names."""
    root = span.root
    return root.lemma_.lower() in CROWD_WORDS or (root.like_num and root.ent_type_ == "CARDINAL")


def _dateline(doc: Doc) -> Span | None:
    """The place opening a wire story ("IMPHAL, Aug 17:", "KABUL (Reuters) -"): capitalized
    words at the start of the text, then a comma, a dash or a bracket."""
    for end, token in enumerate(doc[:DATELINE_WORDS + 1]):
        if token.text in DATELINE_MARKS:
            return doc[:end] if end else None
        if not (token.is_alpha and token.text[:1].isupper()):
            return None
    return None


def _most_named(counts: Counter[str]) -> list[str]:
    """The states counted, most mentioned first."""
    return [code for code, _ in counts.most_common() if len(code) == 3]


def _is_wire_dateline(span: Span) -> bool:
    """A dateline by its form, not only by its place: in capitals ("OUAGADOUGOU -"), or
    followed by the agency or the date ("Kinshasa (AMP) -", "KINSHASA, Jan 29 -"); "The
    United States, Britain and Canada imposed" opens a sentence, not a dateline."""
    if all(t.text.isupper() for t in span if t.is_alpha):
        return True
    doc = span.doc
    after = doc[span.end : span.end + 2]
    if len(after) and after[0].text == "(":
        return True
    months = time_words().months
    return (len(after) == 2 and after[0].text == ","
            and after[1].lower_.rstrip(".") in months)


def _after_dateline(span: Span) -> Span:
    """The phrase without the wire dateline the parser sometimes folds into it ("MINSK -
    The protests", "BEIJING - Wang Yi"): a dateline names where the story was filed, not
    who acted."""
    if span.start != 0 or _dateline(span.doc) is None:
        return span
    dashes = [t.i for t in span[: DATELINE_WORDS + 8] if _is_dateline_dash(t)]
    return span.doc[dashes[-1] + 1 : span.end] if dashes and dashes[-1] + 1 < span.end else span


def _is_dateline_dash(token: Token) -> bool:
    """A dash standing apart ("MINSK - The"), not the hyphen of a name ("Moon Jae-in")."""
    if token.text not in DATELINE_DASHES:
        return False
    return token.text == ":" or (token.i > 0 and bool(token.doc[token.i - 1].whitespace_))


def _coreferent_possessor(span: Span, memory: _Memory) -> str | None:
    return memory.coreference.possessor_code(span) if memory.coreference else None


def _remembered(span: Span, memory: _Memory, when: date | None) -> list[Entity]:
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


def _group(memory: _Memory, size: int, span: Span) -> list[Entity]:
    """ "the two sides": the parties of the last event when there are that many, else the
    states the article names most; none when it names fewer."""
    if len(memory.last_parties) == size:
        return memory.last_parties
    if len(memory.countries) >= size:
        return [Entity(code, "GOV", span.text) for code in memory.countries[:size]]
    return []


def _copy(entities: list[Entity]) -> list[Entity]:
    return [Entity(**e.to_dict()) for e in entities]


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


def _cite_info(article: Article) -> dict[str, object]:
    info: dict[str, object] = {"language": "en", "codebook": ontology.CODEBOOK}
    if article.url:
        info["url"] = article.url
    if article.title:
        info["title"] = article.title
    if article.source:
        info["publication"] = article.source
    return info


def _is_parsed(sentence: Span) -> bool:
    """Whether the sentence was tagged or parsed (the candidate filter skips most)."""
    return any(token.pos != 0 or token.dep != 0 for token in sentence)
