"""Fixtures of the selector tests."""

import pytest

from tests.claims.api.samples import build_sample_article


@pytest.fixture
def sample():
    """The annotated sample article with its sources, claims and attributions."""
    return build_sample_article()
