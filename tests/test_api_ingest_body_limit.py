"""POST /ingest reads at most api_max_body_bytes: a larger body is 413 with a reason,
refused by its Content-Length before it is read, or while it streams when it has none."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from polex.config import DEFAULT_API_MAX_BODY_BYTES, Settings
from tests.api_ingest_samples import AUTH, JSON_LINES, empty_store, ingest_client, stored

LIMIT = 1_000


def test_api_ingest_body_limit_refuses_a_content_length_over_it(tmp_path: Path) -> None:
    path = empty_store(tmp_path)
    body = '{"id": "big", "text": "' + "x" * LIMIT + '"}'
    response = ingest_client(path, api_max_body_bytes=LIMIT).post(
        "/ingest", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["detail"].startswith("the body is larger than 1 KB "
                                                "(api_max_body_bytes)")
    assert stored(path) == {"articles": 0, "events": 0, "failures": 0}


def test_api_ingest_body_limit_stops_reading_a_stream_past_it(tmp_path: Path) -> None:
    """Without a Content-Length (chunked), reading stops at the first chunk past the limit;
    the app is driven directly, so each chunk it asks for is counted."""
    path = empty_store(tmp_path)
    app = ingest_client(path, api_max_body_bytes=LIMIT).app
    chunk = b'{"id": "line", "text": "' + b"y" * 200 + b'"}\n'
    asked: list[int] = []
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        asked.append(len(chunk))
        return {"type": "http.request", "body": chunk, "more_body": len(asked) < 1000}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    headers = [(name.lower().encode(), value.encode()) for name, value in JSON_LINES.items()]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": "/ingest", "raw_path": b"/ingest",
             "root_path": "", "query_string": b"", "headers": headers,
             "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000)}
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 413
    assert b"api_max_body_bytes" in sent[1]["body"]
    assert sum(asked) <= LIMIT + len(chunk)
    assert stored(path)["articles"] == 0


def test_api_ingest_body_limit_lets_a_body_of_exactly_the_limit_through(
        tmp_path: Path) -> None:
    body = '{"id": "no text"}'.ljust(LIMIT)
    response = ingest_client(empty_store(tmp_path), api_max_body_bytes=LIMIT).post(
        "/ingest", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 207
    assert response.json()["failures"] == [{"item": 1, "id": None,
                                            "reason": "missing 'text' or 'html'"}]


def test_api_ingest_body_limit_is_a_setting(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("POLEX_API_MAX_BODY_BYTES", raising=False)
    assert Settings.resolve().api_max_body_bytes == DEFAULT_API_MAX_BODY_BYTES == 10_000_000
    monkeypatch.setenv("POLEX_API_MAX_BODY_BYTES", "2048")
    assert Settings.resolve().api_max_body_bytes == 2048
    (tmp_path / "pyproject.toml").write_text("[tool.polex]\napi_max_body_bytes = 4096\n")
    assert Settings.resolve().api_max_body_bytes == 2048
    monkeypatch.delenv("POLEX_API_MAX_BODY_BYTES")
    assert Settings.resolve().api_max_body_bytes == 4096
    monkeypatch.setenv("POLEX_API_MAX_BODY_BYTES", "10MB")
    with pytest.raises(ValueError, match="POLEX_API_MAX_BODY_BYTES must be a whole number"):
        Settings.resolve()
