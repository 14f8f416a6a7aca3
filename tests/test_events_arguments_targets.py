from polex.events.arguments import noun_arguments, subject_of, verb_arguments
from tests.handmade import make_doc


def _texts(spans):
    return [span.text for span in spans]


# "A Ukrainian missile strike hit the headquarters in Sevastopol ."
STRIKE_HIT = [
    ("A", "a", "DET", 3, "det"),
    ("Ukrainian", "ukrainian", "ADJ", 3, "amod"),
    ("missile", "missile", "NOUN", 3, "compound"),
    ("strike", "strike", "NOUN", 4, "nsubj"),
    ("hit", "hit", "VERB", 4, "ROOT"),
    ("the", "the", "DET", 6, "det"),
    ("headquarters", "headquarters", "NOUN", 4, "dobj"),
    ("in", "in", "ADP", 4, "prep"),
    ("Sevastopol", "Sevastopol", "PROPN", 7, "pobj"),
    (".", ".", "PUNCT", 4, "punct"),
]


def test_arguments_attack_noun_as_subject_targets_what_it_hit():
    doc = make_doc(STRIKE_HIT, ents=[(1, 2, "NORP"), (8, 9, "GPE")])
    args = noun_arguments(doc[3])
    assert (_texts(args.actors), _texts(args.recipients), _texts(args.places)) == (
        ["Ukrainian"], ["the headquarters"], ["Sevastopol"])


# "Sake came under M23 shellfire ."
CAME_UNDER_FIRE = [
    ("Sake", "Sake", "PROPN", 1, "nsubj"),
    ("came", "come", "VERB", 1, "ROOT"),
    ("under", "under", "ADP", 1, "prep"),
    ("M23", "M23", "PROPN", 4, "compound"),
    ("shellfire", "shellfire", "NOUN", 2, "pobj"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_arguments_coming_under_fire_makes_the_subject_the_target():
    doc = make_doc(CAME_UNDER_FIRE, ents=[(0, 1, "GPE"), (3, 4, "ORG")])
    args = noun_arguments(doc[4])
    assert (_texts(args.actors), _texts(args.recipients)) == (["M23"], ["Sake"])


# "the villagers were shot in their home by Azerbaijani forces ."
SHOT_IN_HOME_BY = [
    ("the", "the", "DET", 1, "det"),
    ("villagers", "villager", "NOUN", 3, "nsubjpass"),
    ("were", "be", "AUX", 3, "auxpass"),
    ("shot", "shoot", "VERB", 3, "ROOT"),
    ("in", "in", "ADP", 3, "prep"),
    ("their", "their", "PRON", 6, "poss"),
    ("home", "home", "NOUN", 4, "pobj"),
    ("by", "by", "ADP", 6, "prep"),
    ("Azerbaijani", "Azerbaijani", "PROPN", 9, "nmod"),
    ("forces", "force", "NOUN", 7, "pobj"),
    (".", ".", "PUNCT", 3, "punct"),
]


def test_arguments_passive_by_phrase_hung_on_a_place_names_the_agent():
    doc = make_doc(SHOT_IN_HOME_BY, ents=[(8, 9, "NORP")])
    subject, passive = subject_of(doc[3])
    assert subject is not None and subject.text == "forces" and passive


def test_arguments_by_phrase_without_a_party_is_no_agent():
    rows = [*SHOT_IN_HOME_BY[:8], ("phone", "phone", "NOUN", 7, "pobj"),
            (".", ".", "PUNCT", 3, "punct")]
    subject, passive = subject_of(make_doc(rows)[3])
    assert subject is None and passive


# "the Saudi - led bombing campaign against the Houthis"
LED_CAMPAIGN = [
    ("the", "the", "DET", 5, "det"),
    ("Saudi", "Saudi", "PROPN", 3, "npadvmod"),
    ("-", "-", "PUNCT", 3, "punct"),
    ("led", "lead", "VERB", 5, "amod"),
    ("bombing", "bombing", "NOUN", 5, "compound"),
    ("campaign", "campaign", "NOUN", 5, "ROOT"),
    ("against", "against", "ADP", 5, "prep"),
    ("the", "the", "DET", 8, "det"),
    ("Houthis", "Houthis", "PROPN", 6, "pobj"),
]


def test_arguments_campaign_leader_carries_out_the_named_act():
    doc = make_doc(LED_CAMPAIGN)
    doc[3].tag_ = "VBN"
    args = noun_arguments(doc[4])
    assert (_texts(args.actors), _texts(args.recipients)) == (["Saudi"], ["the Houthis"])


# "schoolchildren abducted from a college were freed ." / "Guterres , called on the Taliban"
ABDUCTED_FROM = [
    ("schoolchildren", "schoolchild", "NOUN", 6, "nsubjpass"),
    ("abducted", "abduct", "VERB", 0, "acl"),
    ("from", "from", "ADP", 1, "prep"),
    ("a", "a", "DET", 4, "det"),
    ("college", "college", "NOUN", 2, "pobj"),
    ("were", "be", "AUX", 6, "auxpass"),
    ("freed", "free", "VERB", 6, "ROOT"),
    (".", ".", "PUNCT", 6, "punct"),
]
CALLED_AFTER_COMMA = [
    ("Guterres", "Guterres", "PROPN", 0, "ROOT"),
    (",", ",", "PUNCT", 0, "punct"),
    ("called", "call", "VERB", 0, "acl"),
    ("on", "on", "ADP", 2, "prep"),
    ("the", "the", "DET", 5, "det"),
    ("Taliban", "Taliban", "PROPN", 3, "pobj"),
    (".", ".", "PUNCT", 0, "punct"),
]


def test_arguments_reduced_passive_noun_underwent_the_act():
    doc = make_doc(ABDUCTED_FROM)
    doc[1].tag_ = "VBN"
    args = verb_arguments(doc[1], set())
    assert (_texts(args.actors), _texts(args.recipients)[:1]) == ([], ["schoolchildren"])


def test_arguments_participle_after_a_comma_keeps_its_noun_as_subject():
    doc = make_doc(CALLED_AFTER_COMMA)
    doc[2].tag_ = "VBN"
    subject, passive = subject_of(doc[2])
    assert subject is not None and subject.text == "Guterres" and not passive


# "Jaishankar dismissed as ' absurd ' Canadian allegations ."
DISMISSED_AS = [
    ("Jaishankar", "Jaishankar", "PROPN", 1, "nsubj"),
    ("dismissed", "dismiss", "VERB", 1, "ROOT"),
    ("as", "as", "ADP", 1, "prep"),
    ("'", "'", "PUNCT", 2, "punct"),
    ("absurd", "absurd", "ADJ", 7, "amod"),
    ("'", "'", "PUNCT", 7, "punct"),
    ("Canadian", "canadian", "ADJ", 7, "amod"),
    ("allegations", "allegation", "NOUN", 2, "pobj"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_arguments_judgement_put_first_leaves_the_object_to_as():
    doc = make_doc(DISMISSED_AS)
    args = verb_arguments(doc[1], set())
    assert [span.root.text for span in args.recipients] == ["allegations"]


# "Saab opened an investigation into opposition leaders ."
INVESTIGATION_INTO = [
    ("Saab", "Saab", "PROPN", 1, "nsubj"),
    ("opened", "open", "VERB", 1, "ROOT"),
    ("an", "an", "DET", 3, "det"),
    ("investigation", "investigation", "NOUN", 1, "dobj"),
    ("into", "into", "ADP", 1, "prep"),
    ("opposition", "opposition", "NOUN", 6, "compound"),
    ("leaders", "leader", "NOUN", 4, "pobj"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_arguments_inquiry_is_into_its_target():
    doc = make_doc(INVESTIGATION_INTO)
    args = verb_arguments(doc[1], {3})
    assert _texts(args.recipients) == ["opposition leaders"]


def test_arguments_movement_into_a_place_is_no_target():
    rows = [*INVESTIGATION_INTO]
    rows[1] = ("moved", "move", "VERB", 1, "ROOT")
    rows[3] = ("convoy", "convoy", "NOUN", 1, "dobj")
    args = verb_arguments(make_doc(rows)[1], set())
    assert _texts(args.recipients) == ["an convoy"]


# "Scholz visited Beijing with a delegation ." / "Xi visited with Biden ."
VISITED_WITH_DELEGATION = [
    ("Scholz", "Scholz", "PROPN", 1, "nsubj"),
    ("visited", "visit", "VERB", 1, "ROOT"),
    ("Beijing", "Beijing", "PROPN", 1, "dobj"),
    ("with", "with", "ADP", 1, "prep"),
    ("a", "a", "DET", 5, "det"),
    ("delegation", "delegation", "NOUN", 3, "pobj"),
    (".", ".", "PUNCT", 1, "punct"),
]
VISITED_WITH_BIDEN = [
    ("Xi", "Xi", "PROPN", 1, "nsubj"),
    ("visited", "visit", "VERB", 1, "ROOT"),
    ("with", "with", "ADP", 1, "prep"),
    ("Biden", "Biden", "PROPN", 2, "pobj"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_arguments_companions_of_a_trip_are_no_recipients():
    args = verb_arguments(make_doc(VISITED_WITH_DELEGATION)[1], set())
    assert [span.text for span in args.recipients] == ["Beijing"]


def test_arguments_visiting_with_a_person_is_meeting_them():
    args = verb_arguments(make_doc(VISITED_WITH_BIDEN)[1], set())
    assert [span.text for span in args.recipients] == ["Biden"]


# "Thailand and Cambodia agreed to a ceasefire at talks in Putrajaya ."
CEASEFIRE_AT_TALKS = [
    ("Thailand", "Thailand", "PROPN", 3, "nsubj"),
    ("and", "and", "CCONJ", 0, "cc"),
    ("Cambodia", "Cambodia", "PROPN", 0, "conj"),
    ("agreed", "agree", "VERB", 3, "ROOT"),
    ("to", "to", "ADP", 3, "prep"),
    ("a", "a", "DET", 6, "det"),
    ("ceasefire", "ceasefire", "NOUN", 4, "pobj"),
    ("at", "at", "ADP", 6, "prep"),
    ("talks", "talk", "NOUN", 7, "pobj"),
    ("in", "in", "ADP", 8, "prep"),
    ("Putrajaya", "Putrajaya", "PROPN", 9, "pobj"),
    (".", ".", "PUNCT", 3, "punct"),
]


def test_arguments_talks_the_agreement_was_reached_at_are_its_parties():
    args = noun_arguments(make_doc(CEASEFIRE_AT_TALKS)[8])
    assert _texts(args.actors) == ["Thailand and Cambodia"]


# "Khan spoke at the end of a visit to Caracas ."
SPOKE_AT_THE_END_OF_A_VISIT = [
    ("Khan", "Khan", "PROPN", 1, "nsubj"),
    ("spoke", "speak", "VERB", 1, "ROOT"),
    ("at", "at", "ADP", 1, "prep"),
    ("the", "the", "DET", 4, "det"),
    ("end", "end", "NOUN", 2, "pobj"),
    ("of", "of", "ADP", 4, "prep"),
    ("a", "a", "DET", 7, "det"),
    ("visit", "visit", "NOUN", 5, "pobj"),
    ("to", "to", "ADP", 7, "prep"),
    ("Caracas", "Caracas", "PROPN", 8, "pobj"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_arguments_visit_whose_end_frames_the_clause_is_its_subjects():
    args = noun_arguments(make_doc(SPOKE_AT_THE_END_OF_A_VISIT)[7])
    assert _texts(args.actors) == ["Khan"]


# "Macron arrived in Kyiv , joined by Iohannis ."
ARRIVED_JOINED_BY = [
    ("Macron", "Macron", "PROPN", 1, "nsubj"),
    ("arrived", "arrive", "VERB", 1, "ROOT"),
    ("in", "in", "ADP", 1, "prep"),
    ("Kyiv", "Kyiv", "PROPN", 2, "pobj"),
    (",", ",", "PUNCT", 1, "punct"),
    ("joined", "join", "VERB", 1, "advcl"),
    ("by", "by", "ADP", 5, "agent"),
    ("Iohannis", "Iohannis", "PROPN", 6, "pobj"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_arguments_whoever_joins_the_subject_acts_too():
    doc = make_doc(ARRIVED_JOINED_BY)
    doc[5].tag_ = "VBN"
    assert _texts(verb_arguments(doc[1], set()).actors) == ["Macron", "Iohannis"]
