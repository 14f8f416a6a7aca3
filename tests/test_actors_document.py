from datetime import date

import pytest

from polex.actors import ActorResolver, default_kb
from polex.actors.document import DocumentActors
from tests.handmade import make_doc

D = date

MOZAMBIQUE = (
    "Mozambique's opposition candidate Venâncio Mondlane called for a national strike on "
    "Monday. Police fired tear gas at his supporters in Maputo. Mondlane said the vote had "
    "been rigged. Mondlane's supporters blocked roads into the capital."
)
INDIA = (
    "Indian Foreign Secretary Vikram Misri met Chinese officials in Beijing on Monday. "
    "Misri said the talks on the border had been constructive."
)
CHILE = (
    "Gabriel Boric, Chile's president, met his Argentine counterpart in Santiago. "
    "Boric said his predecessor had signed a similar accord in 2019. "
    "His predecessor also visited Buenos Aires in 2019."
)
PAKISTAN = (
    "Former prime minister Nawaz Sharif returned to Lahore after four years in exile. "
    "Sharif criticized the army at a rally on Saturday."
)
EAST_AFRICA = (
    "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Arusha. "
    "Hassan praised the trade deal. Ruto said the border would reopen. "
    "In 2016 Samia visited Nairobi as vice president."
)
ARGENTINA = (
    "Argentine President Javier Milei met Chilean President Gabriel Boric in Buenos Aires. "
    "Milei's predecessor had refused to travel to Santiago. Milei thanked Boric."
)
NEW_ZEALAND = (
    "Jacinda Ardern announced her resignation in Napier. Her successor was sworn in "
    "in Wellington on Wednesday. Ardern said she no longer had enough in the tank."
)
BOLIVIA = (
    "Former President Evo Morales accused the government of planning his arrest. "
    "Morales addressed supporters in the Chapare region. "
    "Bolivian police said they had no warrant."
)
CUBA_HONDURAS = (
    "Honduran President Xiomara Castro met Cuban leader Miguel Díaz-Canel in Havana. "
    "Castro thanked Cuba for sending doctors."
)
SENEGAL = (
    "Senegalese opposition leader Ousmane Sonko was arrested in Dakar on Friday. "
    "Sonko's lawyers said the charges were political. Sonko denied the accusations."
)
SUDAN = (
    "Abdel Fattah al-Burhan, the head of Sudan's army, met Egyptian officials in Cairo. "
    "Burhan rejected a ceasefire proposal."
)
NIGER = (
    "Nigerien junta leader Abdourahamane Tiani expelled the French ambassador. "
    "Tiani said the decision was final."
)
UK = (
    "Liz Truss resigned as prime minister after 45 days. Her successor promised "
    "stability. Truss said she had been unable to deliver her mandate."
)
GERMANY = (
    "German Chancellor Olaf Scholz visited Kyiv. Scholz's predecessor had opposed "
    "sending weapons. Scholz pledged more air defence systems."
)
PARAGUAY = (
    "Paraguayan President Mario Abdo Benítez met Taiwanese officials in Asunción. "
    "Abdo Benítez's successor will take office in August."
)
LEBANON = (
    "Lebanese President Michel Aoun signed the maritime border deal. "
    "Aoun said the agreement did not amount to normalization."
)
SOMALIA = (
    "Somali President Hassan Sheikh Mohamud visited Kismayo. "
    "Mohamud promised to defeat al-Shabaab. His predecessor had also visited the city."
)
UKRAINE = (
    "Ukrainian Foreign Minister Dmytro Kuleba met his Polish counterpart in Warsaw. "
    "Kuleba asked for more artillery shells."
)
TWO_SHARIFS = (
    "Nawaz Sharif met his brother, Prime Minister Shehbaz Sharif, in Lahore. "
    "Sharif said the economy would recover."
)
MEXICO = (
    "Mexican President Claudia Sheinbaum spoke with Canadian Prime Minister Justin Trudeau. "
    "Sheinbaum said tariffs would hurt both countries. Trudeau agreed."
)
BANGLADESH = (
    "Muhammad Yunus, the head of Bangladesh's interim government, met student leaders in "
    "Dhaka. Yunus promised elections. Sheikh Hasina, who fled to India, criticized him."
)
GEORGIA = (
    "Georgian Prime Minister Irakli Kobakhidze rejected the European Parliament's "
    "resolution. Kobakhidze accused Brussels of blackmail."
)
ECUADOR = (
    "Ecuador's president, Daniel Noboa, declared a state of emergency. Noboa ordered "
    "troops into the prisons. His predecessor, Guillermo Lasso, had done the same in 2021."
)
PHILIPPINES = (
    "Philippine Defence Secretary Gilberto Teodoro accused Beijing of aggression. "
    "Teodoro said the navy would keep resupplying the outpost."
)

CASES = [
    # surname-only later mentions of a person the article introduced with a title
    (MOZAMBIQUE, D(2024, 11, 1), "Mondlane", 1, None, [("MOZ", "OPP", None, None)]),
    (INDIA, D(2025, 1, 27), "Misri", 1, None, [("IND", "GOV", "Foreign Secretary", None)]),
    # "Tiani" is a transliteration the knowledge base lists for Tchiani
    (NIGER, D(2023, 9, 1), "Tiani", 1, None,
     [("NER", "GOV", "President", "Abdourahamane Tchiani")]),
    (SENEGAL, D(2023, 6, 1), "Sonko", 2, None, [("SEN", "OPP", "Opposition Leader", None)]),
    (
        GERMANY,
        D(2022, 6, 16),
        "Scholz",
        2,
        None,
        [("DEU", "GOV", "Chancellor", "Olaf Scholz")],
    ),
    (
        EAST_AFRICA,
        D(2024, 5, 1),
        "Hassan",
        1,
        None,
        [("TZA", "GOV", "President", "Samia Suluhu Hassan")],
    ),
    (EAST_AFRICA, D(2024, 5, 1), "Ruto", 1, None, [("KEN", "GOV", "President", "William Ruto")]),
    (
        UKRAINE,
        D(2023, 2, 1),
        "Kuleba",
        1,
        None,
        [("UKR", "GOV", "Foreign Minister", "Dmytro Kuleba")],
    ),
    (
        MEXICO,
        D(2025, 2, 3),
        "Sheinbaum",
        1,
        None,
        [("MEX", "GOV", "President", "Claudia Sheinbaum")],
    ),
    (
        MEXICO,
        D(2025, 2, 3),
        "Trudeau",
        1,
        None,
        [("CAN", "GOV", "Prime Minister", "Justin Trudeau")],
    ),
    (
        GEORGIA,
        D(2024, 11, 29),
        "Kobakhidze",
        1,
        None,
        [("GEO", "GOV", "Prime Minister", "Irakli Kobakhidze")],
    ),
    (
        PHILIPPINES,
        D(2024, 6, 20),
        "Teodoro",
        1,
        None,
        [("PHL", "GOV", "Defence Secretary", None)],
    ),
    # appositions introduce the person
    (CHILE, D(2023, 6, 1), "Boric", 1, None, [("CHL", "GOV", "President", "Gabriel Boric")]),
    (
        SUDAN,
        D(2024, 3, 1),
        "Burhan",
        1,
        None,
        [("SDN", "GOV", "Chairman of the Sovereignty Council", "Abdel Fattah al-Burhan")],
    ),
    (
        BANGLADESH,
        D(2024, 9, 1),
        "Yunus",
        1,
        None,
        [("BGD", "GOV", "Chief Adviser", "Muhammad Yunus")],
    ),
    (ECUADOR, D(2024, 1, 9), "Noboa", 1, None, [("ECU", "GOV", "President", "Daniel Noboa")]),
    # namesakes: the article says which one
    (
        PAKISTAN,
        D(2023, 10, 21),
        "Sharif",
        1,
        None,
        [("PAK", "ELI", "former Prime Minister", "Nawaz Sharif")],
    ),
    (
        CUBA_HONDURAS,
        D(2023, 1, 20),
        "Castro",
        1,
        None,
        [("HND", "GOV", "President", "Xiomara Castro")],
    ),
    (
        LEBANON,
        D(2022, 10, 27),
        "Aoun",
        1,
        None,
        [("LBN", "GOV", "President", "Michel Aoun")],
    ),
    (
        SOMALIA,
        D(2023, 1, 10),
        "Mohamud",
        1,
        None,
        [("SOM", "GOV", "President", "Hassan Sheikh Mohamud")],
    ),
    (TWO_SHARIFS, D(2024, 5, 20), "Sharif", 2, None, []),
    # a person's office at the event date; former leaders are ELI
    (
        EAST_AFRICA,
        D(2024, 5, 1),
        "Samia",
        0,
        D(2016, 6, 1),
        [("TZA", "GOV", "Vice President", "Samia Suluhu Hassan")],
    ),
    (
        BOLIVIA,
        D(2024, 6, 1),
        "Morales",
        1,
        None,
        [("BOL", "ELI", "former President", "Evo Morales")],
    ),
    (
        BOLIVIA,
        D(2024, 6, 1),
        "Morales",
        1,
        D(2015, 6, 1),
        [("BOL", "GOV", "President", "Evo Morales")],
    ),
    (
        NEW_ZEALAND,
        D(2023, 1, 19),
        "Ardern",
        1,
        D(2023, 2, 1),
        [("NZL", "ELI", "former Prime Minister", "Jacinda Ardern")],
    ),
    (
        UK,
        D(2022, 10, 20),
        "Truss",
        1,
        D(2022, 10, 30),
        [("GBR", "ELI", "former Prime Minister", "Liz Truss")],
    ),
    (
        BANGLADESH,
        D(2024, 9, 1),
        "Sheikh Hasina",
        0,
        None,
        [("BGD", "ELI", "former Prime Minister", "Sheikh Hasina")],
    ),
    # predecessor and successor through the knowledge base
    (
        CHILE,
        D(2023, 6, 1),
        "His predecessor",
        0,
        D(2019, 6, 1),
        [("CHL", "GOV", "President", "Sebastián Piñera")],
    ),
    (
        CHILE,
        D(2023, 6, 1),
        "his predecessor",
        0,
        D(2023, 6, 1),
        [("CHL", "ELI", "former President", "Sebastián Piñera")],
    ),
    (
        ARGENTINA,
        D(2024, 6, 5),
        "Milei's predecessor",
        0,
        None,
        [("ARG", "ELI", "former President", "Alberto Fernández")],
    ),
    (
        NEW_ZEALAND,
        D(2023, 1, 25),
        "Her successor",
        0,
        None,
        [("NZL", "GOV", "Prime Minister", "Chris Hipkins")],
    ),
    (
        UK,
        D(2022, 10, 25),
        "Her successor",
        0,
        None,
        [("GBR", "GOV", "Prime Minister", "Rishi Sunak")],
    ),
    (
        GERMANY,
        D(2022, 6, 16),
        "Scholz's predecessor",
        0,
        D(2021, 6, 1),
        [("DEU", "GOV", "Chancellor", "Angela Merkel")],
    ),
    (
        PARAGUAY,
        D(2023, 5, 1),
        "Abdo Benítez's successor",
        0,
        None,
        [("PRY", None, None, "Santiago Peña")],
    ),
    (
        SOMALIA,
        D(2023, 1, 10),
        "His predecessor",
        0,
        None,
        [("SOM", "ELI", "former President", "Mohamed Abdullahi Mohamed")],
    ),
    # the knowledge base and the resolver still answer everything else
    (MOZAMBIQUE, D(2024, 11, 1), "Police", 0, None, [(None, "COP", None, None)]),
    (MOZAMBIQUE, D(2024, 11, 1), "Mondlane's supporters", 0, None, [("MOZ", "CVL", None, None)]),
    (BOLIVIA, D(2024, 6, 1), "Bolivian police", 0, None, [("BOL", "COP", None, None)]),
    (
        ECUADOR,
        D(2024, 1, 9),
        "Guillermo Lasso",
        0,
        D(2021, 9, 1),
        [("ECU", "GOV", "President", "Guillermo Lasso")],
    ),
    (
        CUBA_HONDURAS,
        D(2023, 1, 20),
        "Cuban leader Miguel Díaz-Canel",
        0,
        None,
        [("CUB", "GOV", "President", "Miguel Díaz-Canel")],
    ),
    (INDIA, D(2025, 1, 27), "Chinese officials", 0, None, [("CHN", "GOV", None, None)]),
]


@pytest.fixture(scope="module")
def resolver():
    return ActorResolver(default_kb())


def _mention(doc, text, occurrence):
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(text, start + 1)
    span = doc.char_span(start, start + len(text), alignment_mode="expand")
    assert span is not None
    return span


def _full(entities):
    return [(e.code, e.sector, e.office, e.identifier_text) for e in entities]


@pytest.mark.parametrize("article, published, mention, occurrence, when, expected", CASES)
def test_actors_document_mentions_resolve_as_a_reader_would(
    nlp, resolver, article, published, mention, occurrence, when, expected
):
    doc = nlp(article)
    actors = DocumentActors(doc, resolver, published)
    span = _mention(doc, mention, occurrence)
    assert _full(actors.resolve(span, when or published)) == expected


def test_actors_document_later_mention_keeps_its_own_text(nlp, resolver):
    doc = nlp(MOZAMBIQUE)
    actors = DocumentActors(doc, resolver, D(2024, 11, 1))
    [mondlane] = actors.resolve(_mention(doc, "Mondlane", 1), D(2024, 11, 1))
    assert mondlane.entity_text == "Mondlane"


def test_actors_document_registers_full_name_and_surname(nlp, resolver):
    doc = nlp(INDIA)
    actors = DocumentActors(doc, resolver, D(2025, 1, 27))
    assert [p.name for p in actors.people] == ["Vikram Misri"]
    assert actors.person_named("Vikram Misri") is actors.person_named("Misri")


def test_actors_document_unintroduced_unknown_name_stays_unresolved(nlp, resolver):
    doc = nlp("Juan Pérez criticized the decision. Pérez said he would appeal.")
    actors = DocumentActors(doc, resolver, D(2024, 1, 1))
    assert actors.people == []
    assert actors.resolve(_mention(doc, "Pérez", 1), D(2024, 1, 1)) == []


def test_actors_document_predecessor_without_a_person_is_unresolved(nlp, resolver):
    doc = nlp("The ministry said his predecessor had approved the plan.")
    actors = DocumentActors(doc, resolver, D(2024, 1, 1))
    assert actors.resolve(_mention(doc, "his predecessor", 0), D(2024, 1, 1)) == []


def test_actors_document_title_alone_is_the_person_last_named_with_it(nlp, resolver):
    doc = nlp(
        "Secretary of State Antony Blinken spoke with Kenyan President William Ruto on "
        "Wednesday. The Secretary commended Kenya's offer to lead the mission."
    )
    actors = DocumentActors(doc, resolver, D(2023, 8, 2))
    [secretary] = actors.resolve(_mention(doc, "The Secretary", 0), D(2023, 8, 2))
    assert (secretary.code, secretary.sector) == ("USA", "GOV")
    assert secretary.entity_text == "The Secretary"


def test_actors_document_title_nobody_was_named_with_stays_a_sector_noun(nlp, resolver):
    doc = nlp(
        "Kenyan President William Ruto met aid agencies in Nairobi. "
        "The minister said the plan was ready."
    )
    actors = DocumentActors(doc, resolver, D(2023, 8, 2))
    found = actors.resolve(_mention(doc, "The minister", 0), D(2023, 8, 2))
    assert all(e.identifier_text != "William Ruto" for e in found)


# "Archbishop Bagrat Galstanyan led the march . Galstanyan demanded talks ." - the
# recognizer labels the second "Galstanyan" NORP
GALSTANYAN = [
    ("Archbishop", "archbishop", "PROPN", 2, "compound"),
    ("Bagrat", "Bagrat", "PROPN", 2, "compound"),
    ("Galstanyan", "Galstanyan", "PROPN", 3, "nsubj"),
    ("led", "lead", "VERB", 3, "ROOT"),
    ("the", "the", "DET", 5, "det"),
    ("march", "march", "NOUN", 3, "dobj"),
    (".", ".", "PUNCT", 3, "punct"),
    ("Galstanyan", "Galstanyan", "PROPN", 8, "nsubj"),
    ("demanded", "demand", "VERB", 8, "ROOT"),
    ("talks", "talk", "NOUN", 8, "dobj"),
    (".", ".", "PUNCT", 8, "punct"),
]


def test_actors_document_introduced_surname_resolves_whatever_its_entity_label(resolver):
    doc = make_doc(GALSTANYAN, ents=[(1, 3, "PERSON"), (7, 8, "NORP")])
    actors = DocumentActors(doc, resolver, D(2024, 5, 9))
    [galstanyan] = actors.resolve(doc[7:8], D(2024, 5, 9))
    assert (galstanyan.code, galstanyan.sector) == (None, "REL")


def test_actors_document_office_given_with_as_introduces_the_person(nlp, resolver):
    doc = nlp("Juan Pérez resigned as Peru's interior minister on Monday. "
              "Pérez said he had been pushed out.")
    actors = DocumentActors(doc, resolver, D(2024, 1, 1))
    [perez] = actors.resolve(_mention(doc, "Pérez", 1), D(2024, 1, 1))
    assert (perez.code, perez.sector) == ("PER", "GOV")
