import pytest

from polex.events.arguments import verb_arguments
from polex.places import NAME, GeonamesPlacer

PLACE_PREPOSITIONS = {"in", "at", "near"}


@pytest.fixture(scope="module")
def placer():
    return GeonamesPlacer()


def place_phrases(doc):
    """The "in", "at" and "near" phrases of the main verb and of its subject and object
    (the event noun of "held talks at ..."), as the extractor hands them to the placer."""
    root = next(t for t in doc if t.dep_ == "ROOT")
    owners = [root] + [c for c in root.children if c.dep_ in {"dobj", "nsubj", "nsubjpass"}]
    phrases = []
    for prep in (c for owner in owners for c in owner.children):
        if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPOSITIONS:
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                subtree = list(obj.subtree)
                phrases.append(doc[subtree[0].i : subtree[-1].i + 1])
    return phrases


CASES = [
    # sentence, countries in play, extracted, resolved, country
    ("Rahmon received Putin in the capital, Dushanbe, on Tuesday.", (),
     "Dushanbe", "Dushanbe", "TJK"),
    ("Biden and Xi held talks at the summit in Bali.", ("USA", "CHN"), "Bali", "Bali", "IDN"),
    ("Gunmen attacked a convoy in the northern province of La Guajira.", ("COL",),
     "La Guajira", "La Guajira", "COL"),
    ("Militants killed 26 tourists near the resort town of Pahalgam.", ("IND", "PAK"),
     "Pahalgam", "Pahalgam", "IND"),
    ("The foreign ministers met in Moscow on Monday.", ("USA", "RUS"),
     "Moscow", "Moscow", "RUS"),
    ("Russian forces shelled villages in the Donetsk region.", ("RUS", "UKR"),
     "Donetsk", "Donetsk Oblast", "UKR"),
    ("Artillery hit a market in Donetsk.", ("RUS", "UKR"), "Donetsk", "Donetsk", "UKR"),
    ("Police arrested twelve activists in Hyderabad, Pakistan.", (),
     "Hyderabad", "Hyderabad", "PAK"),
    ("Police arrested twelve activists in Hyderabad.", ("PAK", "IND"),
     "Hyderabad", "Hyderabad", "PAK"),
    ("Police arrested twelve activists in Hyderabad.", ("IND",), "Hyderabad", "Hyderabad", "IND"),
    ("Xi met Rahmon in the Tajik capital.", (), "Tajik capital", "Dushanbe", "TJK"),
    ("The senators held a town hall in Moscow, Idaho.", ("USA",), "Moscow", "Moscow", "USA"),
    ("Protesters gathered at the Kremlin on Saturday.", ("RUS",), "Kremlin", "Kremlin", "RUS"),
    ("Militants attacked a bus in Pahalgam in Kashmir.", ("IND",), "Pahalgam", "Pahalgam", "IND"),
    ("Lawmakers met in Singapore last week.", ("SGP",), "Singapore", "Singapore", "SGP"),
    ("The two presidents met at the White House.", ("USA", "MAR"),
     "the White House", "White House", "USA"),
    ("Troops were deployed in Kunar province.", ("AFG",), "Kunar province", "Kunar", "AFG"),
    ("Gunmen kidnapped students in Zamfara State.", ("NGA",), "Zamfara State", "Zamfara", "NGA"),
    ("Guyana held a referendum in Essequibo.", ("GUY", "VEN"),
     "Essequibo", "Essequibo", "GUY"),
    ("Officials met at talks in Astana in January.", ("KAZ",), "Astana", "Astana", "KAZ"),
    ("Police fired tear gas at protesters in the capital and in the northern city of Nampula.",
     ("MOZ",), "Nampula", "Nampula", "MOZ"),
    ("Gunmen shot dead the lawyer in his car in Maputo last Saturday.", ("MOZ",),
     "Maputo", "Maputo", "MOZ"),
    ("ELN fighters seized the mayor at a petrol station in his home town of Barrancas.",
     ("COL",), "Barrancas", "Barrancas", "COL"),
    ("Security forces dispersed protesters in Almaty's Republic Square.", ("RUS", "KAZ"),
     "Almaty", "Almaty", "KAZ"),
    ("A glide bomb hit a crowd in Kharkiv's northern outskirts.", ("RUS", "UKR"),
     "Kharkiv", "Kharkiv", "UKR"),
    ("Gunmen abducted thirty pupils in Yauri, Kebbi State.", (),
     "Kebbi State", "Kebbi", "NGA"),
    ("Soldiers killed dozens of civilians in the Ethiopian town of Humera.", ("ERI",),
     "Humera", "Ethiopia", "ETH"),
]


@pytest.mark.parametrize(("sentence", "countries", "extracted", "resolved", "country"), CASES,
                         ids=[c[0][:45] for c in CASES])
def test_places_placer_resolves_news_place_phrases(
    nlp, placer, sentence, countries, extracted, resolved, country
):
    location = placer.locate(place_phrases(nlp(sentence)), countries=countries)
    assert location is not None
    assert (location.extracted_place, location.resolved_place, location.country_code) == (
        extracted, resolved, country)


def test_places_placer_georgia_is_the_state_in_an_american_story(nlp, placer):
    spans = place_phrases(nlp("Police arrested dozens of protesters in Georgia."))
    assert placer.locate(spans, countries=["USA"]).admin1 == "Georgia"
    assert placer.locate(spans, countries=["USA"]).country_code == "USA"


def test_places_placer_georgia_is_the_country_in_a_caucasus_story(nlp, placer):
    spans = place_phrases(nlp("Police arrested dozens of protesters in Georgia."))
    assert placer.locate(spans, countries=["GEO", "RUS"]).country_code == "GEO"


def test_places_placer_fills_coordinates_geonameid_and_admin1(nlp, placer):
    location = placer.locate(place_phrases(nlp("Two bombs exploded in Maicao on Friday.")))
    assert location.geonameid is not None
    assert location.admin1 == "La Guajira"
    assert 11.0 < location.lat < 11.6 and -72.5 < location.lon < -72.0


def test_places_placer_country_has_no_point_coordinates(nlp, placer):
    location = placer.locate(place_phrases(nlp("Elections were held in Kenya in August.")))
    assert (location.country_code, location.lat, location.admin1) == ("KEN", None, None)


def test_places_placer_place_used_as_actor_gives_no_location(nlp, placer):
    doc = nlp("Moscow said it would send more troops to the border.")
    said = next(t for t in doc if t.text == "said")
    assert placer.locate(verb_arguments(said, set()).places) is None


def test_places_placer_ignores_people_in_non_place_phrases(nlp, placer):
    doc = nlp("Scholz travelled to Beijing at the invitation of Li Qiang.")
    assert placer.locate(place_phrases(doc)) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Kazakhstan tightened controls at its border with Kyrgyzstan.",
        "Jordan recalled its ambassador in protest at the Israeli offensive in the Gaza Strip.",
        "Gonsalves hosted the meeting in his role as head of the Caribbean States.",
    ],
)
def test_places_placer_ignores_names_that_do_not_say_where(nlp, placer, sentence):
    assert placer.locate(place_phrases(nlp(sentence))) is None


def test_places_placer_ignores_possessive_place_names(nlp, placer):
    doc = nlp("The deal was a setback in Beijing's view.")
    assert placer.locate(place_phrases(doc)) is None


def test_places_placer_a_states_embassy_abroad_is_not_in_that_state(nlp, placer):
    doc = nlp("A gunman opened fire at Azerbaijan's embassy in Tehran.")
    assert placer.locate(place_phrases(doc)).country_code == "IRN"


def test_places_placer_keeps_an_unknown_tagged_place_unresolved(nlp, placer):
    location = placer.locate(place_phrases(nlp("Clashes broke out in Lyari on Sunday.")))
    assert (location.extracted_place, location.resolved_place, location.country_code) == (
        "Lyari", None, None)


def test_places_placer_without_phrases_returns_none(placer):
    assert placer.locate([]) is None


def test_places_placer_registration_name_is_versioned():
    assert NAME == "polex.places.geonames.v2"
    assert GeonamesPlacer.name == NAME



def test_places_placer_name_with_its_lowercase_division_word(nlp, placer):
    doc = nlp("Gunmen attacked a village in Plateau state on Sunday.")
    assert placer.locate(place_phrases(doc)).country_code == "NGA"


def test_places_placer_namesake_abroad_of_a_village_in_a_named_division_is_dropped(nlp, placer):
    doc = nlp("Gunmen stormed Mushu, a farming village in the Bokkos area of Plateau state.")
    mushu = next(ent for ent in doc.ents if ent.text == "Mushu")
    plateau = next(t for t in doc if t.text == "Plateau")
    assert placer.country_of(mushu) == "TUR"
    assert placer.country_of(mushu, beside=[doc[plateau.i : plateau.i + 1]]) is None
