"""An outside table's rule stands only when the event classifier agrees with its type."""

from datetime import date

from polex.actors import ActorResolver, default_kb
from polex.events import EventExtractor
from polex.events.classifier import NO_EVENT, TriggerClassifier
from polex.events.lexicon import Lexicon, default_lexicon
from polex.places import GeonamesPlacer
from polex.schema import Article
from tests.handmade import CHIDED, CHIDED_ENTS, make_doc

CAMEO = Lexicon.from_text(
    "chide\tVERB\t\tACCUSE\tdisapprove\t\t0.5\n", source="cameo2-petrarch.tsv"
)


def _events(classifier: TriggerClassifier) -> list[str]:
    doc = make_doc(CHIDED, ents=CHIDED_ENTS)
    extractor = EventExtractor(
        ActorResolver(default_kb()), GeonamesPlacer(),
        lexicon=Lexicon.combine([default_lexicon(), CAMEO]), classifier=classifier,
    )
    article = Article(id="a1", text=doc.text, published=date(2024, 6, 7))
    return [e.event for e in extractor.extract(doc, article)]


def _model(accuse_bias: float) -> TriggerClassifier:
    return TriggerClassifier(
        labels=[NO_EVENT, "ACCUSE"], weights={}, bias=[0.0, accuse_bias], threshold=0.99,
        rule_threshold=0.6,
    )


def test_events_extractor_keeps_an_outside_rule_the_classifier_confirms():
    assert _events(_model(accuse_bias=3.0)) == ["ACCUSE"]


def test_events_extractor_drops_an_outside_rule_the_classifier_doubts():
    assert _events(_model(accuse_bias=-3.0)) == []


def _screening_extractor(classifier: TriggerClassifier) -> EventExtractor:
    return EventExtractor(
        ActorResolver(default_kb()), GeonamesPlacer(),
        lexicon=Lexicon.combine([default_lexicon(), CAMEO]), classifier=classifier,
    )


def test_events_extractor_may_find_an_outside_rule_the_classifier_could_confirm():
    unlabelled = make_doc(CHIDED)  # parsed, entities not recognized yet
    assert _screening_extractor(_model(accuse_bias=3.0)).may_find_event(unlabelled[:])


def test_events_extractor_may_not_find_an_outside_rule_the_classifier_doubts():
    unlabelled = make_doc(CHIDED)
    assert not _screening_extractor(_model(accuse_bias=-3.0)).may_find_event(unlabelled[:])
