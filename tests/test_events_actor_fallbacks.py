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


def test_events_the_two_stands_for_the_last_events_parties():
    text = ("Chinese Foreign Minister Wang Yi met Indian External Affairs Minister Subrahmanyam "
            "Jaishankar in Johannesburg on Monday. The two agreed to remain in close contact.")
    assert _actors(text, "agreed", date(2024, 7, 25)) == [[("CHN", "GOV"), ("IND", "GOV")]]


def test_events_wire_dateline_is_not_part_of_the_actor():
    text = ("PANAMA CITY, Feb 3 - U.S. Secretary of State Marco Rubio met Panamanian President "
            "José Raúl Mulino in Panama City on Sunday.")
    events = Pipeline().code(Article(id="d", text=text, published=date(2025, 2, 3))).events
    met = [e for e in events if e.event_text == "met"]
    assert [[a.code for a in e.actor] for e in met] == [["USA"]]
    assert "PANAMA" not in met[0].actor[0].entity_text


def test_events_forces_deployed_with_no_agent_are_the_local_states():
    text = ("Gunmen attacked an army post near Djibo in northern Burkina Faso on Tuesday. "
            "Reinforcements were sent to the area, the army said.")
    events = Pipeline().code(Article(id="d", text=text, published=date(2023, 4, 19))).events
    deployed = [e for e in events if e.event == "MOBILIZE"]
    assert [[(a.code, a.sector) for a in e.actor] for e in deployed] == [[("BFA", "MIL")]]


def test_events_workers_mobilised_with_no_agent_give_no_event():
    text = ("Some 3,000 technicians had been mobilised to restore power in Brittany, the "
            "electricity distributor said.")
    events = Pipeline().code(Article(id="d", text=text, published=date(2023, 11, 2))).events
    assert [e.event for e in events] == []


def test_events_she_is_the_person_the_text_names_before_any_event():
    text = ("Taiwanese President Tsai Ing-wen ended a trip to Guatemala and Belize with a "
            "transit stop in Los Angeles. On Wednesday she met U.S. House Speaker Kevin "
            "McCarthy at the Reagan presidential library in Simi Valley.")
    assert _actors(text, "met", date(2023, 4, 6)) == [[("TWN", "GOV")]]


def test_events_a_death_toll_is_no_attack_of_its_own():
    text = ("Tajik forces shelled Kyrgyz border villages on Friday. At least 59 Kyrgyz citizens "
            "were killed, according to the health ministry.")
    assert _actors(text, "killed", date(2022, 9, 18)) == []


def test_events_one_death_with_no_attacker_named_is_the_storys_attack():
    text = ("Tajik forces shelled Kyrgyz border villages on Friday. A woman was killed in "
            "Ak-Sai, officials said.")
    assert _actors(text, "killed", date(2022, 9, 18)) == [[("TJK", "MIL")]]


def test_events_crowd_brought_onto_the_streets_is_the_protester():
    text = ("The pension reform has brought hundreds of thousands of protesters onto the "
            "streets of Paris and Marseille since January.")
    events = Pipeline().code(Article(id="crowd", text=text, published=date(2023, 3, 8))).events
    [protest] = [e for e in events if e.event == "PROTEST"]
    assert [(a.code, a.sector) for a in protest.actor] == [("FRA", "CVL")]
