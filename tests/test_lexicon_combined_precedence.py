from polex.events.lexicon import Lexicon, default_lexicon
from tests.handmade import EXCHANGED_FIRE, EXCHANGED_VIEWS, OWN_EXCHANGE_RULES, make_doc

# "Serbia called off the talks ."
CALLED_OFF = [
    ("Serbia", "Serbia", "PROPN", 1, "nsubj"),
    ("called", "call", "VERB", 1, "ROOT"),
    ("off", "off", "ADP", 1, "prt"),
    ("the", "the", "DET", 4, "det"),
    ("talks", "talk", "NOUN", 1, "dobj"),
    (".", ".", "PUNCT", 1, "punct"),
]
# "Serbia chided the mission ."
CHIDED = [
    ("Serbia", "Serbia", "PROPN", 1, "nsubj"),
    ("chided", "chide", "VERB", 1, "ROOT"),
    ("the", "the", "DET", 3, "det"),
    ("mission", "mission", "NOUN", 1, "dobj"),
    (".", ".", "PUNCT", 1, "punct"),
]
CAMEO = Lexicon.from_text(
    "call\tVERB\tprt=off\tSANCTION\twithdraw\tdiplomatic\t0.6\n"
    "call\tVERB\t\tCONSULT\tphone\t\t0.5\n"
    "chide\tVERB\t\tACCUSE\tdisapprove\t\t0.5\n",
    source="cameo2-petrarch.tsv",
)


def test_lexicon_first_table_that_knows_the_lemma_decides_later_ones_add_lemmas():
    combined = Lexicon.combine([default_lexicon(), CAMEO])
    called = combined.match(make_doc(CALLED_OFF)[1])
    chided = combined.match(make_doc(CHIDED)[1])
    assert called is not None and called.rule.source == "triggers.tsv"
    assert called.rule.event == "REJECT"
    assert chided is not None and chided.rule.source == "cameo2-petrarch.tsv"
    assert (chided.rule.event, chided.rule.line) == ("ACCUSE", 3)


def test_lexicon_conflicting_sources_are_reported_once_per_pair():
    combined = Lexicon.combine([default_lexicon(), CAMEO])
    conflicts = [w for w in combined.warnings if " call VERB prt=off " in w]
    assert len(conflicts) == 1
    assert conflicts[0].startswith("cameo2-petrarch.tsv:1 codes call VERB prt=off as SANCTION")
    assert "triggers.tsv decides" in conflicts[0]
    assert not any("chide" in w for w in combined.warnings)


OWN = Lexicon.from_text(OWN_EXCHANGE_RULES)
OUTSIDE = Lexicon.from_text(
    "exchange\tVERB\tobj=fire\tASSAULT\t\tmilitary\t0.6\n"
    "exchange\tVERB\tobj=views|view\tCONSULT\t\t\t0.6\n",
    source="cameo2-petrarch.tsv",
)


def test_lexicon_later_table_fills_a_use_the_deciding_table_has_no_rule_for():
    combined = Lexicon.combine([OWN, OUTSIDE])
    token = make_doc(EXCHANGED_FIRE)[1]
    assert combined.match(token) is None
    fallback = combined.fallback(token, "triggers.tsv")
    assert fallback is not None
    assert (fallback.rule.source, fallback.rule.event) == ("cameo2-petrarch.tsv", "ASSAULT")


def test_lexicon_deciding_table_non_event_sense_blocks_the_fallback():
    combined = Lexicon.combine([OWN, OUTSIDE])
    assert combined.fallback(make_doc(EXCHANGED_VIEWS)[1], "triggers.tsv") is None


def test_lexicon_fallback_never_reads_a_date_as_an_event():
    # the trigger word tagged as part of a date, as "March" is in "in March 2022"
    doc = make_doc(EXCHANGED_FIRE, ents=[(1, 2, "DATE")])
    combined = Lexicon.combine([OWN, OUTSIDE])
    assert combined.fallback(doc[1], "triggers.tsv") is None
