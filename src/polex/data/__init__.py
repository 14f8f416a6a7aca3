"""polex's language data and knowledge base, shipped and read as package data."""

import json
from importlib import resources
from typing import Any


def read_text(*parts: str) -> str:
    """A data file's text, e.g. ``read_text("kb", "countries.tsv")``."""
    return resources.files(__name__).joinpath(*parts).read_text(encoding="utf-8")


def read_json(*parts: str) -> Any:
    """A JSON data file, parsed."""
    return json.loads(read_text(*parts))


def read_rows(*parts: str) -> list[list[str]]:
    """A tab-separated data file's rows, cells stripped, blank and ``#`` lines skipped."""
    return [
        [cell.strip() for cell in line.split("\t")]
        for line in read_text(*parts).splitlines()
        if line.strip() and not line.startswith("#")
    ]
