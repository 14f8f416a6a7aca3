"""Build spaCy Docs by hand (words, lemmas, tags, heads, dependencies, entities),
so core tests run without a trained model."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

_VOCAB = Vocab()


def make_doc(rows: list[tuple[str, str, str, int, str]], ents: list[tuple[int, int, str]] = (),
             ) -> Doc:
    """rows: (word, lemma, pos, head index, dep); ents: (start, end, label)."""
    words = [r[0] for r in rows]
    doc = Doc(
        _VOCAB,
        words=words,
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        heads=[r[3] for r in rows],
        deps=[r[4] for r in rows],
        sent_starts=[i == 0 for i in range(len(rows))],
    )
    doc.ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=lab)
                for s, e, lab in ents]
    return doc


# "France chided Germany ." — a verb only PETRARCH's table knows, between two states
CHIDED = [
    ("France", "France", "PROPN", 1, "nsubj"),
    ("chided", "chide", "VERB", 1, "ROOT"),
    ("Germany", "Germany", "PROPN", 1, "dobj"),
    (".", ".", "PUNCT", 1, "punct"),
]
CHIDED_ENTS = [(0, 1, "GPE"), (2, 3, "GPE")]

# "Kyrgyz and Tajik guards exchanged fire ." / "The two sides exchanged views ."
EXCHANGED_FIRE = [
    ("guards", "guard", "NOUN", 1, "nsubj"),
    ("exchanged", "exchange", "VERB", 1, "ROOT"),
    ("fire", "fire", "NOUN", 1, "dobj"),
    (".", ".", "PUNCT", 1, "punct"),
]
EXCHANGED_VIEWS = [
    ("sides", "side", "NOUN", 1, "nsubj"),
    ("exchanged", "exchange", "VERB", 1, "ROOT"),
    ("views", "view", "NOUN", 1, "dobj"),
    (".", ".", "PUNCT", 1, "punct"),
]
# an own table that knows "exchanged prisoners" and calls "exchanged views" no event
OWN_EXCHANGE_RULES = (
    "exchange\tVERB\tobj=prisoner|prisoners\tRETREAT\trelease\t\t0.8\n"
    "exchange\tVERB\tobj=views|view\t-\t\t\t0.8\n"
)
