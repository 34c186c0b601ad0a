"""Source pages of the desk, mounted at ``/sources/`` (factcheck/urls.py)."""

from django.urls import path

from claims.review.views import sources

urlpatterns = [
    path("<int:pk>/", sources.source_page, name="source-page"),
]
