"""Event locations: "in Moscow", "at talks in Astana" resolved to a country and coordinates.

v1 gazetteer: countries and their capitals from the knowledge base's country table.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span

from polex.schema import Location

PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass(frozen=True)
class Place:
    name: str
    country_code: str
    lat: float | None
    lon: float | None
    kind: str  # "capital" or "country"


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.removeprefix("the ")
    return " ".join(text.replace(".", "").split())


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


class Gazetteer:
    def __init__(self, places: list[Place], aliases: dict[str, Place]) -> None:
        self.places = places
        self._by_name = aliases

    @classmethod
    def from_country_table(cls, text: str) -> Gazetteer:
        lines = [line for line in text.splitlines() if line and not line.startswith("#")]
        places: list[Place] = []
        aliases: dict[str, Place] = {}
        for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"):
            code = (row.get("code") or "").strip()
            if not code:
                continue
            country = Place(row.get("name") or code, code, None, None, "country")
            places.append(country)
            for name in [row.get("name") or ""] + (row.get("alternates") or "").split("|"):
                if name.strip():
                    aliases.setdefault(_key(name), country)
            capital_name = (row.get("capital") or "").strip()
            if capital_name:
                capital = Place(
                    capital_name, code, _float(row.get("capital_lat")),
                    _float(row.get("capital_lon")), "capital",
                )
                places.append(capital)
                aliases.setdefault(_key(capital_name), capital)
        return cls(places, aliases)

    def lookup(self, name: str) -> Place | None:
        return self._by_name.get(_key(name))


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    table = resources.files("polex.data").joinpath("kb", "countries.tsv")
    return Gazetteer.from_country_table(table.read_text(encoding="utf-8"))


class EventPlacer:
    """Picks the place an event happened from the place phrases attached to its trigger."""

    name = "polex.places.gazetteer.v1"

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or default_gazetteer()

    def locate(self, spans: Sequence[Span], countries: Sequence[str] = ()) -> Location | None:
        """``countries`` is accepted for the same call as the v2 placer, and unused."""
        for span in spans:
            names = [e for e in span.ents if e.label_ in PLACE_LABELS] or [span]
            for name in names:
                place = self.gazetteer.lookup(name.text)
                if place is not None:
                    return Location(
                        extracted_place=name.text,
                        resolved_place=place.name,
                        country_code=place.country_code,
                        lat=place.lat,
                        lon=place.lon,
                    )
        return None
