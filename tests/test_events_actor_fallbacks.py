from datetime import date

from polex.pipeline import Pipeline
from polex.schema import Article


def _actors(text: str, trigger: str, published: date) -> list[list[tuple[str | None, str | None]]]:
    events = Pipeline().code(Article(id="fallback", text=text, published=published)).events
    return [[(a.code, a.sector) for a in e.actor] for e in events if e.event_text == trigger]


def test_events_bomb_as_subject_is_an_unidentified_attacker_of_the_place():
    text = ("A roadside bomb tore through a police vehicle in Pakistan's northwestern Bajaur "
            "district on Monday, killing five officers, a senior official said.")
    assert _actors(text, "tore", date(2024, 9, 12)) == [[("PAK", "UAF")]]


def test_events_attack_with_no_attacker_and_no_weapon_gives_no_event():
    text = "Five officers were killed in Pakistan's northwestern Bajaur district on Monday."
    assert _actors(text, "killed", date(2024, 9, 12)) == []
