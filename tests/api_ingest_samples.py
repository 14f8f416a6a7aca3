"""Requests for the POST /ingest tests: a server with a token over an empty store, and
short articles to send (coding them loads the spaCy model, once per test session)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from polex.api.app import create_app
from polex.config import Settings
from polex.store import EventStore

TOKEN = "test-token-7c1e9a"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
JSON_LINES = {**AUTH, "Content-Type": "application/x-ndjson"}

KENYA = {"id": "kenya-arrests", "published": "2024-06-26", "title": "Arrests in Nairobi",
         "text": "Kenyan police arrested dozens of protesters in Nairobi on Tuesday."}
CHILE = {"id": "chile-visit", "published": "2023-01-10",
         "text": "Chilean President Gabriel Boric met Argentine President Alberto Fernández "
                 "in Santiago on Monday."}


def empty_store(folder: Path) -> Path:
    path = folder / "events.duckdb"
    EventStore(path).close()
    return path


def ingest_client(path: Path, **settings: Any) -> TestClient:
    """A client of the app over ``path``, POST /ingest on with TOKEN unless ``settings``
    say otherwise."""
    return TestClient(create_app(path, settings=Settings(**{"api_token": TOKEN, **settings})))


def json_lines(*items: dict[str, Any] | str) -> str:
    """A JSON lines body; a string item is sent as it is (a broken line, say)."""
    return "\n".join(item if isinstance(item, str) else json.dumps(item) for item in items)


def stored(path: Path) -> dict[str, int]:
    """The store's counts of articles, events and failures."""
    with EventStore(path, read_only=True) as store:
        return store.stats()
