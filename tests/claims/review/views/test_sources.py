"""The source page (/sources/<id>/): its scorecard under the Content-Security-Policy, for staff only;
and the speaker pickers' search (/review/sources/search/)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from claims.models import SourceAlias
from factcheck.csp import POLICY
from tests.claims.review.conftest import publish
from tests.factories import SourceFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_source_page_has_no_inline_style_and_wears_the_desk_look(
    client, reviewer, editor, world, django_assert_num_queries
):
    publish(world["verdict"], reviewer=reviewer, editor=editor)
    client.force_login(reviewer)
    url = reverse("source-page", args=[world["ryder"].pk])
    # session, user, groups' permissions, source with affiliation, aliases, 4 scorecard queries,
    # my work's counts in the navigation
    with django_assert_num_queries(10):
        response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == POLICY
    assert "<style" not in page and 'style="' not in page
    assert admin.site.site_header in page and reverse("review:queue") in page
    assert '<strong data-testid="published-verdicts">1</strong>' in page
    assert '<meter class="share" min="0" max="1" value="1"' in page
    # The latest verdicts link to this site's public page and the claim, not PUBLISHER_URL.
    assert f'href="{reverse("public-verdict", args=[world["verdict"].pk])}"' in page
    assert f'href="{reverse("review:claim", args=[world["claim"].pk])}"' in page


def test_source_page_for_staff(client, speaker):
    client.force_login(UserFactory(groups=["Reviewer"]))
    response = client.get(f"/sources/{speaker.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dmitry Peskov" in page
    assert '<strong data-testid="published-verdicts">4</strong>' in page
    assert "False (1)" in page


def test_source_page_refuses_api_clients_and_redirects_anonymous(client, speaker):
    response = client.get(f"/sources/{speaker.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    client.force_login(UserFactory(groups=["API client"]))
    assert client.get(f"/sources/{speaker.pk}/").status_code == 403


def test_source_page_404(client):
    client.force_login(UserFactory(groups=["Editor"]))
    assert client.get("/sources/999999/").status_code == 404


def test_speaker_search_finds_sources_by_part_of_a_name_or_alias(
    client, reviewer, world, django_assert_num_queries
):
    moscow = SourceFactory(name="Russian government", kind="government")
    SourceAlias.objects.create(source=moscow, alias="Moscow")
    SourceFactory(name="Dr. Anthony Fauci")
    client.force_login(reviewer)
    url = reverse("review:source-search")
    client.get(url)  # warm the session
    # session, user, user and group permissions, the matching sources.
    with django_assert_num_queries(5):
        found = client.get(url, {"q": "ryd"}).json()["results"]
    assert found == [
        {
            "id": world["ryder"].pk,
            "name": "Pat Ryder",
            "label": "Pat Ryder (Pentagon spokesman)",
            "kind": "Person",
        }
    ]
    by_alias = client.get(url, {"q": "mosc"}).json()["results"]
    assert [s["id"] for s in by_alias] == [moscow.pk]
    # Compared as names are stored: accents folded, titles dropped.
    assert [s["name"] for s in client.get(url, {"q": "dr. anthóny"}).json()["results"]] == [
        "Dr. Anthony Fauci"
    ]


def test_speaker_search_lists_names_starting_with_the_query_first_and_is_bounded(client, reviewer):
    for n in range(12):
        SourceFactory(name=f"Ann Example {n:02}")
    SourceFactory(name="Joanna Annan")
    client.force_login(reviewer)
    url = reverse("review:source-search")
    found = client.get(url, {"q": "ann"}).json()["results"]
    assert len(found) == 10
    assert [s["name"] for s in found] == [f"Ann Example {n:02}" for n in range(10)]
    assert "Joanna Annan" in [s["name"] for s in client.get(url, {"q": "annan"}).json()["results"]]
    assert client.get(url, {"q": "  "}).json() == {"results": []}
    assert client.get(url, {"q": "x" * 5000}).status_code == 200
    assert client.get(url, {"q": "Dr."}).status_code == 200


def test_every_speaker_picker_offers_the_finder_hidden_until_scripts_run(client, reviewer, world):
    client.force_login(reviewer)
    pages = {
        "article": client.get(reverse("review:article", args=[world["article"].pk])),
        "claim": client.get(reverse("review:claim", args=[world["claim"].pk])),
    }
    search = reverse("review:source-search")
    for name, response in pages.items():
        page = response.content.decode()
        # Without JavaScript the finder stays hidden and the picker's select posts as before.
        assert '<div class="source-finder" data-source-finder hidden>' in page, name
        assert f'data-source-search="{search}"' in page, name
    assert 'data-source-target="stance-speaker"' in pages["claim"].content.decode()
    outer = world["outer"].pk
    assert f'data-source-target="speaker-{outer}"' in pages["article"].content.decode()
