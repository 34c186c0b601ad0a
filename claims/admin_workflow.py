"""The admin keeps to the review workflow: the fields the workflow sets are read-only in every admin,
and the workflow's steps are admin actions calling the same services as the review screens.

A status, an editor or a publication date set by hand would skip what the services do with them
(the version bump, the change record, the webhooks). So ``WORKFLOW_FIELDS`` are never editable
(``WorkflowFieldsReadOnly``, on every admin and inline of these models), and the steps are taken on
the selected rows with ``actor=request.user``, each row reported as done or refused with the
service's reason. A verdict's content is editable only where the workflow lets the person edit it
(``claims.services.verdicts.VERDICT_TRANSITIONS``).
"""

from collections.abc import Callable, Iterable
from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest

from articles.models import Article
from claims.models import (
    Attribution,
    Claim,
    ClaimRelation,
    Evidence,
    ExportJob,
    ReviewRating,
    Stance,
    Verdict,
)
from claims.services.attributions import attribution_confirm, attribution_reject
from claims.services.claims import ASSIGN_PERMISSION, claim_accept, claim_reject, claims_assign
from claims.services.locking import AUDITED_FIELDS, Conflict
from claims.services.verdicts import (
    EDITOR,
    REVIEWER,
    VERDICT_ACTIONS,
    VERDICT_STEPS,
    verdict_action_permission,
    verdict_actions_for,
    verdict_step,
)
from factcheck.auth import acting_user

# What a verdict says, as opposed to where it stands.
VERDICT_CONTENT_FIELDS = ("rating", "summary", "explanation", "evidence")
# Set by the services (or by the machinery behind them), never typed in.
WORKFLOW_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    Article: ("status", "error", "extractor_version", "submitted_by"),
    Claim: (
        "status",
        "rejection_reason",
        "canonical",
        "assigned_to",
        "requires_double_review",
        "version",
    ),
    Attribution: (
        "review_state",
        "rejection_reason",
        "reviewed_by",
        "reviewed_at",
        "extractor_version",
        "version",
    ),
    # All the workflow records of a verdict but its content.
    Verdict: (*(f for f in AUDITED_FIELDS[Verdict] if f not in VERDICT_CONTENT_FIELDS), "version"),
    Stance: ("created_by",),
    Evidence: ("added_by",),
    ClaimRelation: ("created_by",),
    ReviewRating: ("reviewer",),
    ExportJob: ("requested_by", "status", "rows_written", "rows_total", "file", "error"),
}
# Chosen when the row is added, then changed only by merging and splitting claims.
SET_ONCE_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    Attribution: ("claim",),
    Verdict: ("claim",),
}
# Who added the row: the person adding it in the admin.
AUTHOR_FIELDS: dict[type[models.Model], str] = {
    Stance: "created_by",
    Evidence: "added_by",
    ClaimRelation: "created_by",
}


def workflow_readonly_fields(
    model: type[models.Model], obj: models.Model | None
) -> tuple[str, ...]:
    """The fields of ``model`` an admin must not let anyone edit (``obj`` is the row, if any)."""
    return WORKFLOW_FIELDS.get(model, ()) + (SET_ONCE_FIELDS.get(model, ()) if obj else ())


class WorkflowFieldsReadOnly:
    """For a ``ModelAdmin`` or an inline: workflow fields shown read-only, authors filled in."""

    model: type[models.Model]

    def get_readonly_fields(
        self, request: HttpRequest, obj: models.Model | None = None
    ) -> list[str]:
        declared = super().get_readonly_fields(request, obj)  # type: ignore[misc]  # mixed into an admin
        extra = [f for f in workflow_readonly_fields(self.model, obj) if f not in declared]
        return [*declared, *extra]

    def save_model(
        self, request: HttpRequest, obj: models.Model, form: forms.ModelForm, change: bool
    ) -> None:
        _fill_author(obj, acting_user(request))
        super().save_model(request, obj, form, change)  # type: ignore[misc]  # mixed into an admin

    def save_formset(
        self,
        request: HttpRequest,
        form: forms.ModelForm,
        formset: BaseInlineFormSet,
        change: bool,
    ) -> None:
        for obj in formset.save(commit=False):
            _fill_author(obj, acting_user(request))
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


def _fill_author(obj: models.Model, user: User) -> None:
    author = AUTHOR_FIELDS.get(type(obj))
    if author and obj._state.adding:
        setattr(obj, author, user)


# --- Actions ----------------------------------------------------------------------------------


class NoteInput(forms.Form):
    note = forms.CharField(
        required=False,
        label="Reason or note",
        help_text="Why a row is rejected, sent back or retracted.",
    )


class ActionInputs(NoteInput):
    """What an action may need besides the rows: a reason or note, whom to assign them to."""

    assignee = forms.ModelChoiceField(
        queryset=User.objects.filter(is_staff=True, is_active=True).order_by("username"),
        required=False,
        label="Assign to",
        empty_label="nobody",
    )


class NoteActionForm(helpers.ActionForm, NoteInput):
    """The admin's action bar with a field for the reason or note."""


class ClaimActionForm(helpers.ActionForm, ActionInputs):
    """The action bar of claims: a reason, and whom to assign them to."""


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def act_on_rows(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    rows: Iterable[models.Model],
    act: Callable[[models.Model], object],
    *,
    done: str,
) -> None:
    """Run ``act`` on each row in its own transaction (the services open one), and report which
    rows are ``done`` and which were refused, with the service's reason."""
    succeeded: list[str] = []
    refused: dict[str, list[str]] = {}
    for row in rows:
        name = f"#{row.pk}"
        try:
            act(row)
        except (Conflict, ValidationError, PermissionDenied) as error:
            refused.setdefault(_error_text(error), []).append(name)
        else:
            succeeded.append(name)
    verbose = modeladmin.model._meta.verbose_name.capitalize()
    if succeeded:
        modeladmin.message_user(
            request, f"{verbose} {', '.join(succeeded)} {done}.", messages.SUCCESS
        )
    for reason, names in refused.items():
        modeladmin.message_user(request, f"{verbose} {', '.join(names)}: {reason}", messages.ERROR)


def workflow_action(
    name: str,
    description: str,
    service: Callable[..., object],
    done: str,
    *,
    permission: str = "change",
    inputs: dict[str, str] | None = None,
) -> Callable:
    """An admin action calling ``service`` on each selected row, as ``<model name>=row`` with
    ``actor=request.user`` and the action bar's ``inputs`` (input: the service's name for it).
    ``done`` may name ``{assignee}``."""

    def take_step(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
        form = ActionInputs(request.POST)
        if not form.is_valid():
            modeladmin.message_user(request, "Choose a reviewer or editor.", messages.ERROR)
            return
        given = {kwarg: form.cleaned_data[field] for field, kwarg in (inputs or {}).items()}

        def act(row: models.Model) -> object:
            # The services name their row by its model: claim=, attribution=, verdict=.
            row_kwarg = type(row).__name__.lower()
            return service(**{row_kwarg: row}, actor=acting_user(request), **given)

        done_text = done.format(assignee=form.cleaned_data["assignee"] or "nobody")
        act_on_rows(modeladmin, request, queryset.order_by("pk"), act, done=done_text)

    take_step.__name__ = name
    return admin.action(description=description, permissions=[permission])(take_step)


def _claim_assign(*, claim: Claim, actor: User, assignee: User | None) -> int:
    return claims_assign(claims=[claim], assignee=assignee, actor=actor)


REASON = {"note": "reason"}
CLAIM_ADMIN_ACTIONS = [
    workflow_action("accept_claims", "Accept selected claims", claim_accept, "accepted"),
    workflow_action(
        "reject_claims",
        "Reject selected claims (give the reason)",
        claim_reject,
        "rejected",
        inputs=REASON,
    ),
    workflow_action(
        "assign_claims",
        "Assign selected claims (choose to whom)",
        _claim_assign,
        "assigned to {assignee}",
        permission="assign",
        inputs={"assignee": "assignee"},
    ),
]
ATTRIBUTION_ADMIN_ACTIONS = [
    workflow_action(
        "confirm_attributions", "Confirm selected appearances", attribution_confirm, "confirmed"
    ),
    workflow_action(
        "reject_attributions",
        "Reject selected appearances (give the reason)",
        attribution_reject,
        "rejected",
        inputs=REASON,
    ),
]

VERDICT_ACTION_DESCRIPTIONS = {
    "submit": "Submit selected verdicts to an editor",
    "approve": "Approve selected verdicts",
    "send_back": "Send selected verdicts back to their reviewer (say what to change)",
    "publish": "Publish selected verdicts",
    "retract": "Retract selected verdicts (give the reason)",
}


def _verdict_action(action: str) -> Callable:
    # Offered to those whom the table lets take the step from some status.
    permission = "change" if verdict_action_permission(action) == REVIEWER else "publish"
    return workflow_action(
        f"{action}_verdicts",
        VERDICT_ACTION_DESCRIPTIONS[action],
        partial(verdict_step, action=action),
        VERDICT_ACTIONS[action].done,
        permission=permission,
        inputs=REASON,
    )


VERDICT_ADMIN_ACTIONS = [_verdict_action(action) for action in VERDICT_STEPS]


class ClaimWorkflowAdmin(WorkflowFieldsReadOnly):
    """Claims move through the workflow by ``CLAIM_ADMIN_ACTIONS`` only."""

    action_form = ClaimActionForm

    def has_assign_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(ASSIGN_PERMISSION)


class AttributionWorkflowAdmin(WorkflowFieldsReadOnly):
    """Appearances are confirmed and rejected by ``ATTRIBUTION_ADMIN_ACTIONS`` only."""

    action_form = NoteActionForm


class VerdictWorkflowAdmin(WorkflowFieldsReadOnly):
    """Verdicts move through the workflow by ``VERDICT_ADMIN_ACTIONS`` only; their content is
    editable only where the workflow lets the person edit it."""

    action_form = NoteActionForm

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(EDITOR)

    def get_readonly_fields(
        self, request: HttpRequest, obj: models.Model | None = None
    ) -> list[str]:
        fields = super().get_readonly_fields(request, obj)
        if isinstance(obj, Verdict) and "edit" not in verdict_actions_for(
            verdict=obj, actor=acting_user(request)
        ):
            fields = [*fields, *(f for f in VERDICT_CONTENT_FIELDS if f not in fields)]
        return fields
