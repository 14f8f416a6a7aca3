"""Dating events across a whole article: chains, paragraph years and anchored events
(real spaCy model, realistic news sentences)."""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from polex.time import EventDater


def _dated(
    nlp: Language, text: str, trigger: str, published: date, n: int = 0
) -> tuple[str | None, str]:
    doc = nlp(text)
    token = [t for t in doc if t.text == trigger][n]
    result = EventDater(doc, published).date_for(token)
    return (result.time.value if result.time else None, result.source)


def _mention_texts(nlp: Language, text: str, published: date) -> list[str]:
    return [m.text for m in EventDater(nlp(text), published).mentions]


# --- chains -------------------------------------------------------------------------------


def test_time_document_chain_skips_a_deadline_after_publication(nlp: Language) -> None:
    text = (
        "Police detained more than 100 people on the night of 1 December. The government "
        "will not open accession talks before the end of 2028. The same day police raided "
        "the offices of several opposition parties."
    )
    assert _dated(nlp, text, "raided", date(2024, 12, 9)) == ("2024-12-01", "text")


def test_time_document_chain_the_night_of_a_day_is_that_day(nlp: Language) -> None:
    text = "On the night of 1 December alone, police detained more than 100 people."
    assert _dated(nlp, text, "detained", date(2024, 12, 9)) == ("2024-12-01", "text")


def test_time_document_date_of_a_later_conjunct_stays_with_it(nlp: Language) -> None:
    text = "Talks resumed in Geneva in March, and in April the rebels seized the airport."
    assert _dated(nlp, text, "seized", date(2024, 9, 1)) == ("2024-04", "text")


def test_time_document_march_for_freedom_is_not_a_month(nlp: Language) -> None:
    text = "The March for Freedom brought perhaps 200,000 people onto the streets of Minsk."
    assert _mention_texts(nlp, text, date(2020, 9, 15)) == []


# --- the paragraph's year -------------------------------------------------------------------


def test_time_document_day_without_year_takes_the_paragraph_year(nlp: Language) -> None:
    text = (
        "In July 2011 Pristina imposed a trade embargo on Serbian goods, and on 26 July a "
        "Kosovo police officer was shot dead in an ambush near Zubin Potok."
    )
    assert _dated(nlp, text, "shot", date(2021, 10, 5)) == ("2011-07-26", "text")


def test_time_document_month_after_the_paragraph_year_rolls_over(nlp: Language) -> None:
    text = (
        "In April 2012 several hundred former rebels deserted. On 20 November 2012 they "
        "captured Goma. Under intense pressure, they pulled out of the city on 1 December."
    )
    assert _dated(nlp, text, "pulled", date(2025, 1, 31)) == ("2012-12-01", "text")


def test_time_document_latest_date_without_a_year_keeps_publication_year(
    nlp: Language,
) -> None:
    text = (
        "The prime minister has drawn closer to China since he switched recognition from "
        "Taiwan in 2019. Earlier this year he signed a security pact with Beijing. "
        "Australia's foreign minister visited Honiara in June."
    )
    assert _dated(nlp, text, "visited", date(2022, 8, 8)) == ("2022-06", "text")


def test_time_document_year_of_another_paragraph_is_not_used(nlp: Language) -> None:
    text = (
        "In July 2011 Pristina imposed a trade embargo on Serbian goods.\n\n"
        "Police officers were attacked near Jarinje on 26 July."
    )
    assert _dated(nlp, text, "attacked", date(2021, 10, 5)) == ("2021-07-26", "text")


# --- events anchored on other events ----------------------------------------------------------


def test_time_document_after_a_dated_vote_takes_its_month(nlp: Language) -> None:
    text = (
        "After the April 2017 vote that expanded the president's powers, OSCE observers "
        "criticised the campaign as unfair."
    )
    assert _dated(nlp, text, "criticised", date(2018, 2, 20)) == ("2017-04", "anchor")


def test_time_document_after_a_dated_day_is_no_finer_than_its_month(nlp: Language) -> None:
    text = "After the 1 October referendum, Madrid suspended the region's autonomy."
    assert _dated(nlp, text, "suspended", date(2017, 11, 20)) == ("2017-10", "anchor")


def test_time_document_days_after_a_referendum_take_its_month(nlp: Language) -> None:
    text = (
        "In the days after the September 2017 referendum, the federal government shut the "
        "region's two international airports to foreign flights."
    )
    assert _dated(nlp, text, "shut", date(2018, 6, 14)) == ("2017-09", "anchor")


def test_time_document_the_day_after_a_dated_referendum(nlp: Language) -> None:
    text = (
        "The day after the 1 October referendum, the Catalan leader called for international "
        "mediation."
    )
    assert _dated(nlp, text, "called", date(2017, 10, 12)) == ("2017-10-02", "anchor")


def test_time_document_participle_on_an_object_acts_with_its_verb(nlp: Language) -> None:
    text = (
        "US air strikes killed 25 fighters in late December 2019. The following month, "
        "Iraq's parliament passed a resolution calling for the withdrawal of foreign troops."
    )
    assert _dated(nlp, text, "calling", date(2020, 2, 26)) == ("2020-01", "anchor")


def test_time_document_where_clause_shares_the_trip_date(nlp: Language) -> None:
    text = (
        "Days after his inauguration in May 2017, Macron made his first trip outside Europe "
        "to the French base at Gao, where he met President Keita."
    )
    assert _dated(nlp, text, "met", date(2022, 2, 19)) == ("2017-05", "anchor")


def test_time_document_later_main_clause_carries_the_first_one_on(nlp: Language) -> None:
    text = (
        "In July 2021 the outgoing envoy imposed a law criminalising genocide denial, and "
        "Serb parties responded by boycotting state institutions for months."
    )
    assert _dated(nlp, text, "boycotting", date(2025, 3, 20)) == ("2021-07", "narrative")


# --- one sentence, several clauses ----------------------------------------------------------


def test_time_document_visit_starting_on_a_day_is_that_day(nlp: Language) -> None:
    text = (
        "The Kremlin announced on Monday that Vladimir Putin will pay a two-day state visit "
        "to North Korea starting on Tuesday."
    )
    assert _dated(nlp, text, "pay", date(2024, 6, 17)) == ("2024-06-18", "text")


def test_time_document_meeting_at_a_summit_on_a_day_is_that_day(nlp: Language) -> None:
    text = (
        "The White House said on Thursday that Joe Biden and Xi Jinping would meet on the "
        "sidelines of the G20 summit in Bali on Monday."
    )
    assert _dated(nlp, text, "meet", date(2022, 11, 11)) == ("2022-11-14", "text")
