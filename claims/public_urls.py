"""Public pages, readable without logging in (included at the site root in factcheck/urls.py)."""

from django.urls import path

from claims.review import views

urlpatterns = [
    path("verdicts/<int:pk>/", views.verdict_public, name="public-verdict"),
]
