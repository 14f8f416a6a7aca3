from datetime import date

import spacy

from polex.nlp.repairs import (
    fix_lemmas,
    keep_hyphenated_words,
    repair_fronted_dates,
    repair_misread_participles,
    repair_name_subjects,
    repair_said_in_clauses,
    repair_second_subjects,
    repair_semicolon_clauses,
    repair_stranded_conjuncts,
    repair_unlabelled_conjuncts,
)
from polex.pipeline import Pipeline
from polex.schema import Article
from tests.handmade import make_doc

# "On 8 July Abiy flew to Asmara ." as the small model parses it: the name is the
# object of "On" and the verb has no subject
ABIY_FLEW = [
    ("On", "on", "ADP", 4, "prep"),
    ("8", "8", "NUM", 3, "nummod"),
    ("July", "July", "PROPN", 3, "compound"),
    ("Abiy", "Abiy", "PROPN", 0, "pobj"),
    ("flew", "fly", "VERB", 4, "ROOT"),
    ("to", "to", "ADP", 4, "prep"),
    ("Asmara", "Asmara", "PROPN", 5, "pobj"),
    (".", ".", "PUNCT", 4, "punct"),
]
# "On Tuesday Dodik flew to Belgrade ." parsed right: "Dodik" is the subject already
DODIK_FLEW = [
    ("On", "on", "ADP", 3, "prep"),
    ("Tuesday", "Tuesday", "PROPN", 0, "pobj"),
    ("Dodik", "Dodik", "PROPN", 3, "nsubj"),
    ("flew", "fly", "VERB", 3, "ROOT"),
    ("to", "to", "ADP", 3, "prep"),
    ("Belgrade", "Belgrade", "PROPN", 4, "pobj"),
    (".", ".", "PUNCT", 3, "punct"),
]
# "In Gaza fighting resumed ." - a place, not a date, after the preposition
GAZA_FIGHTING = [
    ("In", "in", "ADP", 3, "prep"),
    ("Gaza", "Gaza", "PROPN", 2, "compound"),
    ("fighting", "fighting", "NOUN", 0, "pobj"),
    ("resumed", "resume", "VERB", 3, "ROOT"),
    (".", ".", "PUNCT", 3, "punct"),
]


def test_repairs_fronted_date_gives_the_verb_its_subject():
    doc = repair_fronted_dates(make_doc(ABIY_FLEW, ents=[(1, 4, "DATE"), (6, 7, "GPE")]))
    assert (doc[3].dep_, doc[3].head.text) == ("nsubj", "flew")
    assert (doc[2].dep_, doc[2].head.text) == ("pobj", "On")
    assert doc[1].head.text == "July"


def test_repairs_fronted_date_entity_ends_where_the_date_ends():
    doc = repair_fronted_dates(make_doc(ABIY_FLEW, ents=[(1, 4, "DATE"), (6, 7, "GPE")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("8 July", "DATE"), ("Asmara", "GPE")]


def test_repairs_leave_a_verb_that_has_its_subject_alone():
    doc = repair_fronted_dates(make_doc(DODIK_FLEW))
    assert [(t.head.i, t.dep_) for t in doc] == [(r[3], r[4]) for r in DODIK_FLEW]


def test_repairs_leave_a_fronted_phrase_that_is_no_date_alone():
    doc = repair_fronted_dates(make_doc(GAZA_FIGHTING))
    assert [(t.head.i, t.dep_) for t in doc] == [(r[3], r[4]) for r in GAZA_FIGHTING]


def test_repairs_fronted_date_in_the_pipeline_gives_the_event_its_actor() -> None:
    article = Article(id="asmara", published=date(2018, 7, 9), text=(
        "Ethiopia's prime minister, Abiy Ahmed, took office in April. "
        "On 8 July Abiy flew to Asmara, the first Ethiopian leader to do so in two decades."
    ))
    events = [e for e in Pipeline().code(article).events if e.event_text == "flew"]
    assert [([a.code for a in e.actor], e.date) for e in events] == [(["ETH"], "2018-07-08")]


# "Traders staged a sit-in ." with the rule lemmatizer's "stag"
STAGED = [
    ("Traders", "trader", "NOUN", 1, "nsubj"),
    ("staged", "stag", "VERB", 1, "ROOT"),
    ("a", "a", "DET", 3, "det"),
    ("protest", "protest", "NOUN", 1, "dobj"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_repairs_lemma_of_a_verb_the_lemmatizer_turns_into_another_word():
    doc = fix_lemmas(make_doc(STAGED))
    assert [t.lemma_ for t in doc] == ["trader", "stage", "a", "protest", "."]


def test_repairs_hyphenated_event_word_stays_one_token():
    nlp = spacy.blank("en")
    keep_hyphenated_words(nlp)
    words = [t.text for t in nlp("Traders staged a sit-in; soldiers gang-raped them.")]
    assert words == ["Traders", "staged", "a", "sit-in", ";", "soldiers", "gang-raped", "them",
                     "."]


def test_repairs_hyphenated_event_word_takes_its_listed_lemma():
    rows = [("Cease-fires", "cease-fires", "PROPN", 1, "nsubj"),
            ("held", "hold", "VERB", 1, "ROOT")]
    assert fix_lemmas(make_doc(rows))[0].lemma_ == "ceasefire"


# "Monitor called on the OPCW to investigate and urged Russia ." as the small model
# parses it: "urged" hung on the infinitive "investigate"
URGED_AFTER_INFINITIVE = [
    ("Monitor", "Monitor", "PROPN", 1, "nsubj", "NNP"),
    ("called", "call", "VERB", 1, "ROOT", "VBD"),
    ("on", "on", "ADP", 1, "prep", "IN"),
    ("the", "the", "DET", 4, "det", "DT"),
    ("OPCW", "OPCW", "PROPN", 2, "pobj", "NNP"),
    ("to", "to", "PART", 6, "aux", "TO"),
    ("investigate", "investigate", "VERB", 1, "xcomp", "VB"),
    ("and", "and", "CCONJ", 6, "cc", "CC"),
    ("urged", "urge", "VERB", 6, "conj", "VBD"),
    ("Russia", "Russia", "PROPN", 8, "dobj", "NNP"),
    (".", ".", "PUNCT", 1, "punct", "."),
]


def _tagged(rows):
    doc = make_doc([row[:5] for row in rows])
    for token, row in zip(doc, rows, strict=True):
        token.tag_ = row[5]
    return doc


def test_repairs_finite_verb_on_an_infinitive_joins_the_governing_verb():
    doc = repair_stranded_conjuncts(_tagged(URGED_AFTER_INFINITIVE))
    assert (doc[8].dep_, doc[8].head.text) == ("conj", "called")
    assert doc[7].head.text == "called"


def test_repairs_infinitive_coordinated_with_an_infinitive_stays():
    rows = [*URGED_AFTER_INFINITIVE]
    rows[8] = ("urge", "urge", "VERB", 6, "conj", "VB")
    doc = repair_stranded_conjuncts(_tagged(rows))
    assert doc[8].head.text == "investigate"


def test_repairs_finite_verb_of_another_tense_stays():
    rows = [*URGED_AFTER_INFINITIVE]
    rows[1] = ("calls", "call", "VERB", 1, "ROOT", "VBZ")
    doc = repair_stranded_conjuncts(_tagged(rows))
    assert doc[8].head.text == "investigate"


def test_repairs_stranded_conjunct_in_the_pipeline_keeps_its_speaker() -> None:
    result = Pipeline().code(Article(
        id="conj", published=date(2019, 6, 11),
        text="Civilians First Monitor called on the Organisation for the Prohibition of "
             "Chemical Weapons (OPCW) to investigate the Kabani incident and urged Russia "
             "to stop striking medical facilities."))
    urged = [e for e in result.events if e.event_text.startswith("urged")]
    assert [[a.entity_text for a in e.actor] for e in urged] == [["Civilians First Monitor"]]


def test_repairs_finite_verb_on_a_participle_clause_joins_the_governing_verb():
    rows = [
        ("Guaidó", "Guaidó", "PROPN", 1, "nsubj", "NNP"),
        ("stood", "stand", "VERB", 1, "ROOT", "VBD"),
        (",", ",", "PUNCT", 1, "punct", ","),
        ("flanked", "flank", "VERB", 1, "advcl", "VBN"),
        ("by", "by", "ADP", 3, "agent", "IN"),
        ("soldiers", "soldier", "NOUN", 4, "pobj", "NNS"),
        (",", ",", "PUNCT", 3, "punct", ","),
        ("and", "and", "CCONJ", 3, "cc", "CC"),
        ("called", "call", "VERB", 3, "conj", "VBD"),
        ("on", "on", "ADP", 8, "prep", "IN"),
        ("troops", "troop", "NOUN", 9, "pobj", "NNS"),
        (".", ".", "PUNCT", 1, "punct", "."),
    ]
    doc = repair_stranded_conjuncts(_tagged(rows))
    assert doc[8].head.text == "stood"


def test_repairs_name_read_as_an_adverb_becomes_the_verbs_subject():
    rows = [
        ("Nauru", "Nauru", "PROPN", 1, "advmod", "NNP"),
        ("severed", "sever", "VERB", 1, "ROOT", "VBD"),
        ("ties", "tie", "NOUN", 1, "dobj", "NNS"),
        (".", ".", "PUNCT", 1, "punct", "."),
    ]
    doc = _tagged(rows)
    doc.ents = [doc.char_span(0, 5, label="GPE")]
    assert repair_name_subjects(doc)[0].dep_ == "nsubj"


def test_repairs_name_adverb_of_a_verb_with_a_subject_stays():
    rows = [
        ("Yesterday", "yesterday", "PROPN", 2, "npadvmod", "NNP"),
        ("Nauru", "Nauru", "PROPN", 2, "nsubj", "NNP"),
        ("severed", "sever", "VERB", 2, "ROOT", "VBD"),
        (".", ".", "PUNCT", 2, "punct", "."),
    ]
    doc = _tagged(rows)
    doc.ents = [doc.char_span(0, 9, label="DATE"), doc.char_span(10, 15, label="GPE")]
    assert repair_name_subjects(doc)[0].dep_ == "npadvmod"


# "Burhan said in a speech that his forces had withdrawn ." as the small model parses it:
# what was said is a relative clause of "speech"
SAID_IN_A_SPEECH = [
    ("Burhan", "Burhan", "PROPN", 1, "nsubj", "NNP"),
    ("said", "say", "VERB", 1, "ROOT", "VBD"),
    ("in", "in", "ADP", 1, "prep", "IN"),
    ("a", "a", "DET", 4, "det", "DT"),
    ("speech", "speech", "NOUN", 2, "pobj", "NN"),
    ("that", "that", "PRON", 9, "dobj", "WDT"),
    ("his", "his", "PRON", 7, "poss", "PRP$"),
    ("forces", "force", "NOUN", 9, "nsubj", "NNS"),
    ("had", "have", "AUX", 9, "aux", "VBD"),
    ("withdrawn", "withdraw", "VERB", 4, "relcl", "VBN"),
    (".", ".", "PUNCT", 1, "punct", "."),
]


def test_repairs_clause_said_in_a_speech_becomes_the_complement_of_saying():
    doc = repair_said_in_clauses(_tagged(SAID_IN_A_SPEECH))
    assert (doc[9].dep_, doc[9].head.text, doc[5].dep_) == ("ccomp", "said", "mark")


def test_repairs_relative_clause_without_its_own_subject_stays():
    rows = [*SAID_IN_A_SPEECH]
    rows[5] = ("that", "that", "PRON", 9, "nsubjpass", "WDT")
    rows[6:9] = [("was", "be", "AUX", 9, "auxpass", "VBD"), ("widely", "widely", "ADV", 9,
                 "advmod", "RB"), ("seen", "see", "VERB", 9, "advmod", "VBN")]
    doc = repair_said_in_clauses(_tagged(rows))
    assert (doc[9].dep_, doc[9].head.text) == ("relcl", "speech")


# "Modi received a call from Trump ; they discussed trade ." as the small model parses it:
# the first clause is the complement of "discussed"
CALL_BEFORE_SEMICOLON = [
    ("Modi", "Modi", "PROPN", 1, "nsubj", "NNP"),
    ("received", "receive", "VERB", 8, "ccomp", "VBD"),
    ("a", "a", "DET", 3, "det", "DT"),
    ("call", "call", "NOUN", 1, "dobj", "NN"),
    ("from", "from", "ADP", 3, "prep", "IN"),
    ("Trump", "Trump", "PROPN", 4, "pobj", "NNP"),
    (";", ";", "PUNCT", 8, "punct", ":"),
    ("they", "they", "PRON", 8, "nsubj", "PRP"),
    ("discussed", "discuss", "VERB", 8, "ROOT", "VBD"),
    ("trade", "trade", "NOUN", 8, "dobj", "NN"),
    (".", ".", "PUNCT", 8, "punct", "."),
]


def test_repairs_clause_before_a_semicolon_is_no_complement_of_the_next():
    doc = repair_semicolon_clauses(_tagged(CALL_BEFORE_SEMICOLON))
    assert doc[1].dep_ == "parataxis"


def test_repairs_complement_without_a_semicolon_stays():
    rows = [*CALL_BEFORE_SEMICOLON]
    rows[6] = (",", ",", "PUNCT", 8, "punct", ",")
    doc = repair_semicolon_clauses(_tagged(rows))
    assert doc[1].dep_ == "ccomp"


# "Aircraft of the coalition bombed hideouts , officials said ." as the small model
# parses it: "bombed" a participle of "coalition", the opening phrase an adverb of "said"
BOMBED_AS_PARTICIPLE = [
    ("Aircraft", "Aircraft", "PROPN", 8, "npadvmod", "NNP"),
    ("of", "of", "ADP", 0, "prep", "IN"),
    ("the", "the", "DET", 3, "det", "DT"),
    ("coalition", "coalition", "NOUN", 1, "pobj", "NN"),
    ("bombed", "bomb", "VERB", 3, "acl", "VBN"),
    ("hideouts", "hideout", "NOUN", 4, "dobj", "NNS"),
    (",", ",", "PUNCT", 8, "punct", ","),
    ("officials", "official", "NOUN", 8, "nsubj", "NNS"),
    ("said", "say", "VERB", 8, "ROOT", "VBD"),
    (".", ".", "PUNCT", 8, "punct", "."),
]


def test_repairs_past_verb_with_an_object_is_the_opening_phrase_verb():
    doc = repair_misread_participles(_tagged(BOMBED_AS_PARTICIPLE))
    assert (doc[4].dep_, doc[4].head.text) == ("ccomp", "said")
    assert (doc[0].dep_, doc[0].head.text) == ("nsubj", "bombed")


def test_repairs_participle_without_an_object_stays():
    rows = [*BOMBED_AS_PARTICIPLE]
    rows[5] = ("yesterday", "yesterday", "NOUN", 4, "npadvmod", "NN")
    doc = repair_misread_participles(_tagged(rows))
    assert (doc[4].dep_, doc[4].head.text) == ("acl", "coalition")


# "A convoy of the charity Relief Kitchen was struck ." as the small model parses it:
# the name a second subject of "struck"
NAME_AS_SECOND_SUBJECT = [
    ("A", "a", "DET", 1, "det"),
    ("convoy", "convoy", "NOUN", 8, "nsubjpass"),
    ("of", "of", "ADP", 1, "prep"),
    ("the", "the", "DET", 4, "det"),
    ("charity", "charity", "NOUN", 2, "pobj"),
    ("Relief", "Relief", "PROPN", 6, "compound"),
    ("Kitchen", "Kitchen", "PROPN", 8, "nsubjpass"),
    ("was", "be", "AUX", 8, "auxpass"),
    ("struck", "strike", "VERB", 8, "ROOT"),
    (".", ".", "PUNCT", 8, "punct"),
]


def test_repairs_name_read_as_second_subject_names_the_noun_before_it():
    doc = repair_second_subjects(make_doc(NAME_AS_SECOND_SUBJECT))
    assert (doc[6].dep_, doc[6].head.text) == ("appos", "charity")
    assert doc[1].dep_ == "nsubjpass"


# "Cameron said the law would damage rights and criticised the speed ." as the small
# model parses it: "criticised" coordinated with the modal verb of the reported clause
CRITICISED_AFTER_MODAL = [
    ("Cameron", "Cameron", "PROPN", 1, "nsubj", "NNP"),
    ("said", "say", "VERB", 1, "ROOT", "VBD"),
    ("the", "the", "DET", 3, "det", "DT"),
    ("law", "law", "NOUN", 5, "nsubj", "NN"),
    ("would", "would", "AUX", 5, "aux", "MD"),
    ("damage", "damage", "VERB", 1, "ccomp", "VB"),
    ("rights", "right", "NOUN", 5, "dobj", "NNS"),
    ("and", "and", "CCONJ", 5, "cc", "CC"),
    ("criticised", "criticise", "VERB", 5, "conj", "VBD"),
    ("the", "the", "DET", 10, "det", "DT"),
    ("speed", "speed", "NOUN", 8, "dobj", "NN"),
    (".", ".", "PUNCT", 1, "punct", "."),
]


def test_repairs_past_verb_after_a_reported_modal_clause_joins_the_verb_of_saying():
    doc = repair_stranded_conjuncts(_tagged(CRITICISED_AFTER_MODAL))
    assert (doc[8].dep_, doc[8].head.text) == ("conj", "said")


# "Ships blasted vessels with cannon and , later , rammed a boat ." as the small model
# parses it: "and" hung on "cannon", "rammed" left unlabelled
RAMMED_UNLABELLED = [
    ("Ships", "ship", "NOUN", 1, "nsubj"),
    ("blasted", "blast", "VERB", 1, "ROOT"),
    ("vessels", "vessel", "NOUN", 1, "dobj"),
    ("with", "with", "ADP", 2, "prep"),
    ("cannon", "cannon", "NOUN", 3, "pobj"),
    ("and", "and", "CCONJ", 4, "cc"),
    (",", ",", "PUNCT", 4, "punct"),
    ("later", "later", "ADV", 1, "advmod"),
    (",", ",", "PUNCT", 1, "punct"),
    ("rammed", "ram", "VERB", 1, "dep"),
    ("a", "a", "DET", 11, "det"),
    ("boat", "boat", "NOUN", 9, "dobj"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_repairs_unlabelled_verb_after_a_dangling_and_is_a_conjunct():
    doc = repair_unlabelled_conjuncts(make_doc(RAMMED_UNLABELLED))
    assert (doc[9].dep_, doc[9].head.text) == ("conj", "blasted")


def test_repairs_unlabelled_verb_without_a_coordinator_stays():
    rows = [*RAMMED_UNLABELLED]
    rows[5] = ("then", "then", "ADV", 4, "advmod")
    doc = repair_unlabelled_conjuncts(make_doc(rows))
    assert doc[9].dep_ == "dep"
