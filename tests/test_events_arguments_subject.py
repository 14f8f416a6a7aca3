from polex.events.arguments import noun_arguments, subject_of, verb_arguments
from tests.handmade import make_doc

# "Rubio spoke by telephone with Kagame ." - the parser labels "by" an agent
SPOKE_BY_TELEPHONE = [
    ("Rubio", "Rubio", "PROPN", 1, "nsubj"),
    ("spoke", "speak", "VERB", 1, "ROOT"),
    ("by", "by", "ADP", 1, "agent"),
    ("telephone", "telephone", "NOUN", 2, "pobj"),
    ("with", "with", "ADP", 1, "prep"),
    ("Kagame", "Kagame", "PROPN", 4, "pobj"),
    (".", ".", "PUNCT", 1, "punct"),
]
# "most of them shot by police ." - a reduced passive: the agent is the actor
SHOT_BY_POLICE = [
    ("most", "most", "ADJ", 3, "nsubj"),
    ("of", "of", "ADP", 0, "prep"),
    ("them", "they", "PRON", 1, "pobj"),
    ("shot", "shoot", "VERB", 3, "ROOT"),
    ("by", "by", "ADP", 3, "agent"),
    ("police", "police", "NOUN", 4, "pobj"),
    (".", ".", "PUNCT", 3, "punct"),
]


def _with_tag(rows, index, tag):
    doc = make_doc(rows)
    doc[index].tag_ = tag
    return doc


def test_arguments_active_verb_keeps_its_subject_over_a_by_phrase():
    doc = _with_tag(SPOKE_BY_TELEPHONE, 1, "VBD")
    subject, passive = subject_of(doc[1])
    assert subject is not None and subject.text == "Rubio" and not passive


def test_arguments_reduced_passive_takes_the_agent():
    doc = _with_tag(SHOT_BY_POLICE, 3, "VBN")
    subject, passive = subject_of(doc[3])
    assert subject is not None and subject.text == "police" and passive


# "HRW said that the vote had been rushed and accused the authorities ."
SAID_RUSHED_AND_ACCUSED = [
    ("HRW", "HRW", "PROPN", 1, "nsubj"),
    ("said", "say", "VERB", 1, "ROOT"),
    ("that", "that", "SCONJ", 7, "mark"),
    ("the", "the", "DET", 4, "det"),
    ("vote", "vote", "NOUN", 7, "nsubjpass"),
    ("had", "have", "AUX", 7, "aux"),
    ("been", "be", "AUX", 7, "auxpass"),
    ("rushed", "rush", "VERB", 1, "ccomp"),
    ("and", "and", "CCONJ", 7, "cc"),
    ("accused", "accuse", "VERB", 7, "conj"),
    ("the", "the", "DET", 11, "det"),
    ("authorities", "authority", "NOUN", 9, "dobj"),
    (".", ".", "PUNCT", 1, "punct"),
]
# "Dodon , whose trip took him to Moscow , met Putin ."
WHOSE_TRIP = [
    ("Dodon", "Dodon", "PROPN", 8, "nsubj"),
    (",", ",", "PUNCT", 0, "punct"),
    ("whose", "whose", "PRON", 3, "poss"),
    ("trip", "trip", "NOUN", 4, "nsubj"),
    ("took", "take", "VERB", 0, "relcl"),
    ("him", "he", "PRON", 4, "dobj"),
    ("to", "to", "ADP", 4, "prep"),
    ("Moscow", "Moscow", "PROPN", 6, "pobj"),
    ("met", "meet", "VERB", 8, "ROOT"),
    ("Putin", "Putin", "PROPN", 8, "dobj"),
    (".", ".", "PUNCT", 8, "punct"),
]


def test_arguments_active_verb_joined_to_a_reported_passive_is_the_reporters():
    doc = make_doc(SAID_RUSHED_AND_ACCUSED)
    doc[9].tag_ = "VBD"
    subject, passive = subject_of(doc[9])
    assert subject is not None and subject.text == "HRW" and not passive


def test_arguments_whose_names_the_owner_of_an_event_noun():
    doc = make_doc(WHOSE_TRIP)
    assert [span.text for span in noun_arguments(doc[3]).actors] == ["Dodon"]


# "Zakharova replied that Chisinau was to blame ."
REPLIED_TO_BLAME = [
    ("Zakharova", "Zakharova", "PROPN", 1, "nsubj"),
    ("replied", "reply", "VERB", 1, "ROOT"),
    ("that", "that", "SCONJ", 4, "mark"),
    ("Chisinau", "Chisinau", "PROPN", 4, "nsubj"),
    ("was", "be", "AUX", 1, "ccomp"),
    ("to", "to", "PART", 6, "aux"),
    ("blame", "blame", "VERB", 4, "xcomp"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_arguments_one_to_blame_is_blamed_by_the_speaker():
    doc = make_doc(REPLIED_TO_BLAME)
    args = verb_arguments(doc[6], set())
    assert ([s.text for s in args.actors], [s.text for s in args.recipients]) == (
        ["Zakharova"], ["Chisinau"])


# "Iran denied that police fired , blaming rioters ."
DENIED_BLAMING = [
    ("Iran", "Iran", "PROPN", 1, "nsubj"),
    ("denied", "deny", "VERB", 1, "ROOT"),
    ("that", "that", "SCONJ", 4, "mark"),
    ("police", "police", "NOUN", 4, "nsubj"),
    ("fired", "fire", "VERB", 1, "ccomp"),
    (",", ",", "PUNCT", 4, "punct"),
    ("blaming", "blame", "VERB", 4, "advcl"),
    ("rioters", "rioter", "NOUN", 6, "dobj"),
    (".", ".", "PUNCT", 1, "punct"),
]
# "Storm Ciaran battered the coast , killing a driver , officials said ."
BATTERED_SAID = [
    ("Ciaran", "Ciaran", "PROPN", 1, "nsubj"),
    ("battered", "batter", "VERB", 10, "ccomp"),
    ("the", "the", "DET", 3, "det"),
    ("coast", "coast", "NOUN", 1, "dobj"),
    (",", ",", "PUNCT", 1, "punct"),
    ("killing", "kill", "VERB", 1, "advcl"),
    ("a", "a", "DET", 7, "det"),
    ("driver", "driver", "NOUN", 5, "dobj"),
    (",", ",", "PUNCT", 10, "punct"),
    ("officials", "official", "NOUN", 10, "nsubj"),
    ("said", "say", "VERB", 10, "ROOT"),
    (".", ".", "PUNCT", 10, "punct"),
]


def test_arguments_participle_after_a_denied_clause_is_the_deniers():
    doc = make_doc(DENIED_BLAMING)
    doc[6].tag_ = "VBG"
    subject, _ = subject_of(doc[6])
    assert subject is not None and subject.text == "Iran"


def test_arguments_participle_before_a_trailing_attribution_keeps_its_clause():
    doc = make_doc(BATTERED_SAID)
    doc[5].tag_ = "VBG"
    subject, _ = subject_of(doc[5])
    assert subject is not None and subject.text == "Ciaran"


# "Amnesty described how troops went house to house , killing civilians ."
DESCRIBED_KILLING = [
    ("Amnesty", "Amnesty", "PROPN", 1, "nsubj"),
    ("described", "describe", "VERB", 1, "ROOT"),
    ("how", "how", "SCONJ", 4, "advmod"),
    ("troops", "troop", "NOUN", 4, "nsubj"),
    ("went", "go", "VERB", 1, "ccomp"),
    ("house", "house", "NOUN", 4, "dobj"),
    ("to", "to", "ADP", 4, "prep"),
    ("house", "house", "NOUN", 6, "pobj"),
    (",", ",", "PUNCT", 4, "punct"),
    ("killing", "kill", "VERB", 4, "advcl"),
    ("civilians", "civilian", "NOUN", 9, "dobj"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_arguments_act_after_a_described_clause_is_its_subjects():
    doc = make_doc(DESCRIBED_KILLING)
    doc[9].tag_ = "VBG"
    subject, _ = subject_of(doc[9])
    assert subject is not None and subject.text == "troops"


# "Washington determined that the RSF had committed genocide , and imposed sanctions ."
DETERMINED_AND_IMPOSED = [
    ("Washington", "Washington", "PROPN", 1, "nsubj"),
    ("determined", "determine", "VERB", 1, "ROOT"),
    ("that", "that", "SCONJ", 6, "mark"),
    ("the", "the", "DET", 4, "det"),
    ("RSF", "RSF", "PROPN", 6, "nsubj"),
    ("had", "have", "AUX", 6, "aux"),
    ("committed", "commit", "VERB", 1, "ccomp"),
    ("genocide", "genocide", "NOUN", 6, "dobj"),
    (",", ",", "PUNCT", 6, "punct"),
    ("and", "and", "CCONJ", 6, "cc"),
    ("imposed", "impose", "VERB", 6, "conj"),
    ("sanctions", "sanction", "NOUN", 10, "dobj"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_arguments_act_joined_to_a_found_past_perfect_is_the_finders():
    doc = make_doc(DETERMINED_AND_IMPOSED)
    doc[10].tag_ = "VBD"
    subject, passive = subject_of(doc[10])
    assert subject is not None and subject.text == "Washington" and not passive


def test_arguments_act_joined_without_a_comma_keeps_the_clause_subject():
    rows = [*DETERMINED_AND_IMPOSED[:8], ("and", "and", "CCONJ", 6, "cc"),
            ("imposed", "impose", "VERB", 6, "conj"), ("sanctions", "sanction", "NOUN", 9, "dobj"),
            (".", ".", "PUNCT", 1, "punct")]
    doc = make_doc(rows)
    doc[9].tag_ = "VBD"
    subject, _ = subject_of(doc[9])
    assert subject is not None and subject.text == "RSF"


def test_arguments_gerund_after_a_measure_shares_the_main_subject():
    # "Honduras established ties , a day after severing ties ."
    doc = make_doc([
        ("Honduras", "Honduras", "PROPN", 1, "nsubj"),
        ("established", "establish", "VERB", 1, "ROOT"),
        ("ties", "tie", "NOUN", 1, "dobj"),
        (",", ",", "PUNCT", 1, "punct"),
        ("a", "a", "DET", 5, "det"),
        ("day", "day", "NOUN", 1, "npadvmod"),
        ("after", "after", "ADP", 5, "prep"),
        ("severing", "sever", "VERB", 6, "pcomp"),
        ("ties", "tie", "NOUN", 7, "dobj"),
        (".", ".", "PUNCT", 1, "punct"),
    ])
    subject, passive = subject_of(doc[7])
    assert subject is not None and subject.text == "Honduras" and not passive


def test_arguments_rebuke_drawn_from_someone_is_theirs(nlp):
    doc = nlp("Modi's visit to Moscow drew a rebuke on Monday from Volodymyr Zelensky.")
    drew = next(t for t in doc if t.text == "drew")
    args = verb_arguments(drew, set())
    assert [a.text for a in args.actors] == ["Volodymyr Zelensky"]
    assert [r.text for r in args.recipients][:1] == ["Modi's visit to Moscow"]


# "Activists were arrested after blocking the terminal ." - the adjunct's subject is the
# passive clause's surface subject, not its unnamed agent
ARRESTED_AFTER_BLOCKING = [
    ("Activists", "activist", "NOUN", 2, "nsubjpass"),
    ("were", "be", "AUX", 2, "auxpass"),
    ("arrested", "arrest", "VERB", 2, "ROOT"),
    ("after", "after", "ADP", 2, "prep"),
    ("blocking", "block", "VERB", 3, "pcomp"),
    ("the", "the", "DET", 6, "det"),
    ("terminal", "terminal", "NOUN", 4, "dobj"),
    (".", ".", "PUNCT", 2, "punct"),
]


def test_arguments_adjunct_of_a_passive_clause_is_its_subjects_act():
    doc = make_doc(ARRESTED_AFTER_BLOCKING)
    subject, passive = subject_of(doc[4])
    assert subject is not None and subject.text == "Activists" and not passive


# "The ruling prompted Lithuania to expel diplomats ." - whom "prompted" makes act
PROMPTED_TO_EXPEL = [
    ("The", "the", "DET", 1, "det"),
    ("ruling", "ruling", "NOUN", 2, "nsubj"),
    ("prompted", "prompt", "VERB", 2, "ROOT"),
    ("Lithuania", "Lithuania", "PROPN", 2, "dobj"),
    ("to", "to", "PART", 5, "aux"),
    ("expel", "expel", "VERB", 2, "xcomp"),
    ("diplomats", "diplomat", "NOUN", 5, "dobj"),
    (".", ".", "PUNCT", 2, "punct"),
]


def test_arguments_causative_verb_makes_its_object_the_actor():
    subject, passive = subject_of(make_doc(PROMPTED_TO_EXPEL)[5])
    assert subject is not None and subject.text == "Lithuania" and not passive


def test_arguments_plain_infinitive_complement_keeps_the_subject():
    rows = [*PROMPTED_TO_EXPEL]
    rows[2] = ("wanted", "want", "VERB", 2, "ROOT")
    subject, _ = subject_of(make_doc(rows)[5])
    assert subject is not None and subject.text == "ruling"


# "The emir became the first leader to visit Damascus ."
FIRST_TO_VISIT = [
    ("The", "the", "DET", 1, "det"),
    ("emir", "emir", "NOUN", 2, "nsubj"),
    ("became", "become", "VERB", 2, "ROOT"),
    ("the", "the", "DET", 5, "det"),
    ("first", "first", "ADJ", 5, "amod"),
    ("leader", "leader", "NOUN", 2, "attr"),
    ("to", "to", "PART", 7, "aux"),
    ("visit", "visit", "VERB", 5, "relcl"),
    ("Damascus", "Damascus", "PROPN", 7, "dobj"),
    (".", ".", "PUNCT", 2, "punct"),
]


def test_arguments_first_to_act_is_the_subject_of_the_copula():
    subject, passive = subject_of(make_doc(FIRST_TO_VISIT)[7])
    assert subject is not None and subject.text == "emir" and not passive
