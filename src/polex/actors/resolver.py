"""Resolve an actor noun phrase to PLOVER entity objects with the knowledge base.

The phrase is cut into units (longest knowledge-base match first: "Bosnia and Herzegovina"
is one unit, "and" between two countries is a separator), the units into coordinated
groups, and each group composed around its head: a person, an organization, a place, a
demonym, or a sector noun whose country comes from its modifiers ("Kenyan police",
"Japan's defence ministry") or its complement ("the foreign minister of Peru").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Span, Token

from polex.actors.kb import ARMED_SECTORS, KBEntry, KnowledgeBase, normalize
from polex.schema import Entity

POSTING_PREPOSITIONS = frozenset({"in", "to", "at"})
KB_UNIT_KINDS = frozenset({"person", "organization", "place", "demonym", "sector"})
CODE_SOURCE_KINDS = frozenset({"person", "organization", "place", "demonym"})
# what "pro-"/"anti-" may take besides a country: "pro-Western", "pro-Europe", "anti-Maidan"
STANCE_OBJECT_KINDS = frozenset({"name", "word", "region"})
PLACE_KINDS = ("country", "capital", "seat")
SKIPPED_DEPS = frozenset({"relcl", "acl", "advcl"})
AFFILIATION_WORDS = frozenset({"work", "act", "link", "tie", "affiliate", "loyal", "belong"})
TRANSNATIONAL_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
HEAD_POS = frozenset({"NOUN", "PROPN", "X"})

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:['’]\w+)*|[^\w\s]")
_POSSESSIVE = re.compile(r"^(.+?)(['’]s)$")
_PUNCT_KINDS = {
    ",": "comma",
    ";": "comma",
    "(": "open",
    "[": "open",
    ")": "close",
    "]": "close",
    "-": "hyphen",
    "'s": "poss",
    "’s": "poss",
    "'": "poss",
    "’": "poss",
}
_GRAMMAR_KINDS = {
    "determiner": "det",
    "pronoun": "pronoun",
    "preposition": "prep",
    "conjunction": "conj",
    "partitive": "partitive",
    "former": "former",
    "posting": "posting",
}


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    index: int
    pos: str | None = None
    ent: str | None = None
    ent_alone: bool = False  # the token is a whole entity by itself ("Tallinn")


@dataclass
class _Unit:
    kind: str
    start: int
    end: int
    text: str
    entries: list[KBEntry] = field(default_factory=list)
    pos: str | None = None
    blocked: bool = False  # a country named as sponsor or stance ("Iran-backed", "pro-Russian")

    def of_kind(self, *kinds: str) -> list[KBEntry]:
        return [e for e in self.entries if e.kind in kinds]


REGIONAL_GROUP_SECTORS = {"GOV", "MIL"}
MEMBER_NOUNS = frozenset({"member", "members"})
# "the US-led coalition": states that fight together under one state's lead
_LED_COALITION = re.compile(
    r"^(?:the\s+)?(.+?)\s*-\s*led\s+(?:military\s+)?(?:coalition|alliance)$", re.IGNORECASE)


@dataclass
class _Actor:
    entity: Entity | None  # None for a bare unknown name, kept for apposition
    head_kind: str
    head: _Unit
    text: str


@dataclass
class _Context:
    """What surrounds a group's head: modifiers before it, a complement after it."""

    modifiers: list[_Unit]
    complement: list[_Unit]
    titles: list[str]  # offices named by title nouns before the head ("Crown Prince")
    former: bool
    named: bool  # a title followed by a name the KB does not know
    when: date | None

    def code_source(self) -> _Unit | None:
        return self.modifiers[0] if self.modifiers else _complement_source(self.complement)


def _regional_group(head: _Unit, before: list[_Unit], source: str,
                    roles: Callable[[str], frozenset[str]]) -> _Actor | None:
    """ "West African leaders", "Arab foreign ministers": the leaders of a region's states
    acting together, coded as an intergovernmental group (IGO) of the noun's sector."""
    sectors = {e.sector for e in head.of_kind("sector_noun")} & REGIONAL_GROUP_SECTORS
    if head.kind != "sector" or len(sectors) != 1 or not head.text.lower().endswith("s"):
        return None
    first = next((u for u in before if u.kind == "region"), None)
    if first is None or "bloc" not in roles(first.text):
        return None
    text = source[first.start : head.end]
    return _Actor(Entity("IGO", sectors.pop(), text), "sector", head, text)


def _unit_kind(entries: list[KBEntry]) -> str:
    kinds = {e.kind for e in entries}
    for kind, unit_kind in (
        ("person", "person"),
        ("organization", "organization"),
        ("country", "place"),
        ("capital", "place"),
        ("seat", "place"),
        ("demonym", "demonym"),
    ):
        if kind in kinds:
            return unit_kind
    return "sector"


def _given_names(before: list[_Unit], tokens: list[_Token], start: int) -> set[str]:
    """The unknown capitalized words right before ``start`` inside one person's name as
    the recognizer read it, normalized."""
    names: set[str] = set()
    person_tokens = {t.start for t in tokens if t.ent == "PERSON"}
    position = start
    for unit in reversed(before):
        if (unit.kind != "name" or unit.start not in person_tokens
                or start not in person_tokens or position - unit.end > 1):
            break
        if not unit.text.endswith("."):  # "Antony J. Blinken", "Dr. Muizzu"
            names.add(normalize(unit.text))
        position = unit.start
    return names


def _in_a_name(token: Token) -> bool:
    """A word of an organization's name: tagged so, or a capitalized proper noun after
    another ("Global Rights Observatory", which the recognizer may miss)."""
    if token.ent_type_ == "ORG":
        return True
    before = token.doc[token.i - 1] if token.i > 0 else None
    return (token.ent_type_ == "" and token.pos_ == "PROPN" and token.text[:1].isupper()
            and before is not None and before.pos_ == "PROPN" and before.text[:1].isupper())


def _has_capital(text: str) -> bool:
    return any(ch.isupper() for ch in text)


def _dedupe(entities: list[Entity]) -> list[Entity]:
    seen: set[tuple[str | None, ...]] = set()
    unique = []
    for entity in entities:
        key = (
            entity.code,
            entity.sector,
            entity.identifier_id,
            entity.identifier_text,
            entity.office,
        )
        if key not in seen:
            seen.add(key)
            unique.append(entity)
    return unique


class ActorResolver:
    """Turns actor noun phrases into PLOVER entities as of a date."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    # -- entry points ---------------------------------------------------------------------

    def resolve(self, span: Span, when: date | None = None) -> list[Entity]:
        """Entities named by a noun phrase from the parse. Relative clauses are left out,
        except that a name nothing else identifies takes what a clause saying who the
        person is names ("Mashaba, who is from the DA", "Makhura, who is also the ANC's
        provincial chairperson")."""
        found = self._resolve_span(span, when)
        if any(e.code for e in found):
            return found
        if all(e.sector in (None, "CVL") for e in found) and self._names_an_ngo(span):
            # ("Civilians First Monitor" is not the civilians it is named for)
            # "Global Rights Observatory", "the Syrian Observatory for Human Rights": an
            # organization the KB does not know, named as a rights or monitoring group
            return [Entity("NGO", "SOC", span.text)]
        if all(e.sector in (None, "SOC") for e in found) and self._titled_as_ngo(span):
            return [Entity("NGO", "SOC", span.text)]
        clauses = _identifying_clauses(span.root)
        if found and all(e.sector not in {None, "BUS"} for e in found):
            # people or forces, not a ship or a firm "linked to Israel"
            clauses += _affiliation(span.root)
        described = [e for clause in clauses
                     for e in self._resolve_span(clause, when) if e.code]
        if not described:
            return found
        titled = [e for e in found if e.sector]
        if titled:  # "Gauteng premier David Makhura, who is ...": the title's sector stays
            return [replace(e, code=described[0].code) for e in titled]
        return [replace(described[0], entity_text=span.root.text)]

    def _names_an_ngo(self, span: Span) -> bool:
        """An organization's name built on the words rights and monitoring groups use
        (grammar.tsv role ``ngo_name``)."""
        return any(_in_a_name(t) and "ngo_name" in self.kb.grammar_roles(t.text)
                   for t in span)

    def _titled_as_ngo(self, span: Span) -> bool:
        """A capitalized name right after a noun that calls it an aid group (grammar.tsv
        role ``ngo_title``): "the charity World Central Kitchen", also when the name
        alone is the span."""
        doc = span.doc
        for name in range(max(span.start, 1), span.end):
            if not doc[name].text[:1].isupper():
                continue
            titles = (doc[max(name - size, 0) : name].text for size in (1, 2))
            # lower case: "the Charity Commission" is a name, not a charity
            if any("ngo_title" in self.kb.grammar_roles(title)
                   and (title.islower() or title == "NGO") for title in titles):
                return True
        return False

    def _resolve_span(self, span: Span, when: date | None) -> list[Entity]:
        skipped: set[int] = set()
        root = span.root.i
        for token in span:
            if token.dep_ in SKIPPED_DEPS and token.i != root:
                skipped.update(t.i for t in token.subtree)
        # Offsets relative to the span: Doc.text rebuilds the whole article on every call.
        base = span.start_char
        tokens = [
            _Token(t.text, t.idx - base, t.idx - base + len(t.text), t.i, t.pos_ or None,
                   t.ent_type_ or None, _is_lone_entity(t))
            for t in span
            if t.i not in skipped and not t.is_space
        ]
        return self._resolve_tokens(tokens, span.text, when)

    def resolve_text(self, text: str, when: date | None = None) -> list[Entity]:
        """The same resolution over a plain string, without a parse."""
        tokens: list[_Token] = []
        for match in _TOKEN.finditer(text):
            possessive = _POSSESSIVE.match(match.group())
            if possessive and len(possessive.group(1)) > 0:
                split = match.start() + len(possessive.group(1))
                tokens.append(_Token(possessive.group(1), match.start(), split, len(tokens)))
                tokens.append(_Token(possessive.group(2), split, match.end(), len(tokens)))
            else:
                tokens.append(_Token(match.group(), match.start(), match.end(), len(tokens)))
        return self._resolve_tokens(tokens, text, when)

    def _resolve_tokens(self, tokens: list[_Token], source: str, when: date | None) -> list[Entity]:
        units = self._units(tokens, source, when)
        _mark_sponsors(units)
        groups = _groups(units)
        if not groups:
            return []
        actors = self._compose_groups(groups, source, when)
        return _dedupe([a.entity for a in actors if a.entity is not None])

    # -- units ----------------------------------------------------------------------------

    def _units(self, tokens: list[_Token], source: str, when: date | None) -> list[_Unit]:
        units: list[_Unit] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            punct = _PUNCT_KINDS.get(token.text)
            if punct or not any(ch.isalnum() for ch in token.text):
                units.append(_Unit(punct or "punct", token.start, token.end, token.text))
                i += 1
                continue
            matched = self._longest_match(tokens, i, source, when)
            if matched is not None:
                unit, i = matched
                units.append(self._other_bearer(unit, units, tokens))
                continue
            units.append(self._word_unit(tokens, i, units))
            i += 1
        return units

    def _longest_match(
        self, tokens: list[_Token], i: int, source: str, when: date | None
    ) -> tuple[_Unit, int] | None:
        first = normalize(tokens[i].text).split()
        if first == ["the"]:
            return None
        limit = self.kb.max_words(first[0]) if first else 0
        best: tuple[_Unit, int] | None = None
        for j in range(i, min(len(tokens), i + 3 * limit)):
            if j > i and tokens[j].index != tokens[j - 1].index + 1:
                break
            text = source[tokens[i].start : tokens[j].end]
            key = normalize(text)
            if len(key.split()) > limit:
                break
            if not any(ch.isalnum() for ch in tokens[j].text):
                continue
            unit = self._match_unit(tokens[i : j + 1], text, when)
            if unit is not None:
                best = (unit, j + 1)
        if best is not None and best[1] == i + 1 and not _has_capital(tokens[i].text):
            roles = self.kb.grammar_roles(tokens[i].text)
            if roles & {"determiner", "pronoun", "relative", "conjunction", "preposition"}:
                return None
        return best

    def _other_bearer(self, unit: _Unit, before: list[_Unit], tokens: list[_Token]) -> _Unit:
        """A known person's surname after a given name that is none of theirs names
        someone else ("John Mbeki" is not Thabo Mbeki): the unit loses its persons."""
        persons = unit.of_kind("person")
        if not persons or " " in unit.text.strip():
            return unit  # a full name ("Mohammad Ishaq Dar" is Ishaq Dar)
        given = _given_names(before, tokens, unit.start)
        if not given:
            return unit
        if any(given & self.kb.name_words(person) for person in persons):
            return unit
        others = [e for e in unit.entries if e.kind != "person"]
        if others:
            return replace(unit, kind=_unit_kind(others), entries=others)
        return _Unit("name", unit.start, unit.end, unit.text, pos=unit.pos)

    def _match_unit(self, tokens: list[_Token], text: str, when: date | None) -> _Unit | None:
        start, end = tokens[0].start, tokens[-1].end
        roles = self.kb.grammar_roles(text)
        if "region" in roles:
            return _Unit("region", start, end, text)
        if "conjunction" in roles and len(tokens) > 1:
            return _Unit("conj", start, end, text)
        entries = [e for e in self.kb.lookup(text, when) if self._fits(e, text, tokens)]
        if not entries:
            return None
        pos = tokens[-1].pos
        return _Unit(_unit_kind(entries), start, end, text, entries, pos)

    @staticmethod
    def _fits(entry: KBEntry, text: str, tokens: list[_Token]) -> bool:
        if entry.kind == "sector_noun":
            return True
        if not _has_capital(text):
            return False
        # the small English model often tags a lone country name as a person ("Jordan",
        # "Chad"), and a capital used for its government too ("Tallinn had accused"): those
        # still count; a capital inside a longer person's name does not ("Paris Hilton")
        inside_name = all(t.ent == "PERSON" for t in tokens) and not (
            len(tokens) == 1 and tokens[0].ent_alone
        )
        if entry.kind == "seat" and len(tokens) > 1:
            return True  # "Foggy Bottom", "Quai d'Orsay": tagged as a person, named as a seat
        return not (entry.kind in PLACE_KINDS and entry.kind != "country" and inside_name)

    def _word_unit(self, tokens: list[_Token], i: int, units: list[_Unit]) -> _Unit:
        token = tokens[i]
        roles = self.kb.grammar_roles(token.text)
        following = tokens[i + 1].text if i + 1 < len(tokens) else ""
        previous = tokens[i - 1].text if i > 0 else ""
        kind = self._grammar_kind(roles, following, previous, _has_content(units))
        if kind is None:
            capitalized = token.text[:1].isupper() or token.pos == "PROPN"
            kind = "name" if capitalized else "word"
        return _Unit(kind, token.start, token.end, token.text, pos=token.pos)

    @staticmethod
    def _grammar_kind(
        roles: frozenset[str], following: str, previous: str, after_content: bool
    ) -> str | None:
        if "partitive" in roles and following.lower() == "of":
            return "partitive"
        if "relative" in roles and after_content:
            return "relative"
        if "stance" in roles and following == "-":
            return "stance"
        if "sponsor" in roles and previous == "-":
            return "sponsor"
        for role, kind in _GRAMMAR_KINDS.items():
            if role in roles and role != "partitive":
                return kind
        return None

    # -- composition ----------------------------------------------------------------------

    def _compose_groups(
        self, groups: list[tuple[list[_Unit], str]], source: str, when: date | None
    ) -> list[_Actor]:
        actors: list[tuple[_Actor | None, str, list[_Unit]]] = [
            (self._compose(units, source, when), separator, units) for units, separator in groups
        ]
        shared_head = _shared_head(actors)
        filled: list[tuple[_Actor | None, str]] = []
        for actor, separator, units in actors:
            bare = _bare_modifier(units)
            if bare is not None and shared_head is not None:
                borrowed = self._compose([bare, shared_head], source, when)
                if borrowed is not None and borrowed.entity is not None:
                    borrowed.entity.entity_text = source[bare.start : shared_head.end]
                    actor = borrowed
            filled.append((actor, separator))
        return _merge_appositions(_spread_place_list(filled, [u for _, _, u in actors]))

    def _compose(self, group: list[_Unit], source: str, when: date | None) -> _Actor | None:
        coalition = self._led_coalition(group, source)
        if coalition is not None:
            return coalition
        units = [u for u in group if u.kind not in ("punct", "hyphen", "stance", "sponsor")
                 and not (u.blocked and u.kind in STANCE_OBJECT_KINDS)]
        units = _skip_partitive(units)
        head_part, complement = _split_complement(units)
        head_index = self._head_index(head_part)
        if head_index is None:
            return _bare_name(head_part, source)
        head = head_part[head_index]
        before = head_part[:head_index]
        if head.kind == "region" or any(u.kind == "region" for u in before):
            owned = any(u.kind in CODE_SOURCE_KINDS and not u.blocked for u in before)
            if head.kind == "region" or not owned:
                return _regional_group(head, before, source, self.kb.grammar_roles)
            # "Russia's Africa envoy", "the State Department's Middle East official": the
            # region is the portfolio, the owner named before it the actor's state
            before = [u for u in before if u.kind != "region"]
        title_end = _title_name_end(head_part, head_index)
        # "aircraft of the US-led coalition": the coalition's, not its leader's
        led = bool(complement) and self._led_coalition(complement, source) is not None
        modifiers = [u for u in before if u.kind in CODE_SOURCE_KINDS and not u.blocked]
        if head.text.lower() in MEMBER_NOUNS and _owned_body(complement):
            # "the Serb member of Bosnia's presidency": the body's state, whatever the
            # member's people
            modifiers = []
        context = _Context(
            modifiers=modifiers,
            complement=[] if led else complement,
            titles=[e.office for u in before for e in u.of_kind("sector_noun") if e.office],
            former=any(u.kind == "former" for u in before),
            named=title_end > 0,
            when=when,
        )
        entity = self._head_entity(head, context)
        if entity is None:
            return None
        if led and entity.code is None and entity.sector:
            entity.code = "IGO"
        first = next(
            (u for u in head_part if u.kind not in ("det", "pronoun") and not u.blocked), head
        )
        end = max(head.end, title_end, _complement_end(entity, context))
        entity.entity_text = source[first.start : end]
        head_kind = "name" if title_end and head.kind != "person" else head.kind
        return _Actor(entity, head_kind, head, entity.entity_text)

    def _led_coalition(self, group: list[_Unit], source: str) -> _Actor | None:
        """ "the US-led coalition", "the Saudi-led military alliance": a multinational
        force under one state's lead, coded as an intergovernmental military group
        (IGO), not as the leading state."""
        if not group or group[-1].text.lower() not in {"coalition", "alliance"}:
            return None
        text = source[group[0].start : group[-1].end]
        match = _LED_COALITION.match(text)
        if match is None:
            return None
        if not any(e.kind in ("country", "demonym") for e in self.kb.lookup(match.group(1))):
            return None
        named = text[match.start(1) :]
        return _Actor(Entity("IGO", "MIL", named), "sector", group[-1], named)

    def _head_index(self, head_part: list[_Unit]) -> int | None:
        known = [
            i for i, u in enumerate(head_part) if u.kind in KB_UNIT_KINDS or u.kind == "region"
        ]
        if not known:
            return None
        last = known[-1]
        trailing = head_part[last + 1 :]
        if head_part[last].kind == "sector" or not any(_is_head_word(u) for u in trailing):
            return last
        return None

    def _head_entity(self, head: _Unit, context: _Context) -> Entity | None:
        has_country = any(u.kind in ("place", "demonym") for u in context.modifiers)
        if head.kind == "organization" and has_country and head.of_kind("sector_noun"):
            head = replace(head, kind="sector")
        if head.kind == "person":
            return self._person_entity(head, context)
        if head.kind == "organization":
            return _organization_entity(head.of_kind("organization")[0])
        if head.kind == "place":
            return _place_entity(head)
        if head.kind == "demonym":
            return self._demonym_entity(head)
        return self._sector_entity(head, context)

    def _person_entity(self, head: _Unit, context: _Context) -> Entity | None:
        hints = (u.entries[0].code for u in context.modifiers if u.kind != "person")
        chosen = _choose_person(head.of_kind("person"), next(hints, None))
        if chosen is None:
            return None
        chosen = self._titled_term(chosen, context.titles, context.when)
        if context.former and chosen.sector != "ELI":
            office = f"former {chosen.office}" if chosen.office else None
            chosen = replace(chosen, sector="ELI", office=office)
        return Entity(
            chosen.code,
            chosen.sector,
            head.text,
            chosen.identifier_id,
            chosen.identifier_text,
            chosen.office,
        )

    def _titled_term(self, chosen: KBEntry, titles: list[str], when: date | None) -> KBEntry:
        """The term matching the title in the text ('Crown Prince X', not X's other office)."""
        if not titles or chosen.office in titles or chosen.sector == "ELI" or when is None:
            return chosen
        terms = self.kb.lookup(chosen.identifier_text or chosen.name)
        same_person = [t for t in terms if t.identifier_text == chosen.identifier_text]
        titled = [t for t in same_person if t.office in titles and t.covers(when)]
        return titled[0] if titled else chosen

    def _demonym_entity(self, head: _Unit) -> Entity:
        entry = head.of_kind("demonym")[0]
        singular = head.text[:-1] if head.text.endswith("s") else ""
        plural = bool(singular) and any(
            e.kind == "demonym" and e.code == entry.code for e in self.kb.lookup(singular)
        )
        return Entity(entry.code, "CVL" if plural else None, head.text)

    def _sector_entity(self, head: _Unit, context: _Context) -> Entity:
        source = context.code_source()
        code, source_entry = _source_code(source)
        nouns = head.of_kind("sector_noun")
        noun = next((e for e in nouns if e.code and e.code == code), None)
        noun = noun or next((e for e in nouns if not e.code), nouns[0])
        sector, office = noun.sector, noun.office
        role = self.kb.noun_role(head.text)
        if source_entry is not None and source_entry.kind in ("organization", "person"):
            sector = _member_sector(role, source_entry.sector, sector)
        elif role == "agent":
            # "leader of the CFDT union", "a spokesman for the army": the group the person
            # speaks for is named only by its kind
            sector = _complement_sector(context.complement) or sector
        entity = Entity(code, sector, head.text, office=office)
        if source_entry is not None and source_entry.kind == "organization" and role:
            entity.identifier_id = source_entry.identifier_id
            entity.identifier_text = source_entry.identifier_text
        if context.former and sector != "ELI":
            entity.sector = "ELI"
            entity.office = f"former {office}" if office else None
        elif code and office and context.when and not context.named and source_entry:
            self._fill_holder(entity, source_entry, context.when)
        return entity

    def _fill_holder(self, entity: Entity, source_entry: KBEntry, when: date) -> None:
        if source_entry.kind not in ("country", "capital", "seat", "demonym"):
            return
        holder = self.kb.holder(entity.code or "", entity.office or "", when)
        if holder is not None:
            entity.identifier_id = holder.identifier_id
            entity.identifier_text = holder.identifier_text


# -- helpers over units ---------------------------------------------------------------------


def _identifying_clauses(head: Token) -> list[Span]:
    """What a copular relative clause on a name says the person is: "who is the party's
    chairperson" (the complement), "who is from the DA" (the group)."""
    if head.ent_type_ != "PERSON" and head.pos_ != "PROPN":
        return []
    found = []
    for clause in head.children:
        if clause.dep_ != "relcl" or clause.lemma_ != "be":
            continue
        for child in clause.children:
            if child.dep_ == "attr":
                found.append(_subtree(child))
            elif child.dep_ == "prep" and child.lower_ in {"from", "of", "with"}:
                found += [_subtree(g) for g in child.children if g.dep_ == "pobj"]
    return found


def _affiliation(head: Token) -> list[Span]:
    """Whom a group with no name of its own works for: "hackers working for Chinese
    intelligence", "fighters linked to al-Qaeda", "forces loyal to Haftar"."""
    if head.pos_ not in {"NOUN", "PROPN"}:
        return []
    return [_subtree(obj) for modifier in head.children
            if modifier.dep_ in {"acl", "amod"} and modifier.i > head.i
            and modifier.lemma_.lower() in AFFILIATION_WORDS
            for prep in modifier.children
            if prep.dep_ == "prep" and prep.text.lower() in {"for", "to", "with"}
            for obj in prep.children if obj.dep_ == "pobj"]


def _subtree(token: Token) -> Span:
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


def _is_lone_entity(token: Token) -> bool:
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return token.ent_iob_ == "B" and (following is None or following.ent_iob_ != "I")


def _has_content(units: list[_Unit]) -> bool:
    for unit in reversed(units):
        if unit.kind in ("comma", "conj"):
            return False
        if unit.kind in KB_UNIT_KINDS or unit.kind in ("name", "word"):
            return True
    return False


def _mark_sponsors(units: list[_Unit]) -> None:
    """'Iran-backed', 'pro-Russian': the country is not the actor's own."""
    for i, unit in enumerate(units):
        after = [u.kind for u in units[i + 1 : i + 3]]
        before = [u.kind for u in units[max(0, i - 2) : i]]
        if before == ["stance", "hyphen"] and unit.kind in STANCE_OBJECT_KINDS:
            unit.blocked = True  # "pro-Western": a stance, not a name
        if unit.kind not in CODE_SOURCE_KINDS:
            continue
        if after == ["hyphen", "sponsor"] or before == ["stance", "hyphen"]:
            unit.blocked = True


def _groups(units: list[_Unit]) -> list[tuple[list[_Unit], str]]:
    """Coordinated groups with the separator before each ('', 'comma' or 'conj')."""
    kept: list[_Unit] = []
    depth = 0
    for unit in units:
        if unit.kind == "open":
            depth += 1
        elif unit.kind == "close":
            depth = max(0, depth - 1)
        elif unit.kind in ("relative", "posting") and kept:
            break  # "who ...", "Georgia's ambassadors to the United States, ...": not actors
        elif depth == 0:
            kept.append(unit)
    groups: list[tuple[list[_Unit], str]] = []
    current: list[_Unit] = []
    separator = ""
    for unit in kept:
        if unit.kind in ("comma", "conj"):
            if current:
                groups.append((current, separator))
                current = []
                separator = unit.kind
            elif unit.kind == "conj" or not separator:
                separator = unit.kind
            continue
        current.append(unit)
    if current:
        groups.append((current, separator))
    return groups


def _owned_body(complement: list[_Unit]) -> bool:
    """ "Bosnia's three-man presidency", "Turkey's parliament": a state's own body."""
    kinds = [u.kind for u in complement if u.kind not in ("det", "hyphen", "word")]
    return (len(kinds) >= 3 and kinds[0] == "place" and kinds[1] == "poss"
            and kinds[-1] == "sector")


def _skip_partitive(units: list[_Unit]) -> list[_Unit]:
    """'hundreds of protesters' -> 'protesters'; 'Turkish-backed factions of the Syrian
    National Army' -> the army (the sponsor is no modifier of the army)."""
    for i, unit in enumerate(units):
        if unit.kind == "partitive" and i + 1 < len(units) and units[i + 1].kind == "prep":
            return units[i + 2 :]
        if unit.kind not in ("det", "former") and not unit.blocked:
            break
    return units


def _split_complement(units: list[_Unit]) -> tuple[list[_Unit], list[_Unit]]:
    seen_content = False
    for i, unit in enumerate(units):
        if unit.kind == "prep" and seen_content:
            return units[:i], units[i + 1 :]
        if unit.kind == "sector" and unit.text.split()[-1].lower() in POSTING_PREPOSITIONS:
            # "the Russian embassy in Oslo", "the Chinese ambassador to Russia": a posting
            # the dictionary keys with its preposition; the state posted to is its complement
            return units[: i + 1], units[i + 1 :]
        if unit.kind in KB_UNIT_KINDS or unit.kind in ("name", "word"):
            seen_content = True
    return units, []


def _is_head_word(unit: _Unit) -> bool:
    if unit.kind not in ("name", "word"):
        return False
    if unit.pos is not None:
        return unit.pos in HEAD_POS
    return not unit.text.endswith("ed")


def _title_name_end(head_part: list[_Unit], head_index: int) -> int:
    """End of an unknown name after a title ('President Gabriel Boric'), else 0."""
    end = 0
    for unit in head_part[head_index + 1 :]:
        if unit.kind != "name":
            break
        end = unit.end
    return end if head_part[head_index].kind == "sector" else 0


def _complement_source(complement: list[_Unit]) -> _Unit | None:
    return next((u for u in complement if u.kind in CODE_SOURCE_KINDS and not u.blocked), None)


def _complement_sector(complement: list[_Unit]) -> str | None:
    """The sector of the group after the head's preposition when a sector noun names it
    ("the union", "the Turkish army"); None when a known organization or person does."""
    for unit in complement:
        if unit.kind == "sector":
            nouns = [e for e in unit.of_kind("sector_noun") if not e.code]
            return nouns[0].sector if nouns else None
        if unit.kind in ("organization", "person"):
            return None
    return None


def _complement_end(entity: Entity, context: _Context) -> int:
    if context.modifiers or entity.code is None:
        return 0
    source = _complement_source(context.complement)
    return source.end if source is not None else 0


def _source_code(source: _Unit | None) -> tuple[str | None, KBEntry | None]:
    if source is None:
        return None, None
    preferred = ("person", "organization", *PLACE_KINDS, "demonym")
    for kind in preferred:
        entries = source.of_kind(kind)
        if entries:
            chosen = _choose_person(entries, None) if kind == "person" else entries[0]
            if chosen is None:
                return None, None
            return chosen.code, chosen
    return None, None


def _choose_person(entries: list[KBEntry], code_hint: str | None) -> KBEntry | None:
    """One person among namesakes: the country hint, then current holders, else none."""
    if code_hint:
        entries = [e for e in entries if e.code == code_hint] or entries
    best: dict[str, KBEntry] = {}
    for entry in entries:  # lookup order: current terms before former ones
        best.setdefault(entry.identifier_text or entry.name, entry)
    people = list(best.values())
    current = [e for e in people if e.sector != "ELI"]
    serving = [e for e in current if e.end is None] or current
    candidates = serving or people
    if len(candidates) == 1:
        return candidates[0]
    codes = {(e.code, e.sector) for e in candidates}
    if len(codes) == 1:
        only = candidates[0]
        return replace(only, identifier_id=None, identifier_text=None, office=None)
    return None


def _member_sector(role: str | None, group_sector: str | None, own: str | None) -> str | None:
    """Sector of people named as members of a group ("Hamas official", "Taliban forces")."""
    if role == "agent":
        return group_sector
    if role == "armed" and group_sector in ARMED_SECTORS:
        return group_sector
    if role == "armed" and group_sector == "GOV":
        return "MIL"
    return own


def _organization_entity(entry: KBEntry) -> Entity:
    return Entity(entry.code, entry.sector, entry.name, entry.identifier_id, entry.identifier_text)


def _place_entity(head: _Unit) -> Entity:
    entry = head.of_kind(*PLACE_KINDS)[0]
    return Entity(entry.code, "GOV", head.text, entry.identifier_id, entry.identifier_text)


def _bare_name(head_part: list[_Unit], source: str) -> _Actor | None:
    names = [u for u in head_part if u.kind == "name"]
    if not names or any(u.kind == "word" for u in head_part):
        return None
    first, last = names[0], names[-1]
    return _Actor(None, "name", first, source[first.start : last.end])


def _content(units: list[_Unit]) -> list[_Unit]:
    """A group's units without its determiners and punctuation."""
    return [u for u in units if u.kind not in ("det", "punct")]


def _bare_modifier(units: list[_Unit]) -> _Unit | None:
    """A conjunct that is only a demonym or country acronym ('Kenyan' in 'Kenyan and ...')."""
    content = _content(units)
    if len(content) != 1 or content[0].blocked:
        return None
    unit = content[0]
    if unit.kind == "demonym" or (unit.kind == "place" and unit.text.isupper()):
        return unit
    return None


def _shared_head(actors: list[tuple[_Actor | None, str, list[_Unit]]]) -> _Unit | None:
    """The sector head of the last conjunct when it is 'demonym + noun' ('Ugandan troops')."""
    if len(actors) < 2:
        return None
    last, _separator, units = actors[-1]
    if last is None or last.head.kind != "sector":
        return None
    if not any(u.kind in ("demonym", "place") for u in units if u.start < last.head.start):
        return None
    return last.head


def _spread_place_list(
    actors: list[tuple[_Actor | None, str]], groups: list[list[_Unit]]
) -> list[tuple[_Actor | None, str]]:
    """ "companies and tankers in China, India and the UAE": the places listed after the
    place of a complement are the complement's too, and the coordinated nouns before it
    with no state of their own share it; each is one actor per place."""
    located = next((k for k, units in enumerate(groups) if _ends_in_place(units)), None)
    if located is None:
        return actors
    listed = located + 1
    while listed < len(actors) and _bare_place(groups[listed]):
        listed += 1
    if listed == located + 1 or actors[listed - 1][1] != "conj":
        return actors
    sharing = located
    while sharing > 0 and actors[sharing][1] == "conj" and _uncoded_sector(actors[sharing - 1][0]):
        sharing -= 1
    head = actors[located][0]
    if not _coded(head):
        head = actors[sharing][0] if sharing < located else None
    if head is None or head.entity is None or head.head.kind != "sector":
        return actors
    sector = head.entity.sector
    listed_places = [(actor, actor.entity, separator)
                     for actor, separator in actors[located + 1 : listed]
                     if actor is not None and actor.entity is not None]
    codes = [_place_code(groups[located])] + [entity.code for _, entity, _ in listed_places]
    spread: list[tuple[_Actor | None, str]] = []
    for actor, separator in actors[sharing:located]:
        if actor is not None and actor.entity is not None:
            spread += [(replace(actor, entity=replace(actor.entity, code=code)),
                        separator if i == 0 else "conj") for i, code in enumerate(codes)]
    if _coded(actors[located][0]):
        spread.append(actors[located])
    spread += [(replace(actor, entity=replace(entity, sector=sector)), separator)
               for actor, entity, separator in listed_places]
    return actors[:sharing] + spread + actors[listed:]


def _coded(actor: _Actor | None) -> bool:
    return actor is not None and actor.entity is not None and actor.entity.code is not None


def _place_code(units: list[_Unit]) -> str | None:
    return _source_code([u for u in units if u.kind == "place"][-1])[0]


def _ends_in_place(units: list[_Unit]) -> bool:
    content = _content(units)
    return any(u.kind == "prep" for u in content) and content[-1].kind == "place"


def _bare_place(units: list[_Unit]) -> bool:
    content = _content(units)
    return len(content) == 1 and content[0].kind == "place" and not content[0].blocked


def _uncoded_sector(actor: _Actor | None) -> bool:
    return (actor is not None and actor.entity is not None and actor.entity.code is None
            and actor.head.kind == "sector")


def _merge_appositions(actors: list[tuple[_Actor | None, str]]) -> list[_Actor]:
    """'Gabriel Boric, Chile's president' is one actor, not two."""
    merged: list[_Actor] = []
    i = 0
    while i < len(actors):
        actor, _separator = actors[i]
        following = actors[i + 1] if i + 1 < len(actors) else None
        if actor is not None and following is not None and following[1] == "comma":
            in_list = i + 2 < len(actors) and actors[i + 2][1] == "conj"
            combined = _apposition(actor, following[0], in_list)
            if combined is not None:
                merged.append(combined)
                i += 2
                continue
        if actor is not None and actor.entity is not None:
            merged.append(actor)
        i += 1
    return merged


def _transnational(entity: Entity | None) -> bool:
    """An intergovernmental, transnational or multinational body (PLOVER's IGO, UNO,
    EUR, NGO, ISM, IMG and MNC codes), no state's own."""
    return entity is not None and entity.code in TRANSNATIONAL_CODES


def _apposition(first: _Actor, second: _Actor | None, in_list: bool = False
                ) -> _Actor | None:
    """A name and a role description side by side, when they can be the same actor (an
    organization's only outside a list: "Gazprom, the army and the police" are three)."""
    if second is None:
        return None
    for named, role in ((first, second), (second, first)):
        if named.head_kind == "organization" and role.head_kind == "sector" and not in_list \
                and role.entity is not None and (role.entity.code is None
                                                 or _transnational(named.entity)):
            # "Petróleos de Venezuela, the state oil company"; "the Collective Security
            # Treaty Organization, the Russian-led military alliance" (its leader's state
            # is not a member of the event)
            return named
        if named.head_kind not in ("person", "name") or role.head_kind != "sector":
            continue
        assert role.entity is not None
        if named.entity is None:
            entity = replace(role.entity, identifier_id=None, identifier_text=None)
            entity.entity_text = named.text
            return _Actor(entity, "person", named.head, named.text)
        if role.entity.code in (None, named.entity.code):
            return named  # "Macron, the British prime minister" is a list, not an apposition
    return None
