"""``{% id_url %}`` gives what ``{% url %}`` gives for URLs taking one integer id."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from claims.templatetags.id_urls import id_url

NAMES = [
    "review:claim",
    "review:claim-edit",
    "review:claim-reject",
    "review:attribution-confirm",
    "review:attribution-correct",
    "review:article",
]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("pk", [1, 7, 42_000])
def test_id_url_is_the_reversed_url(name, pk):
    assert id_url(name, pk) == reverse(name, args=[pk])


def test_id_url_follows_the_script_prefix():
    set_script_prefix("/desk/")
    try:
        assert id_url("review:claim", 5) == reverse("review:claim", args=[5])
        assert id_url("review:claim", 5).startswith("/desk/")
    finally:
        clear_script_prefix()
    assert not id_url("review:claim", 5).startswith("/desk/")


def test_the_tag_renders_like_the_url_tag():
    context = Context({"pk": 12})
    mine = Template("{% load id_urls %}{% id_url 'review:claim-edit' pk %}").render(context)

    assert mine == Template("{% url 'review:claim-edit' pk %}").render(context)


def test_a_url_taking_no_id_is_refused():
    with pytest.raises(NoReverseMatch):
        id_url("review:queue", 3)
