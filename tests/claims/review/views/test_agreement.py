"""Blind double review: the other rating stays hidden until both are in, then the agreement page
counts the disagreement."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_blind_double_review_hides_the_other_rating_until_both_are_in(
    client, reviewer, other_reviewer, editor, world, scale
):
    claim = world["own"].claim
    claim.requires_double_review = True
    claim.save()
    url = reverse("review:claim", args=[claim.pk])
    client.force_login(reviewer)
    client.post(reverse("review:claim-rating", args=[claim.pk]), {"rating": scale[1].pk})
    client.force_login(other_reviewer)
    page = client.get(url).content.decode()
    assert "rita: <strong>False</strong>" not in page
    client.post(reverse("review:claim-rating", args=[claim.pk]), {"rating": scale[5].pk})
    page = client.get(url).content.decode()
    assert "rita: <strong>False</strong>" in page and "rob: <strong>True</strong>" in page

    client.force_login(editor)
    agreement = client.get(reverse("review:agreement"))
    assert agreement.context["pairs"][0]["disagreements"] == 1
    assert agreement.context["disagreements"][0][0] == claim
