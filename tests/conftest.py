import pytest

from polex.config import DEFAULT_MODEL
from polex.nlp import load_nlp


@pytest.fixture(scope="session")
def nlp():
    """The trained English pipeline, loaded once for the whole test session."""
    return load_nlp(DEFAULT_MODEL)
