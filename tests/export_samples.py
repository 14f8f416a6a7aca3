"""A store for the export tests: hand-coded events with CAMEO codes, places and articles.

Events by label (date; actor -> recipient; CAMEO code; place):

    arrest     2024-06-25  KEN police -> KEN protesters  173   Nairobi (GeoNames id, division)
    condemn    2024-06-25  Raila Odinga -> KEN police    111   -
    met        2023-01-09  Boric -> Fernández            040   Santiago (no GeoNames id; the
                                                               division only as a code)
    agree      2023-03     Boric, Fernández -> nobody    030   -   (month precision)
    loan       undated     World Bank (IGO) -> Kenya     070   -   (article without metadata)
    urge       2024-02-01  Romania -> Kosovo             100   -
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from polex.schema import Article, Entity, Event, Location
from polex.store import EventStore
from tests.store_samples import (
    BORIC,
    FERNANDEZ,
    KENYA,
    KENYAN_POLICE,
    ODINGA,
    PROTESTERS,
    WORLD_BANK,
    chile_article,
    kenya_article,
    loan_article,
    make_event,
)

Records = dict[str, dict[str, Any]]

NAIROBI = Location("Nairobi", "Nairobi", "KEN", -1.2864, 36.8172, 184745, "Nairobi County")
SANTIAGO = Location("Santiago", "Santiago", "CHL", -33.4569, -70.6483, None, "CL.12")
ROMANIA = Entity("ROU", "GOV", "Romania")
KOSOVO = Entity("KOS", "GOV", "Pristina")
CITE = {"language": "en", "codebook": "plover-base-0.8"}
BALKAN_TEXT = (
    "Romania urged Pristina on Thursday to resume talks with Belgrade. "
    "Diplomats in Bucharest said a meeting could follow."
)

# The articles table's values for each sample article, as exports write them.
KENYA_URL = "https://news.example.org/kenya/finance-bill-protests"
KENYA_SOURCE = "Example Nation"
KENYA_TITLE = "Police arrest protesters as finance bill demonstrations spread"


def balkan_article() -> Article:
    return Article(id="wire-2024-02-01-romania-kosovo", text=BALKAN_TEXT,
                   published=date(2024, 2, 2), source="Example Balkan Wire",
                   origin="wires.jsonl:7")


def _events() -> dict[str, tuple[Article, Event]]:
    kenya, chile, loan, balkan = kenya_article(), chile_article(), loan_article(), balkan_article()
    return {
        "arrest": (kenya, make_event(
            kenya, 0, "Kenyan police", "arrested", "COERCE", [KENYAN_POLICE], [PROTESTERS],
            "2024-06-25", "day", mode=["arrest"], context=["repression"], quad_code=4,
            event_scale=-7.0, cameo="173", event_loc=NAIROBI, cite_info=CITE)),
        "condemn": (kenya, make_event(
            kenya, 2, "Opposition leader", "condemned", "ACCUSE", [ODINGA], [KENYAN_POLICE],
            "2024-06-25", "day", mode=["disapprove"], quad_code=3, event_scale=-2.0,
            cameo="111", cite_info=CITE)),
        "met": (chile, make_event(
            chile, 0, "Chilean President", "met", "CONSULT", [BORIC], [FERNANDEZ],
            "2023-01-09", "day", quad_code=1, event_scale=2.5, context=["diplomatic"],
            cameo="040", event_loc=SANTIAGO)),
        "agree": (chile, make_event(
            chile, 1, "The two leaders", "agreed to meet", "AGREE", [BORIC, FERNANDEZ], [],
            "2023-03", "month", status="planned", quad_code=1, event_scale=2.5,
            confidence=0.6, cameo="030")),
        "loan": (loan, make_event(
            loan, 0, "The World Bank", "approved", "AID", [WORLD_BANK], [KENYA], None, None,
            quad_code=2, event_scale=7.0, context=["economic"], cameo="070")),
        "urge": (balkan, make_event(
            balkan, 0, "Romania urged", "urged", "REQUEST", [ROMANIA], [KOSOVO], "2024-02-01",
            "day", quad_code=3, event_scale=-2.0, cameo="100")),
    }


def build_export_store(path: Path) -> Records:
    """Write every sample article and its events into a new store at ``path`` (then
    closed); returns each event's PLOVER record by its label."""
    events = _events()
    by_article: dict[str, tuple[Article, list[Event]]] = {}
    for article, event in events.values():
        by_article.setdefault(article.id, (article, []))[1].append(event)
    with EventStore(path) as store:
        for article, article_events in by_article.values():
            store.add_article(article, article_events)
    return {label: event.to_plover() for label, (_, event) in events.items()}


GDELT_HEADER = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode",
    "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code",
    "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
    "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code",
    "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)
ICEWS_HEADER = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
    "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
    "Target Country", "Story ID", "Sentence Number", "Publisher", "City", "District",
    "Province", "Country", "Latitude", "Longitude",
)
POLECAT_HEADER = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code",
    "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector",
    "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "State", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People",
    "Story Organizations", "Story Locations", "Language", "Version",
)
HEADERS = {"gdelt": GDELT_HEADER, "icews": ICEWS_HEADER, "polecat": POLECAT_HEADER}
