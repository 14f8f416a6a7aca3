"""spaCy components polex adds to any English pipeline."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPH_BREAKS = "polex_paragraph_breaks"


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    Cleaned articles keep paragraphs (and headlines, bylines, datelines) on lines of
    their own; the parser would otherwise run a headline into the first sentence. Set
    before the parser, these boundaries are respected by it.
    """
    for token in doc[:-1]:
        if "\n" in token.text_with_ws or token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc
