"""The attribute ruler's table lookup sets exactly what spaCy's own matching sets."""

import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from polex.config import DEFAULT_MODEL
from polex.nlp.attributes import speed_up

TEXTS = [
    "Kenyan police arrested dozens of protesters in Nairobi on Tuesday.",
    "\"I ain't gonna let 's wait,\" he said, and there were talks that did not help.",
    "The ministers, who had met in Geneva, said it was too early to say.\n\nY'all come on.",
    "You told me it would work , but I did not believe you  and  neither did they: that "
    "was the plan, which it was not.  Let 's go, c'mon, we got ta leave.",
]
ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


def test_nlp_attributes_lookup_sets_the_same_attributes_as_the_matcher():
    plain = spacy.load(DEFAULT_MODEL)
    fast = spacy.load(DEFAULT_MODEL)
    speed_up(fast)
    for text in TEXTS:
        expected, got = plain(text), fast(text)
        assert (expected.to_array(ATTRS) == got.to_array(ATTRS)).all(), text


def test_nlp_attributes_reads_every_shipped_pattern_without_the_matcher():
    fast = spacy.load(DEFAULT_MODEL)
    speed_up(fast)
    assert len(fast.get_pipe("attribute_ruler").match.others) == 0


def test_nlp_attributes_leaves_unreadable_patterns_to_a_matcher():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "un"}]], {"LEMMA": "un"})
    ruler.add([[{"LOWER": "un"}, {"IS_DIGIT": True}]], {"LEMMA": "UN"})
    speed_up(nlp)
    doc = nlp("the un 2 resolution un")
    assert len(ruler.match.others) == 1
    assert [t.lemma_ for t in doc] == ["", "UN", "", "", "un"]


def test_nlp_attributes_loaded_pipeline_uses_the_lookup(nlp):
    assert type(nlp.get_pipe("attribute_ruler").match).__name__ == "_TableMatch"
