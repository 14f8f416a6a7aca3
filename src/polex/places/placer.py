"""Where an event happened, read from the "in"/"at" phrases attached to its trigger.

A phrase may name several places ("in the resort town of Pahalgam in Kashmir", "in
Hyderabad, Pakistan"): the broader names narrow down the narrower ones, and the most
specific place that resolves is the event's location. Names the tagger misses or
mislabels still count where the phrase says they are places ("the province of La
Guajira", "the capital, Dushanbe"). Same-named places are told apart by the countries in
play in the article, then by prominence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from spacy.tokens import Span, Token

from polex.data import read_json
from polex.places.geonames import Candidate, PlaceIndex, default_index, fold
from polex.schema import Location

NAME = "polex.places.geonames.v2"

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entity types that are never place names, even when tagged on proper nouns ("in January").
NON_PLACE_LABELS = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "EVENT", "LAW"}
)
Context = Literal["division", "settlement"]

# Prominence bonuses on the log-population scale (see Candidate.weight): a country or a
# capital is what an unqualified name usually means; curated entries were chosen for news.
KIND_BONUS = {"country": 2.0, "capital": 1.5, "city": 0.0}
CURATED_BONUS = 1.0
IN_PLAY_BONUS = 3.0  # for the article's most frequent country; divided by 1 + its rank
# A place reached through one of its alternate names ("White House" is also a translation
# of Casablanca) counts for less than one called by its own name.
ALTERNATE_NAME_PENALTY = 1.0

DEFAULT_ORDER = ("country", "capital", "city", "town", "site", "admin1", "region", "island", "sea")
CONTEXT_ORDER: dict[Context, tuple[str, ...]] = {
    "division": ("admin1", "region", "island", "country", "sea", "capital", "city", "town", "site"),
    "settlement": ("capital", "city", "town", "site", "admin1", "region", "island", "country",
                   "sea"),
}
CONTEXT_KINDS: dict[Context, frozenset[str]] = {
    "division": frozenset({"admin1", "region", "island", "country"}),
    "settlement": frozenset({"capital", "city", "town", "site"}),
}
SPECIFICITY = {"site": 0, "town": 1, "city": 1, "capital": 1, "island": 2, "admin1": 2,
               "region": 3, "sea": 4, "country": 4}
BROAD_KINDS = frozenset({"country", "admin1", "region", "island"})


@dataclass(frozen=True)
class PlaceWords:
    division_nouns: frozenset[str]
    settlement_nouns: frozenset[str]
    capital_nouns: frozenset[str]
    facility_nouns: frozenset[str]  # a named building: "the Saudi Maternity Hospital"
    area_nouns: frozenset[str]  # "the north of", "the outskirts of"
    venue_nouns: frozenset[str]  # "at the summit in", "at a petrol station in"
    cause_words: frozenset[str]  # "in protest at", "angry at": "at" names a cause

    def context_of(self, noun: Token) -> Context | None:
        lemma = noun.lemma_.lower()
        if lemma in self.division_nouns or noun.lower_ in self.division_nouns:
            return "division"
        if lemma in self.settlement_nouns or noun.lower_ in self.settlement_nouns:
            return "settlement"
        return None


@lru_cache(maxsize=1)
def place_words() -> PlaceWords:
    raw = read_json("place_words.json")
    return PlaceWords(
        division_nouns=frozenset(raw["division_nouns"]),
        settlement_nouns=frozenset(raw["settlement_nouns"]),
        capital_nouns=frozenset(raw["capital_nouns"]),
        facility_nouns=frozenset(raw["facility_nouns"]),
        area_nouns=frozenset(raw["area_nouns"]),
        venue_nouns=frozenset(raw["venue_nouns"]),
        cause_words=frozenset(raw["cause_words"]),
    )


@dataclass
class Mention:
    """A name in a place phrase, with what the phrase says about it."""

    text: str
    order: int  # position in the text, for ties
    trusted: bool  # tagged as a place by the named-entity recognizer
    context: Context | None = None
    candidates: list[Candidate] = field(default_factory=list)
    key: str = ""  # the folded name the candidates were found under


class GeonamesPlacer:
    """Picks the place an event happened from the place phrases attached to its trigger."""

    name = NAME

    def __init__(self, index: PlaceIndex | None = None) -> None:
        self._index = index

    @property
    def index(self) -> PlaceIndex:
        if self._index is None:
            self._index = default_index()
        return self._index

    def locate(self, spans: Sequence[Span], countries: Sequence[str] = ()) -> Location | None:
        """The event's location from its "in"/"at" phrases; ``countries`` are the article's
        actor countries (alpha-3), most frequent first, to tell same-named places apart."""
        mentions = [m for span in spans for m in self._mentions(span)]
        ranks = {code: rank for rank, code in enumerate(dict.fromkeys(countries))}
        resolved = _resolve(mentions, ranks)
        if resolved:
            mention, place = min(resolved, key=lambda r: (SPECIFICITY[r[1].kind], r[0].order))
            return _location(mention.text, place)
        trusted = next((m for m in mentions if m.trusted), None)
        return Location(extracted_place=trusted.text) if trusted else None

    def country_of(self, span: Span, beside: Sequence[Span] = ()) -> str | None:
        """The state holding the place ``span`` names, read with the broader places named
        beside it ("Mushu, a village in Plateau state" is no Mus in Turkey)."""
        own = self._mentions(span)
        if not own:
            return None
        others = [m for other in beside for m in self._mentions(other)]
        resolved = [(m, place) for m, place in _resolve(own + others, {})
                    if any(m is o for o in own)]
        if not resolved:
            return None
        _, place = min(resolved, key=lambda r: (SPECIFICITY[r[1].kind], r[0].order))
        return place.country_code

    # --- reading the phrase ------------------------------------------------------------------

    def _mentions(self, span: Span) -> list[Mention]:
        mentions = [m for chunk in _name_chunks(span) if (m := self._mention(chunk, span))]
        extra = [self._capital_mention(span), self._described_country_mention(span)]
        return mentions + [m for m in extra if m is not None]

    def _mention(self, chunk: Span, span: Span) -> Mention | None:
        trusted = all(t.ent_type_ in PLACE_LABELS for t in chunk)
        context = _context(chunk.root)
        if not _names_a_place(chunk.root, span, trusted, context):
            return None
        mention = Mention(chunk.text, chunk.start_char, trusted, context)
        mention.key, mention.candidates = fold(chunk.text), self.index.candidates(chunk.text)
        if not mention.candidates and len(chunk) > 1:
            noun_context = place_words().context_of(chunk[-1])
            if noun_context is not None:  # "Kunar province", "Zamfara State"
                mention.context = mention.context or noun_context
                mention.key = fold(chunk[:-1].text)
                mention.candidates = self.index.candidates(chunk[:-1].text)
        head = chunk.root.head
        if not mention.candidates and context is not None and head.i == chunk.end:
            # "Plateau state", "Kunar province": the name with its place word, as listed
            titled = f"{chunk.text} {head.text.title()}"
            mention.candidates = self.index.candidates(titled)
        return mention if mention.candidates or trusted else None

    def _capital_mention(self, span: Span) -> Mention | None:
        """ "in the Tajik capital", "in Ukraine's capital": the country's capital."""
        for token in span:
            if not _is_capital(token):
                continue
            for child, capital in _national_modifiers(token, self.index.capital_of_adjective):
                text = span.doc[child.i : token.i + 1].text
                return Mention(text, child.idx, False, "settlement", [capital],
                               fold(capital.name))
        return None

    def _described_country_mention(self, span: Span) -> Mention | None:
        """ "the Ethiopian town of Humera", "Nigeria's Plateau state": the state the
        adjective or owner of a place word names, which places a town the gazetteer may
        not know."""
        words = place_words()
        for token in span:
            if words.context_of(token) is None:
                continue
            for child, country in _national_modifiers(token, self.index.country_of_adjective):
                if child.i > token.i:
                    continue
                of = next((t for t in token.rights if t.dep_ == "prep" and t.lower_ == "of"),
                          None)
                text = (span.doc[of.i + 1 : of.right_edge.i + 1].text if of is not None
                        else child.text)
                return Mention(text, child.idx, False, "division", [country],
                               fold(country.name))
        return None


def _national_modifiers(
    noun: Token, lookup: Callable[[str], Candidate | None]
) -> Iterator[tuple[Token, Candidate]]:
    """The modifiers and owner of a noun that name a state ("the Tajik capital",
    "Nigeria's Plateau state"), each with what ``lookup`` finds for it."""
    for child in noun.children:
        if child.dep_ in {"amod", "compound", "poss"}:
            found = lookup(child.text)
            if found is not None:
                yield child, found


def opens_facility_name(ent: Span) -> bool:
    """A nationality or state that opens the name of a building ("the Saudi Maternity
    Hospital" in El Fasher, "the Turkish Friendship Hospital" in Gaza): a name, not the
    state."""
    doc = ent.doc
    end = ent.end
    while end < len(doc) and doc[end].pos_ == "PROPN":
        end += 1
    return end > ent.end and doc[end - 1].lower_ in place_words().facility_nouns


# --- choosing among candidates ---------------------------------------------------------------


def _resolve(mentions: list[Mention], ranks: dict[str, int]) -> list[tuple[Mention, Candidate]]:
    """Each mention's place; broad places named beside a narrow one constrain it."""
    first = [(m, _choose(m, m.candidates, ranks)) for m in mentions if m.candidates]
    constraints = [(m, place) for m, place in first if place.kind in BROAD_KINDS]
    resolved = []
    for mention, place in first:
        candidates = mention.candidates
        outside = False
        for other, broad in constraints:
            if other is mention:
                continue
            inside = [c for c in candidates if _inside(c, broad)]
            outside = outside or (not inside and place.country_code != broad.country_code)
            candidates = inside or candidates
        if outside and candidates is mention.candidates:
            # "Yauri, Kebbi state": no Yauri the gazetteer knows lies in Nigeria's Kebbi,
            # so the name is a place it does not know, and the broader one says where
            continue
        resolved.append((mention, _choose(mention, candidates, ranks)))
    return resolved


def _choose(mention: Mention, candidates: list[Candidate], ranks: dict[str, int]) -> Candidate:
    order = CONTEXT_ORDER[mention.context] if mention.context else DEFAULT_ORDER
    if mention.context is not None:
        preferred = [c for c in candidates if c.kind in CONTEXT_KINDS[mention.context]]
        candidates = preferred or candidates
    best = max(candidates, key=lambda c: _score(c, mention.key, ranks))
    same_country = [c for c in candidates if c.country_code == best.country_code]
    chosen = min(same_country, key=lambda c: (order.index(c.kind), -c.population))
    if chosen.kind == "country":
        # a city-state or a country named after its capital: "Singapore", "Djibouti"
        key = fold(mention.text)
        namesake = [c for c in same_country if c.kind == "capital" and fold(c.name) == key]
        return namesake[0] if namesake else chosen
    return chosen


def _score(candidate: Candidate, key: str, ranks: dict[str, int]) -> float:
    score = candidate.weight + KIND_BONUS.get(candidate.kind, CURATED_BONUS)
    if fold(candidate.name) != key:
        score -= ALTERNATE_NAME_PENALTY
    rank = ranks.get(candidate.country_code or "")
    if rank is not None:
        score += IN_PLAY_BONUS / (1 + rank)
    return score


def _inside(candidate: Candidate, broad: Candidate) -> bool:
    if candidate == broad or candidate.country_code != broad.country_code:
        return False
    if broad.kind == "admin1":
        if candidate.admin1_key and broad.admin1_key:
            return candidate.admin1_key == broad.admin1_key
        return candidate.admin1 == broad.name
    return True


def _location(text: str, place: Candidate) -> Location:
    return Location(
        extracted_place=text,
        resolved_place=place.name,
        country_code=place.country_code,
        lat=round(place.lat, 5) if place.lat is not None else None,
        lon=round(place.lon, 5) if place.lon is not None else None,
        geonameid=place.geonameid,
        admin1=place.admin1 if place.kind != "country" else None,
    )


# --- names in a phrase -----------------------------------------------------------------------


def _names_a_place(root: Token, span: Span, trusted: bool, context: Context | None) -> bool:
    """Whether a name in the phrase says where the event happened."""
    part_of = root.dep_ == "poss" and _is_part_of_place(root.head)
    if root.dep_ == "poss" and not (_is_capital(root.head) or part_of):
        return False  # "in Beijing's view"
    if root != span.root and not _opens_on_a_place(span):
        return False  # "in protest at the offensive in Gaza": a cause, not a place
    if not _is_locative(root, span.root):
        return False  # "its border with Kyrgyzstan", "the head of the Caribbean States"
    # an untagged name counts where the phrase presents it as a place
    return (trusted or context is not None or root == span.root or _is_appos_name(root)
            or part_of)


def _name_chunks(span: Span) -> list[Span]:
    """Place entities, and runs of proper nouns outside them (the tagger may call a place
    a person or an organization: "La Guajira", "Dushanbe")."""
    chunks = [e for e in span.ents if e.label_ in PLACE_LABELS]
    covered = {t.i for e in chunks for t in e}
    run: list[Token] = []
    for token in [*span, None]:
        if token is not None and _is_name_token(token) and token.i not in covered:
            run.append(token)
            continue
        if run:
            chunks.append(span.doc[run[0].i : run[-1].i + 1])
            run = []
    return sorted(chunks, key=lambda c: c.start)


def _is_name_token(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.ent_type_ not in NON_PLACE_LABELS


def _context(root: Token) -> Context | None:
    """What the phrase calls the name: "the province of X", "X region", "the capital, X"."""
    words = place_words()
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head != head:
        return words.context_of(head.head)
    if root.dep_ in {"compound", "amod", "nmod", "appos"} and head != root:
        return words.context_of(head)
    return None


LOCATIVE_PREPS = frozenset({"in", "near", "outside", "inside", "around", "across"})
MODIFIER_DEPS = frozenset({"compound", "appos", "amod", "nmod", "conj", "flat", "npadvmod"})


def _is_locative(root: Token, span_root: Token) -> bool:
    """Whether the name at ``root`` says where the phrase's head is: reached from the head
    through modifiers, "of" after a place word ("the province of X", "the north of X"),
    "at" after a place or venue ("the talks at X"), or "in" ("protesters in X"); not
    through "with" ("its border with X") or a nested "at" ("in protest at the offensive
    in X": the place of another event)."""
    current = root
    for _ in range(12):
        if current == span_root:
            return True
        if current.dep_ in MODIFIER_DEPS or (
            current.dep_ == "poss" and _is_part_of_place(current.head)
        ):
            current = current.head
            continue
        if current.dep_ != "pobj":
            return False
        preposition = current.head
        while preposition.dep_ == "conj" and preposition.head.pos_ == "ADP":
            preposition = preposition.head  # "in the capital and in the city of X"
        if preposition.dep_ != "prep" or not _allows(preposition.lower_, preposition.head):
            return False
        current = preposition.head
    return False


def _opens_on_a_place(span: Span) -> bool:
    """Whether the preposition that introduces the phrase can say where: not the "at" of
    a cause ("in protest at the offensive in Gaza", "angry at ...")."""
    head = span.root.head
    if span.root.dep_ != "pobj" or head.dep_ != "prep" or head.lower_ != "at" or head.i == 0:
        return True
    before = head.doc[head.i - 1]
    return before.lemma_.lower() not in place_words().cause_words and (
        before.lower_ not in place_words().cause_words)


def _allows(preposition: str, noun: Token) -> bool:
    words = place_words()
    lemma = noun.lemma_.lower()
    is_place = noun.pos_ == "PROPN" or words.context_of(noun) is not None
    if preposition == "of":
        return words.context_of(noun) is not None or lemma in words.area_nouns
    if preposition == "at":
        return is_place or lemma in words.venue_nouns or noun.lower_ in words.venue_nouns
    return preposition in LOCATIVE_PREPS


def _is_appos_name(root: Token) -> bool:
    """ "in Hyderabad, Pakistan": a name in apposition to another proper noun."""
    return root.dep_ == "appos" and root.head.pos_ == "PROPN"


# Places a state keeps abroad: "at Iran's embassy in Damascus" is not in Iran.
HELD_ABROAD = frozenset({"embassy", "consulate", "base", "headquarters", "mission"})


def _is_part_of_place(token: Token) -> bool:
    """Whether a possessed noun is a part of the possessor place: "Almaty's Republic
    Square", "Gaza's main hospital", "Kyiv's Obolon district"."""
    words = place_words()
    lemma = token.lemma_.lower()
    if lemma in HELD_ABROAD:
        return False
    return (token.ent_type_ in PLACE_LABELS or lemma in words.venue_nouns
            or lemma in words.area_nouns or words.context_of(token) is not None)


def _is_capital(token: Token) -> bool:
    return token.lemma_.lower() in place_words().capital_nouns
