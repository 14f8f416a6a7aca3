"""End-to-end coding of short articles: parse with the trained model, then extract."""

from datetime import date

import pytest

from polex.events.extractor import _drop_uncoded_parties
from polex.pipeline import Pipeline
from polex.schema import Article, Entity, Event, TextInfo


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


def _code(pipeline, text, published=date(2024, 6, 7), article_id="a1"):
    [result] = list(pipeline.process([Article(id=article_id, text=text, published=published)]))
    assert result.error is None
    return result.events


def _codes(entities):
    return sorted(e.code for e in entities)


def _the_event(pipeline, text, published, event_text):
    [event] = [e for e in _code(pipeline, text, published) if e.event_text == event_text]
    return event


def test_events_extractor_three_summits_get_three_dates(pipeline):
    text = (
        "Kazakh President Kassym-Jomart Tokayev met Kyrgyz President Sadyr Japarov in "
        "Astana on Tuesday.\n\n"
        "The two leaders first met in Bishkek in 2019. They also met in Tashkent in March 2022."
    )
    meetings = [e for e in _code(pipeline, text) if e.event == "CONSULT"]
    assert sorted(e.date for e in meetings) == ["2019", "2022-03", "2024-06-04"]
    assert all(_codes(e.actor + e.recipient) == ["KAZ", "KGZ"] for e in meetings)


def test_events_extractor_visit_has_visitor_as_actor_and_host_as_recipient(pipeline):
    text = (
        "Chilean President Gabriel Boric met Argentine President Javier Milei in Buenos Aires "
        "on Monday."
    )
    [event] = _code(pipeline, text)
    assert (event.event, event.mode) == ("CONSULT", ["visit"])
    assert (_codes(event.actor), _codes(event.recipient)) == (["CHL"], ["ARG"])
    assert event.date == "2024-06-03"


def test_events_extractor_planned_visit_is_agree_not_consult(pipeline):
    text = "Indian Prime Minister Narendra Modi will visit Dhaka next month, his office said."
    [event] = [e for e in _code(pipeline, text) if e.event in {"AGREE", "CONSULT"}]
    assert (event.event, event.status) == ("AGREE", "planned")
    assert event.date == "2024-07"


def test_events_extractor_negated_meeting_is_kept_as_negated(pipeline):
    text = "Kenyan President William Ruto did not meet opposition leader Raila Odinga on Friday."
    [event] = _code(pipeline, text)
    assert (event.event, event.status) == ("CONSULT", "negated")


def test_events_extractor_refusal_to_sign_is_reject(pipeline):
    text = (
        "Jordan would not sign the water agreement with Israel, Foreign Minister Ayman Safadi "
        "said."
    )
    events = _code(pipeline, text)
    assert [(e.event, e.status) for e in events] == [("REJECT", "occurred")]
    assert _codes(events[0].actor) == ["JOR"]


def test_events_extractor_expelled_diplomats_name_the_recipient(pipeline):
    text = "Germany expelled 40 Russian diplomats in April 2022."
    [event] = _code(pipeline, text)
    assert (event.event, event.mode) == ("SANCTION", ["expel"])
    assert (_codes(event.actor), _codes(event.recipient)) == (["DEU"], ["RUS"])
    assert (event.date, event.date_precision) == ("2022-04", "month")


def test_events_extractor_loan_carries_its_amount(pipeline):
    text = "The IMF approved a $3 billion loan to Pakistan on Wednesday."
    [event] = _code(pipeline, text)
    assert event.event == "AID"
    assert event.amount is not None and (event.amount.value, event.amount.currency) == (3e9, "USD")


def test_events_extractor_police_without_nationality_take_the_place(pipeline):
    text = "Police arrested dozens of protesters in Nairobi on Tuesday."
    [event] = _code(pipeline, text)
    assert (event.event, event.mode) == ("COERCE", ["arrest"])
    assert [(e.code, e.sector) for e in event.actor] == [("KEN", "COP")]


def test_events_extractor_sentence_without_event_codes_nothing(pipeline):
    text = "Lithium prices have fallen by a third since January, according to industry data."
    assert _code(pipeline, text) == []


def test_events_extractor_evidence_offsets_point_into_the_article(pipeline):
    text = "Talks stalled.\n\nRussia launched missiles at Kyiv on Monday, Ukrainian officials said."
    [event] = _code(pipeline, text)
    assert text[event.text_info.start : event.text_info.end] == event.text
    assert text[event.trigger_start : event.trigger_end] == "launched"


def test_events_extractor_visit_during_which_praise_was_given_is_coded_too(pipeline):
    text = (
        "U.S. Secretary of State Antony Blinken praised Kenya's leadership of the security "
        "mission in Haiti during a visit to Port-au-Prince on Thursday."
    )
    assert {e.event for e in _code(pipeline, text, date(2024, 9, 6))} >= {"SUPPORT", "CONSULT"}


def test_events_extractor_agentless_deployment_makes_the_forces_the_actor(pipeline):
    text = "Bangladeshi soldiers have been deployed to guard government buildings in Dhaka."
    mobilized = [e for e in _code(pipeline, text, date(2024, 8, 6)) if e.event == "MOBILIZE"]
    assert mobilized and _codes(mobilized[0].actor) == ["BGD"]


def test_events_extractor_rejected_request_is_coded_beside_the_rejection(pipeline):
    text = (
        "Saudi Arabia rebuffed requests from Washington on Tuesday to delay the OPEC+ "
        "production cut by a month."
    )
    assert {e.event for e in _code(pipeline, text, date(2022, 10, 12))} == {"REJECT", "REQUEST"}


def test_events_extractor_story_naming_only_towns_gives_its_country_to_local_actors(pipeline):
    text = (
        "IMPHAL, Aug 17: Gunmen set fire to a police outpost in Churachandpur on Wednesday "
        "night.\n\nPolice arrested four men on Thursday."
    )
    events = _code(pipeline, text, published=date(2024, 8, 17))
    arrest = next(e for e in events if e.event == "COERCE")
    assert [(e.code, e.sector) for e in arrest.actor] == [("IND", "COP")]


def test_events_extractor_measure_of_talks_takes_the_light_verbs_subject(pipeline):
    text = "Armenian and Azerbaijani negotiators held a third round of talks in Almaty on Friday."
    [event] = _code(pipeline, text)
    assert event.event == "CONSULT"
    assert _codes(event.actor) == ["ARM", "AZE"]


def test_events_extractor_crowd_without_a_named_actor_protests_as_civilians(pipeline):
    text = "Thousands rallied outside parliament in Tbilisi on Sunday against the new law."
    events = [e for e in _code(pipeline, text) if e.event == "PROTEST"]
    assert [(e.code, e.sector) for e in events[0].actor] == [("GEO", "CVL")]


def test_events_extractor_hosted_visit_has_visitor_as_actor(pipeline):
    text = ("Vietnam's President To Lam hosted Russian President Vladimir Putin in Hanoi "
            "on Thursday.")
    [event] = [e for e in _code(pipeline, text) if e.event == "CONSULT"]
    assert event.mode == ["visit"]
    assert (_codes(event.actor), _codes(event.recipient)) == (["RUS"], ["VNM"])


def _step_down(actor: list[Entity], recipient: list[Entity]) -> Event:
    text = "Sall said on Monday he would step down when his term ends on April 2."
    return Event(
        article_id="sen-1", event="CONCEDE", actor=actor, recipient=recipient,
        date="2024-02-26", date_precision="day", date_source="text", status="planned",
        confidence=0.7, text=text, text_info=TextInfo(0, 0, len(text)), event_text="step down",
        trigger_start=text.index("step"), trigger_end=text.index("step") + len("step down"),
    )


def test_events_extractor_parties_the_text_never_coded_are_dropped():
    unsettled = Entity(None, "GOV", "President")
    event = _step_down([Entity("SEN", "GOV", "Sall"), unsettled], [unsettled])
    _drop_uncoded_parties(event)
    assert [e.code for e in event.actor] == ["SEN"] and event.recipient == []


def test_events_extractor_an_uncoded_only_actor_stays():
    event = _step_down([Entity(None, "GOV", "President")], [])
    _drop_uncoded_parties(event)
    assert [e.entity_text for e in event.actor] == ["President"]


def test_events_extractor_story_country_counts_its_leader_and_towns_not_only_state_names(
    pipeline,
):
    text = (
        "Russian paratroopers landed in Almaty on Thursday, and Russian state television "
        "showed Russian armoured vehicles at the airport. Tokayev said Russian troops would "
        "guard state buildings in Almaty and Aktau.\n\nTokayev later met the speaker. "
        "Police detained hundreds of people on Friday."
    )
    events = _code(pipeline, text, published=date(2022, 1, 8))
    arrest = next(e for e in events if e.event == "COERCE")
    assert [(e.code, e.sector) for e in arrest.actor] == [("KAZ", "COP")]


def test_events_extractor_weapons_after_with_are_not_the_target(pipeline):
    text = (
        "Kyrgyzstan and Tajikistan signed a border deal on Monday. In September 2022 the two "
        "armies fought with artillery, tanks and drones in clashes that killed around 100 "
        "people."
    )
    fighting = [e for e in _code(pipeline, text, date(2024, 6, 12)) if e.event == "ASSAULT"]
    assert fighting and all(e.recipient == [] for e in fighting)


def test_events_extractor_subject_he_carries_the_person_a_chain_of_subjects_names(pipeline):
    text = (
        "Abiy Ahmed became Ethiopia's prime minister in April 2018. Six days later he flew "
        "to Mogadishu, where President Mohamed Abdullahi Farmaajo received him at Villa "
        "Somalia. A week later he flew to Khartoum for talks with Omar al-Bashir."
    )
    trips = [e for e in _code(pipeline, text, date(2018, 6, 1)) if e.event_text == "flew"]
    assert [(set(_codes(e.actor)), set(_codes(e.recipient))) for e in trips] == [
        ({"ETH"}, {"SOM"}), ({"ETH"}, {"SDN"})]


def test_events_extractor_talks_in_a_capital_are_a_visit_to_its_state(pipeline):
    text = ("Ethiopian Prime Minister Abiy Ahmed was in Khartoum on Friday for talks with "
            "Omar al-Bashir on the use of Port Sudan.")
    talks = [e for e in _code(pipeline, text, date(2018, 5, 4)) if e.event == "CONSULT"]
    assert [(set(_codes(e.actor)), set(_codes(e.recipient))) for e in talks] == [
        ({"ETH"}, {"SDN"})]


def test_events_extractor_agentless_expulsion_is_the_local_states_act(pipeline):
    text = (
        "Burkina Faso's military government suspended the broadcasts of a radio station in "
        "Ouagadougou on Saturday. Earlier this month, two foreign correspondents were "
        "expelled from the country."
    )
    expelled = [e for e in _code(pipeline, text, date(2024, 4, 29)) if e.event == "COERCE"]
    assert [[(a.code, a.sector) for a in e.actor] for e in expelled] == [[("BFA", "GOV")]]


def test_events_extractor_coordinated_request_addresses_the_party_of_the_call(pipeline):
    text = (
        "Rwanda-backed M23 rebels entered Goma, Congo's largest eastern city, on Sunday. US "
        "Secretary of State Marco Rubio spoke by phone to Rwandan President Paul Kagame on "
        "Monday and urged an immediate ceasefire, the State Department said."
    )
    urged = [e for e in _code(pipeline, text, date(2025, 1, 28)) if e.event == "REQUEST"]
    assert [_codes(e.recipient) for e in urged] == [["RWA"]]


def test_events_extractor_a_rally_attacked_is_no_protest_by_the_attacker(pipeline):
    text = ("On 23 June an attacker threw a grenade at a rally for Abiy in Addis Ababa's "
            "Meskel Square, killing two people and wounding more than 150.")
    events = _code(pipeline, text, date(2018, 6, 24))
    assert [(e.event, [(a.code, a.sector) for a in e.actor]) for e in events] == [
        ("ASSAULT", [("ETH", "UAF")])]


def test_events_extractor_dispersal_with_tear_gas_is_a_crowd_control_assault(pipeline):
    text = ("Thousands protested outside Georgia's parliament in Tbilisi. Riot police "
            "dispersed them with water cannon and tear gas shortly after midnight.")
    dispersed = [e for e in _code(pipeline, text, date(2024, 12, 1))
                 if e.event_text == "dispersed"]
    assert [(e.event, e.mode) for e in dispersed] == [("ASSAULT", ["crowd-control"])]


def test_events_extractor_coordinated_nationalities_in_a_warning_are_both_targets(pipeline):
    text = ("The Houthi leader, Abdul-Malik al-Houthi, warned in a televised speech on "
            "Thursday that American and British warships would be 'legitimate targets'.")
    warned = [e for e in _code(pipeline, text, date(2024, 1, 5)) if e.event == "THREATEN"]
    assert [sorted(_codes(e.recipient)) for e in warned] == [["GBR", "USA"]]


def test_events_extractor_guest_welcomed_to_a_capital_visits_the_host(pipeline):
    text = ("Egyptian President Abdel Fattah el-Sisi welcomed Emir Tamim bin Hamad al-Thani "
            "to Cairo on Friday, the Qatari ruler's first visit since 2021.")
    visits = [e for e in _code(pipeline, text, date(2023, 6, 24))
              if e.event == "CONSULT" and e.event_text.startswith("welcomed")]
    assert [(_codes(e.actor), _codes(e.recipient)) for e in visits] == [(["QAT"], ["EGY"])]


def test_events_extractor_order_signed_acts_for_its_signer(pipeline):
    text = (
        "South Africa's new land law allows the state to take land without compensation in "
        "limited cases. President Donald Trump on Friday signed an executive order halting "
        "all aid and assistance, citing what he called 'unjust racial discrimination'."
    )
    halted = [e for e in _code(pipeline, text, date(2025, 2, 8)) if e.event == "SANCTION"]
    assert [(_codes(e.actor), _codes(e.recipient)) for e in halted] == [(["USA"], ["ZAF"])]


def test_events_extractor_civilians_coerce_no_one(pipeline):
    text = ("Hundreds of Ukrainians rallied in Kyiv on Sunday. Two residents of Kyiv hacked "
            "into a cinema's booking system on Monday and cancelled every ticket.")
    assert [e for e in _code(pipeline, text, date(2024, 3, 4)) if e.event == "COERCE"] == []


def test_events_extractor_town_a_leader_flew_to_names_the_host(pipeline):
    text = ("Alexander Lukashenko flew to Sochi on Monday looking for money and reassurance, "
            "and he came home with both.")
    visits = [e for e in _code(pipeline, text, date(2020, 9, 15)) if e.event == "CONSULT"]
    assert [(_codes(e.actor), _codes(e.recipient)) for e in visits] == [(["BLR"], ["RUS"])]


def test_events_extractor_meeting_in_a_participants_state_makes_it_the_host(pipeline):
    text = ("Armenian Prime Minister Nikol Pashinyan and Vladimir Putin met in Moscow on "
            "Wednesday.")
    meetings = [e for e in _code(pipeline, text, date(2018, 6, 15)) if e.event == "CONSULT"]
    assert [(_codes(e.actor), _codes(e.recipient)) for e in meetings] == [(["ARM"], ["RUS"])]


def test_events_extractor_agentless_killing_is_held_to_the_storys_attackers(pipeline):
    text = ("Fighters of the Islamic State West Africa Province attacked the town of Gajiram "
            "in Borno State on Monday night, residents said.\n\n"
            "Two people were shot dead while trying to flee.")
    attacks = [e for e in _code(pipeline, text, date(2024, 6, 4)) if e.event == "ASSAULT"]
    assert [(_codes(e.actor), e.event_text) for e in attacks] == [
        (["IMG"], "attacked"), (["IMG"], "shot")]


def test_events_extractor_agentless_killing_without_named_attackers_is_not_coded(pipeline):
    text = "Two people were shot dead in Maiduguri on Monday night, residents said."
    assert [e for e in _code(pipeline, text, date(2024, 6, 4)) if e.event == "ASSAULT"] == []


def test_events_extractor_pronoun_coordinated_with_a_name_is_resolved(pipeline):
    text = ("Armenian Prime Minister Nikol Pashinyan flew to Russia in June. In Moscow he and "
            "Vladimir Putin met again on the eve of the World Cup's opening match.")
    meetings = [e for e in _code(pipeline, text, date(2018, 7, 16))
                if e.event == "CONSULT" and e.event_text == "met"]
    assert [sorted(_codes(e.actor) + _codes(e.recipient)) for e in meetings] == [["ARM", "RUS"]]


def test_events_extractor_trip_that_took_him_somewhere_visits_that_state(pipeline):
    text = ("Igor Dodon, whose first trip abroad as president in January 2017 took him to "
            "Moscow, spent four years arguing for closer ties with Russia.")
    visits = [e for e in _code(pipeline, text, date(2020, 11, 2)) if e.event == "CONSULT"]
    assert [(_codes(e.actor), _codes(e.recipient)) for e in visits] == [(["MDA"], ["RUS"])]


def test_events_extractor_arriving_in_the_capital_visits_the_storys_state(pipeline):
    text = ("Ethiopia's prime minister, Abiy Ahmed, has upended the politics of the Horn of "
            "Africa. Ethiopia and Eritrea ended their war in July.\n\n"
            "Three days later an Eritrean delegation led by Foreign Minister Osman Saleh "
            "arrived in the capital, the first such mission since the war.")
    visits = [e for e in _code(pipeline, text, date(2018, 7, 20)) if e.event == "CONSULT"]
    assert [(_codes(e.actor), _codes(e.recipient)) for e in visits] == [(["ERI"], ["ETH"])]


def test_events_extractor_his_guest_is_the_visitor_last_received(pipeline):
    text = ("Vladimir Putin received Nikol Pashinyan in Sochi on Monday. He congratulated his "
            "guest on his election.")
    support = [e for e in _code(pipeline, text, date(2018, 5, 15)) if e.event == "SUPPORT"]
    assert [(_codes(e.actor), _codes(e.recipient)) for e in support] == [(["RUS"], ["ARM"])]


def test_events_extractor_forces_massed_at_a_border_face_the_state_across_it(pipeline):
    text = "Poland massed some 12,000 soldiers along its frontier with Belarus on Tuesday."
    moves = [e for e in _code(pipeline, text, date(2021, 11, 10)) if e.event == "MOBILIZE"]
    assert [(_codes(e.actor), _codes(e.recipient)) for e in moves] == [(["POL"], ["BLR"])]


def test_events_extractor_forces_sent_inland_have_no_recipient(pipeline):
    text = "France deployed 45,000 police officers on Saturday night to contain rioting."
    moves = [e for e in _code(pipeline, text, date(2023, 7, 2)) if e.event == "MOBILIZE"]
    assert [(_codes(e.actor), _codes(e.recipient)) for e in moves] == [(["FRA"], [])]


def test_events_extractor_hours_given_to_leave_the_country_are_an_expulsion(pipeline):
    text = "On 31 January Bamako gave the French ambassador 72 hours to leave the country."
    found = [(e.event, e.mode, _codes(e.actor), _codes(e.recipient))
             for e in _code(pipeline, text, date(2022, 2, 1))]
    assert found == [("SANCTION", ["expel"], ["MLI"], ["FRA"])]


def test_events_extractor_undated_act_in_a_wire_story_takes_the_leads_day(pipeline):
    text = ("KINSHASA, Jan 29 - Protesters attacked several embassies in Kinshasa on Tuesday, "
            "accusing Western countries of backing the M23 rebels.\n\n"
            "Police fired tear gas to disperse crowds on the Boulevard du 30 Juin.\n\n"
            "The French foreign ministry condemned the attacks.")
    events = {e.event_text: (e.date, e.date_source)
              for e in _code(pipeline, text, date(2025, 1, 29))}
    assert events["fired tear gas"] == ("2025-01-28", "narrative")
    assert events["condemned"] == ("2025-01-28", "narrative")


def test_events_extractor_undated_statement_in_a_story_of_the_day_keeps_that_day(pipeline):
    text = ("KINSHASA, Jan 29 - Protesters attacked several embassies in Kinshasa on Wednesday."
            "\n\nThe French foreign ministry condemned the attacks.")
    events = {e.event_text: (e.date, e.date_source)
              for e in _code(pipeline, text, date(2025, 1, 29))}
    assert events["condemned"] == ("2025-01-29", "publication")


def test_events_extractor_agreement_is_dated_when_made_not_when_it_is_due(pipeline):
    text = ("U.S. Secretary of State Antony Blinken and Turkish Foreign Minister Mevlut "
            "Cavusoglu agreed to meet again in Madrid in June.")
    [agreed] = [e for e in _code(pipeline, text, date(2022, 5, 18)) if e.event == "AGREE"]
    assert agreed.date == "2022-05-18"


def test_events_extractor_day_after_an_undated_election_counts_from_the_term_start(pipeline):
    text = ("Nikol Pashinyan, the protest leader, became Armenia's prime minister this spring. "
            "The day after his election he flew to Stepanakert, the main town of "
            "Nagorno-Karabakh.")
    flew = _the_event(pipeline, text, date(2018, 7, 16), "flew")
    assert (flew.date, flew.date_source) == ("2018-05-09", "anchor")


def test_events_extractor_trip_within_weeks_of_being_sworn_in_takes_that_month(pipeline):
    text = ("Mohamed Bazoum has governed Niger since 2021. His first trip abroad as president, "
            "within weeks of being sworn in, was to N'Djamena for the funeral of Chad's "
            "Idriss Deby.")
    assert _the_event(pipeline, text, date(2023, 7, 28), "trip").date == "2021-04"


def test_events_extractor_act_a_dated_coup_ended_with_takes_its_date(pipeline):
    text = ("Niger's last coup, in February 2010, had ended with soldiers seizing Mamadou "
            "Tandja, who was trying to extend his rule.")
    assert _the_event(pipeline, text, date(2023, 7, 28), "seizing").date == "2010-02"


def test_events_extractor_declaring_diplomats_persona_non_grata_is_an_expulsion(pipeline):
    text = "Russia has declared ten employees of the Norwegian embassy in Moscow persona non grata."
    [expelled] = _code(pipeline, text, date(2023, 4, 20))
    assert (expelled.event, expelled.mode) == ("SANCTION", ["expel"])
    assert (_codes(expelled.actor), _codes(expelled.recipient)) == (["RUS"], ["NOR"])


def test_events_extractor_dateline_is_not_a_second_subject(pipeline):
    text = ("BELGRADE, March 22 (Huaxia) -- A team of six Chinese medical experts arrived in "
            "Belgrade on Saturday evening aboard a chartered flight carrying supplies.")
    [arrived] = _code(pipeline, text, date(2020, 3, 22))
    assert (_codes(arrived.actor), _codes(arrived.recipient)) == (["CHN"], ["SRB"])


def test_events_extractor_story_filed_from_a_state_is_about_it_first(pipeline):
    text = ("OUAGADOUGOU (AMP) - The army shelled a village on Saturday, weeks after French "
            "dailies had their correspondents expelled and French special forces left.")
    [shelled] = [e for e in _code(pipeline, text, date(2023, 4, 20))
                 if e.event_text.startswith("shelled")]
    assert _codes(shelled.actor) == ["BFA"]


def test_events_extractor_list_of_states_opening_a_story_is_no_dateline(pipeline):
    text = ("The United States, Britain, Canada and the European Union imposed coordinated "
            "sanctions on Belarusian officials and state companies on Monday, a year after "
            "Alexander Lukashenko's disputed re-election.")
    [sanctions] = _code(pipeline, text, date(2021, 8, 10))
    assert _codes(sanctions.recipient) == ["BLR", "BLR"]


def test_events_extractor_participle_doing_another_kind_of_act_is_a_second_event(pipeline):
    text = ("Riot police sealed off Istanbul's Taksim Square on Wednesday morning to stop a "
            "banned May Day march, detaining more than 200 people who tried to reach it.")
    events = _code(pipeline, text, date(2024, 5, 2))
    assert sorted((e.event, e.event_text) for e in events) == [
        ("COERCE", "detaining"), ("COERCE", "sealed off")]


def test_events_extractor_fighters_looting_seize_and_crowds_looting_riot(pipeline):
    text = ("RSF fighters looted the main hospital in Nyala, the largest city in South Darfur, "
            "on Tuesday. In Omdurman, hundreds of protesters ransacked the offices of the "
            "Sudanese ruling party.")
    events = {e.event_text: e for e in _code(pipeline, text, date(2023, 6, 8))}
    assert (events["looted"].event, events["looted"].mode) == ("COERCE", ["seize"])
    assert (events["ransacked"].event, events["ransacked"].mode) == ("PROTEST", ["riot"])


def test_events_extractor_rescues_and_arrivals_of_workers_are_no_events(pipeline):
    text = ("Firefighters in Lakeland, Florida, used hydraulic tools to free the driver, who "
            "was trapped in the cab for about 30 minutes. Thousands of seasonal workers from "
            "Turkey's southeast have arrived in the region for the hazelnut harvest.")
    assert _code(pipeline, text, date(2024, 8, 26)) == []
