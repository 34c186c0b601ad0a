"""URL patterns of claims.exports, mounted at the site root (wired in factcheck/urls.py)."""

from django.urls import path

from claims.exports import api, views

app_name = "exports"

urlpatterns = [
    path("review/exports/", views.export_index, name="index"),
    path("review/exports/jobs/<int:job_id>/", views.export_job, name="job"),
    path(
        "review/exports/jobs/<int:job_id>/download/",
        views.export_job_download,
        name="job-download",
    ),
    path("api/v1/exports/verdicts/", api.VerdictExportView.as_view(), name="api-verdicts"),
]
