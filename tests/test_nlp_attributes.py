"""The attribute ruler's table lookup sets exactly what spaCy's own matching sets."""

import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from polex.config import DEFAULT_MODEL
from polex.nlp.attributes import speed_up

TEXTS = [
    "Kenyan police arrested dozens of protesters in Nairobi on Tuesday.",
    "\"I ain't gonna let 's wait,\" he said, and there were talks that did not help.",
    "The ministers, who had met in Geneva, said it was too early to say.\n\nY'all come on.",
]
ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


def test_nlp_attributes_lookup_sets_the_same_attributes_as_the_matcher():
    plain = spacy.load(DEFAULT_MODEL)
    fast = spacy.load(DEFAULT_MODEL)
    speed_up(fast)
    for text in TEXTS:
        expected, got = plain(text), fast(text)
        assert (expected.to_array(ATTRS) == got.to_array(ATTRS)).all(), text


def test_nlp_attributes_loaded_pipeline_uses_the_lookup(nlp):
    assert type(nlp.get_pipe("attribute_ruler").match).__name__ == "_TableMatch"
