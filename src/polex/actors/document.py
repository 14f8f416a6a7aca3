"""Actors resolved with what the article itself says, as a reader does.

A reader learns a person once ("Chilean President Gabriel Boric", "Venâncio Mondlane, the
opposition candidate") and then follows later mentions by surname ("Boric said"), and knows
who "his predecessor" is. :class:`DocumentActors` scans a parsed article once, registers
every person introduced with a title, an apposition or a knowledge-base identity under the
full name and the surname, and resolves later mentions against that register.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from spacy.attrs import POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Span, Token

from polex.actors.kb import KBEntry, normalize
from polex.actors.resolver import ActorResolver
from polex.schema import Entity

NAME_POS = frozenset({"PROPN"})
NAME_POS_IDS = frozenset(POS_IDS[pos] for pos in NAME_POS)  # as Doc.to_array(POS) gives them
# the small English model often labels a surname alone as an organization ("Misri said")
NAME_ENT_LABELS = frozenset({"PERSON", "ORG", ""})
TITLE_POS = frozenset({"NOUN", "PROPN"})
PLACE_OR_GROUP_KINDS = frozenset({"country", "capital", "seat", "demonym", "organization"})


@dataclass
class RegisteredPerson:
    """A person the article has introduced, as understood at the introducing mention."""

    name: str  # the full name as first written
    entity: Entity  # resolved at the publication date
    position: int  # character offset of the introducing mention
    titles: frozenset[str] = frozenset()  # the introducing phrase's other words, lowercased

    @property
    def identity(self) -> str | None:
        """The knowledge-base name, when the knowledge base knows the person."""
        return self.entity.identifier_text


class DocumentActors:
    """Resolves actor mentions with the knowledge base and the article's own introductions."""

    def __init__(self, doc: Doc, resolver: ActorResolver, published: date | None) -> None:
        self.doc = doc
        self.resolver = resolver
        self.kb = resolver.kb
        self.published = published
        self.people: list[RegisteredPerson] = []
        self._by_name: dict[str, list[RegisteredPerson]] = {}
        self._mentions: list[tuple[int, RegisteredPerson]] = []  # (offset, person) in order
        self._scan()

    # -- registering ----------------------------------------------------------------------

    def _scan(self) -> None:
        for i, pos in enumerate(self.doc.to_array(POS).tolist()):
            if pos in NAME_POS_IDS and self._is_name_head(token := self.doc[i]):
                self._read_mention(token)

    def _is_name_head(self, token: Token) -> bool:
        if token.pos_ not in NAME_POS or token.ent_type_ not in NAME_ENT_LABELS:
            return False
        inside_name = token.dep_ in ("compound", "flat") and token.head.pos_ in NAME_POS
        return not inside_name

    def _read_mention(self, head: Token) -> None:
        name_tokens = self._name_tokens(head)
        if not name_tokens:
            return
        name = self.doc[name_tokens[0].i : name_tokens[-1].i + 1].text
        context = self._mention_context(head)
        bare = self._is_bare(context, name_tokens)
        if bare:
            earlier = self.person_named(name, context.start_char)
            if earlier is not None:
                self._mentions.append((context.start_char, earlier))
                return
        entity = self._person_entity(name, context, titled=not bare)
        if entity is None and bare:
            entity = self._role_entity(head, name)
        if entity is not None:
            inside = {t.i for t in name_tokens}
            titles = frozenset(t.lower_ for t in context if t.is_alpha and t.i not in inside)
            self._register(RegisteredPerson(name, entity, context.start_char, titles),
                           name_tokens)

    def _register(self, person: RegisteredPerson, name_tokens: list[Token]) -> None:
        same = next((p for p in self.people if _same_person(p, person)), None)
        if same is None:
            self.people.append(person)
            same = person
        self._mentions.append((person.position, same))
        for key in self._keys(name_tokens):
            known = self._by_name.setdefault(key, [])
            if same not in known:
                known.append(same)

    def _is_bare(self, context: Span, name_tokens: list[Token]) -> bool:
        """Whether the phrase is only the name (no title, apposition or modifier)."""
        inside = {t.i for t in name_tokens}
        return all(
            t.i in inside or t.is_punct or t.dep_ == "det" or "honorific" in self._roles(t)
            for t in context
        )

    def _name_tokens(self, head: Token) -> list[Token]:
        """The personal name ending at ``head``: capitalized words the KB does not know as
        titles, countries or groups ('Indian Foreign Secretary Vikram Misri' -> Vikram Misri)."""
        tokens: list[Token] = []
        index = head.i
        while index >= head.left_edge.i and self._can_be_in_name(self.doc[index], not tokens):
            tokens.insert(0, self.doc[index])
            index -= 1
        tokens = self._without_title(tokens)
        while tokens and self._roles(tokens[0]) & {"name_particle", "honorific"}:
            tokens.pop(0)
        if not tokens or not tokens[0].text[:1].isupper():
            return []
        if any(self._names_place_or_group(t.text) for t in tokens):
            return []
        return tokens

    def _without_title(self, tokens: list[Token]) -> list[Token]:
        """Drop a capitalized title the KB knows ('Foreign Secretary') from the name's start."""
        for cut in range(len(tokens) - 1, 0, -1):
            title = self.doc[tokens[0].i : tokens[cut - 1].i + 1].text
            if any(e.kind == "sector_noun" for e in self.kb.lookup(title)):
                return tokens[cut:]
        return tokens

    def _roles(self, token: Token) -> frozenset[str]:
        return self.kb.grammar_roles(token.text)

    def _can_be_in_name(self, token: Token, is_last: bool) -> bool:
        roles = self._roles(token)
        if "name_particle" in roles and token.text.islower():
            return True
        if token.pos_ not in NAME_POS and not (is_last and "name_suffix" in roles):
            return False
        if token.ent_type_ not in NAME_ENT_LABELS and normalize(token.text) not in self._by_name:
            return False  # the recognizer's label yields to a name the article introduced
        return not any(e.kind == "sector_noun" for e in self.kb.lookup(token.text))

    def _names_place_or_group(self, text: str) -> bool:
        return any(e.kind in PLACE_OR_GROUP_KINDS for e in self.kb.lookup(text))

    def _mention_context(self, head: Token) -> Span:
        """The noun phrase around a name, with an apposition on either side."""
        start, end = head.left_edge.i, head.i + 1
        for child in head.rights:
            if child.dep_ == "appos":
                end = child.right_edge.i + 1
        if head.dep_ == "appos":
            start = min(start, head.head.left_edge.i)
            end = max(end, head.right_edge.i + 1)
        return self.doc[start:end]

    def _person_entity(self, name: str, context: Span, titled: bool) -> Entity | None:
        """The entity a reader assigns to the named person in this phrase, if any."""
        name_key = normalize(name)
        for entity in self.resolver.resolve(context, self.published):
            text_key = normalize(entity.entity_text)
            if name_key not in text_key and not _mentions_surname(name, entity.entity_text):
                continue
            if entity.identifier_text and self._is_kb_person(entity.identifier_text):
                return entity
            if titled and entity.identifier_text is None and entity.sector is not None:
                return entity  # a title or apposition told us who this is
        return None

    def _role_entity(self, head: Token, name: str) -> Entity | None:
        """ "Humza Yousaf resigned as Scotland's first minister": the office that "as"
        gives the subject of its verb, for a person the knowledge base does not know."""
        if head.dep_ not in {"nsubj", "nsubjpass"}:
            return None
        offices = [obj for prep in head.head.children
                   if prep.dep_ == "prep" and prep.text.lower() == "as"
                   for obj in prep.children if obj.dep_ == "pobj"]
        for office in offices[:1]:
            phrase = self.doc[office.left_edge.i : office.right_edge.i + 1]
            found = [e for e in self.resolver.resolve(phrase, self.published)
                     if e.code and e.sector and e.identifier_text is None]
            if len(found) == 1:
                return replace(found[0], entity_text=name)
        return None

    def _is_kb_person(self, identity: str) -> bool:
        return any(e.kind == "person" for e in self.kb.lookup(identity))

    def _keys(self, name_tokens: list[Token]) -> list[str]:
        full = normalize(self.doc[name_tokens[0].i : name_tokens[-1].i + 1].text)
        words = [t for t in name_tokens if not self._roles(t) & {"name_suffix", "name_particle"}]
        surname = normalize(words[-1].text) if words else full
        return [full] if surname == full else [full, surname]

    # -- resolving ------------------------------------------------------------------------

    def resolve(self, span: Span, when: date | None) -> list[Entity]:
        """Entities for an actor phrase at the event date ``when``."""
        name = self._bare_name(span)
        if name is not None:
            candidates = self._candidates(name, span.start_char)
            if len(candidates) == 1:
                return [self._person_at(candidates[0], span.text, when)]
            if len(candidates) > 1:
                return []  # the article names two people this way: a reader cannot tell
        titled = self._titled_reference(span)
        if titled is not None:
            return [self._person_at(titled, span.text, when)]
        found = self.resolver.resolve(span, when)
        if found:
            return self._with_possessor_country(span, found)
        relative = self._predecessor_or_successor(span, when)
        return [relative] if relative is not None else []

    def _titled_reference(self, span: Span) -> RegisteredPerson | None:
        """ "The Secretary", "the foreign minister": the person last mentioned before with
        that title ("Secretary of State Antony Blinken ... The Secretary commended")."""
        words = [t for t in span if not t.is_punct]
        if len(words) < 2 or words[0].lower_ != "the" or span.root.pos_ not in TITLE_POS:
            return None
        title = {t.lower_ for t in words[1:]}
        if not self._is_office_title(span.root.text):
            return None
        for position, person in reversed(self._mentions):
            if position < span.start_char and title <= person.titles:
                return person
        return None

    def _is_office_title(self, word: str) -> bool:
        return normalize(word) in self.kb.title_heads

    def person_named(self, text: str, before: int | None = None) -> RegisteredPerson | None:
        """The registered person a name refers to (None when unknown or ambiguous)."""
        candidates = self._candidates(text, before)
        return candidates[0] if len(candidates) == 1 else None

    def _candidates(self, name: str, before: int | None) -> list[RegisteredPerson]:
        candidates = self._by_name.get(normalize(name), [])
        if before is not None:
            candidates = [p for p in candidates if p.position <= before] or candidates
        return candidates

    def _registered_mention(self, span: Span) -> RegisteredPerson | None:
        name = self._bare_name(span)
        return self.person_named(name, span.start_char) if name is not None else None

    def _bare_name(self, span: Span) -> str | None:
        """The name, when the phrase is nothing but a name ('Boric', 'Mr. Mondlane')."""
        head = span.root
        if head.pos_ not in NAME_POS:
            return None
        name_tokens = [t for t in self._name_tokens(head) if t.i >= span.start]
        if not name_tokens:
            return None
        after = [t for t in span if t.i > name_tokens[-1].i and not t.is_punct]
        before = [
            t
            for t in span
            if t.i < name_tokens[0].i
            and not t.is_punct
            and t.dep_ != "det"
            and "honorific" not in self._roles(t)
        ]
        if after or before:
            return None
        return self.doc[name_tokens[0].i : name_tokens[-1].i + 1].text

    def _person_at(self, person: RegisteredPerson, text: str, when: date | None) -> Entity:
        """The registered person's entity at the event date, with this mention's text."""
        on = when or self.published
        entity = replace(person.entity, entity_text=text)
        if person.identity is None or on is None:
            return entity
        term = self._kb_term(person.identity, on)
        if term is None:
            return replace(entity, sector=None, office=None)
        return Entity(
            term.code, term.sector, text, term.identifier_id, term.identifier_text, term.office
        )

    def _kb_term(self, identity: str, on: date) -> KBEntry | None:
        terms = [e for e in self.kb.lookup(identity, on) if e.identifier_text == identity]
        return terms[0] if terms else None

    def _with_possessor_country(self, span: Span, found: list[Entity]) -> list[Entity]:
        """'Mondlane's supporters': a registered possessor gives the country the KB lacks."""
        if all(e.code for e in found):
            return found
        possessor = next((t for t in span if t.dep_ == "poss" and t.pos_ in NAME_POS), None)
        if possessor is None:
            return found
        person = self.person_named(possessor.text, span.start_char)
        if person is None or person.entity.code is None:
            return found
        return [e if e.code else replace(e, code=person.entity.code) for e in found]

    # -- predecessor and successor ---------------------------------------------------------

    def _predecessor_or_successor(self, span: Span, when: date | None) -> Entity | None:
        head = span.root
        roles = self.kb.grammar_roles(head.lemma_) | self.kb.grammar_roles(head.text)
        direction = "predecessor" if "predecessor" in roles else None
        direction = direction or ("successor" if "successor" in roles else None)
        if direction is None:
            return None
        person = self._possessor(head, span)
        on = when or self.published
        if person is None or person.identity is None or on is None:
            return None
        neighbour = self._neighbour_holder(person, direction, on)
        if neighbour is None:
            return None
        return self._holder_entity(neighbour, span.text, on)

    def _possessor(self, head: Token, span: Span) -> RegisteredPerson | None:
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is None or owner.pos_ == "PRON":
            earlier = [p for at, p in self._mentions if at < span.start_char]
            return earlier[-1] if earlier else None
        owner_span = self.doc[owner.left_edge.i : owner.i + 1]
        named = self._registered_mention(owner_span)
        if named is not None:
            return named
        for entity in self.resolver.resolve(owner_span, self.published):
            if entity.identifier_text and self._is_kb_person(entity.identifier_text):
                return RegisteredPerson(entity.identifier_text, entity, owner.idx)
        return None

    def _neighbour_holder(
        self, person: RegisteredPerson, direction: str, on: date
    ) -> KBEntry | None:
        identity = person.identity
        terms = [
            e
            for e in self.kb.entries()
            if e.kind == "person" and e.identifier_text == identity and e.office
        ]
        if not terms:
            return None
        term = _term_at(terms, on)
        holders = self.kb.holders(term.code, term.office or "")
        others = [h for h in holders if h.identifier_text != identity]
        start = term.start or date.min
        if direction == "predecessor":
            earlier = [h for h in others if (h.start or date.min) < start]
            return earlier[-1] if earlier else None
        later = [h for h in others if (h.start or date.min) > start]
        return later[0] if later else None

    def _holder_entity(self, holder: KBEntry, text: str, on: date) -> Entity:
        identity = holder.identifier_text or holder.name
        term = self._kb_term(identity, on)
        if term is None:  # not yet in office on that date
            return Entity(holder.code, None, text, holder.identifier_id, identity)
        return Entity(term.code, term.sector, text, term.identifier_id, identity, term.office)


def _term_at(terms: list[KBEntry], on: date) -> KBEntry:
    """The person's term in force on a date, else the last one begun before it, else the first."""
    ordered = sorted(terms, key=lambda e: e.start or date.min)
    serving = [t for t in ordered if t.covers(on)]
    if serving:
        return serving[-1]
    begun = [t for t in ordered if (t.start or date.min) <= on]
    return begun[-1] if begun else ordered[0]


def _mentions_surname(name: str, text: str) -> bool:
    words = name.split()
    return bool(words) and normalize(words[-1]) in normalize(text).split()


def _same_person(first: RegisteredPerson, second: RegisteredPerson) -> bool:
    if first.identity or second.identity:
        return first.identity == second.identity
    first_words, second_words = normalize(first.name).split(), normalize(second.name).split()
    return first_words[-1:] == second_words[-1:] and first.entity.code == second.entity.code
