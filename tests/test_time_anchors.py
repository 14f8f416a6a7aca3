"""Events dated by the events the grammar ties them to (real model, realistic sentences)."""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from polex.time import EventDater


def _dated(nlp: Language, text: str, trigger: str, published: date) -> tuple[str | None, str]:
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    result = EventDater(doc, published).date_for(token)
    return (result.time.value if result.time else None, result.source)


def test_time_anchors_offset_clause_counts_back_from_the_main_event(nlp: Language) -> None:
    text = (
        "Muhammad Yunus was sworn in as head of Bangladesh's interim government on Thursday, "
        "three days after Sheikh Hasina resigned as prime minister and fled to India."
    )
    friday = date(2024, 8, 9)
    assert _dated(nlp, text, "resigned", friday) == ("2024-08-05", "anchor")
    assert _dated(nlp, text, "fled", friday) == ("2024-08-05", "anchor")


def test_time_anchors_hours_after_keeps_the_main_event_day(nlp: Language) -> None:
    text = (
        "Colombian President Gustavo Petro suspended peace talks with the ELN on Tuesday, "
        "hours after the rebel group attacked a military base in Arauca."
    )
    assert _dated(nlp, text, "attacked", date(2024, 9, 18)) == ("2024-09-17", "anchor")


def test_time_anchors_past_act_in_a_report_takes_the_report_date(nlp: Language) -> None:
    text = "Britain said on Tuesday it had suspended most of its direct bilateral aid to Rwanda."
    assert _dated(nlp, text, "suspended", date(2025, 2, 27)) == ("2025-02-25", "anchor")


def test_time_anchors_announced_future_act_does_not_take_the_report_date(
    nlp: Language,
) -> None:
    text = "Germany said on Monday it would station a combat brigade in Lithuania."
    assert _dated(nlp, text, "station", date(2023, 12, 19))[1] != "anchor"


def test_time_anchors_relative_clause_takes_the_date_of_its_noun(nlp: Language) -> None:
    text = (
        "Relations have deteriorated sharply since January 2023, when Estonia expelled "
        "the Russian ambassador."
    )
    assert _dated(nlp, text, "expelled", date(2025, 1, 22))[0] == "2023-01"


def test_time_anchors_election_noun_dates_the_boycott_of_it(nlp: Language) -> None:
    text = (
        "Hasina won a fourth straight term in a January election that the main opposition "
        "Bangladesh Nationalist Party boycotted."
    )
    assert _dated(nlp, text, "boycotted", date(2024, 8, 9)) == ("2024-01", "anchor")


def test_time_anchors_weekday_on_an_embedded_noun_dates_the_main_verb(nlp: Language) -> None:
    text = (
        "Brazil's Supreme Court convicted Jair Bolsonaro of plotting a coup on Thursday and "
        "sentenced him to 27 years in prison."
    )
    assert _dated(nlp, text, "convicted", date(2025, 9, 12)) == ("2025-09-11", "text")


def test_time_anchors_purpose_infinitive_shares_the_trip_date(nlp: Language) -> None:
    text = "Weeks after his 2008 election, Sargsyan flew to Moscow to see Putin."
    assert _dated(nlp, text, "see", date(2018, 7, 16)) == ("2008", "anchor")


def test_time_anchors_measure_beside_the_preposition_counts_from_the_event(
    nlp: Language,
) -> None:
    text = (
        "The crisis began on the evening of 28 November, when Prime Minister Irakli "
        "Kobakhidze announced that Georgia would not seek EU accession talks before 2028. "
        "Georgia's ambassador to the Netherlands resigned in protest the day after "
        "Kobakhidze's announcement."
    )
    assert _dated(nlp, text, "resigned", date(2024, 12, 9)) == ("2024-11-29", "anchor")


def test_time_anchors_past_perfect_relative_clause_is_not_dated_by_its_noun(
    nlp: Language,
) -> None:
    text = (
        "On 29 January, at a gathering of the armed factions that had toppled the old "
        "regime, Ahmed al-Sharaa was named president."
    )
    assert _dated(nlp, text, "toppled", date(2025, 2, 7))[1] != "anchor"


def test_time_anchors_one_to_blame_is_dated_by_the_reply(nlp: Language) -> None:
    text = ("Russia's foreign ministry spokeswoman, Maria Zakharova, replied on Monday that "
            "Chisinau alone was to blame for refusing to settle its debts.")
    assert _dated(nlp, text, "blame", date(2025, 1, 15)) == ("2025-01-13", "anchor")


def test_time_anchors_talks_a_trip_was_made_for_share_its_date(nlp: Language) -> None:
    text = ("Mirziyoyev is expected to attend Xi Jinping's Belt and Road Forum in mid-May "
            "and to stay on for talks with Chinese leaders.")
    assert _dated(nlp, text, "talks", date(2017, 4, 8)) == ("2017-05", "anchor")



def test_time_anchors_event_noun_after_a_dated_event_noun_takes_its_month(
        nlp: Language) -> None:
    text = "Assad's first trip abroad after his inauguration in July 2000 took him to Cairo."
    assert _dated(nlp, text, "trip", date(2025, 2, 7)) == ("2000-07", "anchor")


def test_time_anchors_gerund_a_day_after_lies_a_day_before_the_main_event(
        nlp: Language) -> None:
    text = ("Honduras established diplomatic relations with China on Sunday, a day after "
            "severing its ties with Taiwan.")
    assert _dated(nlp, text, "severing", date(2023, 3, 27)) == ("2023-03-25", "anchor")
