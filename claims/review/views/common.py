"""What the desk views share: the staff check, going back where the form was, and flashing why an
action was not done."""

from collections.abc import Callable, Iterable, Mapping
from functools import wraps
from typing import Any, TypeVar

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from claims.defaults import GROUPS
from claims.models import Source
from claims.review.context import EDITOR_PERMISSION
from claims.services import sources as source_services
from claims.services.locking import Conflict

REVIEW = "claims.change_claim"
EDITOR = EDITOR_PERMISSION
# Said when only hidden fields were wrong: nothing the person typed can fix it.
INCOMPLETE = "The form was incomplete: reload the page and try again."

View = Callable[..., HttpResponse]
T = TypeVar("T")
M = TypeVar("M", bound=Model)


def needed_group(perm: str) -> str:
    """The first role group (Reviewer, then Editor) that has ``perm``, for telling people which one
    they would need."""
    return next((name for name in ("Reviewer", "Editor") if perm in GROUPS[name]), "Editor")


def staff_only(perm: str, *, denied: str | None = None) -> Callable[[View], View]:
    """Anonymous visitors are sent to log in; users without ``perm`` get 403 with ``denied``, by
    default naming the group that gives it."""
    group = needed_group(perm)
    denied = denied or (
        f"This page is for the {group} group"
        + (" (editors may use it too)" if group == "Reviewer" else "")
        + f": ask an editor to add you to the {group} group if you need it."
    )

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not (request.user.is_staff and request.user.has_perm(perm)):
                raise PermissionDenied(denied)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def post_on(
    rows: type[M] | QuerySet[M], perm: str
) -> Callable[[Callable[[HttpRequest, M], HttpResponse]], View]:
    """Make ``view(request, row)`` a POST-only view on the row at ``pk`` (404 when there is none)
    for users with ``perm``."""

    def decorator(view: Callable[[HttpRequest, M], HttpResponse]) -> View:
        @require_POST
        @staff_only(perm)
        @wraps(view)
        def wrapped(request: HttpRequest, pk: int) -> HttpResponse:
            return view(request, get_object_or_404(rows, pk=pk))

        return wrapped

    return decorator


def list_page_context(
    request: HttpRequest, *, counts: Mapping[str, int], statuses: Iterable[tuple[str, str]]
) -> dict[str, Any]:
    """What a list page with status tabs shows around its rows: each tab with its count (``counts``
    by status, ``"all"`` for the All tab), and the current query without the page (for the pages'
    links) and without the status (for the tabs' links)."""
    query = request.GET.copy()
    query.pop("page", None)
    status_query = query.copy()
    status_query.pop("status", None)
    return {
        "status_tabs": [
            (value, label, counts[value or "all"]) for value, label in [("", "All"), *statuses]
        ],
        "query": query.urlencode(),
        "status_query": status_query.urlencode(),
    }


def back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """Redirect to the form's ``next`` when it is a URL of this site, else to ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = default
    return HttpResponseRedirect(target)


def kept_input(request: HttpRequest, conflict: Conflict) -> QueryDict:
    """The person's input at the version saved meanwhile, so saving it again is a deliberate
    overwrite."""
    kept = request.POST.copy()
    kept["version"] = str(conflict.current.version)
    return kept


def _by_field(errors: Iterable[tuple[str, Iterable[Any]]]) -> str:
    return " ".join(
        f"{'' if name == '__all__' else name.replace('_', ' ') + ': '}{message}"
        for name, messages_ in errors
        for message in messages_
    )


def error_text(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return _by_field(error.message_dict.items())
    return " ".join(error.messages)


def form_errors(form: django_forms.BaseForm) -> str:
    return _by_field(form.errors.items())


def attempt(
    request: HttpRequest,
    form: django_forms.BaseForm,
    call: Callable[[dict[str, Any]], T],
    *,
    bad_form: str | None = None,
    refused: str = "",
    where: str = "",
) -> T | None:
    """What ``call`` returns for the valid form's data, or None after flashing why it was not done:
    the form's errors after ``bad_form`` (without it, ``INCOMPLETE``), a refusal's reasons after
    ``refused``, or the conflict. ``call`` must not return None itself. ``where`` is the id of the
    page element the message belongs beside (see ``flash``)."""
    if not form.is_valid():
        flash(
            request,
            messages.ERROR,
            INCOMPLETE if bad_form is None else f"{bad_form} {form_errors(form)}",
            where=where,
        )
        return None
    try:
        return call(form.cleaned_data)
    except Conflict as conflict:
        flash(request, messages.ERROR, str(conflict), where=where)
    except ValidationError as error:
        flash(request, messages.ERROR, f"{refused} {error_text(error)}".lstrip(), where=where)
    return None


def flash(request: HttpRequest, level: int, message: str, *, where: str = "") -> None:
    """A message for the next page, shown beside the element with id ``where`` (the card or panel
    acted on) rather than at the top of a page scrolled elsewhere; in a live region either way."""
    messages.add_message(request, level, message, extra_tags=where)


def speaker_from(data: Mapping[str, Any]) -> Source | None:
    """The source a form picked, or the one it named (created unless it exists)."""
    if data.get("new_speaker_name"):
        return source_services.source_get_or_create(
            name=data["new_speaker_name"],
            kind=data.get("new_speaker_kind") or Source.Kind.PERSON,
            role=data.get("new_speaker_role", ""),
        )
    return data.get("speaker")
