import pytest

from polex.events.factuality import status_of
from polex.events.lexicon import default_lexicon

CASES = [
    ("Kenyan police arrested 40 protesters in Nairobi on Tuesday.", "arrested", "occurred"),
    ("The two leaders met in Astana on Monday.", "met", "occurred"),
    ("The ministry said troops had withdrawn from the border villages.", "withdrawn", "occurred"),
    ("Boric did not meet Milei during the summit.", "meet", "negated"),
    ("The presidents never met in person.", "met", "negated"),
    ("The government failed to release the detainees.", "release", "negated"),
    ("Erdogan will visit Baku next month.", "visit", "planned"),
    ("The foreign ministers are scheduled to meet in Geneva on Friday.", "meet", "planned"),
    ("Modi plans to visit Dhaka in March.", "visit", "planned"),
    ("The president is to visit Paris next week.", "visit", "planned"),
    ("Ruto is expected to meet Museveni later this week.", "meet", "possible"),
    ("The envoy may travel to Khartoum if security allows.", "travel", "possible"),
    ("Kazakhstan could send aid to the flooded region.", "send", "possible"),
    ("Tokyo hopes to hold talks with Seoul before the summer.", "talks", "possible"),
    ("If Russia attacks, NATO would respond.", "attacks", "possible"),
    ("Did Beijing threaten Manila?", "threaten", "possible"),
    ("Pakistan denied that its troops had crossed the Line of Control.", "denied", "occurred"),
    ("The Philippines accused China of ramming a supply boat.", "accused", "occurred"),
    ("The summit is likely to discuss the border dispute.", "discuss", "possible"),
    ("Colombia and the ELN signed a ceasefire agreement in Havana.", "signed", "occurred"),
]


@pytest.mark.parametrize(("sentence", "trigger", "expected"), CASES,
                         ids=[c[0][:40] for c in CASES])
def test_events_factuality_status(nlp, sentence, trigger, expected):
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == trigger)
    assert status_of(token) == expected


def test_events_factuality_lexicon_sees_every_case_trigger(nlp):
    lexicon = default_lexicon()
    for sentence, trigger, _ in CASES:
        token = next(t for t in nlp(sentence) if t.text == trigger)
        assert token.lemma_.lower() in lexicon.lemmas(), trigger
