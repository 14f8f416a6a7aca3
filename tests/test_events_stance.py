"""A speaker's label for a party as a stance toward it (hand-built parses; the shipped
encoder vectors)."""

from __future__ import annotations

from datetime import date

import pytest

from polex.events.stance import default_polarity, labelling
from polex.pipeline import Pipeline
from polex.schema import Article
from tests.handmade import make_doc

# "Li called Pakistan an ironclad friend ."
CALLED_FRIEND = [
    ("Li", "Li", "PROPN", 1, "nsubj"),
    ("called", "call", "VERB", 1, "ROOT"),
    ("Pakistan", "Pakistan", "PROPN", 1, "dobj"),
    ("an", "an", "DET", 5, "det"),
    ("ironclad", "ironclad", "ADJ", 5, "amod"),
    ("friend", "friend", "NOUN", 1, "oprd"),
    (".", ".", "PUNCT", 1, "punct"),
]
# "Khamenei described Israel as a cancerous tumour ."
DESCRIBED_AS = [
    ("Khamenei", "Khamenei", "PROPN", 1, "nsubj"),
    ("described", "describe", "VERB", 1, "ROOT"),
    ("Israel", "Israel", "PROPN", 1, "dobj"),
    ("as", "as", "ADP", 1, "prep"),
    ("a", "a", "DET", 6, "det"),
    ("cancerous", "cancerous", "ADJ", 6, "amod"),
    ("tumour", "tumour", "NOUN", 3, "pobj"),
    (".", ".", "PUNCT", 1, "punct"),
]
# "The minister called Kenya a neighbour ."
CALLED_NEIGHBOUR = [
    ("The", "the", "DET", 1, "det"),
    ("minister", "minister", "NOUN", 2, "nsubj"),
    ("called", "call", "VERB", 2, "ROOT"),
    ("Kenya", "Kenya", "PROPN", 2, "dobj"),
    ("a", "a", "DET", 5, "det"),
    ("neighbour", "neighbour", "NOUN", 2, "oprd"),
    (".", ".", "PUNCT", 2, "punct"),
]


def test_events_stance_praise_in_a_label_is_support() -> None:
    doc = make_doc(CALLED_FRIEND, ents=[(0, 1, "PERSON"), (2, 3, "GPE")])
    found = labelling(doc[5])
    assert found is not None
    assert (found.event, found.target.text, found.verb.text) == ("SUPPORT", "Pakistan", "called")


def test_events_stance_contempt_described_as_is_accuse() -> None:
    doc = make_doc(DESCRIBED_AS, ents=[(0, 1, "PERSON"), (2, 3, "GPE")])
    found = labelling(doc[6])
    assert found is not None and (found.event, found.target.text) == ("ACCUSE", "Israel")


def test_events_stance_plain_label_is_no_stance() -> None:
    doc = make_doc(CALLED_NEIGHBOUR, ents=[(3, 4, "GPE")])
    assert labelling(doc[5]) is None


@pytest.mark.parametrize(("words", "expected"), [
    (["all-weather", "friend", "and", "trusted", "ally"], "SUPPORT"),
    (["Nazi", "remnants"], "ACCUSE"),
    (["terrorist", "state"], "ACCUSE"),
    (["sovereign", "state"], None),
])
def test_events_stance_polarity_reads_the_encoder(words: list[str], expected: str | None
                                                  ) -> None:
    assert default_polarity().event(words) == expected


def test_events_stance_label_is_coded_with_speaker_and_party() -> None:
    text = ("Chinese Premier Li Qiang called Pakistan an 'ironclad friend' during talks in "
            "Beijing on Friday with Shehbaz Sharif.")
    [result] = Pipeline().process([Article(id="s1", text=text, published=date(2024, 6, 8))])
    support = [e for e in result.events if e.event == "SUPPORT"]
    assert [([a.code for a in e.actor], [r.code for r in e.recipient], e.trigger_source)
            for e in support] == [(["CHN"], ["PAK"], "polex.events.stance.minilm_static.v1")]


def test_events_stance_insult_built_of_neutral_pieces_is_not_praise() -> None:
    assert default_polarity().event(["troublemaker"]) != "SUPPORT"


def test_events_stance_clause_on_the_label_does_not_colour_it() -> None:
    text = ("Supreme Leader Ayatollah Ali Khamenei described Israel as 'a cancerous tumour' "
            "that would 'undoubtedly be uprooted and destroyed' in a speech on Friday.")
    [result] = Pipeline().process([Article(id="s2", text=text, published=date(2020, 5, 22))])
    assert [(e.event, [r.code for r in e.recipient]) for e in result.events
            if e.trigger_source.startswith("polex.events.stance")] == [("ACCUSE", ["ISR"])]
