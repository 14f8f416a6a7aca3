from polex.events.arguments import subject_of
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
