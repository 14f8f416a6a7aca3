"""The places stage: where an event happened, resolved against a gazetteer."""

from polex.places.gazetteer import EventPlacer, Gazetteer, Place

__all__ = ["EventPlacer", "Gazetteer", "Place"]
