"""The columns of GDELT, ICEWS and POLECAT event files, filled from polex records.

``polex export --layout gdelt|icews|polecat`` writes a dataset's column names in its
order, so code written for that dataset reads polex data. A cell polex has no honest
value for is left empty, never guessed. CSV files start with a header row for every
layout, GDELT's included (its raw files are tab-separated without one): read them with a
header. Parquet files take the same columns, typed.

Rows are dyads, as in the three datasets: an event with several actors or recipients
gives one row per actor-recipient pair (an event with none on a side gives one row with
that side empty), and the rows of one event share its id. Only day-precision dates fill a
dataset's date: an event dated to a month or a year has it empty (GDELT's MonthYear and
Year still say what is known); polex's own layout keeps ``date`` and ``date_precision``.

Country codes and names come from polex's knowledge base. A CAMEO code (GDELT) is
written only where the KB's CAMEO table maps it one to one: a state's ISO 3166-1 alpha-3
code, which CAMEO shares (Romania is therefore ROU, not the ROM of older CAMEO
dictionaries), Kosovo as KSV, the international codes (IGO, NGO, IMG, MNC, UNO, and NGM
for PLOVER's ISM). A PLOVER sector becomes a CAMEO type code the same way (GOV, MIL, ...;
JRN is MED, PLOVER's MED is HLH); SOC, PRE, PRM and UNK have none. Country names are the
KB's short English names ("Russia"), which differ from ICEWS's in places ("Russian
Federation").

``goldstein`` is the Goldstein (1992) weight of the record's CAMEO code
(polex.store.goldstein); the CAMEO code is the one polex's coder assigned from the PLOVER
type and mode (polex/data/cameo.tsv), so it is as coarse as that table.

GDELT 2.0 events table (61 columns); every column not listed is empty:

    GLOBALEVENTID            polex event id (a string, not GDELT's integer)
    SQLDATE                  date as YYYYMMDD, day-precision dates only
    MonthYear, Year          YYYYMM (day or month precision), YYYY (any precision)
    FractionDate             year + ((month - 1) * 30 + day) / 365, GDELT's 30-day months
    Actor1Code, Actor2Code   CAMEO country or international code + CAMEO type code
                             ("KENCOP"); empty when the PLOVER code has no CAMEO one
    Actor1Name, Actor2Name   the KB's name of the actor, else its text
    Actor1CountryCode, ...   CAMEO country code of the actor
    Actor1Type1Code, ...     CAMEO type code of the actor's PLOVER sector
    EventCode                CAMEO code; EventBaseCode its first three digits,
                             EventRootCode its first two
    QuadClass                PLOVER quad_code: the same four classes, though for a few
                             codes not the one GDELT derives from the root (a SANCTION
                             convict, CAMEO 116, is 4 here and 3 in GDELT)
    GoldsteinScale           Goldstein weight of the CAMEO code
    NumMentions, NumArticles num_articles (1, or the articles of a --clustered event)
    ActionGeo_FullName       place, first-level division, country name (the division
                             only where polex has its name, not just its GeoNames code)
    ActionGeo_Lat, _Long     event_loc lat, lon
    DATEADDED                when the article was stored, YYYYMMDDHHMMSS UTC (empty
                             for records written without their store)
    SOURCEURL                the article's URL, else its outlet (GDELT's "URL or citation")
  Empty: Actor*KnownGroupCode, EthnicCode, Religion*Code, Type2Code, Type3Code,
  IsRootEvent, NumSources, AvgTone, all Actor1Geo_* and Actor2Geo_* (polex places events,
  not actors), ActionGeo_Type, ActionGeo_CountryCode and ADM1/ADM2 codes (GDELT uses FIPS
  10-4 codes polex does not hold), ActionGeo_FeatureID (GNS/GNIS ids, not GeoNames).

ICEWS coded event data (the Dataverse event files' 20 columns):

    Event ID                 polex event id
    Event Date               YYYY-MM-DD, day-precision dates only
    Source/Target Name       the KB's name of the actor/recipient, else its text
    Source/Target Sectors    PLOVER sector code (not ICEWS's sector names)
    Source/Target Country    KB country name of the entity's code
    Event Text               the CAMEO code's label (polex/data/cameo.tsv)
    CAMEO Code               CAMEO code, leading zero kept ("036")
    Intensity                Goldstein weight of the CAMEO code
    Story ID                 polex article id
    Sentence Number          sentence index in the article, counted from 0
    Publisher                the article's outlet
    Province                 first-level division of the event location, by name
    Country                  KB country name of the event location
    Latitude, Longitude      event_loc lat, lon
  Empty: City, District (polex does not record which kind of place it resolved).

POLECAT weekly files (39 columns):

    Event ID, Event Date     polex event id; YYYY-MM-DD, day-precision dates only
    Event Type, Event Mode   PLOVER event and modes (several joined by ";")
    Event Intensity          PLOVER event_scale; Quad Code: quad_code
    Contexts                 PLOVER contexts joined by ";"
    Actor/Recipient Name     the KB's name, else the text; ... Name Raw: the text
    Actor/Recipient Country  PLOVER country code (countries and KOS only)
    Primary ... Sector       PLOVER sector; ... Sectors: the same (one per entity)
    Actor/Recipient Title    the office the KB names for the person
    Placename, Raw Placename resolved and extracted place; State: first-level division
                             by name
    Country                  PLOVER country code of the event location
    Latitude, Longitude      event_loc lat, lon; GeoNames ID: event_loc geonameid
    Source                   the article's outlet; Publication Date: its date
    Language                 the record's cite_info language; Version: "polex <version>"
  Empty: Actor/Recipient COW (no COW codes in the KB), Wikipedia Actor/Recipient ID (the
  KB holds Wikidata QIDs, another identifier), City, Feature Type, Story People,
  Story Organizations, Story Locations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Literal

import pyarrow as pa

from polex import __version__, ontology
from polex.data import read_rows
from polex.store.goldstein import CAMEO_EVENT_CODE, goldstein

Record = dict[str, Any]
Entity = dict[str, Any]
LayoutName = Literal["gdelt", "icews", "polecat"]
POLECAT_SEPARATOR = ";"
UNKNOWN_SECTOR = "UNK"
GEONAMES_ADMIN1_CODE = re.compile(r"[A-Z]{2}\.[0-9A-Z]+")  # "MK.E2": the division has no name
STRING, INTEGER, FLOAT = pa.string(), pa.int64(), pa.float64()


@dataclass(frozen=True)
class ArticleMeta:
    """What the store holds about an event's article beside the record."""

    url: str | None = None
    source: str | None = None  # the outlet
    published: str | None = None  # YYYY-MM-DD
    title: str | None = None
    ingested_at: datetime | None = None  # UTC


def cited_article(record: Record, article: ArticleMeta | None) -> ArticleMeta:
    """``article`` if given, else what the record's cite_info says about its article."""
    if article is not None:
        return article
    cite = record.get("cite_info") or {}
    return ArticleMeta(url=cite.get("url"), source=cite.get("publication"),
                       title=cite.get("title"))


@dataclass(frozen=True)
class Dyad:
    """One row's worth of an event: the record, its article, one actor, one recipient."""

    record: Record
    article: ArticleMeta
    actor: Entity | None
    recipient: Entity | None


def dyads(record: Record, article: ArticleMeta) -> list[Dyad]:
    actors: list[Entity | None] = list(record.get("actor") or []) or [None]
    recipients: list[Entity | None] = list(record.get("recipient") or []) or [None]
    return [Dyad(record, article, actor, recipient)
            for actor in actors for recipient in recipients]


@dataclass(frozen=True)
class Layout:
    """A dataset's columns in its order, with their Parquet types and how a dyad fills them."""

    name: LayoutName
    schema: pa.Schema
    cells: Callable[[Dyad], dict[str, Any]]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.schema.names)

    def rows(self, record: Record, article: ArticleMeta | None = None) -> list[dict[str, Any]]:
        """The record's rows, one per actor-recipient pair, every column present."""
        cited = cited_article(record, article)
        return [self._complete(self.cells(dyad)) for dyad in dyads(record, cited)]

    def _complete(self, cells: dict[str, Any]) -> dict[str, Any]:
        return {column: cells.get(column) for column in self.columns}


# -- shared cell values --------------------------------------------------------------------


@dataclass(frozen=True)
class EventDate:
    year: int | None = None
    month: int | None = None
    day: date | None = None  # only for day-precision dates


def event_date(record: Record) -> EventDate:
    """The parts of the record's ISO date that it gives: YYYY, YYYY-MM or YYYY-MM-DD."""
    value = str(record.get("date") or "")
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return EventDate(day.year, day.month, day)
        if len(value) == 7:
            month = date.fromisoformat(value + "-01")
            return EventDate(month.year, month.month)
        if len(value) == 4 and value.isdigit():
            return EventDate(int(value))
    except ValueError:
        pass
    return EventDate()


def cameo_event_code(record: Record) -> str | None:
    """The record's CAMEO event code when it has the shape of one (two to four digits)."""
    code = record.get("cameo")
    if isinstance(code, str) and CAMEO_EVENT_CODE.fullmatch(code.strip()):
        return code.strip()
    return None


def entity_name(entity: Entity | None) -> str | None:
    if not entity:
        return None
    return entity.get("identifier_text") or entity.get("entity_text")


def entity_sector(entity: Entity | None) -> str | None:
    sector = (entity or {}).get("sector")
    return None if sector in (None, "", UNKNOWN_SECTOR) else str(sector)


# polex.actors is imported where first needed: importing it loads spaCy, which the
# store, the API and exports without a layout do not need.


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """ISO alpha-3 codes (and Kosovo's KOS) -> PLOVER country code, from the KB."""
    from polex.actors.kb import country_code_table

    return country_code_table()


def is_country_code(code: str | None) -> bool:
    """A PLOVER code naming a state or territory (ISO alpha-3 codes and Kosovo's KOS)."""
    return bool(code) and _country_codes().get(str(code)) == code


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    from polex.actors.kb import default_kb

    kb = default_kb()
    return {code: entry.name for code in set(_country_codes().values())
            if (entry := kb.country(code)) is not None}


def country_name(code: str | None) -> str | None:
    return _country_names().get(str(code)) if is_country_code(code) else None


@lru_cache(maxsize=1)
def _cameo_actor_parts() -> dict[str, str]:
    """PLOVER country and international codes -> the CAMEO first part that names them."""
    from polex.actors.cameo import default_code_table

    table = default_code_table()
    iso = _country_codes()
    plover_own = set(ontology.entity_codes())  # KOS, IGO, UNO, ...: not ISO codes
    parts = {code: code for key, code in iso.items() if key == code and code not in plover_own}
    non_iso = [(cameo, plover) for cameo, plover in
               [*table.countries.items(), *table.international.items()] if cameo not in iso]
    parts.update(_one_to_one(non_iso, exclude=set(parts)))
    return parts


@lru_cache(maxsize=1)
def _cameo_types() -> dict[str, str]:
    """PLOVER sectors -> the CAMEO agent code of the same meaning."""
    from polex.actors.cameo import default_code_table

    pairs = list(default_code_table().sectors.items())
    same = {plover for cameo, plover in pairs if cameo == plover}
    types = {sector: sector for sector in same}
    # UNK says the sector is not known; the one CAMEO code mapped to it (UIS) says more.
    types.update(_one_to_one(pairs, exclude=same | {UNKNOWN_SECTOR}))
    return types


def _one_to_one(pairs: Iterable[tuple[str, str]], exclude: set[str]) -> dict[str, str]:
    """PLOVER value -> CAMEO code, for PLOVER values only one CAMEO code maps to."""
    reached: dict[str, list[str]] = {}
    for cameo, plover in pairs:
        if plover and plover not in exclude:
            reached.setdefault(plover, []).append(cameo)
    return {plover: cameos[0] for plover, cameos in reached.items() if len(set(cameos)) == 1}


def cameo_country(code: str | None) -> str | None:
    """CAMEO country code of a PLOVER country code (international codes excluded)."""
    if not is_country_code(code):
        return None
    return _cameo_actor_parts().get(str(code))


def cameo_type(sector: str | None) -> str | None:
    return _cameo_types().get(sector) if sector else None


def cameo_actor_code(entity: Entity | None) -> str | None:
    """CAMEO actor code: country or international part, then the type ("KENCOP", "IGO")."""
    if not entity:
        return None
    code = entity.get("code")
    first = _cameo_actor_parts().get(str(code)) if code else ""
    if first is None:
        return None  # a PLOVER code CAMEO has no code for: nothing rather than a part
    return (first + (cameo_type(entity_sector(entity)) or "")) or None


@lru_cache(maxsize=1)
def _cameo_labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for _event, _mode, code, label, *_ in read_rows("cameo.tsv"):
        labels.setdefault(code, label)
    return labels


def cameo_label(code: str | None) -> str | None:
    return _cameo_labels().get(code) if code else None


def _location(record: Record) -> dict[str, Any]:
    return record.get("event_loc") or {}


def _place(location: dict[str, Any]) -> str | None:
    return location.get("resolved_place") or location.get("extracted_place")


def _division(location: dict[str, Any]) -> str | None:
    """The first-level division's name; None where polex only has its GeoNames code."""
    admin1 = location.get("admin1")
    if not admin1 or GEONAMES_ADMIN1_CODE.fullmatch(admin1):
        return None
    return str(admin1)


def _sentence(record: Record) -> int | None:
    return (record.get("text_info") or {}).get("sequence")


# -- GDELT 2.0 -----------------------------------------------------------------------------


def _gdelt_actor_columns(prefix: str) -> list[tuple[str, pa.DataType]]:
    names = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
    return [(prefix + name, STRING) for name in names]


def _gdelt_geo_columns(prefix: str) -> list[tuple[str, pa.DataType]]:
    return [(f"{prefix}_Type", INTEGER), (f"{prefix}_FullName", STRING),
            (f"{prefix}_CountryCode", STRING), (f"{prefix}_ADM1Code", STRING),
            (f"{prefix}_ADM2Code", STRING), (f"{prefix}_Lat", FLOAT),
            (f"{prefix}_Long", FLOAT), (f"{prefix}_FeatureID", STRING)]


GDELT_SCHEMA = pa.schema([
    ("GLOBALEVENTID", STRING), ("SQLDATE", INTEGER), ("MonthYear", INTEGER),
    ("Year", INTEGER), ("FractionDate", FLOAT),
    *_gdelt_actor_columns("Actor1"), *_gdelt_actor_columns("Actor2"),
    ("IsRootEvent", INTEGER), ("EventCode", STRING), ("EventBaseCode", STRING),
    ("EventRootCode", STRING), ("QuadClass", INTEGER), ("GoldsteinScale", FLOAT),
    ("NumMentions", INTEGER), ("NumSources", INTEGER), ("NumArticles", INTEGER),
    ("AvgTone", FLOAT),
    *_gdelt_geo_columns("Actor1Geo"), *_gdelt_geo_columns("Actor2Geo"),
    *_gdelt_geo_columns("ActionGeo"),
    ("DATEADDED", INTEGER), ("SOURCEURL", STRING),
])


def _gdelt_cells(dyad: Dyad) -> dict[str, Any]:
    record = dyad.record
    cameo = cameo_event_code(record)
    mentions = record.get("num_articles")
    return {
        "GLOBALEVENTID": record.get("id"),
        **_gdelt_dates(event_date(record)),
        **_gdelt_actor("Actor1", dyad.actor),
        **_gdelt_actor("Actor2", dyad.recipient),
        "EventCode": cameo,
        "EventBaseCode": cameo[:3] if cameo else None,
        "EventRootCode": cameo[:2] if cameo else None,
        "QuadClass": record.get("quad_code"),
        "GoldsteinScale": goldstein(cameo),
        "NumMentions": mentions,
        "NumArticles": mentions,
        **_gdelt_action_geo(_location(record)),
        "DATEADDED": _gdelt_timestamp(dyad.article.ingested_at),
        "SOURCEURL": dyad.article.url or dyad.article.source,
    }


def _gdelt_dates(when: EventDate) -> dict[str, Any]:
    day = when.day
    return {
        "SQLDATE": int(day.strftime("%Y%m%d")) if day else None,
        "MonthYear": when.year * 100 + when.month if when.year and when.month else None,
        "Year": when.year,
        "FractionDate": round(day.year + ((day.month - 1) * 30 + day.day) / 365, 4)
        if day else None,
    }


def _gdelt_actor(prefix: str, entity: Entity | None) -> dict[str, Any]:
    code = entity.get("code") if entity else None
    return {
        f"{prefix}Code": cameo_actor_code(entity),
        f"{prefix}Name": entity_name(entity),
        f"{prefix}CountryCode": cameo_country(code),
        f"{prefix}Type1Code": cameo_type(entity_sector(entity)),
    }


def _gdelt_action_geo(location: dict[str, Any]) -> dict[str, Any]:
    parts = [_place(location), _division(location), country_name(location.get("country_code"))]
    full_name = ", ".join(dict.fromkeys(part for part in parts if part))
    return {
        "ActionGeo_FullName": full_name or None,
        "ActionGeo_Lat": location.get("lat"),
        "ActionGeo_Long": location.get("lon"),
    }


def _gdelt_timestamp(moment: datetime | None) -> int | None:
    return int(moment.strftime("%Y%m%d%H%M%S")) if moment else None


# -- ICEWS ---------------------------------------------------------------------------------

ICEWS_SCHEMA = pa.schema([
    ("Event ID", STRING), ("Event Date", STRING), ("Source Name", STRING),
    ("Source Sectors", STRING), ("Source Country", STRING), ("Event Text", STRING),
    ("CAMEO Code", STRING), ("Intensity", FLOAT), ("Target Name", STRING),
    ("Target Sectors", STRING), ("Target Country", STRING), ("Story ID", STRING),
    ("Sentence Number", INTEGER), ("Publisher", STRING), ("City", STRING),
    ("District", STRING), ("Province", STRING), ("Country", STRING),
    ("Latitude", FLOAT), ("Longitude", FLOAT),
])


def _icews_cells(dyad: Dyad) -> dict[str, Any]:
    record = dyad.record
    cameo = cameo_event_code(record)
    location = _location(record)
    day = event_date(record).day
    return {
        "Event ID": record.get("id"),
        "Event Date": day.isoformat() if day else None,
        **_icews_entity("Source", dyad.actor),
        "Event Text": cameo_label(cameo),
        "CAMEO Code": cameo,
        "Intensity": goldstein(cameo),
        **_icews_entity("Target", dyad.recipient),
        "Story ID": record.get("article_id"),
        "Sentence Number": _sentence(record),
        "Publisher": dyad.article.source,
        "Province": _division(location),
        "Country": country_name(location.get("country_code")),
        "Latitude": location.get("lat"),
        "Longitude": location.get("lon"),
    }


def _icews_entity(role: str, entity: Entity | None) -> dict[str, Any]:
    return {
        f"{role} Name": entity_name(entity),
        f"{role} Sectors": entity_sector(entity),
        f"{role} Country": country_name(entity.get("code") if entity else None),
    }


# -- POLECAT -------------------------------------------------------------------------------


def _polecat_entity_columns(role: str) -> list[tuple[str, pa.DataType]]:
    return [(f"{role} Name", STRING), (f"{role} Country", STRING), (f"{role} COW", INTEGER),
            (f"Primary {role} Sector", STRING), (f"{role} Sectors", STRING),
            (f"{role} Title", STRING), (f"{role} Name Raw", STRING),
            (f"Wikipedia {role} ID", STRING)]


POLECAT_SCHEMA = pa.schema([
    ("Event ID", STRING), ("Event Date", STRING), ("Event Type", STRING),
    ("Event Mode", STRING), ("Event Intensity", FLOAT), ("Quad Code", INTEGER),
    ("Contexts", STRING),
    *_polecat_entity_columns("Actor"), *_polecat_entity_columns("Recipient"),
    ("Placename", STRING), ("City", STRING), ("State", STRING), ("Country", STRING),
    ("Latitude", FLOAT), ("Longitude", FLOAT), ("GeoNames ID", INTEGER),
    ("Raw Placename", STRING), ("Feature Type", STRING), ("Source", STRING),
    ("Publication Date", STRING), ("Story People", STRING), ("Story Organizations", STRING),
    ("Story Locations", STRING), ("Language", STRING), ("Version", STRING),
])


def _polecat_cells(dyad: Dyad) -> dict[str, Any]:
    record = dyad.record
    location = _location(record)
    day = event_date(record).day
    country = location.get("country_code")
    return {
        "Event ID": record.get("id"),
        "Event Date": day.isoformat() if day else None,
        "Event Type": record.get("event"),
        "Event Mode": _polecat_joined(record.get("mode")),
        "Event Intensity": record.get("event_scale"),
        "Quad Code": record.get("quad_code"),
        "Contexts": _polecat_joined(record.get("context")),
        **_polecat_entity("Actor", dyad.actor),
        **_polecat_entity("Recipient", dyad.recipient),
        "Placename": _place(location),
        "State": _division(location),
        "Country": country if is_country_code(country) else None,
        "Latitude": location.get("lat"),
        "Longitude": location.get("lon"),
        "GeoNames ID": location.get("geonameid"),
        "Raw Placename": location.get("extracted_place"),
        "Source": dyad.article.source,
        "Publication Date": dyad.article.published,
        "Language": (record.get("cite_info") or {}).get("language"),
        "Version": f"polex {__version__}",
    }


def _polecat_entity(role: str, entity: Entity | None) -> dict[str, Any]:
    if not entity:
        return {}
    code = entity.get("code")
    sector = entity_sector(entity)
    return {
        f"{role} Name": entity_name(entity),
        f"{role} Country": code if is_country_code(code) else None,
        f"Primary {role} Sector": sector,
        f"{role} Sectors": sector,
        f"{role} Title": entity.get("office"),
        f"{role} Name Raw": entity.get("entity_text"),
    }


def _polecat_joined(values: list[str] | None) -> str | None:
    return POLECAT_SEPARATOR.join(values) if values else None


LAYOUTS: dict[str, Layout] = {
    "gdelt": Layout("gdelt", GDELT_SCHEMA, _gdelt_cells),
    "icews": Layout("icews", ICEWS_SCHEMA, _icews_cells),
    "polecat": Layout("polecat", POLECAT_SCHEMA, _polecat_cells),
}
LAYOUT_NAMES: tuple[str, ...] = tuple(LAYOUTS)


def get_layout(name: str) -> Layout:
    """The layout of that name; ValueError for another."""
    if name not in LAYOUTS:
        raise ValueError(f"unknown export layout {name!r}; choose one of {', '.join(LAYOUTS)}")
    return LAYOUTS[name]
