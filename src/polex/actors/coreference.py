"""Who "she", "it" or "the kingdom" is: antecedents found in the article's own text.

A careful reader takes a pronoun to stand for the nearest fitting actor named before it
(a person for "he" and "she", a state or organization for "it", several parties for
"they"), preferring the subject of a sentence, and looks back a couple of sentences or
to the start of the paragraph. A definite description whose head noun names a kind of
actor ("the Gulf state", "the bloc", "the junta", "the two countries") points to the
nearest actor of that kind. The words and their kinds are language data
(``data/descriptions.json``). :class:`Coreference` answers only when the antecedent is
clear, and an empty list otherwise.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import chain

from spacy.tokens import Doc, Span, Token

from polex.actors.document import DocumentActors
from polex.actors.kb import KnowledgeBase, is_acronym, normalize
from polex.data import read_json
from polex.schema import Entity

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
SINGLE_PRONOUNS = frozenset({"it", "its", "itself"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Phrases a sentence may open with before its subject ("During his visit, ...").
FRONTED_DEPS = frozenset({"prep", "advcl", "npadvmod", "advmod"})
OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "pobj"})
HEAD_POS = frozenset({"NOUN", "PROPN"})
INSIDE_NAME_DEPS = frozenset({"compound", "flat", "amod", "nmod", "nummod", "det"})
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "parataxis", "appos"})
STATE_LABELS = frozenset({"GPE", "NORP"})
LEADING_VERBS = frozenset({"lead", "head", "run", "chair", "command"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
SENTENCES_BACK = 2
ACRONYM_LENGTHS = (2, 6)  # letters of an organization's acronym ("M23" is a name)
# "the only country", "the same state": a description that picks out, not one that refers
SINGLING_WORDS = frozenset({"only", "first", "last", "same", "sole", "next"})


@dataclass(frozen=True)
class Descriptions:
    """The head nouns of definite descriptions, by the kind of actor they point to."""

    state: frozenset[str]
    government: frozenset[str]
    groups: dict[str, tuple[frozenset[str], frozenset[str]]]  # kind: heads, members
    pair: frozenset[str]
    pair_numbers: frozenset[str]
    pair_alone: frozenset[str]
    regions: dict[str, frozenset[str]]
    organization: frozenset[str] = frozenset()  # heads for any organization
    group: frozenset[str] = frozenset()  # heads for a non-governmental or armed group
    company: frozenset[str] = frozenset()  # heads for a business
    group_codes: frozenset[str] = frozenset()
    group_sectors: frozenset[str] = frozenset()

    @property
    def heads(self) -> frozenset[str]:
        """Every head noun a description pointing back to an actor may have."""
        groups = [heads for heads, _ in self.groups.values()]
        return self.state.union(self.government, self.pair, self.organization, self.group,
                                *groups)


@cache
def descriptions() -> Descriptions:
    raw = read_json("descriptions.json")
    groups = {
        kind: (frozenset(raw[kind]["heads"]), frozenset(raw[kind]["members"]))
        for kind in ("bloc", "alliance")
    }
    return Descriptions(
        state=frozenset(raw["state"]),
        government=frozenset(raw["government"]),
        groups=groups,
        pair=frozenset(raw["pair"]),
        pair_numbers=frozenset(raw["pair_numbers"]),
        pair_alone=frozenset(raw["pair_alone"]),
        regions={name: frozenset(codes) for name, codes in raw["regions"].items()},
        organization=frozenset(raw["organization"]["heads"]),
        group=frozenset(raw["organization"]["group_heads"]),
        company=frozenset(raw["organization"]["company_heads"]),
        group_codes=frozenset(raw["organization"]["group_codes"]),
        group_sectors=frozenset(raw["organization"]["sectors"]),
    )


@dataclass(frozen=True)
class Mention:
    """An actor named in the article, as a candidate antecedent."""

    token: Token  # the phrase's head
    entities: tuple[Entity, ...]  # resolved, each with a code
    person: bool
    plural: bool
    main_subject: bool  # the subject of its sentence's main clause
    subject: bool
    state: bool  # a single state (not an organization, not a group of people)

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(e.code for e in self.entities if e.code)


def pronoun_kind(word: str) -> str | None:
    """ "person", "single" or "group" for a third-person pronoun, else None."""
    lowered = word.lower()
    if lowered in PERSON_PRONOUNS:
        return "person"
    if lowered in SINGLE_PRONOUNS:
        return "single"
    return "group" if lowered in GROUP_PRONOUNS else None


def fits_pronoun(word: str, entities: list[Entity]) -> bool:
    """Whether already-known parties can be what the pronoun stands for."""
    kind = pronoun_kind(word)
    if not entities or kind is None:
        return False
    people = [e for e in entities if e.office]
    if kind == "person":
        return len(entities) == 1 and len(people) == 1
    if kind == "single":
        return len({e.code for e in entities}) == 1 and not people
    # "they" is several parties or a group of people ("protesters"), not one named state
    return len(entities) > 1 or all(e.identifier_id is None and e.entity_text.endswith("s")
                                    for e in entities)


class Coreference:
    """Antecedents of pronouns and definite descriptions in one parsed article."""

    def __init__(self, doc: Doc, actors: DocumentActors,
                 states_in_play: Sequence[str] = ()) -> None:
        """``states_in_play``: the states the article is about, most named first, also
        those it names only through their towns and bodies."""
        self.doc = doc
        self.actors = actors
        self.states_in_play = tuple(states_in_play)
        self.kb: KnowledgeBase = actors.kb
        self.words = descriptions()
        self.sentences = list(doc.sents)
        self._starts = [s.start for s in self.sentences]
        self._paragraphs = _paragraph_numbers(self.sentences)
        self._mentions: dict[int, list[Mention]] = {}

    # -- the interface ----------------------------------------------------------------------

    def pronoun(self, token: Token) -> list[Entity]:
        """The parties a pronoun stands for, or [] when no antecedent is clear."""
        kind = pronoun_kind(token.text)
        if kind is None:
            return []
        if kind != "person" and self._thing_before(token):
            return []
        if kind == "person":
            ahead = self._subject_ahead(token)
            if ahead:
                return ahead
        current = self._sentence_of(token.i)
        for mentions in self._sentences_back(token):
            fitting = [m for m in mentions if _fits(m, kind) and not _co_argument(m.token, token)]
            if kind == "person" and token.dep_ in SUBJECT_DEPS and fitting \
                    and self._sentence_of(fitting[0].token.i) == current:
                # "After talks with Putin, he announced...": a subject "he" is not a person
                # named in a phrase of its own sentence
                fitting = [m for m in fitting if m.subject]
            if kind != "person":
                # "it" and "they" stand for things as often as for actors: only a subject
                # that is an actor makes the antecedent clear
                fitting = [m for m in fitting if m.subject]
            elif token.dep_ in SUBJECT_DEPS:
                # "Mirziyoyev's first trip went to Turkmenistan, where Berdymukhamedov
                # received him. Later that month he was in Astana": the sentence's topic,
                # not the subject of its subordinate clause
                topic = [m for m in fitting if m.main_subject or _owns_main_subject(m.token)]
                if len({m.codes for m in topic}) == 1:
                    return [replace(e) for e in topic[0].entities]
            if fitting:
                return _clear_choice(fitting)
        return []

    def _subject_ahead(self, pronoun: Token) -> list[Entity]:
        """ "During his state visit to Washington, Ruto was received by Biden": a person
        pronoun in a phrase fronted before its sentence's subject is that subject."""
        root = self.sentences[self._sentence_of(pronoun.i)].root
        subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None or subject.i < pronoun.i:
            return []
        fronted = pronoun
        while fronted.head != root and fronted.head != fronted:
            fronted = fronted.head
        if fronted.head != root or fronted.dep_ not in FRONTED_DEPS or fronted.i > subject.i:
            return []
        mention = next((m for m in self._mentions_in(self._sentence_of(subject.i))
                        if m.token == subject), None)
        if mention is None or not _fits(mention, "person"):
            return []
        return [replace(e) for e in mention.entities]

    def _thing_before(self, pronoun: Token) -> bool:
        """ "Officially, the text is a charter of rights: it promises ...": a subject that
        is a common noun but no actor, in the pronoun's sentence or as the main subject of
        the sentence before, leaves "it" and "they" to that thing."""
        current = self._sentence_of(pronoun.i)
        actor_heads = {m.token.i for index in (current, current - 1) if index >= 0
                       for m in self._mentions_in(index)}
        previous = self.sentences[current - 1] if current else None
        candidates = [t for t in self.sentences[current] if t.i < pronoun.i]
        if previous is not None:
            candidates += [t for t in previous if t.head == previous.root]
        return any(t.dep_ in SUBJECT_DEPS and t.pos_ == "NOUN" and not t.ent_type_
                   and t.i not in actor_heads for t in candidates)

    def description(self, span: Span) -> list[Entity]:
        """The actors a definite description points back to, or [] when it is none."""
        head = span.root
        if not _is_definite_description(span):
            return []
        lemma = head.lemma_.lower()
        if self._is_pair(span):
            return self._pair(head)
        if lemma in self.words.state and head.tag_ not in PLURAL_TAGS:
            return self._state(span, "GOV")
        if lemma in self.words.government:
            return self._government(span)
        for heads, members in self.words.groups.values():
            if lemma in heads and head.tag_ not in PLURAL_TAGS:
                return self._organization(head, members)
        return self.organization(span)

    def organization(self, span: Span) -> list[Entity]:
        """ "Human Rights Watch ... the organization", "M23 rebels ... the group": the
        organization or armed group (one actor, neither a state nor a person) the article
        last named, a subject of the sentences just before first; [] when the span is no
        such description."""
        head = span.root
        lemma = head.lemma_.lower()
        words = self.words
        if not _is_definite_description(span) or head.tag_ in PLURAL_TAGS \
                or lemma not in words.organization | words.group | words.company:
            return []
        if any(t.pos_ == "PROPN" or t.is_quote for t in span if t.i < head.i):
            return []  # "the 'Woman, Life, Freedom' movement" names itself
        nearby = (m for mentions in self._sentences_back(head) for m in mentions)
        for mention in chain(nearby, self._backwards(head, whole_article=True)):
            if mention.person or mention.state or len(mention.entities) != 1:
                continue
            entity = mention.entities[0]
            if lemma in words.company:
                if entity.code == "MNC" or entity.sector == "BUS":
                    return [replace(entity, entity_text=head.text)]
                continue
            if entity.code in words.group_codes or entity.sector in words.group_sectors \
                    or lemma in words.organization and not self._is_state_code(entity.code):
                return [replace(entity, entity_text=head.text)]
        return []

    def acronym(self, span: Span) -> list[Entity]:
        """ "the Bangladesh Nationalist Party ... the BNP": the actor named before whose
        name's initials the acronym spells; [] when the span is no acronym or none fits."""
        head = span.root
        if not _is_acronym(head) or any(t.pos_ not in {"DET", "PROPN"} for t in span):
            return []
        for mention in self._backwards(head, whole_article=True):
            if mention.person or len(mention.entities) != 1:
                continue
            if _initials(_noun_phrase(mention.token)) == head.text:
                return [replace(mention.entities[0], entity_text=head.text)]
        return []

    def possessor_code(self, span: Span) -> str | None:
        """ "his government", "the island's leader": the code of the pronoun or description
        that owns the phrase."""
        owner = next((c for c in span.root.children if c.dep_ == "poss"), None)
        if owner is None:
            return None
        if owner.pos_ == "PRON":
            found = self.pronoun(owner)
        else:
            found = self.description(self.doc[owner.left_edge.i : owner.i + 1])
        codes = {e.code for e in found if e.code}
        return codes.pop() if len(codes) == 1 else None

    # -- descriptions -----------------------------------------------------------------------

    def _is_pair(self, span: Span) -> bool:
        lemma, text = span.root.lemma_.lower(), span.root.lower_
        if lemma not in self.words.pair and text not in self.words.pair:
            return False
        numbered = any(t.lower_ in self.words.pair_numbers for t in span)
        return numbered or text in self.words.pair_alone

    def _pair(self, head: Token) -> list[Entity]:
        for mention in self._backwards(head):
            states = [e for e in mention.entities if self._is_state_code(e.code)]
            if len(mention.entities) > 1:
                codes = {e.code for e in states}
                if len(codes) == 2 and len(states) == len(mention.entities):
                    return [replace(e, sector=e.sector or "GOV") for e in states]
        return []

    def _state(self, span: Span, sector: str) -> list[Entity]:
        region = self._region(span)
        candidates = [m for m in self._backwards(span.root) if m.state]
        if region is not None:
            candidates = [m for m in candidates if m.codes <= region]
        named = [m for m in candidates if self._formal_name_has(m, span.root.lower_)]
        chosen = (named or candidates)[:1]
        if not chosen and region is not None:
            # "crowds stormed the mayor's office in Almaty ... the Central Asian state": the
            # one state of the region the story is set in, named only through its towns
            regional = {code for code in self.states_in_play if code in region}
            if len(regional) == 1:
                return [Entity(regional.pop(), sector, span.text)]
        return [Entity(e.code, sector, span.text) for m in chosen for e in m.entities[:1]]

    def _government(self, span: Span) -> list[Entity]:
        leader = self._leader_named_in(span)
        if leader is not None:
            return [Entity(leader, "GOV", span.text)]
        return self._state(span, "GOV")

    def _organization(self, head: Token, members: frozenset[str]) -> list[Entity]:
        for mention in self._backwards(head, whole_article=True):
            named = [e for e in mention.entities if _names_member(e, members)]
            if named:
                return [replace(named[0], entity_text=head.text)]
        return []

    def _region(self, span: Span) -> frozenset[str] | None:
        modifiers = " ".join(
            t.lower_ for t in span if t.i < span.root.i and t.dep_ in {"amod", "compound"}
        )
        for name, codes in self.words.regions.items():
            if f" {name} " in f" {modifiers} ":
                return codes
        return None

    def _leader_named_in(self, span: Span) -> str | None:
        """ "the Pashinyan government", "the junta led by Captain Ibrahim Traoré": a
        registered person's surname names the state."""
        leaders = [t for t in span if t.i < span.root.i and t.pos_ == "PROPN"]
        leaders += [t for t in _led_by(span.root) if t.pos_ == "PROPN"]
        for token in leaders:
            person = self.actors.person_named(token.text, span.start_char)
            if person is not None and person.entity.code:
                return person.entity.code
        return None

    def _formal_name_has(self, mention: Mention, word: str) -> bool:
        codes = mention.codes
        return len(codes) == 1 and word in _state_name_words(self.kb).get(next(iter(codes)), ())

    def _names_state(self, entity: Entity) -> bool:
        country = self.kb.country(entity.code) if entity.code else None
        return (country is not None and entity.office is None
                and entity.identifier_text == country.identifier_text)

    def _is_state_code(self, code: str | None) -> bool:
        return code is not None and self.kb.country(code) is not None

    # -- looking back -----------------------------------------------------------------------

    def _sentences_back(self, token: Token) -> Iterator[list[Mention]]:
        """Each sentence's candidates before ``token``, nearest sentence first, the
        subject of the main clause first within a sentence, then nearest first."""
        current = self._sentence_of(token.i)
        for index in self._window(current):
            mentions = [m for m in self._mentions_in(index) if m.token.i < token.i]
            yield sorted(mentions, key=lambda m: (not m.main_subject, not m.subject, -m.token.i))

    def _backwards(self, token: Token, whole_article: bool = False) -> Iterator[Mention]:
        """Candidates before ``token``, nearest first."""
        current = self._sentence_of(token.i)
        window = range(current, -1, -1) if whole_article else self._window(current)
        for index in window:
            mentions = [m for m in self._mentions_in(index) if m.token.i < token.i]
            yield from sorted(mentions, key=lambda m: -m.token.i)

    def _window(self, current: int) -> list[int]:
        """The current sentence, the two before it, and the rest of its paragraph."""
        paragraph = self._paragraphs[current]
        return [
            index for index in range(current, -1, -1)
            if current - index <= SENTENCES_BACK or self._paragraphs[index] == paragraph
        ]

    def _sentence_of(self, index: int) -> int:
        return max(0, bisect_right(self._starts, index) - 1)

    # -- mentions ---------------------------------------------------------------------------

    def _mentions_in(self, index: int) -> list[Mention]:
        if index not in self._mentions:
            # filled as it is read, so that a subject "he" can look back within its sentence
            read: list[Mention] = []
            self._mentions[index] = read
            read.extend(self._read_mentions(self.sentences[index]))
        return self._mentions[index]

    def _read_mentions(self, sentence: Span) -> Iterator[Mention]:
        when = self.actors.published
        for token in sentence:
            if _heads_phrase(token):
                span = _noun_phrase(token)
                entities = tuple(e for e in self.actors.resolve(span, when) if e.code)
            elif _is_person_subject_pronoun(token):
                # "Abiy flew to Asmara ... Six days later he flew to Mogadishu, where
                # Farmaajo received him": a subject "he" carries its antecedent forward
                entities = tuple(self.pronoun(token))
            elif token.ent_type_ in STATE_LABELS and token.ent_iob_ == "B":
                entity_span = next((e for e in sentence.ents if e.start == token.i), None)
                if entity_span is None:
                    continue
                entities = tuple(e for e in self.actors.resolver.resolve(entity_span, when)
                                 if e.code)
            else:
                continue
            if entities:
                yield self._mention(token, entities)

    def _mention(self, token: Token, entities: tuple[Entity, ...]) -> Mention:
        # the recognizer sometimes takes a state for a person ("Jordan closed ...")
        named_state = len(entities) == 1 and self._names_state(entities[0])
        person = not named_state and (
            token.ent_type_ == "PERSON" or any(e.office for e in entities)
        )
        codes = {e.code for e in entities}
        state = (
            len(codes) == 1 and not person and self._is_state_code(entities[0].code)
            and (token.ent_type_ in STATE_LABELS or named_state)
        )
        return Mention(
            token=token,
            entities=entities,
            person=person,
            plural=_is_plural(token) or len(entities) > 1,
            main_subject=token.dep_ in SUBJECT_DEPS and token.head.dep_ == "ROOT",
            subject=token.dep_ in SUBJECT_DEPS,
            state=state,
        )


# --- helpers --------------------------------------------------------------------------------


def _is_person_subject_pronoun(token: Token) -> bool:
    return token.pos_ == "PRON" and token.dep_ in SUBJECT_DEPS and (
        pronoun_kind(token.text) == "person")


def _fits(mention: Mention, kind: str) -> bool:
    if kind == "person":
        return mention.person and len(mention.entities) == 1
    if kind == "single":
        return not mention.person and not mention.plural and len(mention.codes) == 1
    return mention.plural


def _clear_choice(fitting: list[Mention]) -> list[Entity]:
    """The first candidate, unless it is no subject and a different one competes."""
    best = fitting[0]
    if not best.subject and any(m.codes != best.codes for m in fitting[1:]):
        return []
    return [replace(e) for e in best.entities]


def _is_plural(token: Token) -> bool:
    """ "protesters", "the Saudis"; not "the Netherlands" or "the United Nations"."""
    return token.tag_ in PLURAL_TAGS and token.ent_type_ not in {"GPE", "ORG", "LOC"}


def _owns_main_subject(token: Token) -> bool:
    """ "Mirziyoyev's first trip went to ...": the owner of the main clause's subject."""
    owned = token.head
    return token.dep_ == "poss" and owned.dep_ in SUBJECT_DEPS and owned.head.dep_ == "ROOT"


def _co_argument(candidate: Token, pronoun: Token) -> bool:
    """ "Police detained him": an object pronoun is not its own clause's subject."""
    return pronoun.dep_ in OBJECT_DEPS and candidate.head == pronoun.head


def _is_acronym(token: Token) -> bool:
    """ "BNP"; not "M23", a name, nor a one-letter word."""
    return token.is_alpha and is_acronym(token.text) and \
        ACRONYM_LENGTHS[0] <= len(token) <= ACRONYM_LENGTHS[1]


def _initials(phrase: Span) -> str:
    """ "the Bangladesh Nationalist Party": "BNP"; "Forces for Democracy": "FD"."""
    return "".join(t.text[0] for t in phrase if t.text[:1].isupper() and t.is_alpha
                   and not t.is_stop)


def _heads_phrase(token: Token) -> bool:
    if token.pos_ not in HEAD_POS or token.is_space:
        return False
    if token.dep_ in INSIDE_NAME_DEPS and token.head.pos_ in HEAD_POS:
        return False
    return token.dep_ != "poss" or token.ent_type_ == "PERSON"


def _noun_phrase(token: Token) -> Span:
    """The head's contiguous subtree without clauses, appositions and prepositional
    phrases other than "of" ("talks with Xi" is no mention of Xi's state)."""
    keep = {token.i}
    stack = [c for c in token.children if _inside_phrase(c)]
    while stack:
        child = stack.pop()
        keep.add(child.i)
        stack.extend(c for c in child.children if _inside_phrase(c))
    start = end = token.i
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    while end > start and token.doc[end].is_punct:
        end -= 1
    return token.doc[start : end + 1]


def _inside_phrase(token: Token) -> bool:
    return token.dep_ not in CLAUSE_DEPS and (token.dep_ != "prep" or token.lower_ == "of")


def _is_definite_description(span: Span) -> bool:
    head = span.root
    if head.pos_ not in HEAD_POS or not head.text.islower() or head.ent_type_:
        return False
    if any(t.tag_ in {"JJS", "RBS"} or t.ent_type_ == "ORDINAL" or t.lower_ in SINGLING_WORDS
           for t in span if t.i < head.i):
        return False  # "the first country to land there", "the largest state": a class
    return any(t.lower_ in {"the", "both"} for t in span if t.i < head.i)


def _led_by(head: Token) -> list[Token]:
    """The words naming who leads a body: "the junta led by Captain Ibrahim Traoré"."""
    return [word for clause in head.children
            if clause.dep_ == "acl" and clause.lemma_.lower() in LEADING_VERBS
            for agent in clause.children if agent.dep_ == "agent"
            for word in agent.subtree]


def _names_member(entity: Entity, members: frozenset[str]) -> bool:
    if entity.identifier_text in members:
        return True
    return entity.code == "EUR" and "European Union" in members


def _paragraph_numbers(sentences: list[Span]) -> list[int]:
    numbers: list[int] = []
    paragraph = 0
    text = sentences[0].doc.text if sentences else ""
    for index, sentence in enumerate(sentences):
        if index and _starts_paragraph(sentences[index - 1], sentence, text):
            paragraph += 1
        numbers.append(paragraph)
    return numbers


def _starts_paragraph(before: Span, sentence: Span, text: str) -> bool:
    """Whether a line break separates the sentence's first word from the last word
    before it (spaCy keeps line breaks in whitespace tokens); ``text`` is the doc's."""
    doc = sentence.doc
    last = next((doc[i] for i in range(before.end - 1, before.start - 1, -1)
                 if not doc[i].is_space), None)
    first = next((doc[i] for i in range(sentence.start, sentence.end) if not doc[i].is_space),
                 None)
    if last is None or first is None:
        return True
    return "\n" in text[last.idx + len(last.text) : first.idx]


@cache
def _state_name_words(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    """Each state's words of its names ("kingdom" for the Kingdom of Saudi Arabia)."""
    words: dict[str, set[str]] = {}
    for key, entry in kb.named_entries():
        if entry.kind == "country":
            words.setdefault(entry.code, set()).update(normalize(key).split())
    return {code: frozenset(found) for code, found in words.items()}
