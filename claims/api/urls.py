"""URL patterns of claims.api, mounted at ``/api/v1/`` (factcheck/urls.py).

Articles (``/api/v1/articles/``) live in ``articles.api_urls``.
"""

from django.urls import path
from rest_framework.routers import SimpleRouter

from claims.api import views

app_name = "claims_api"

router = SimpleRouter()
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("sources", views.SourceViewSet, basename="source")
router.register("attributions", views.AttributionViewSet, basename="attribution")
router.register("verdicts", views.VerdictViewSet, basename="verdict")
router.register("stances", views.StanceViewSet, basename="stance")
router.register("evidence", views.EvidenceViewSet, basename="evidence")
router.register("webhooks", views.WebhookViewSet, basename="webhook")
router.register("drift", views.DriftViewSet, basename="drift")

urlpatterns = [
    path("graph/", views.GraphView.as_view(), name="graph"),
    *router.urls,
]
