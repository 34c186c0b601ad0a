"""The people the claims tests act as, one per role (exports' tests bring their own)."""

import pytest

from tests.factories import UserFactory


def _person(fixture: str, username: str, group: str):
    @pytest.fixture(name=fixture)
    def person(db):
        return UserFactory(username=username, groups=[group])

    return person


reviewer = _person("reviewer", "rita", "Reviewer")
other_reviewer = _person("other_reviewer", "rob", "Reviewer")
editor = _person("editor", "edna", "Editor")
api_user = _person("api_user", "bot", "API client")
