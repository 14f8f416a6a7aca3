import pytest

from polex.events.factuality import is_refusal, status_of
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
    # occurred, including reported speech and attribution
    ("Ukraine's foreign ministry said Russian forces shelled Kharkiv overnight.",
     "shelled", "occurred"),
    ("According to officials, the army detained three journalists in Goma.",
     "detained", "occurred"),
    ("Iran has released two French citizens held since 2022.", "released", "occurred"),
    ("Egypt hosted talks between Israeli and Hamas negotiators in Cairo.", "hosted", "occurred"),
    ("Protesters rallied outside parliament on Sunday, police said.", "rallied", "occurred"),
    ("Seoul summoned the Japanese ambassador over the textbook dispute.", "summoned", "occurred"),
    ("The ministry claimed that Israeli jets struck a weapons convoy near Homs.",
     "struck", "occurred"),
    ("Witnesses told reporters that soldiers fired on the crowd.", "fired", "occurred"),
    ("The government denied visas to six foreign journalists.", "denied", "occurred"),
    ("Hungary refused to sign the joint statement.", "refused", "occurred"),
    ("Why did Moscow expel the Estonian diplomats?", "expel", "occurred"),
    ("Police reportedly arrested the opposition leader at his home.", "arrested", "occurred"),
    ("Ali called the move a threat and put the defence force on alert.", "put", "occurred"),
    ("The two sides agreed on Monday to resume border talks.", "agreed", "planned"),
    # negated
    ("Hungary refused to sign the joint statement.", "sign", "negated"),
    ("Pakistan denied that its forces had attacked the Indian post.", "attacked", "negated"),
    ("The army denied shelling the village.", "shelling", "negated"),
    ("Neither side fired a shot during the standoff.", "fired", "negated"),
    ("No arrests were made after the rally.", "arrests", "negated"),
    ("No one was arrested after the clashes in Dhaka.", "arrested", "negated"),
    ("Nobody was killed in the attack, the governor said.", "killed", "negated"),
    ("Japan declined to send warships to the Red Sea.", "send", "negated"),
    ("The rebels have yet to release the hostages.", "release", "negated"),
    ("Germany ruled out sending Taurus missiles to Kyiv.", "sending", "negated"),
    ("The planned visit was called off at the last minute.", "visit", "negated"),
    ("The summit was cancelled after the coup.", "summit", "negated"),
    ("Beijing has not imposed sanctions on the firms.", "imposed", "negated"),
    ("Russia said it will not withdraw its troops from the region.", "withdraw", "negated"),
    ("Mali's junta stopped short of expelling the French ambassador.", "expelling", "negated"),
    ("The president denied meeting the envoy in Doha.", "meeting", "negated"),
    ("The two leaders did not meet or speak by phone.", "speak", "negated"),
    # planned: future tense, scheduling, intention, commitment
    ("The leaders are due to sign the agreement on Friday.", "sign", "planned"),
    ("Macron is set to host the summit in June.", "host", "planned"),
    ("The ministers are going to discuss trade next week.", "discuss", "planned"),
    ("Blinken travels to Beijing next week for talks.", "travels", "planned"),
    ("Scholz intends to visit Kyiv before the end of the year.", "visit", "planned"),
    ("The two sides pledged to withdraw their troops by March.", "withdraw", "planned"),
    ("The EU announced it would impose new sanctions on Belarus.", "impose", "planned"),
    ("A meeting between the two leaders is planned for next month.", "meeting", "planned"),
    ("Talks are set to resume in Geneva on Monday.", "resume", "planned"),
    ("Officials discussed the planned visit of the Pope to Juba.", "visit", "planned"),
    ("Ruto will travel to Washington on Monday.", "travel", "planned"),
    ("The summit will take place in Bali in November.", "summit", "planned"),
    ("Georgia promised to release the detained protesters.", "release", "planned"),
    # possible: modality, hedging, agendas, conditionals, questions
    ("A visit by the Pope to Kyiv is on the agenda.", "visit", "possible"),
    ("Washington is considering sanctions against the generals.", "sanctions", "possible"),
    ("The two sides might meet in Geneva next month.", "meet", "possible"),
    ("Officials said the leaders would probably meet in Doha.", "meet", "possible"),
    ("Seoul wants to hold a summit with Tokyo this year.", "summit", "possible"),
    ("Unless Iran releases the tanker, Britain will impose sanctions.", "releases", "possible"),
    ("Unless Iran releases the tanker, Britain will impose sanctions.", "impose", "possible"),
    ("If talks fail, Israel could strike Iranian nuclear sites.", "strike", "possible"),
    ("Will China invade Taiwan?", "invade", "possible"),
    ("It is unclear whether Berlin will deliver the tanks.", "deliver", "possible"),
    ("The EU is ready to impose further sanctions on Moscow.", "impose", "possible"),
    ("The envoy is supposed to meet rebel leaders in Doha.", "meet", "possible"),
    ("The envoy is unlikely to visit Pyongyang this year.", "visit", "possible"),
    ("A ceasefire deal is under discussion, and talks may resume in Cairo.", "resume", "possible"),
    ("Turkey is reportedly weighing an offensive in northern Syria.", "offensive", "possible"),
    ("The minister may have met the envoy in secret.", "met", "possible"),
    ("Tehran said any strike on Iranian soil would be met with a crushing response.",
     "strike", "possible"),
    ("Parliament is expected to approve the withdrawal later this month, after Orbán "
     "hosted Netanyahu in Budapest.", "hosted", "occurred"),
]


@pytest.mark.parametrize(("sentence", "trigger", "expected"), CASES,
                         ids=[f"{c[1]}-{c[0][:40]}" for c in CASES])
def test_events_factuality_status(nlp, sentence, trigger, expected):
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == trigger)
    assert status_of(token) == expected


def test_events_factuality_lexicon_sees_every_case_trigger(nlp):
    lexicon = default_lexicon()
    for sentence, trigger, _ in CASES:
        token = next(t for t in nlp(sentence) if t.text == trigger)
        assert token.lemma_.lower() in lexicon.lemmas(), trigger


def _token(nlp, sentence, word):
    return next(t for t in nlp(sentence) if t.text == word)


def test_events_factuality_has_at_least_sixty_cases():
    assert len(CASES) >= 60
    assert {expected for _, _, expected in CASES} == {"occurred", "planned", "possible", "negated"}


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Jordan would not sign the agreement.", "sign"),
        ("Seoul won't attend the summit in Pyongyang.", "summit"),
        ("Russia said it will not withdraw its troops from the region.", "withdraw"),
    ],
)
def test_events_factuality_negated_future_is_a_refusal(nlp, sentence, trigger):
    assert is_refusal(_token(nlp, sentence, trigger))


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Boric did not meet Milei during the summit.", "meet"),
        ("Erdogan will visit Baku next month.", "visit"),
    ],
)
def test_events_factuality_past_negation_or_plain_future_is_no_refusal(nlp, sentence, trigger):
    assert not is_refusal(_token(nlp, sentence, trigger))


def test_events_factuality_reported_clause_keeps_the_reporter_out_of_the_subject(nlp):
    # "no" belongs to the reporting clause's subject, not to the reported event
    doc = "No one disputed that police arrested the activists."
    assert status_of(_token(nlp, doc, "arrested")) == "occurred"
