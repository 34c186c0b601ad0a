"""Public pages, readable without logging in (included at the site root in factcheck/urls.py)."""

from django.urls import path

from claims.review.views import public

urlpatterns = [
    path("", public.home, name="home"),
    path("verdicts/<int:pk>/", public.verdict_public, name="public-verdict"),
]
