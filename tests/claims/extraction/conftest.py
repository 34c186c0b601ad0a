"""The spaCy pipeline is loaded once for all extraction tests (loading takes seconds)."""

from collections.abc import Callable

import pytest
from spacy.language import Language

from claims.extraction import Attribution, extract, load_nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture
def only(nlp: Language) -> Callable[[str], Attribution]:
    """The one attribution of a text; fails when there are none or several."""

    def only(text: str) -> Attribution:
        attributions = extract(text, nlp=nlp).attributions
        assert len(attributions) == 1, attributions
        return attributions[0]

    return only


@pytest.fixture
def by_cue(nlp: Language) -> Callable[[str, str], Attribution]:
    """The first attribution of a text with the given cue."""

    def by_cue(text: str, cue: str) -> Attribution:
        return next(a for a in extract(text, nlp=nlp).attributions if a.cue == cue)

    return by_cue
