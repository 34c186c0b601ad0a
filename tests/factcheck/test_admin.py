"""Every admin changelist, add form and change form loads for a superuser, with data in it, and
none of them lets anyone type into a field the workflow sets."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from articles.models import Article
from claims.admin_workflow import WORKFLOW_FIELDS, workflow_readonly_fields
from claims.models import ExportJob
from tests.factories import (
    AttributionFactory,
    ClaimRelationFactory,
    EvidenceFactory,
    FeedFactory,
    ReviewRatingFactory,
    StanceFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

MODELS = sorted(admin.site._registry, key=lambda m: m._meta.label)


@pytest.fixture
def populated():
    attribution = AttributionFactory()
    VerdictFactory(claim=attribution.claim)
    StanceFactory(claim=attribution.claim, source=attribution.speaker)
    EvidenceFactory(claim=attribution.claim)
    ClaimRelationFactory(from_claim=attribution.claim)
    ReviewRatingFactory(claim=attribution.claim)
    ExportJob.objects.create(format="csv")
    FeedFactory()
    return attribution


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_changelist_and_forms_load(admin_client, populated, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "a"}).status_code == 200
    model_admin = admin.site._registry[model]
    request_user = UserFactory(is_staff=True, is_superuser=True)
    request = type("R", (), {"user": request_user})()
    if model_admin.has_add_permission(request):
        add = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        if model is Article:  # added on the desk's form, which dedupes and queues
            assert add.status_code == 302 and add["Location"] == reverse("review:article-new")
        else:
            assert add.status_code == 200
    obj = model.objects.first()
    if obj is not None:
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert admin_client.get(change).status_code == 200


def test_article_change_form_shows_its_attributions_inline(admin_client, populated):
    url = reverse("admin:articles_article_change", args=[populated.article.pk])
    page = admin_client.get(url).content.decode()
    assert populated.speaker.name in page
    assert "Attributions" in page


def test_every_model_is_registered():
    from django.apps import apps

    ours = {m for app in ("articles", "claims") for m in apps.get_app_config(app).get_models()}
    assert ours <= set(admin.site._registry)


def test_reviewer_sees_claims_but_cannot_delete_them(client):
    reviewer = UserFactory(groups=["Reviewer"])
    client.force_login(reviewer)
    assert client.get(reverse("admin:claims_claim_changelist")).status_code == 200
    claim = VerdictFactory().claim
    assert client.get(reverse("admin:claims_claim_delete", args=[claim.pk])).status_code == 403


def _editable_fields(model_admin, request, obj):
    """What the form of ``obj`` (or the add form) and each of its inlines let a person type into."""
    yield model_admin.model, set(model_admin.get_form(request, obj).base_fields)
    for inline in model_admin.get_inline_instances(request, obj):
        yield inline.model, set(inline.get_formset(request, obj).form.base_fields)


def test_no_form_or_list_lets_anyone_set_a_workflow_field(populated):
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)

    checked = set()
    for model, model_admin in admin.site._registry.items():
        assert not set(model_admin.list_editable) & set(WORKFLOW_FIELDS.get(model, ()))
        rows = [None] if model_admin.has_add_permission(request) else []
        obj = model.objects.first()
        if obj is not None and model_admin.has_change_permission(request, obj):
            rows.append(obj)
        for row in rows:
            for form_model, editable in _editable_fields(model_admin, request, row):
                workflow = set(workflow_readonly_fields(form_model, row))
                assert not editable & workflow, (model_admin, form_model, editable & workflow)
                checked.add(form_model)
    never_edited = {
        model
        for model, model_admin in admin.site._registry.items()
        if not model_admin.has_add_permission(request)
        and not model_admin.has_change_permission(request)
    }
    assert set(WORKFLOW_FIELDS) - checked <= never_edited
