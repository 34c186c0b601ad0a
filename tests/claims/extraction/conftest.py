"""The spaCy pipeline is loaded once for all extraction tests (loading takes seconds)."""

import pytest
from spacy.language import Language

from claims.extraction import load_nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()
