"""The same lemmas as spaCy's rule lemmatizer, looked up by word, tag and morphology.

spaCy's lemmatizer visits every token as a Python object and, even when its cache knows
the answer, builds the token's morphological analysis to look it up: about a tenth of
the tagger-to-parser time in polex. A rule lemma depends only on the word's text, its
coarse POS and its morphology, so :func:`speed_up` gives a loaded rule lemmatizer a
``pipe`` that reads those three as integers for the whole Doc, asks the lemmatizer itself
only for combinations not seen before, and writes the lemmas back in one array.
``nlp.pipe`` uses it; a single ``nlp(text)`` still runs the lemmatizer as shipped, with the
same result.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import cast

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from thinc.types import Ints2d

LEMMA_CACHE = 200_000  # distinct (word, POS, morphology) whose lemma is kept
COLUMNS = [ORTH, POS, MORPH, LEMMA]


def speed_up(nlp: Language, name: str = "lemmatizer") -> None:
    """Give the named rule lemmatizer the table lookup for ``nlp.pipe``, in place."""
    if name not in nlp.component_names:
        return
    lemmatizer = nlp.get_pipe(name)
    if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule":
        lemmatizer.pipe = _LemmaTable(lemmatizer)  # type: ignore[method-assign]


class _LemmaTable:
    """The lemmatizer's ``pipe``: (orth, POS, morphology) → lemma, filled as words come."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self.annotate(doc)

    def annotate(self, doc: Doc) -> Doc:
        """Set the lemma of every token without one (of every token, with ``overwrite``),
        as the lemmatizer's ``__call__`` does."""
        table = doc.to_array(COLUMNS)
        overwrite = self.lemmatizer.overwrite
        wanted = [i for i, (_, _, _, lemma) in enumerate(table.tolist())
                  if overwrite or lemma == 0]
        if not wanted:
            return doc
        lemmas = table[:, 3:].copy()  # one column
        for i, (orth, pos, morph) in zip(wanted, table[wanted, :3].tolist(), strict=True):
            key = (orth, pos, morph)
            lemma = self.lemmas.get(key)
            if lemma is None:
                lemma = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                if len(self.lemmas) >= LEMMA_CACHE:
                    self.lemmas.clear()
                self.lemmas[key] = lemma
            lemmas[i, 0] = lemma
        doc.from_array([LEMMA], cast(Ints2d, lemmas))
        return doc
