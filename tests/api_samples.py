"""A small store for the API and query tests, built from hand-coded events (no model).

Beside the Kenya, Chile and World Bank samples of store_samples, it holds a wire
report of the Nairobi arrests (the same event as the Kenya article's, so they cluster)
and two Ukraine articles, so that series, dyads and locations have something to count.

Events by label (date; actor -> recipient; PLOVER type, quad class; located?):

    arrest       2024-06-25  KEN -> KEN  COERCE   4  Nairobi
    tear_gas     2024-06-25  KEN -> KEN  ASSAULT  4
    condemn      2024-06-25  KEN -> KEN  ACCUSE   3
    met          2023-01-09  CHL -> ARG  CONSULT  1  Santiago
    agree        2023-03     CHL, ARG    AGREE    1  (planned, no recipient)
    visited      2022        CHL -> ARG  CONSULT  1
    loan         undated     IGO -> KEN  AID      2
    wire_arrest  2024-06-25  KEN -> KEN  COERCE   4  Nairobi (second report of arrest)
    shelling     2024-05-17  RUS -> UKR  ASSAULT  4  Kharkiv
    accuse       2024-05-17  UKR -> RUS  ACCUSE   3
    exchange     2024-05-18  UKR -> RUS  AGREE    1
    release      2024-05-19  UKR -> RUS  RETREAT  2
    drones       2024-06-03  RUS -> UKR  ASSAULT  4  Odesa
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from polex.api.app import create_app
from polex.schema import Article, Entity, Event, Location
from polex.store import EventStore
from tests.store_samples import (
    KENYAN_POLICE,
    PROTESTERS,
    chile_article,
    chile_events,
    kenya_article,
    kenya_events,
    loan_article,
    loan_events,
    make_event,
)

Records = dict[str, dict[str, Any]]
Sample = tuple[TestClient, Records]  # a client of the API over the sample store

NAIROBI = Location("Nairobi", "Nairobi", "KEN", -1.2864, 36.8172, 184745)
KHARKIV = Location("Kharkiv", "Kharkiv", "UKR", 49.9935, 36.2304, 706483)
ODESA = Location("Odesa", "Odesa", "UKR", 46.4775, 30.7326, 698740)
RUSSIAN_FORCES = Entity("RUS", "MIL", "Russian forces")
RUSSIAN_DRONES = Entity("RUS", "MIL", "Russian drones")
UKRAINE_MINISTRY = Entity("UKR", "GOV", "Ukraine's foreign ministry")
KYIV = Entity("UKR", "GOV", "Kyiv")
UKRAINE = Entity("UKR", "GOV", "Ukraine")
MOSCOW = Entity("RUS", "GOV", "Moscow")
RUSSIAN_SOLDIERS = Entity("RUS", "MIL", "Russian soldiers")
KHARKIV_CIVILIANS = Entity("UKR", "CVL", "people")
ODESA_PORT = Entity("UKR", None, "Odesa")

WIRE_TEXT = (
    "Police in Kenya arrested scores of demonstrators in Nairobi on Tuesday, witnesses said. "
    "The government defended the operation."
)
KHARKIV_TEXT = (
    "Russian forces shelled Kharkiv on Friday, killing four people. "
    "Ukraine's foreign ministry accused Moscow of targeting civilians. "
    "Kyiv and Moscow agreed on Saturday to exchange 75 prisoners each. "
    "Ukraine released 75 Russian soldiers on Sunday."
)
ODESA_TEXT = (
    "Russian drones struck the port of Odesa overnight into Monday, regional officials said. "
    "Air defences shot down most of them."
)


def wire_article() -> Article:
    return Article(id="wire-2024-06-26-kenya-arrests", text=WIRE_TEXT,
                   published=date(2024, 6, 26), title="Kenyan police arrest demonstrators",
                   url="https://wire.example.com/kenya-arrests", source="Example Wire",
                   origin="wires.jsonl:1")


def kharkiv_article() -> Article:
    return Article(id="kyiv-2024-05-19-kharkiv", text=KHARKIV_TEXT,
                   published=date(2024, 5, 19), title="Shelling, then a prisoner exchange",
                   url="https://kyiv.example.net/kharkiv", source="Example Kyiv Daily",
                   origin="articles/kharkiv.html")


def odesa_article() -> Article:
    return Article(id="kyiv-2024-06-03-odesa", text=ODESA_TEXT, published=date(2024, 6, 3),
                   title="Drones strike Odesa port", source="Example Kyiv Daily",
                   origin="articles/odesa.html")


def wire_events(article: Article) -> list[Event]:
    return [make_event(article, 0, "Police in Kenya", "arrested", "COERCE", [KENYAN_POLICE],
                       [PROTESTERS], "2024-06-25", "day", mode=["arrest"], quad_code=4,
                       event_scale=-7.0, confidence=0.9, event_loc=NAIROBI)]


def kharkiv_events(article: Article) -> list[Event]:
    return [
        make_event(article, 0, "Russian forces", "shelled", "ASSAULT", [RUSSIAN_FORCES],
                   [KHARKIV_CIVILIANS], "2024-05-17", "day", mode=["heavy-weapons"],
                   quad_code=4, event_scale=-9.5, confidence=0.92, event_loc=KHARKIV),
        make_event(article, 1, "Ukraine's foreign", "accused", "ACCUSE", [UKRAINE_MINISTRY],
                   [MOSCOW], "2024-05-17", "day", mode=["allege"], quad_code=3,
                   event_scale=-3.5, confidence=0.8),
        make_event(article, 2, "Kyiv and Moscow", "agreed", "AGREE", [KYIV], [MOSCOW],
                   "2024-05-18", "day", quad_code=1, event_scale=2.5, confidence=0.75),
        make_event(article, 3, "Ukraine released", "released", "RETREAT", [UKRAINE],
                   [RUSSIAN_SOLDIERS], "2024-05-19", "day", mode=["release"], quad_code=2,
                   event_scale=6.5, confidence=0.65),
    ]


def odesa_events(article: Article) -> list[Event]:
    return [make_event(article, 0, "Russian drones", "struck", "ASSAULT", [RUSSIAN_DRONES],
                       [ODESA_PORT], "2024-06-03", "day", mode=["drone"], quad_code=4,
                       event_scale=-9.5, confidence=0.88, event_loc=ODESA)]


LABELS = (
    ("kenya", ("arrest", "tear_gas", "condemn")),
    ("chile", ("met", "agree", "visited")),
    ("loan", ("loan",)),
    ("wire", ("wire_arrest",)),
    ("kharkiv", ("shelling", "accuse", "exchange", "release")),
    ("odesa", ("drones",)),
)


def samples() -> dict[str, tuple[Article, list[Event]]]:
    kenya, chile, loan = kenya_article(), chile_article(), loan_article()
    wire, kharkiv, odesa = wire_article(), kharkiv_article(), odesa_article()
    return {
        "kenya": (kenya, kenya_events(kenya)),
        "chile": (chile, chile_events(chile)),
        "loan": (loan, loan_events(loan)),
        "wire": (wire, wire_events(wire)),
        "kharkiv": (kharkiv, kharkiv_events(kharkiv)),
        "odesa": (odesa, odesa_events(odesa)),
    }


def build_store(path: Path) -> Records:
    """Write every sample article into a new store at ``path`` (then closed); returns
    each event's PLOVER record by its label."""
    records: Records = {}
    articles = samples()
    with EventStore(path) as store:
        for name, labels in LABELS:
            article, events = articles[name]
            store.add_article(article, events)
            for label, event in zip(labels, events, strict=True):
                records[label] = event.to_plover()
    return records


def served_sample(path: Path) -> Sample:
    """The sample store built at ``path`` and a test client of the API over it."""
    records = build_store(path)
    return TestClient(create_app(path)), records


def labels_of(events: list[dict[str, Any]], records: Records) -> set[str]:
    """The labels of the given records (matched by id)."""
    by_id = {record["id"]: label for label, record in records.items()}
    return {by_id[event["id"]] for event in events}
