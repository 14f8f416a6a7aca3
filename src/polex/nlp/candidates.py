"""Parse only the sentences where an event can be, and give the extractor a whole-article Doc.

Most sentences of a news article report no political event. The article is tokenized
whole and cut into sentences by line breaks and punctuation (:mod:`polex.nlp.sentences`,
the same boundaries a full parse is given). A sentence goes through the tagger, parser,
lemmatizer and entity recognizer when a word may trigger an event
(:class:`~polex.nlp.cues.CueWords`) and another may name its actor, or when it is the
first to use a name such a sentence uses (it may introduce that person). Their
annotations are then written back into the tokenized article, so the Doc the extractor
reads has the article's exact text, offsets and sentences; the other sentences keep
their tokens, and only country, capital and nationality names get an entity label (the
extractor counts the states an article names), nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

import numpy as np
from spacy.attrs import DEP, ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from thinc.types import Ints2d

from polex.nlp.cues import CueWords
from polex.nlp.sentences import line_starts, sentence_starts, set_sentences

PARSED_ATTRS = (TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID)
MIN_NAME_LENGTH = 3
# Words that can stand for an actor without naming one: pronouns the extractor resolves
# from earlier sentences, and "both"/"two" of "the two governments".
STAND_IN_WORDS = frozenset({
    "he", "she", "they", "it", "we", "i", "him", "her", "them", "his", "its", "their", "our",
    "who", "which", "that", "this", "these", "those", "both", "two",
})
MAX_PLACE_WORDS = 4

Bounds = tuple[int, int]


@dataclass(frozen=True)
class Region:
    start: int
    end: int


@dataclass(frozen=True)
class Gazetteer:
    """Country, capital and nationality names (normalized) with the entity label the
    recognizer gives them, to count the states an article names in unparsed sentences."""

    names: Mapping[str, str]
    normalize: Callable[[str], str]
    first_words: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        firsts = frozenset(name.split()[0] for name in self.names if name)
        object.__setattr__(self, "first_words", firsts)

    def spans(self, doc: Doc, start: int, end: int) -> list[Span]:
        found: list[Span] = []
        i = start
        while i < end:
            match = self._match(doc, i, end) if self._may_start(doc[i].text) else None
            if match is None:
                i += 1
                continue
            found.append(match)
            i = match.end
        return found

    def _may_start(self, word: str) -> bool:
        if not word[:1].isupper():
            return False
        key = self.normalize(word).split()
        return bool(key) and key[0] in self.first_words

    def _match(self, doc: Doc, i: int, end: int) -> Span | None:
        for length in range(min(MAX_PLACE_WORDS, end - i), 0, -1):
            label = self.names.get(self.normalize(doc[i : i + length].text))
            if label is not None:
                return Span(doc, i, i + length, label=label)
        return None


@dataclass
class CandidateFilter:
    """Chooses the token ranges of an article to parse, and parses only those.

    A sentence is a candidate when a word may trigger an event and another may name its
    actor (an event needs one): a word the knowledge base knows (``is_actor_word``), a
    pronoun, or a capitalized word (unless a common word that only opens the sentence).
    A capitalized word neither known to the knowledge base nor a time word
    (``is_time_word``: months, weekdays) may be a person's name: the sentence that
    first uses it is parsed too, as it may introduce the person. ``places`` labels the
    states named in the sentences left unparsed.
    """

    cues: CueWords
    is_actor_word: Callable[[str], bool] = field(default=lambda word: False)
    is_time_word: Callable[[str], bool] = field(default=lambda word: False)
    places: Gazetteer | None = None
    context: int = 0  # sentences parsed before a candidate, in the same paragraph

    def plan(self, doc: Doc) -> list[Region]:
        """Candidate sentences, the ``context`` sentences before each in its paragraph,
        and the sentence that first names a person a candidate sentence names."""
        sentences = _sentences(doc)
        wanted = [self._is_candidate(doc, bounds) for bounds in sentences]
        lines = line_starts(doc) | {0}
        first_use = self._first_sentence_of_names(doc, sentences)
        for index in [i for i, keep in enumerate(wanted) if keep]:
            for before in range(index - 1, max(-1, index - 1 - self.context), -1):
                if sentences[before + 1][0] in lines:
                    break
                wanted[before] = True
            for name in self._names(doc, sentences[index]):
                wanted[first_use[name]] = True
        return _merge(sentences, wanted)

    def parse(self, nlp: Language, docs: Sequence[Doc], batch_size: int) -> Iterator[Doc]:
        """Each tokenized doc with only its planned regions run through the pipeline."""
        plans = [self.plan(doc) for doc in docs]
        regions = [piece for doc, plan in zip(docs, plans, strict=True)
                   for piece in pieces(doc, plan)]
        parsed = iter(nlp.pipe(regions, batch_size=batch_size))
        for doc, plan in zip(docs, plans, strict=True):
            yield self.write_back(doc, plan, [next(parsed) for _ in plan])

    def write_back(self, doc: Doc, plan: Sequence[Region], parsed: Sequence[Doc]) -> Doc:
        """The parsed regions' annotations written into the tokenized article, and the
        states named in the rest labelled."""
        assemble(doc, plan, parsed)
        if self.places is not None:
            self._label_places(doc, plan)
        return doc

    def _is_candidate(self, doc: Doc, bounds: Bounds) -> bool:
        start, end = bounds
        words = [t.text for t in doc[start:end] if not t.is_space]
        return self.cues.may_hold_event(words) and self._may_name_actor(doc, bounds)

    def _may_name_actor(self, doc: Doc, bounds: Bounds) -> bool:
        start, end = bounds
        return any(
            token.lower_ in STAND_IN_WORDS or self.is_actor_word(token.text)
            or self._may_be_name(token, start)
            for token in doc[start:end]
        )

    def _may_be_name(self, token: Token, sentence_start: int) -> bool:
        """A capitalized word, unless a time word, or a common word opening the sentence."""
        text = token.text
        if not (token.is_alpha and text[:1].isupper()) or self.is_time_word(text):
            return False
        opening = token.i == sentence_start
        return not opening or not (token.is_stop or self.cues.is_dictionary_word(text))

    def _names(self, doc: Doc, bounds: Bounds) -> set[str]:
        """Capitalized words inside the sentence that may be a person's name."""
        start, end = bounds
        return {
            t.text for t in doc[start:end]
            if self._may_be_name(t, start) and len(t.text) >= MIN_NAME_LENGTH
            and not self.is_actor_word(t.text)
        }

    def _first_sentence_of_names(self, doc: Doc, sentences: list[Bounds]) -> dict[str, int]:
        first: dict[str, int] = {}
        for index, (start, end) in enumerate(sentences):
            for token in doc[start:end]:
                if token.is_alpha and token.text[:1].isupper():
                    first.setdefault(token.text, index)
        return first

    def _label_places(self, doc: Doc, plan: Sequence[Region]) -> None:
        assert self.places is not None
        spans = [span for start, end in _gaps(plan, len(doc))
                 for span in self.places.spans(doc, start, end)]
        if spans:
            doc.set_ents(spans, default="unmodified")


def pieces(doc: Doc, plan: Sequence[Region]) -> list[Doc]:
    """The regions as Docs of their own, with the article's tokens and spacing."""
    words = [t.text for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    return [Doc(doc.vocab, words=words[r.start : r.end], spaces=spaces[r.start : r.end])
            for r in plan]


def _sentences(doc: Doc) -> list[Bounds]:
    starts = sentence_starts(doc)
    return list(zip(starts, starts[1:] + [len(doc)], strict=False))


def _gaps(plan: Sequence[Region], length: int) -> list[Bounds]:
    """The token ranges between the planned regions."""
    gaps, position = [], 0
    for region in plan:
        if region.start > position:
            gaps.append((position, region.start))
        position = region.end
    if position < length:
        gaps.append((position, length))
    return gaps


def _merge(sentences: list[Bounds], wanted: list[bool]) -> list[Region]:
    regions: list[Region] = []
    for (start, end), keep in zip(sentences, wanted, strict=True):
        if not keep:
            continue
        if regions and regions[-1].end == start:
            regions[-1] = Region(regions[-1].start, end)
        else:
            regions.append(Region(start, end))
    return regions


def assemble(doc: Doc, regions: Sequence[Region], parsed: Sequence[Doc]) -> Doc:
    """Write the parsed regions' annotations into the tokenized article, in place."""
    if not len(doc):
        return doc
    values = np.zeros((len(doc), len(PARSED_ATTRS)), dtype="uint64")
    width = max((p.tensor.shape[1] for p in parsed if p.tensor.ndim == 2 and len(p)), default=0)
    tensor = np.zeros((len(doc), width), dtype="float32")
    for region, part in zip(regions, parsed, strict=True):
        values[region.start : region.end] = part.to_array(list(PARSED_ATTRS))
        if width and part.tensor.shape == (len(part), width):
            tensor[region.start : region.end] = part.tensor
    doc.from_array(list(PARSED_ATTRS), cast(Ints2d, values))
    set_sentences(doc)  # everywhere, as the parser was given them
    if width:
        doc.tensor = tensor
    return doc
