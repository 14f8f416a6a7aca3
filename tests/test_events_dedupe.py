from polex.events.dedupe import deduplicate
from polex.schema import Entity, Event, TextInfo

SENTENCE = ("It resurfaced with attacks on army positions in November 2021, and on 13 June 2022 "
            "it captured the border town of Bunagana.")


def _assault(trigger: str, date: str, source: str, confidence: float) -> Event:
    start = SENTENCE.index(trigger)
    return Event(
        article_id="drc-1", event="ASSAULT",
        actor=[Entity("COD", "REB", "M23")], recipient=[Entity("COD", "MIL", "army")],
        date=date, date_precision="month" if len(date) == 7 else "day", date_source=source,
        status="occurred", confidence=confidence, text=SENTENCE,
        text_info=TextInfo(0, 0, len(SENTENCE)), event_text=trigger,
        trigger_start=start, trigger_end=start + len(trigger),
    )


def test_dedupe_keeps_acts_of_one_sentence_the_text_dates_apart():
    attacks = _assault("attacks", "2021-11", "text", 0.7)
    captured = _assault("captured", "2022-06-13", "text", 0.9)
    assert deduplicate([attacks, captured]) == [attacks, captured]


def test_dedupe_merges_mentions_of_one_act_into_the_most_confident():
    attacks = _assault("attacks", "2022-06", "text", 0.7)
    captured = _assault("captured", "2022-06-13", "text", 0.9)
    assert deduplicate([attacks, captured]) == [captured]


def test_dedupe_keeps_acts_of_one_sentence_told_apart_by_their_modes():
    attacks = _assault("attacks", "2022-06", "text", 0.7)
    attacks.mode = ["abduct"]
    captured = _assault("captured", "2022-06-13", "text", 0.9)
    captured.mode = ["destroy"]
    assert deduplicate([attacks, captured]) == [attacks, captured]
