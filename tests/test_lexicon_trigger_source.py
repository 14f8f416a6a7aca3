from datetime import date

from polex.actors import ActorResolver, default_kb
from polex.events import EventExtractor
from polex.events.lexicon import Lexicon, default_lexicon
from polex.places import GeonamesPlacer
from polex.schema import Article
from tests.handmade import CHIDED, CHIDED_ENTS, make_doc

CAMEO = Lexicon.from_text(
    "# converted\n"
    "chide\tVERB\t\tACCUSE\tdisapprove\t\t0.5\tCAMEO 111 from CAMEO.2.0.verbs.txt:7001\n",
    source="cameo2-petrarch.tsv",
)


def test_lexicon_event_from_a_petrarch_rule_names_its_table_and_line():
    doc = make_doc(CHIDED, ents=CHIDED_ENTS)
    extractor = EventExtractor(
        ActorResolver(default_kb()), GeonamesPlacer(),
        lexicon=Lexicon.combine([default_lexicon(), CAMEO]), use_classifier=False,
    )
    article = Article(id="a1", text=doc.text, published=date(2024, 6, 7))
    events = extractor.extract(doc, article)
    assert [(e.event, e.trigger_source) for e in events] == [
        ("ACCUSE", "cameo2-petrarch.tsv:2")
    ]
