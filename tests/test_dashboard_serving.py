"""The dashboard's files as the app serves them (no browser): the page at /, its scripts,
styles and map data from the package, and the security headers on every response."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from polex.api.app import create_app
from polex.dashboard import CONTENT_SECURITY_POLICY, static_directory
from tests.api_samples import build_store

STATIC = static_directory()
PAGES = [STATIC / "index.html", STATIC / "api-docs.html"]
OWN_FILES = [*PAGES, STATIC / "dashboard.css", *sorted((STATIC / "js").glob("*.js"))]
VENDOR = STATIC / "vendor"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = tmp_path_factory.mktemp("dashboard") / "events.duckdb"
    build_store(db)
    return TestClient(create_app(db))


def test_dashboard_page_is_served_at_the_root(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="dashboard/js/app.js">' in response.text


@pytest.mark.parametrize("path, media_type", [
    ("/dashboard/js/app.js", "text/javascript"),
    ("/dashboard/dashboard.css", "text/css"),
    ("/dashboard/vendor/d3/d3.min.js", "text/javascript"),
    ("/dashboard/vendor/world-atlas/countries-110m.json", "application/json"),
])
def test_dashboard_static_files_are_served(client: TestClient, path: str,
                                           media_type: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)


def test_dashboard_every_file_the_page_names_is_served(client: TestClient) -> None:
    page = client.get("/").text
    named = re.findall(r'(?:src|href)="(dashboard/[^"]+)"', page)
    assert len(named) >= 4
    for path in named:
        assert client.get(f"/{path}").status_code == 200, path


@pytest.mark.parametrize("path", [
    "/", "/dashboard/js/app.js", "/dashboard/missing.js", "/events", "/events/polex-none",
    "/health", "/series", "/openapi.json", "/docs", "/redoc", "/no-such-page",
])
def test_dashboard_content_security_policy_is_on_every_response(client: TestClient,
                                                                 path: str) -> None:
    response = client.get(path)
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"


def test_dashboard_content_security_policy_is_strict() -> None:
    directives = dict(part.split(" ", 1) for part in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    assert "http" not in CONTENT_SECURITY_POLICY


def test_dashboard_api_docs_page_is_served_under_the_policy(client: TestClient) -> None:
    """/docs is Swagger UI from the package, started by a script file (no inline script),
    so it works offline and under the same policy as the dashboard."""
    response = client.get("/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    named = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert "dashboard/vendor/swagger-ui/swagger-ui-bundle.js" in named
    assert "dashboard/js/api-docs.js" in named
    for path in named:
        assert not re.match(r"[a-z]+:|//", path), path
        assert client.get(f"/{path}").status_code == 200, path
    assert "cdn" not in response.text.lower()


def test_dashboard_redoc_leads_to_the_api_docs_page(client: TestClient) -> None:
    response = client.get("/redoc", follow_redirects=False)
    assert response.status_code in (307, 308)
    assert response.headers["location"] == "/docs"
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_dashboard_api_docs_pages_are_not_in_the_api_description(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert not {"/", "/docs", "/redoc"} & set(paths)


def test_dashboard_unknown_paths_are_still_json_errors(client: TestClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_dashboard_files_are_package_data() -> None:
    shipped = resources.files("polex.dashboard") / "static"
    for name in ("index.html", "dashboard.css", "js/app.js", "vendor/README.md"):
        assert (shipped / name).is_file(), name


@pytest.mark.parametrize("path", OWN_FILES, ids=lambda path: path.name)
def test_dashboard_own_files_name_no_other_host(path: Path) -> None:
    text = path.read_text()
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", text), path.name
    assert "innerHTML" not in text and "outerHTML" not in text, path.name
    assert "insertAdjacentHTML" not in text and "document.write" not in text, path.name


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_dashboard_page_has_no_inline_script_or_style(path: Path) -> None:
    page = path.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert "<style" not in page and "style=" not in page
    assert not re.search(r"\son[a-z]+=", page)


def test_dashboard_vendored_files_are_listed_with_their_licences() -> None:
    listing = (VENDOR / "README.md").read_text()
    packages = [folder for folder in VENDOR.iterdir() if folder.is_dir()]
    assert packages
    for folder in packages:
        assert (folder / "LICENSE").is_file(), folder.name
        for file in folder.iterdir():
            if file.name != "LICENSE":
                assert f"`{folder.name}/{file.name}`" in listing, file.name
