"""The article and claim pages run a fixed number of queries however much they show."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = [
    # session, user, user perms, group perms, the article, its attributions with claim and speakers,
    # the next article to review, claims left without appearances, my work's counts.
    ("review:article", "article", 9, 3),
    # session, user, user perms, group perms; the claim; attributions; stances; evidence;
    # relations; verdicts + their evidence; merged duplicates; possible duplicates; blind ratings;
    # history; the rating scale's ratings; variants; suggestions; my work's counts in the navigation.
    ("review:claim", "claim", 19, 1),
]


@pytest.mark.parametrize(
    ("name", "obj", "queries", "attributions"), PAGES, ids=["article", "claim"]
)
def test_page_query_count_is_constant(
    client, reviewer, world, grown, django_assert_num_queries, name, obj, queries, attributions
):
    client.force_login(reviewer)
    with django_assert_num_queries(queries):
        response = client.get(reverse(name, args=[world[obj].pk]))
    assert len(response.context["review"].attributions) == attributions + grown
