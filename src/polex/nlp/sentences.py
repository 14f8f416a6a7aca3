"""Sentence boundaries from line breaks and final punctuation, the same in every run.

Event ids count sentences, so the sentences of an article must not depend on which of
them were parsed. The parser left to itself also splits where punctuation does not (a
bullet's dash alone, the first word of a paragraph after a heading, a quotation mark
closing a paragraph, a dateline), differently with different context; here a sentence
starts after every line break and after ".", "?" or "!" (and any closing quotation
mark) followed by a capitalized word, a digit or an opening quotation mark, and
nowhere else. The parser respects boundaries set before it runs.
"""

from __future__ import annotations

from typing import cast

import numpy as np
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.tokens import Doc
from thinc.types import Ints2d

SENTENCE_ENDS = frozenset({".", "?", "!"})
CLOSERS = frozenset({'"', "'", ")", "]", "\u201d", "\u2019"})
OPENERS = frozenset({'"', "'", "(", "[", "\u201c", "\u2018"})


def sentence_starts(doc: Doc) -> list[int]:
    """The token indices where sentences start, in order (0 first for a non-empty doc)."""
    if not len(doc):
        return []
    return sorted({0} | line_starts(doc) | _punctuation_starts(doc))


def line_starts(doc: Doc) -> set[int]:
    """Tokens that follow a line break (only whitespace tokens hold one)."""
    spaces = np.flatnonzero(doc.to_array(IS_SPACE)[:-1])
    return {int(i) + 1 for i in spaces if "\n" in doc[int(i)].text}


def _punctuation_starts(doc: Doc) -> set[int]:
    ends = np.flatnonzero(np.isin(doc.to_array(ORTH), _orths(doc, SENTENCE_ENDS)))
    return {start for i in ends if (start := _start_after(doc, int(i))) is not None}


def _orths(doc: Doc, words: frozenset[str]) -> list[int]:
    return [doc.vocab.strings.add(word) for word in words]


def _start_after(doc: Doc, end: int) -> int | None:
    """The token starting a sentence after the final punctuation at ``end``, if one does."""
    n = len(doc)
    last = end
    while last + 1 < n and not doc[last].whitespace_ and doc[last + 1].text in CLOSERS:
        last += 1
    if not doc[last].whitespace_ or last + 1 >= n:
        return None
    following = doc[last + 1]
    if following.is_space:
        return None
    first = following.text[:1]
    if first.isupper() or first.isdigit() or following.text in OPENERS:
        return last + 1
    return None


def set_sentences(doc: Doc) -> Doc:
    """Mark every token as starting a sentence or not."""
    if len(doc):
        values = np.full((len(doc), 1), -1, dtype="int64")
        values[sentence_starts(doc)] = 1
        doc.from_array([SENT_START], cast(Ints2d, values.astype("uint64")))
    return doc
