from datetime import date

import pytest

from polex.actors import ActorResolver, Coreference, DocumentActors, default_kb, fits_pronoun
from polex.actors.coreference import descriptions
from polex.pipeline import Pipeline
from polex.schema import Article, Entity

PUBLISHED = date(2024, 3, 14)


@pytest.fixture(scope="module")
def resolver():
    return ActorResolver(default_kb())


def _coreference(nlp, resolver, text):
    doc = nlp(text)
    return doc, Coreference(doc, DocumentActors(doc, resolver, PUBLISHED))


def _word(doc, text, occurrence=0):
    return [t for t in doc if t.text == text][occurrence]


def _phrase(doc, text):
    start = doc.text.index(text)
    return doc.char_span(start, start + len(text))


def _codes(entities):
    return sorted(e.code for e in entities)


def test_actors_coreference_she_is_the_person_named_in_the_sentence_before(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Kenyan President William Ruto wrapped up a three-day tour of Japan. "
        "On Friday he signed a loan agreement with the Japan International Cooperation Agency."
    ))
    assert _codes(coreference.pronoun(_word(doc, "he"))) == ["KEN"]


def test_actors_coreference_he_prefers_the_subject_over_a_nearer_person(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "French President Emmanuel Macron telephoned Kenyan President William Ruto on Monday. "
        "In the call he offered to send engineers to repair the railway."
    ))
    assert _codes(coreference.pronoun(_word(doc, "he"))) == ["FRA"]


def test_actors_coreference_it_is_the_state_subject_of_the_sentence_before(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Norway summoned Iran's ambassador after Tehran executed two dissidents. "
        "On Tuesday it suspended a development programme worth $20 million."
    ))
    assert _codes(coreference.pronoun(_word(doc, "it"))) == ["NOR"]


def test_actors_coreference_they_after_coordinated_subjects_is_both(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Ethiopia and Eritrea sent delegations to Nairobi for a week of talks. "
        "On Sunday they signed a declaration on reopening the border crossings."
    ))
    assert _codes(coreference.pronoun(_word(doc, "they"))) == ["ERI", "ETH"]


def test_actors_coreference_pronoun_with_nothing_fitting_before_gives_nothing(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Heavy rain fell across the region for a third day. "
        "On Sunday he visited the flooded villages."
    ))
    assert coreference.pronoun(_word(doc, "he")) == []


def test_actors_coreference_the_kingdom_prefers_a_state_so_named(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Jordan closed its crossing with Syria after a surge in drug smuggling. "
        "On Monday the kingdom deployed more troops to the frontier."
    ))
    assert _codes(coreference.description(_phrase(doc, "the kingdom"))) == ["JOR"]


def test_actors_coreference_the_country_is_the_nearest_state(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Mexico's foreign ministry criticized the decision taken in Quito. "
        "Hours later Ecuador announced new visa rules, and the country closed its consulate."
    ))
    assert _codes(coreference.description(_phrase(doc, "the country"))) == ["ECU"]


def test_actors_coreference_a_region_word_keeps_only_that_regions_states(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Two Russian helicopters crossed into Latvian airspace near the border with Belarus. "
        "The Baltic state protested to Moscow on Saturday."
    ))
    assert _codes(coreference.description(_phrase(doc, "The Baltic state"))) == ["LVA"]


def test_actors_coreference_a_region_word_finds_the_state_named_by_its_towns(nlp, resolver):
    text = ("Crowds stormed the mayor's office in Almaty on Wednesday. "
            "Late that night the Central Asian state appealed for help.")
    doc = nlp(text)
    coreference = Coreference(doc, DocumentActors(doc, resolver, PUBLISHED), ["KAZ", "RUS"])
    described = coreference.description(_phrase(doc, "the Central Asian state"))
    assert _codes(described) == ["KAZ"]


def test_actors_coreference_the_bloc_is_the_union_named_before(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "EU trade ministers gathered in Brussels to discuss Chinese steel. "
        "The bloc agreed to raise tariffs on imports from China."
    ))
    assert _codes(coreference.description(_phrase(doc, "The bloc"))) == ["EUR"]


def test_actors_coreference_the_alliance_named_nowhere_is_left_unresolved(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Drones flew over military bases in Denmark for a second night. "
        "The alliance sent more air-defence systems to the region."
    ))
    assert coreference.description(_phrase(doc, "The alliance")) == []


def test_actors_coreference_it_after_a_sentence_about_a_thing_is_left_unresolved(
        nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Uzbekistan adopted a new constitution in April. "
        "Officially, the text is a charter of rights: it promises a social state."
    ))
    pronoun = next(t for t in doc if t.lower_ == "it")
    assert coreference.pronoun(pronoun) == []


def test_actors_coreference_the_two_countries_are_the_pair_named_together(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "India and Pakistan exchanged artillery fire along the Line of Control in May. "
        "On Monday the two countries agreed to restore a hotline between their armies."
    ))
    described = coreference.description(_phrase(doc, "the two countries"))
    assert _codes(described) == ["IND", "PAK"]


def test_actors_coreference_the_junta_is_the_nearest_states_government(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Soldiers took power in Niger last July and detained the elected president. "
        "The junta ordered the French ambassador to leave."
    ))
    described = coreference.description(_phrase(doc, "The junta"))
    assert [(e.code, e.sector) for e in described] == [("NER", "GOV")]


def test_actors_coreference_a_leaders_name_gives_the_government_its_state(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Prime Minister Ulf Kristersson returned from Washington on Friday. "
        "The Kristersson government then raised the terrorism threat level."
    ))
    described = coreference.description(_phrase(doc, "The Kristersson government"))
    assert _codes(described) == ["SWE"]


def test_actors_coreference_a_description_with_no_state_before_gives_nothing(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Fuel prices rose sharply over the weekend. The country imposed a price cap."
    ))
    assert coreference.description(_phrase(doc, "The country")) == []


def test_actors_coreference_a_possessive_pronoun_names_the_owner_state(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Brazilian President Luiz Inácio Lula da Silva hosted a summit on the Amazon. "
        "Afterwards his government banned new mining permits in indigenous reserves."
    ))
    assert coreference.possessor_code(_phrase(doc, "his government")) == "BRA"


def test_actors_coreference_one_named_state_does_not_fit_they():
    assert not fits_pronoun("they", [Entity("CHN", "GOV", "China", "Q148", "China")])


def test_actors_coreference_region_codes_are_states_the_knowledge_base_knows():
    kb = default_kb()
    codes = {code for region in descriptions().regions.values() for code in region}
    assert [code for code in sorted(codes) if kb.country(code) is None] == []


def test_actors_coreference_pronoun_subject_gives_the_event_an_actor():
    article = Article(id="fr", published=date(2025, 5, 30), text=(
        "French President Emmanuel Macron ended a state visit to Vietnam with a stop in "
        "Singapore. On Thursday he met Indonesian President Prabowo Subianto in Jakarta."
    ))
    events = Pipeline().code(article).events
    meetings = [e for e in events if e.event_text == "met"]
    assert [(_codes(e.actor), _codes(e.recipient)) for e in meetings] == [(["FRA"], ["IDN"])]


def test_actors_coreference_corrects_the_actor_without_adding_events():
    # the memory's "person last introduced" is Tshisekedi; the subject before is the king
    article = Article(id="visit", published=date(2022, 6, 10), text=(
        "Belgium's King Philippe met Congolese President Felix Tshisekedi in Brussels on "
        "Tuesday. Afterwards he apologised for the wounds of the colonial period."
    ))
    events = Pipeline().code(article).events
    assert [(e.event_text, _codes(e.actor)) for e in events] == [
        ("met", ["COD"]), ("apologised", ["BEL"])]


def test_actors_coreference_the_organization_is_the_ngo_named_before(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Human Rights Watch said security forces in Uganda had killed 54 people since "
        "November. The organization also called on the Uganda Human Rights Commission to "
        "investigate the killings."
    ))
    found = coreference.organization(_phrase(doc, "The organization"))
    assert [(e.code, e.identifier_text) for e in found] == [("NGO", "Human Rights Watch")]


def test_actors_coreference_the_group_skips_states_and_people(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "M23 rebels seized the border town of Bunagana in June. Congolese President Felix "
        "Tshisekedi accused Rwanda of backing them. In January the group captured Goma."
    ))
    found = coreference.organization(_phrase(doc, "the group"))
    assert [(e.code, e.sector) for e in found] == [("COD", "REB")]


def test_actors_coreference_a_named_movement_is_no_description(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Amnesty International documented the arrests. Weeks later the 'Woman, Life, "
        "Freedom' movement filled the streets of Tehran."
    ))
    assert coreference.organization(_phrase(doc, "the 'Woman, Life, Freedom' movement")) == []


def test_actors_coreference_the_organization_subject_gives_the_event_an_actor():
    text = ("Human Rights Watch accused security forces in Uganda of killing 54 people. "
            "The organization also called on the Uganda Human Rights Commission to "
            "investigate the killings.")
    result = Pipeline().code(Article(id="hrw", text=text, published=PUBLISHED))
    requests = [e for e in result.events if e.event == "REQUEST"]
    assert [[a.code for a in e.actor] for e in requests] == [["NGO"]]


def test_actors_coreference_the_group_is_no_intergovernmental_body(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Amnesty International documented 40 arrests in Antananarivo. The African Union "
        "called for calm on Monday. On Tuesday the group published the names of the "
        "detainees."
    ))
    found = coreference.organization(_phrase(doc, "the group"))
    assert [e.identifier_text for e in found] == ["Amnesty International"]


def test_actors_coreference_pronoun_fronted_before_the_subject_is_that_subject(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Xi Jinping welcomed Olaf Scholz in Beijing on Friday. After he returned to "
        "Moscow, Russian President Vladimir Putin signed the decree."
    ))
    assert _codes(coreference.pronoun(_word(doc, "he"))) == ["RUS"]


def test_actors_coreference_subject_he_skips_a_person_in_a_phrase_of_its_sentence(
        nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Armenian President Serzh Sargsyan spent the summer negotiating with Brussels. "
        "On 3 September 2013, after talks with Putin in the Kremlin, he announced that "
        "Armenia would join the customs union."
    ))
    assert _codes(coreference.pronoun(_word(doc, "he"))) == ["ARM"]


def test_actors_coreference_acronym_is_the_organization_it_abbreviates(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Hasina won a fourth term in a January election that the main opposition Bangladesh "
        "Nationalist Party boycotted. In 2018, the BNP accused the Awami League of rigging "
        "the vote."
    ))
    [party] = coreference.acronym(_phrase(doc, "the BNP"))
    assert (party.code, party.sector) == ("BGD", "PTY")


def test_actors_coreference_acronym_spelling_no_name_before_gives_nothing(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "The main opposition Bangladesh Nationalist Party boycotted the vote. On Monday the "
        "UDF accused the government of rigging it."
    ))
    assert coreference.acronym(_phrase(doc, "the UDF")) == []


def test_actors_coreference_he_is_the_sentence_topic_not_a_clause_subject(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Mirziyoyev's first trip abroad as president went to neighbouring Turkmenistan, where "
        "Gurbanguly Berdymukhamedov received him warmly. Later that month he was in Astana."
    ))
    assert _codes(coreference.pronoun(_word(doc, "he"))) == ["UZB"]


def test_actors_coreference_the_junta_led_by_a_known_leader_is_his_state(nlp, resolver):
    doc, coreference = _coreference(nlp, resolver, (
        "Malian troops fought jihadists near Mopti on Monday. Days earlier the junta led by "
        "Captain Ibrahim Traoré ordered a general mobilisation."
    ))
    described = coreference.description(_phrase(doc, "the junta led by Captain Ibrahim Traoré"))
    assert _codes(described) == ["BFA"]
