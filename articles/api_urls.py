"""Ingestion API routes, included under ``api/v1/`` by factcheck/urls.py."""

from rest_framework.routers import SimpleRouter

from articles.api import ArticleViewSet

app_name = "articles_api"

router = SimpleRouter()
router.register("articles", ArticleViewSet, basename="article")

urlpatterns = router.urls
