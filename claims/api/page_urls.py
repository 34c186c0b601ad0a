"""Source pages of the desk app, mounted at ``/sources/`` (factcheck/urls.py)."""

from django.urls import path

from claims.api import pages

urlpatterns = [
    path("<int:pk>/", pages.source_page, name="source-page"),
]
