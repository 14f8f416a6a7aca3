import pytest

from polex.config import DEFAULT_MODEL
from polex.nlp import load_nlp


@pytest.fixture(scope="session")
def nlp():
    """The trained English pipeline, loaded once for the whole test session."""
    return load_nlp(DEFAULT_MODEL)


@pytest.fixture(autouse=True)
def no_api_settings_from_the_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    """A token or body limit set in the shell that runs the tests does not reach them."""
    for name in ("POLEX_API_TOKEN", "POLEX_API_MAX_BODY_BYTES"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for the dashboard's browser tests, one per test module."""
    from playwright.sync_api import sync_playwright

    from tests.dashboard_support import launch_chromium

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()
