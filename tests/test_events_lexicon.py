import pytest

from polex import ontology
from polex.events.lexicon import Constraint, Lexicon, LexiconError, default_lexicon
from tests.handmade import make_doc

# "The European Union imposed sanctions on Iran ."
SANCTIONS = [
    ("The", "the", "DET", 2, "det"),
    ("European", "European", "PROPN", 2, "compound"),
    ("Union", "Union", "PROPN", 3, "nsubj"),
    ("imposed", "impose", "VERB", 3, "ROOT"),
    ("sanctions", "sanction", "NOUN", 3, "dobj"),
    ("on", "on", "ADP", 4, "prep"),
    ("Iran", "Iran", "PROPN", 5, "pobj"),
    (".", ".", "PUNCT", 3, "punct"),
]
# "Argentina lifted sanctions on the company ."
LIFTED = [
    ("Argentina", "Argentina", "PROPN", 1, "nsubj"),
    ("lifted", "lift", "VERB", 1, "ROOT"),
    ("sanctions", "sanction", "NOUN", 1, "dobj"),
    ("on", "on", "ADP", 2, "prep"),
    ("the", "the", "DET", 5, "det"),
    ("company", "company", "NOUN", 3, "pobj"),
    (".", ".", "PUNCT", 1, "punct"),
]


def _matches(rows):
    doc = make_doc(rows)
    lexicon = default_lexicon()
    return [(m.token.text, m.rule.event, m.rule.mode) for t in doc if (m := lexicon.match(t))]


def test_events_lexicon_covers_every_plover_type():
    covered = {rule.event for rule in default_lexicon().rules}
    assert set(ontology.event_types()) <= covered


def test_events_lexicon_every_own_rule_can_be_reached():
    # rules are tried in order: one after a rule without constraints for the same lemma and
    # part of speech never matches ("back down" listed after "back")
    general: dict[str, set[str]] = {}
    unreachable = []
    for rule in default_lexicon().rules:
        if rule.source != "triggers.tsv":
            continue
        before = general.setdefault(rule.lemma, set())
        if rule.pos in before or "ANY" in before or (rule.pos == "ANY" and before):
            unreachable.append((rule.line, rule.lemma))
        if not rule.constraints:
            before.add(rule.pos)
    assert unreachable == []


def test_events_lexicon_imposing_sanctions_is_sanction_and_owns_the_noun():
    doc = make_doc(SANCTIONS)
    match = default_lexicon().match(doc[3])
    assert match is not None and (match.rule.event, match.rule.mode) == ("SANCTION", "discontinue")
    assert match.consumed == (4,)


def test_events_lexicon_noun_after_light_verb_is_the_event():
    # "The EU announced sanctions against Iran ."
    rows = [
        ("The", "the", "DET", 1, "det"),
        ("EU", "EU", "PROPN", 2, "nsubj"),
        ("announced", "announce", "VERB", 2, "ROOT"),
        ("sanctions", "sanction", "NOUN", 2, "dobj"),
        ("against", "against", "ADP", 3, "prep"),
        ("Iran", "Iran", "PROPN", 4, "pobj"),
        (".", ".", "PUNCT", 2, "punct"),
    ]
    assert _matches(rows) == [("sanctions", "SANCTION", "discontinue")]


def test_events_lexicon_lifting_sanctions_is_retreat_and_owns_the_noun():
    # CAMEO 085 "ease economic sanctions" maps to RETREAT
    doc = make_doc(LIFTED)
    match = default_lexicon().match(doc[1])
    assert match is not None and match.rule.event == "RETREAT"
    assert match.consumed == (2,)


def test_events_lexicon_lifting_a_ban_is_concede():
    # "Argentina lifted the ban ."
    rows = [
        ("Argentina", "Argentina", "PROPN", 1, "nsubj"),
        ("lifted", "lift", "VERB", 1, "ROOT"),
        ("the", "the", "DET", 3, "det"),
        ("ban", "ban", "NOUN", 1, "dobj"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    match = default_lexicon().match(make_doc(rows)[1])
    assert match is not None and match.rule.event == "CONCEDE"


def test_events_lexicon_strike_by_workers_is_protest():
    # "Teachers went on strike ."
    rows = [
        ("Teachers", "teacher", "NOUN", 1, "nsubj"),
        ("went", "go", "VERB", 1, "ROOT"),
        ("on", "on", "ADP", 1, "prep"),
        ("strike", "strike", "NOUN", 2, "pobj"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    assert _matches(rows) == [("strike", "PROTEST", "strike")]


def test_events_lexicon_air_strike_is_assault():
    # "An air strike hit the depot ."
    rows = [
        ("An", "an", "DET", 2, "det"),
        ("air", "air", "NOUN", 2, "compound"),
        ("strike", "strike", "NOUN", 3, "nsubj"),
        ("hit", "hit", "VERB", 3, "ROOT"),
        ("the", "the", "DET", 5, "det"),
        ("depot", "depot", "NOUN", 3, "dobj"),
        (".", ".", "PUNCT", 3, "punct"),
    ]
    assert ("strike", "ASSAULT", "aerial") in _matches(rows)


def test_events_lexicon_meeting_a_target_is_not_an_event():
    # "Kenya met its revenue target ."
    rows = [
        ("Kenya", "Kenya", "PROPN", 1, "nsubj"),
        ("met", "meet", "VERB", 1, "ROOT"),
        ("its", "its", "PRON", 4, "poss"),
        ("revenue", "revenue", "NOUN", 4, "compound"),
        ("target", "target", "NOUN", 1, "dobj"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    assert _matches(rows) == []


def test_events_lexicon_rejects_unknown_event_type():
    with pytest.raises(LexiconError, match="unknown event type"):
        Lexicon.from_text("meet\tVERB\t\tGREET\t\t\t0.9\n")


def test_events_lexicon_rejects_mode_of_another_type():
    with pytest.raises(LexiconError, match="not a mode of CONSULT"):
        Lexicon.from_text("meet\tVERB\t\tCONSULT\tarrest\t\t0.9\n")


def test_events_lexicon_subject_constraint_tells_protesters_from_troops(nlp):
    lexicon = default_lexicon()
    protest = nlp("Protesters set fire to the parliament building on Tuesday.")
    raid = nlp("Soldiers set fire to dozens of homes in the village on Tuesday.")
    assert lexicon.match(protest[1]).rule.event == "PROTEST"
    assert lexicon.match(raid[1]).rule.event == "ASSAULT"


def test_events_lexicon_relative_clause_object_is_the_modified_noun(nlp):
    doc = nlp("West African leaders lifted most of the sanctions they had imposed on Niger.")
    imposed = next(t for t in doc if t.lower_ == "imposed")
    match = default_lexicon().match(imposed)
    assert match is not None and match.rule.event == "SANCTION"


# "an envoy who asked not to be named" / "Kyiv asked Berlin to send tanks"
ASKED_NOT_TO_BE_NAMED = [
    ("envoy", "envoy", "NOUN", 0, "ROOT"),
    ("who", "who", "PRON", 2, "nsubj"),
    ("asked", "ask", "VERB", 0, "relcl"),
    ("not", "not", "PART", 6, "neg"),
    ("to", "to", "PART", 6, "aux"),
    ("be", "be", "AUX", 6, "auxpass"),
    ("named", "name", "VERB", 2, "xcomp"),
]
ASKED_TO_SEND = [
    ("Kyiv", "Kyiv", "PROPN", 1, "nsubj"),
    ("asked", "ask", "VERB", 1, "ROOT"),
    ("Berlin", "Berlin", "PROPN", 1, "dobj"),
    ("to", "to", "PART", 4, "aux"),
    ("send", "send", "VERB", 1, "xcomp"),
    ("tanks", "tank", "NOUN", 4, "dobj"),
]


def test_lexicon_complement_constraint_blocks_asking_for_anonymity():
    lexicon = Lexicon.from_text(
        "ask\tVERB\tcomp=name|identify\t-\t\t\t0.7\n"
        "ask\tVERB\t\tREQUEST\t\t\t0.7\n"
    )
    assert lexicon.match(make_doc(ASKED_NOT_TO_BE_NAMED)[2]) is None
    asked = lexicon.match(make_doc(ASKED_TO_SEND)[1])
    assert asked is not None and asked.rule.event == "REQUEST"


# rules keyed on the object's words and on its entity type, in one table
OBJECT_RULES = Lexicon.from_text(
    "lift\tVERB\tobj=sanction|sanctions\tCONCEDE\t\t\t0.8\n"
    "lift\tVERB\tobj=ban\t-\t\t\t0.8\n"
    "impose\tVERB\tobjent=gpe\tSANCTION\t\t\t0.6\n"
)


def test_events_lexicon_could_match_reads_the_object_words_from_the_parse():
    assert [r.event for r in OBJECT_RULES.could_match(make_doc(LIFTED)[1])] == ["CONCEDE"]
    lifted_ban = [("ban", "ban", *row[2:]) if row[0] == "sanctions" else row for row in LIFTED]
    assert list(OBJECT_RULES.could_match(make_doc(lifted_ban)[1])) == []


def test_events_lexicon_could_match_counts_an_entity_constraint_as_holding():
    imposed = make_doc(SANCTIONS)[3]  # no entities recognized yet
    assert OBJECT_RULES.match(imposed) is None
    assert [r.event for r in OBJECT_RULES.could_match(imposed)] == ["SANCTION"]


# "Washington paused $ 95 million in assistance ."
PAUSED_AMOUNT = [
    ("Washington", "Washington", "PROPN", 1, "nsubj"),
    ("paused", "pause", "VERB", 1, "ROOT"),
    ("$", "$", "SYM", 4, "nmod"),
    ("95", "95", "NUM", 4, "compound"),
    ("million", "million", "NUM", 1, "dobj"),
    ("in", "in", "ADP", 4, "prep"),
    ("assistance", "assistance", "NOUN", 5, "pobj"),
    (".", ".", "PUNCT", 1, "punct"),
]
# "his first trip abroad as president"
TRIP_ABROAD = [
    ("his", "his", "PRON", 2, "poss"),
    ("first", "first", "ADJ", 2, "amod"),
    ("trip", "trip", "NOUN", 2, "ROOT"),
    ("abroad", "abroad", "ADV", 2, "advmod"),
    ("as", "as", "ADP", 2, "prep"),
    ("president", "president", "NOUN", 4, "pobj"),
]


def test_events_lexicon_amount_of_aid_is_the_object_that_was_paused():
    assert ("paused", "SANCTION", "discontinue") in _matches(PAUSED_AMOUNT)


def test_events_lexicon_first_trip_abroad_is_a_visit():
    assert _matches(TRIP_ABROAD) == [("trip", "CONSULT", "visit")]


# "China downgraded diplomatic relations ."
DOWNGRADED = [
    ("China", "China", "PROPN", 1, "nsubj"),
    ("downgraded", "downgrade", "VERB", 1, "ROOT"),
    ("diplomatic", "diplomatic", "ADJ", 3, "amod"),
    ("relations", "relation", "NOUN", 1, "dobj"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_events_lexicon_downgrading_relations_is_a_sanction():
    assert _matches(DOWNGRADED) == [("downgraded", "SANCTION", "discontinue")]


# "Estonia handed him a protest note ."
PROTEST_NOTE = [
    ("Estonia", "Estonia", "PROPN", 1, "nsubj"),
    ("handed", "hand", "VERB", 1, "ROOT"),
    ("him", "he", "PRON", 1, "dative"),
    ("a", "a", "DET", 5, "det"),
    ("protest", "protest", "NOUN", 5, "compound"),
    ("note", "note", "NOUN", 1, "dobj"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_events_lexicon_protest_note_is_an_accusation():
    assert ("note", "ACCUSE", "disapprove") in _matches(PROTEST_NOTE)


def test_events_lexicon_attack_helicopters_are_no_attack(nlp):
    doc = nlp("Turkish forces struck the camp with armed drones and attack helicopters.")
    attack = next(t for t in doc if t.text == "attack")
    assert default_lexicon().match(attack) is None


def test_events_lexicon_constraint_admits_any_word_or_prefix():
    constraint = Constraint("obj", frozenset({"sanction", "embargo*"}))
    assert constraint.admits_any(frozenset({"new", "sanction"}))
    assert constraint.admits_any(frozenset({"embargoes"}))
    assert not constraint.admits_any(frozenset({"talks", "plan"}))
    assert not constraint.admits_any(frozenset())


# "Beijing eased restrictions ." / "Beijing eased tensions ."
EASED = [
    ("Beijing", "Beijing", "PROPN", 1, "nsubj"),
    ("eased", "ease", "VERB", 1, "ROOT"),
    ("restrictions", "restriction", "NOUN", 1, "dobj"),
    (".", ".", "PUNCT", 1, "punct"),
]
PREFIX_RULES = Lexicon.from_text(
    "ease\tVERB\tobj=restrict*\tCONCEDE\t\t\t0.8\n"
    "ease\tVERB\tobj=curb|curbs prep=on\tCONCEDE\t\t\t0.8\n"
)


def test_events_lexicon_object_prefix_lets_a_rule_through():
    eased = make_doc(EASED)[1]
    assert PREFIX_RULES.match(eased) is not None
    assert [r.event for r in PREFIX_RULES.could_match(eased)] == ["CONCEDE"]
    tensions = [("tensions", "tension", *row[2:]) if row[0] == "restrictions" else row
                for row in EASED]
    assert PREFIX_RULES.match(make_doc(tensions)[1]) is None
    assert list(PREFIX_RULES.could_match(make_doc(tensions)[1])) == []


# "Seoul scrapped GSOMIA , an intelligence pact ."
SCRAPPED_NAMED_PACT = [
    ("Seoul", "Seoul", "PROPN", 1, "nsubj"),
    ("scrapped", "scrap", "VERB", 1, "ROOT"),
    ("GSOMIA", "GSOMIA", "PROPN", 1, "dobj"),
    (",", ",", "PUNCT", 2, "punct"),
    ("an", "an", "DET", 6, "det"),
    ("intelligence", "intelligence", "NOUN", 6, "compound"),
    ("pact", "pact", "NOUN", 2, "appos"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_events_lexicon_object_named_by_its_apposition():
    lexicon = Lexicon.from_text("scrap\tVERB\tobj=pact|treaty\tSANCTION\tdiscontinue\t\t0.7\n")
    match = lexicon.match(make_doc(SCRAPPED_NAMED_PACT)[1])
    assert match is not None and match.rule.event == "SANCTION"
    assert 6 in match.consumed


# "Crowds set part of the compound on fire ."
SET_PART_ON_FIRE = [
    ("Crowds", "crowd", "NOUN", 1, "nsubj"),
    ("set", "set", "VERB", 1, "ROOT"),
    ("part", "part", "NOUN", 1, "dobj"),
    ("of", "of", "ADP", 2, "prep"),
    ("the", "the", "DET", 5, "det"),
    ("compound", "compound", "NOUN", 3, "pobj"),
    ("on", "on", "ADP", 5, "prep"),
    ("fire", "fire", "NOUN", 6, "pobj"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_events_lexicon_preposition_object_hung_on_the_verbs_object():
    lexicon = Lexicon.from_text("set\tVERB\tpobj=fire|ablaze\tPROTEST\triot\t\t0.6\n")
    match = lexicon.match(make_doc(SET_PART_ON_FIRE)[1])
    assert match is not None and match.rule.event == "PROTEST"


def test_events_lexicon_breaking_through_police_lines_is_a_riot(nlp):
    doc = nlp("Protesters broke through police lines outside parliament on Tuesday.")
    match = default_lexicon().match(doc[1])
    assert match is not None and (match.rule.event, match.rule.mode) == ("PROTEST", "riot")


def test_events_lexicon_swarmed_by_drones_is_an_attack(nlp):
    doc = nlp("The landing ship sank after being swarmed by naval drones.")
    swarmed = next(t for t in doc if t.lower_ == "swarmed")
    match = default_lexicon().match(swarmed)
    assert match is not None and match.rule.event == "ASSAULT"


def test_events_lexicon_receiving_a_call_is_a_phone_consultation(nlp):
    doc = nlp("Erdogan received a phone call from Putin on Tuesday.")
    match = default_lexicon().match(doc[1])
    assert match is not None and (match.rule.event, match.rule.mode) == ("CONSULT", "phone")


def test_events_lexicon_compound_object_read_as_a_clause_is_the_object():
    # "The EU imposed asset freezes on officials ." as the small model parses it:
    # "asset" the subject and "freezes" the verb of a clause
    rows = [
        ("The", "the", "DET", 1, "det"),
        ("EU", "EU", "PROPN", 2, "nsubj"),
        ("imposed", "impose", "VERB", 2, "ROOT"),
        ("asset", "asset", "NOUN", 4, "nsubj"),
        ("freezes", "freeze", "VERB", 2, "ccomp"),
        ("on", "on", "ADP", 4, "prep"),
        ("officials", "official", "NOUN", 5, "pobj"),
        (".", ".", "PUNCT", 2, "punct"),
    ]
    doc = make_doc(rows)
    for token, tag in zip(doc, ["DT", "NNP", "VBD", "NN", "VBZ", "IN", "NNS", "."], strict=True):
        token.tag_ = tag
    match = default_lexicon().match(doc[2])
    assert match is not None and match.rule.event == "SANCTION"
    assert match.consumed == (4,)
