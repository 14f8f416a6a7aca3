"""Actors read from the whole article: pair descriptions and agentless arrests."""

from datetime import date

import pytest

from polex.events.arguments import group_size
from polex.pipeline import Pipeline
from polex.schema import Article
from tests.handmade import make_doc


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


def _code(pipeline, text, published=date(2023, 9, 21)):
    [result] = list(pipeline.process([Article(id="a1", text=text, published=published)]))
    assert result.error is None
    return result.events


def _codes(entities):
    return sorted(e.code for e in entities)


def test_events_group_size_counts_the_parties_a_description_stands_for():
    doc = make_doc([
        ("The", "the", "DET", 2, "det"),
        ("three", "three", "NUM", 2, "nummod"),
        ("men", "man", "NOUN", 3, "nsubj"),
        ("met", "meet", "VERB", 3, "ROOT"),
    ])
    assert group_size(doc[0:3]) == 3


def test_events_group_size_ignores_numbers_before_other_nouns():
    doc = make_doc([
        ("two", "two", "NUM", 1, "nummod"),
        ("soldiers", "soldier", "NOUN", 2, "nsubj"),
        ("died", "die", "VERB", 2, "ROOT"),
    ])
    assert group_size(doc[0:2]) == 0


def test_events_group_description_takes_the_states_the_story_names(pipeline):
    text = (
        "BISHKEK, Sept 21 - Kyrgyzstan accused Tajikistan on Monday of shelling villages "
        "in the Batken region, and Tajikistan blamed Kyrgyzstan for the fighting.\n\n"
        "Russian President Vladimir Putin urged restraint.\n\n"
        "On Tuesday both sides agreed to pull their troops back from the frontier."
    )
    [agreement] = [e for e in _code(pipeline, text) if e.event_text.startswith("agreed")]
    assert _codes(agreement.actor) == ["KGZ", "TJK"]


def test_events_agentless_arrest_is_made_by_the_police_of_the_place(pipeline):
    text = "Four opposition activists were arrested in Minsk on Sunday."
    [arrest] = [e for e in _code(pipeline, text) if e.event == "COERCE"]
    assert [(a.code, a.sector) for a in arrest.actor] == [("BLR", "COP")]


def test_events_arrest_with_no_place_or_known_detainee_has_no_actor(pipeline):
    text = "Four men were arrested on Sunday."
    assert [e for e in _code(pipeline, text) if e.event == "COERCE"] == []
