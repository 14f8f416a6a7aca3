"""Parse only the sentences where an event can be, and give the extractor a whole-article Doc.

Most sentences of a news article report no political event. The article is tokenized
whole and cut into sentences by line breaks and punctuation (:mod:`polex.nlp.sentences`,
the same boundaries a full parse is given). A sentence is tagged and parsed when a word
may trigger an event (:class:`~polex.nlp.cues.CueWords`) and another may name its actor,
or when it is the first to use a name such a sentence uses (it may introduce that
person). The entity recognizer, the costliest component, runs last and only on the
parsed sentences a ``screen`` keeps: those where some word could still be a trigger once
entities are known (the extractor's ``may_find_event``), with the sentences that first
use, or first give in full, the names they use. The annotations of those sentences are
then written back into the tokenized article, so the Doc the extractor reads has the
article's exact text, offsets and sentences; the other sentences keep their tokens, and
only country, capital and nationality names and known people's full names get an entity
label (the extractor counts the states an article names), nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_ID,
    ENT_IOB,
    ENT_KB_ID,
    ENT_TYPE,
    HEAD,
    LEMMA,
    MORPH,
    NORM,
    POS,
    SENT_START,
    TAG,
)
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from thinc.types import Ints2d

from polex.events.arguments import PERSON_PRONOUNS
from polex.nlp.cues import CueWords
from polex.nlp.sentences import line_starts, sentence_starts, set_sentences

PARSED_ATTRS = (TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID)
# What Span.as_doc copies (the words and their spacing aside), in Doc.from_array's terms.
CUT_ATTRS = [NORM, TAG, HEAD, DEP, ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID, LEMMA, MORPH, POS,
             SENT_START]
MIN_NAME_LENGTH = 3
# Words that can stand for an actor without naming one: pronouns the extractor resolves
# from earlier sentences, and "both"/"two" of "the two governments".
STAND_IN_WORDS = frozenset({
    "he", "she", "they", "it", "we", "i", "him", "her", "them", "his", "its", "their", "our",
    "who", "which", "that", "this", "these", "those", "both", "two",
})
MAX_PLACE_WORDS = 4
REFERRING_PRONOUNS = frozenset({"he", "she", "it", "they", "who"})

Bounds = tuple[int, int]


@dataclass(frozen=True)
class Region:
    start: int
    end: int


@dataclass(frozen=True)
class Gazetteer:
    """Country, capital and nationality names and known people's full names
    (normalized) with the entity label the recognizer gives them, to count the states an
    article names in unparsed sentences."""

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


@dataclass(frozen=True)
class Layout:
    """An article's sentences, the starts of its lines (and 0), and for each capitalized
    word the first sentence to use it and the first to give it after another capitalized
    word (a name in full, or after a title)."""

    sentences: list[Bounds]
    lines: set[int]
    first_use: dict[str, int]
    in_full: dict[str, int]
    tokens: list[Token]  # the doc's tokens, made once for the filter's several passes

    @classmethod
    def of(cls, doc: Doc) -> Layout:
        sentences = _sentences(doc)
        tokens = list(doc)
        return cls(sentences, line_starts(doc) | {0}, *_first_mentions(tokens, sentences),
                   tokens)


@dataclass
class CandidateFilter:
    """Chooses the token ranges of an article to parse, and parses only those.

    A sentence is a candidate when a word may trigger an event and another may name its
    actor (an event needs one): a word the knowledge base knows (``is_actor_word``), a
    pronoun, or a capitalized word (unless a common word that only opens the sentence).
    A capitalized word neither known to the knowledge base nor a time word
    (``is_time_word``: months, weekdays) may be a person's name: the sentence that
    first uses it is parsed too, as it may introduce the person. ``places`` labels the
    states named in the sentences left unparsed. With a ``screen``, only the parsed
    sentences it keeps (and those naming their people first or in full) go on to the
    entity recognizer and into the article's Doc.
    """

    cues: CueWords
    is_actor_word: Callable[[str], bool] = field(default=lambda word: False)
    is_time_word: Callable[[str], bool] = field(default=lambda word: False)
    places: Gazetteer | None = None
    context: int = 0  # sentences parsed before a candidate, in the same paragraph
    # Whether a parsed sentence, entities not yet recognized, could still yield an event
    # (the extractor's ``may_find_event``); None: every candidate gets the recognizer.
    screen: Callable[[Span], bool] | None = None
    # Regions per spaCy minibatch: a region is a few sentences, and the tagger, parser and
    # recognizer multiply larger matrices faster (128 took a tenth less time than 32).
    region_batch: int = 128

    def plan(self, doc: Doc, layout: Layout | None = None) -> list[Region]:
        """Candidate sentences, the ``context`` sentences before each in its paragraph,
        and the sentence that first names a person a candidate sentence names."""
        layout = layout or Layout.of(doc)
        tokens = layout.tokens
        wanted = [self._is_candidate(tokens, bounds) for bounds in layout.sentences]
        for index in [i for i, keep in enumerate(wanted) if keep and i]:
            start, end = layout.sentences[index]
            if start not in layout.lines and any(
                    t.lower_ in PERSON_PRONOUNS for t in tokens[start:end]):
                # "Six days later he flew to Mogadishu": the sentence before may say who
                wanted[index - 1] = True
        return _merge(layout.sentences, self._with_names(layout, wanted))

    def _with_names(self, layout: Layout, wanted: list[bool], known_names: bool = False
                    ) -> list[bool]:
        """The wanted sentences, with their context and the first use of their names;
        with ``known_names``, of the names the knowledge base knows too, and the first
        sentence that gives each in full ("Islam Karimov", "President Karimov"), which
        lets a later surname alone be resolved."""
        sentences = layout.sentences
        for index in [i for i, keep in enumerate(wanted) if keep]:
            for before in range(index - 1, max(-1, index - 1 - self.context), -1):
                if sentences[before + 1][0] in layout.lines:
                    break
                wanted[before] = True
            for name in self._names(layout.tokens, sentences[index], known_names):
                wanted[layout.first_use[name]] = True
                if known_names and name in layout.in_full:
                    wanted[layout.in_full[name]] = True
        return wanted

    def parse(self, nlp: Language, docs: Sequence[Doc]) -> Iterator[Doc]:
        """Each tokenized doc with only its planned regions run through the pipeline.

        With a ``screen``, the planned regions are tagged and parsed first; the entity
        recognizer (and the components after it, the most costly part of the pipeline)
        then runs only on the sentences the screen keeps, with their context and names'
        first uses. The other planned sentences are left unparsed, as if never planned."""
        layouts = [Layout.of(doc) for doc in docs]
        plans = [self.plan(doc, layout) for doc, layout in zip(docs, layouts, strict=True)]
        regions = [piece for doc, plan in zip(docs, plans, strict=True)
                   for piece in pieces(doc, plan)]
        late = late_components(nlp) if self.screen is not None else []
        parsed = iter(nlp.pipe(regions, batch_size=self.region_batch, disable=late))
        if not late:
            for doc, plan in zip(docs, plans, strict=True):
                yield self.write_back(doc, plan, [next(parsed) for _ in plan])
            return
        finals = [self.screened(doc, plan, [next(parsed) for _ in plan], layout)
                  for doc, plan, layout in zip(docs, plans, layouts, strict=True)]
        early = [name for name in nlp.pipe_names if name not in late]
        recognized = iter(nlp.pipe([part for _, parts in finals for part in parts],
                                   batch_size=self.region_batch, disable=early))
        for doc, (final, parts) in zip(docs, finals, strict=True):
            yield self.write_back(doc, final, [next(recognized) for _ in parts])

    def screened(self, doc: Doc, plan: Sequence[Region], parsed: Sequence[Doc],
                 layout: Layout | None = None) -> tuple[list[Region], list[Doc]]:
        """The regions left once the screen has read the parsed ones, and their parsed
        Docs, cut out of the planned regions'."""
        assert self.screen is not None
        layout = layout or Layout.of(doc)
        sentences = layout.sentences
        planned = [False] * len(sentences)
        wanted = [False] * len(sentences)
        referring = []
        index = 0
        for region, part in zip(plan, parsed, strict=True):
            while index < len(sentences) and sentences[index][0] < region.end:
                start, end = sentences[index]
                if start >= region.start:
                    sentence = part[start - region.start : end - region.start]
                    planned[index] = True
                    wanted[index] = self.screen(sentence)
                    if wanted[index] and index and _refers_back(sentence):
                        referring.append(index)
                index += 1
        wanted = self._with_names(layout, wanted, True)
        for index in referring:  # "The group urged ...": the sentence naming the group
            if sentences[index][0] not in layout.lines:
                wanted[index - 1] = True
        # a kept sentence that was planned only for its names may name others, first
        # used in sentences never parsed: those stay unparsed
        wanted = [w and p for w, p in zip(wanted, planned, strict=True)]
        final = _merge(sentences, wanted)
        return final, _cut(final, plan, parsed)

    def write_back(self, doc: Doc, plan: Sequence[Region], parsed: Sequence[Doc]) -> Doc:
        """The parsed regions' annotations written into the tokenized article, and the
        states named in the rest labelled."""
        assemble(doc, plan, parsed)
        if self.places is not None:
            self._label_places(doc, plan)
        return doc

    def _is_candidate(self, tokens: list[Token], bounds: Bounds) -> bool:
        start, end = bounds
        words = [t.text for t in tokens[start:end] if not t.is_space]
        return self.cues.may_hold_event(words) and self._may_name_actor(tokens, bounds)

    def _may_name_actor(self, tokens: list[Token], bounds: Bounds) -> bool:
        start, end = bounds
        return any(
            token.lower_ in STAND_IN_WORDS or self.is_actor_word(token.text)
            or self._may_be_name(token, start)
            for token in tokens[start:end]
        )

    def _may_be_name(self, token: Token, sentence_start: int) -> bool:
        """A capitalized word, unless a time word, or a common word opening the sentence."""
        text = token.text
        if not (token.is_alpha and text[:1].isupper()) or self.is_time_word(text):
            return False
        opening = token.i == sentence_start
        return not opening or not (token.is_stop or self.cues.is_dictionary_word(text))

    def _names(self, tokens: list[Token], bounds: Bounds, known_names: bool = False
               ) -> set[str]:
        """Capitalized words inside the sentence that may be a person's name (and, with
        ``known_names``, those the knowledge base knows)."""
        start, end = bounds
        return {
            t.text for t in tokens[start:end]
            if self._may_be_name(t, start) and len(t.text) >= MIN_NAME_LENGTH
            and (known_names or not self.is_actor_word(t.text))
        }

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


def _first_mentions(tokens: list[Token], sentences: list[Bounds]
                    ) -> tuple[dict[str, int], dict[str, int]]:
    """For each capitalized word, the first sentence that uses it, and the first where it
    follows another capitalized word (a name given in full, or after a title)."""
    first: dict[str, int] = {}
    in_full: dict[str, int] = {}
    ends = [end for _, end in sentences]
    index, after_capital = 0, False
    for token in tokens:
        while token.i >= ends[index]:
            index, after_capital = index + 1, False
        text = token.text
        capital = token.is_alpha and text[:1].isupper()
        if capital:
            first.setdefault(text, index)
            if after_capital:
                in_full.setdefault(text, index)
        after_capital = capital
    return first, in_full


def _refers_back(sentence: Span) -> bool:
    """Whether a subject stands for an actor named before: a third-person pronoun or a
    definite description ("the group", "the two countries")."""
    for token in sentence:
        if token.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        if token.lower_ in REFERRING_PRONOUNS:
            return True
        if token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in {"the", "this", "these"}
                                        for c in token.children):
            return True
    return False


def late_components(nlp: Language) -> list[str]:
    """The entity recognizer and the components after it, which the screen can spare."""
    names = list(nlp.pipe_names)
    return names[names.index("ner"):] if "ner" in names else []


def _cut(regions: Sequence[Region], within: Sequence[Region], parsed: Sequence[Doc]
         ) -> list[Doc]:
    """For each region, the part of the parsed Doc of the planned region that holds it."""
    cut = []
    planned = iter(zip(within, parsed, strict=True))
    outer, part = next(planned, (Region(0, 0), None))
    values = None
    for region in regions:  # both in text order: the planned region holding it is ahead
        while not (outer.start <= region.start and region.end <= outer.end):
            outer, part = next(planned)
            values = None
        assert part is not None
        if (outer.start, outer.end) == (region.start, region.end):
            cut.append(part)
            continue
        if values is None:
            values = part.to_array(CUT_ATTRS)
        cut.append(_sub_doc(part, region.start - outer.start, region.end - outer.start,
                            values))
    return cut


def _sub_doc(part: Doc, start: int, end: int, values: np.ndarray) -> Doc:
    """``part[start:end].as_doc()`` for a run of whole sentences without entities, from
    the part's attributes read once (``CUT_ATTRS``): the same words, spacing, attributes
    and tensor rows, without the span's mean vector, which nothing here reads."""
    rows = values[start:end]
    heads = np.arange(start, end) + rows[:, CUT_ATTRS.index(HEAD)].view(np.int64)
    if rows[:, CUT_ATTRS.index(ENT_IOB)].any() or (heads < start).any() \
            or (heads >= end).any():
        return part[start:end].as_doc()  # as_doc rewires such heads and entities
    tokens = part[start:end]
    doc = Doc(part.vocab, words=[t.text for t in tokens],
              spaces=[bool(t.whitespace_) for t in tokens])
    doc.from_array(CUT_ATTRS, cast(Ints2d, rows))
    doc.tensor = part.tensor[start:end]
    return doc


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
