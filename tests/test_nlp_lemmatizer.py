"""The lemmatizer's table lookup gives exactly the lemmas spaCy's own gives."""

import spacy
from spacy.attrs import LEMMA, POS

from polex.config import DEFAULT_MODEL
from polex.nlp.lemmatizer import speed_up

TEXTS = [
    "Kenyan police arrested dozens of protesters in Nairobi on Tuesday; more were being held.",
    "\"We ain't gonna leave,\" said one of the women, whose sons had fled the shelling.",
    "Ministers met again in Geneva.\n\nThe talks, better than the last ones, ended early.",
]


def test_nlp_lemmatizer_table_gives_the_lemmatizers_lemmas():
    plain = spacy.load(DEFAULT_MODEL, disable=["ner"])
    fast = spacy.load(DEFAULT_MODEL, disable=["ner"])
    speed_up(fast)
    for _ in range(2):  # the second time from the table
        for expected, got in zip(plain.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
            assert [t.lemma_ for t in expected] == [t.lemma_ for t in got]
            assert (expected.to_array([LEMMA, POS]) == got.to_array([LEMMA, POS])).all()


def test_nlp_lemmatizer_table_keeps_lemmas_set_before(nlp):
    lemmatizer = nlp.get_pipe("lemmatizer")
    doc = nlp.make_doc("They were going to talk")
    for token, pos in zip(doc, ["PRON", "AUX", "VERB", "PART", "VERB"], strict=True):
        token.pos_ = pos
    doc[2].lemma_ = "proceed"
    expected = lemmatizer(doc.copy())  # spaCy's own __call__
    next(lemmatizer.pipe([doc]))
    assert doc[2].lemma_ == "proceed"
    assert [t.lemma_ for t in doc] == [t.lemma_ for t in expected]


def test_nlp_lemmatizer_loaded_pipeline_uses_the_table(nlp):
    assert type(nlp.get_pipe("lemmatizer").pipe).__name__ == "_LemmaTable"
