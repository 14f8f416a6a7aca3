"""Recipients the grammar leaves implicit: complements, targeted places and people."""

from __future__ import annotations

from datetime import date

import pytest

from polex.events.implicit import complement_mentions, target_sector
from polex.pipeline import Pipeline
from polex.schema import Article
from tests.handmade import make_doc


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()

# "Ukraine denounced the votes staged by Moscow ."
DENOUNCED = [
    ("Ukraine", "Ukraine", "PROPN", 1, "nsubj"),
    ("denounced", "denounce", "VERB", 1, "ROOT"),
    ("the", "the", "DET", 3, "det"),
    ("votes", "vote", "NOUN", 1, "dobj"),
    ("staged", "stage", "VERB", 3, "acl"),
    ("by", "by", "ADP", 4, "agent"),
    ("Moscow", "Moscow", "PROPN", 5, "pobj"),
    (".", ".", "PUNCT", 1, "punct"),
]

# "Gunmen opened fire on a police checkpost ."
CHECKPOST = [
    ("Gunmen", "gunman", "NOUN", 1, "nsubj"),
    ("opened", "open", "VERB", 1, "ROOT"),
    ("fire", "fire", "NOUN", 1, "dobj"),
    ("on", "on", "ADP", 1, "prep"),
    ("a", "a", "DET", 6, "det"),
    ("police", "police", "NOUN", 6, "compound"),
    ("checkpost", "checkpost", "NOUN", 3, "pobj"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_events_implicit_party_inside_the_object_clause_is_found() -> None:
    doc = make_doc(DENOUNCED, ents=[(0, 1, "GPE"), (6, 7, "GPE")])
    mentions = complement_mentions(doc[1], consumed=())
    assert [m.text for m in mentions] == ["Moscow"]


def test_events_implicit_subject_is_not_a_complement_mention() -> None:
    doc = make_doc(DENOUNCED, ents=[(0, 1, "GPE")])
    assert complement_mentions(doc[1], consumed=()) == []


# "Zourabichvili refused to recognise the results , calling the vote a Russian operation ."
REFUSED_CALLING = [
    ("Zourabichvili", "Zourabichvili", "PROPN", 1, "nsubj"),
    ("refused", "refuse", "VERB", 1, "ROOT"),
    ("to", "to", "PART", 3, "aux"),
    ("recognise", "recognise", "VERB", 1, "xcomp"),
    ("the", "the", "DET", 5, "det"),
    ("results", "result", "NOUN", 3, "dobj"),
    (",", ",", "PUNCT", 3, "punct"),
    ("calling", "call", "VERB", 3, "advcl"),
    ("the", "the", "DET", 9, "det"),
    ("vote", "vote", "NOUN", 7, "dobj"),
    ("a", "a", "DET", 12, "det"),
    ("Russian", "russian", "ADJ", 12, "amod"),
    ("operation", "operation", "NOUN", 7, "oprd"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_events_implicit_participle_clause_in_the_complement_names_no_target() -> None:
    doc = make_doc(REFUSED_CALLING, ents=[(0, 1, "PERSON"), (11, 12, "NORP")])
    doc[7].tag_ = "VBG"
    assert complement_mentions(doc[1], consumed=()) == []


def test_events_implicit_police_modifier_makes_a_checkpost_a_police_target() -> None:
    doc = make_doc(CHECKPOST)
    assert target_sector([doc[4:7]]) == "COP"


def test_events_implicit_people_of_a_partitive_are_civilian_targets() -> None:
    # "dozens of villagers"
    doc = make_doc([
        ("dozens", "dozen", "NOUN", 0, "ROOT"),
        ("of", "of", "ADP", 0, "prep"),
        ("villagers", "villager", "NOUN", 1, "pobj"),
    ])
    assert target_sector([doc[0:3]]) == "CVL"


def test_events_implicit_a_non_target_noun_gives_no_sector() -> None:
    doc = make_doc([("the", "the", "DET", 1, "det"), ("votes", "vote", "NOUN", 1, "ROOT")])
    assert target_sector([doc[0:2]]) is None


def test_events_implicit_shelled_town_gives_its_states_civilians(pipeline: Pipeline) -> None:
    article = Article(id="nikopol", published=date(2024, 8, 2), text=(
        "Russian artillery shelled Nikopol across the Dnipro overnight, damaging a gas "
        "pipeline and several private houses, the regional governor said."
    ))
    events = [e for e in pipeline.code(article).events if e.event_text == "shelled"]
    assert [[(r.code, r.sector) for r in e.recipient] for e in events] == [[("UKR", "CVL")]]


def _recipients_of(pipeline: Pipeline, text: str, trigger: str
                   ) -> list[list[tuple[str | None, str | None]]]:
    article = Article(id="implicit", published=date(2024, 5, 15), text=text)
    return [[(r.code, r.sector) for r in e.recipient]
            for e in pipeline.code(article).events if e.event_text.startswith(trigger)]


def test_events_implicit_police_act_at_home_targets_their_own_states_people(
    pipeline: Pipeline,
) -> None:
    text = ("Georgia's parliament passed the foreign agents bill on Tuesday. Riot police "
            "fired water cannon and tear gas in Tbilisi late on Tuesday, witnesses said.")
    assert _recipients_of(pipeline, text, "fired") == [[("GEO", "CVL")]]


def test_events_implicit_a_crowd_at_home_protests_against_its_government(
    pipeline: Pipeline,
) -> None:
    text = "Tens of thousands of Georgians marched through Tbilisi on Sunday, waving EU flags."
    assert _recipients_of(pipeline, text, "marched") == [[("GEO", "GOV")]]


def test_events_implicit_two_sides_exchanging_fire_take_no_implicit_target(
    pipeline: Pipeline,
) -> None:
    text = ("Kyrgyz and Tajik border guards exchanged fire near the village of Bulak-Bashy "
            "on Wednesday.")
    assert _recipients_of(pipeline, text, "exchanged") == [[]]


# "Jets dropped meals over Gaza , where the UN says famine looms ."
DROPPED_OVER_GAZA = [
    ("Jets", "jet", "NOUN", 1, "nsubj"),
    ("dropped", "drop", "VERB", 1, "ROOT"),
    ("meals", "meal", "NOUN", 1, "dobj"),
    ("over", "over", "ADP", 1, "prep"),
    ("Gaza", "Gaza", "PROPN", 3, "pobj"),
    (",", ",", "PUNCT", 4, "punct"),
    ("where", "where", "SCONJ", 9, "advmod"),
    ("the", "the", "DET", 8, "det"),
    ("UN", "UN", "PROPN", 9, "nsubj"),
    ("says", "say", "VERB", 4, "relcl"),
    ("famine", "famine", "NOUN", 11, "nsubj"),
    ("looms", "loom", "VERB", 9, "ccomp"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_events_implicit_clause_on_a_place_names_no_target() -> None:
    doc = make_doc(DROPPED_OVER_GAZA, ents=[(4, 5, "GPE"), (8, 9, "ORG")])
    doc[6].tag_ = "WRB"
    assert [m.text for m in complement_mentions(doc[1], consumed=())] == ["Gaza"]
