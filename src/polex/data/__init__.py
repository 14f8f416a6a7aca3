"""polex's language data and knowledge base, shipped and read as package data."""

from importlib import resources


def read_text(*parts: str) -> str:
    """A data file's text, e.g. ``read_text("kb", "countries.tsv")``."""
    return resources.files(__name__).joinpath(*parts).read_text(encoding="utf-8")
