"""The editor's export page, background job pages and job downloads.

Editors only (perm ``claims.export_verdict``): anonymous users go to the login page, everyone else
gets 403. Small exports stream straight away; large ones (or on request) become an ``ExportJob``.
"""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from claims.exports.claimreview import ClaimReviewInvalid
from claims.exports.formats import FORMATS, export_check, export_queryset, export_streaming_response
from claims.exports.forms import ExportForm
from claims.exports.permissions import EXPORT_PERMISSION
from claims.exports.services import export_async_threshold, export_job_create
from claims.models import ExportJob
from claims.review.context import desk_context
from factcheck.auth import acting_user

MAX_PROBLEMS_SHOWN = 50


def editors_only(view):
    return login_required(permission_required(EXPORT_PERMISSION, raise_exception=True)(view))


def _recent_jobs(request: HttpRequest):
    return ExportJob.objects.filter(requested_by=acting_user(request)).order_by("-created_at")[:10]


@editors_only
@require_http_methods(["GET", "POST"])
def export_index(request: HttpRequest) -> HttpResponseBase:
    """GET: the filter form. POST (a download button): stream the file or start a job."""
    if request.method == "GET":
        form = ExportForm(initial={"status": ["published"]})
        return _page(request, form)

    form = ExportForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    export_format = form.export_format()
    queryset = export_queryset(export_format=export_format, filters=form.filters())
    # One COUNT decides between a streamed download and a background job.
    if form.cleaned_data["background"] or queryset.count() > export_async_threshold():
        try:
            job = export_job_create(
                export_format=export_format.name, filters=form.filters(), actor=acting_user(request)
            )
        except ValidationError as exc:
            raise PermissionDenied(exc.messages[0]) from exc
        return redirect("exports:job", job_id=job.pk)
    try:
        export_check(export_format=export_format, queryset=queryset)
    except ClaimReviewInvalid as exc:
        return _page(request, form, problems=exc.problems, status=422)
    return export_streaming_response(export_format=export_format, queryset=queryset)


def _page(
    request: HttpRequest, form: ExportForm, *, problems: list[str] | None = None, status: int = 200
) -> HttpResponse:
    problems = problems or []
    return render(
        request,
        "exports/index.html",
        desk_context(
            request,
            title="Export verdicts",
            form=form,
            formats=FORMATS.values(),
            problems=problems[:MAX_PROBLEMS_SHOWN],
            more_problems=max(0, len(problems) - MAX_PROBLEMS_SHOWN),
            threshold=export_async_threshold(),
            jobs=_recent_jobs(request),
        ),
        status=status,
    )


@editors_only
@require_GET
def export_job(request: HttpRequest, job_id: int) -> HttpResponse:
    """A job's progress; the page reloads itself until the job is done or failed."""
    # Any editor may follow any job: they could run the same export themselves.
    job = get_object_or_404(ExportJob.objects.select_related("requested_by"), pk=job_id)
    running = job.status in {ExportJob.Status.QUEUED, ExportJob.Status.RUNNING}
    percent = None
    if job.rows_total:
        percent = min(100, round(100 * job.rows_written / job.rows_total))
    elif job.status == ExportJob.Status.DONE:
        percent = 100
    return render(
        request,
        "exports/job.html",
        desk_context(
            request,
            title=f"Export #{job.pk}",
            job=job,
            running=running,
            percent=percent,
            format=FORMATS.get(job.format),
        ),
    )


@editors_only
@require_GET
def export_job_download(request: HttpRequest, job_id: int) -> FileResponse:
    job = get_object_or_404(ExportJob, pk=job_id)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404("This export has no file yet.")
    export_format = FORMATS[job.format]
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=f"verdicts-export-{job.pk}.{export_format.extension}",
        content_type=f"{export_format.media_type}; charset=utf-8",
    )
