"""POST /ingest without the server's bearer token: 401 with a WWW-Authenticate header and
a JSON reason, and nothing is read, coded or stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api_ingest_samples import KENYA, TOKEN, empty_store, ingest_client, stored

WRONG = {
    "no header": {},
    "empty bearer": {"Authorization": "Bearer "},
    "another scheme": {"Authorization": f"Basic {TOKEN}"},
    "wrong token": {"Authorization": "Bearer not-the-token"},
    "token with a suffix": {"Authorization": f"Bearer {TOKEN}x"},
    "token prefix": {"Authorization": f"Bearer {TOKEN[:-1]}"},
}


@pytest.mark.parametrize("headers", WRONG.values(), ids=WRONG.keys())
def test_api_ingest_needs_token_refuses_a_request_without_it(
        tmp_path: Path, headers: dict[str, str]) -> None:
    path = empty_store(tmp_path)
    before = path.read_bytes()
    response = ingest_client(path).post("/ingest", json=KENYA, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.headers["content-type"] == "application/json"
    assert "token" in response.json()["detail"]
    assert TOKEN not in response.text
    assert stored(path) == {"articles": 0, "events": 0, "failures": 0}
    assert path.read_bytes() == before


def test_api_ingest_needs_token_with_a_non_ascii_header_is_refused(tmp_path: Path) -> None:
    path = empty_store(tmp_path)
    header = f"Bearer {TOKEN}é".encode("latin-1")
    response = ingest_client(path).post("/ingest", json=KENYA,
                                        headers={"Authorization": header})
    assert response.status_code == 401
    assert stored(path)["articles"] == 0
