"""The export request, validated the same way for the editor page, the API and the command."""

import re
from typing import Any

from django import forms
from django.db.models import QuerySet

from claims.exports.formats import FORMAT_CHOICES, FORMATS, ExportFormat
from claims.exports.selectors import ExportFilters
from claims.models import MAX_ID, Rating, Verdict

# ASCII digits only: str.isdigit() is true of "¹" and "²", which int() refuses.
_INTEGER_RE = re.compile(r"-?[0-9]+")


class RatingChoiceField(forms.ModelMultipleChoiceField):
    def clean(self, value: Any) -> QuerySet[Rating]:
        for pk in value if isinstance(value, list | tuple) else ():
            if _INTEGER_RE.fullmatch(str(pk)) and abs(int(pk)) > MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super().clean(value)

    def label_from_instance(self, obj: Rating) -> str:
        return f"{obj.scale.name}: {obj.label} ({obj.value})"


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=FORMAT_CHOICES)
    since = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Published on or after this day; empty: from the first.",
    )
    until = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Published on or before this day; empty: up to today.",
    )
    rating = RatingChoiceField(
        queryset=Rating.objects.select_related("scale").order_by("scale__name", "value"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: every rating.",
    )
    outlet = forms.CharField(required=False, max_length=200)
    speaker = forms.CharField(required=False, max_length=300, help_text="Part of the name")
    status = forms.MultipleChoiceField(
        choices=Verdict.Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: every status.",
    )
    background = forms.BooleanField(
        required=False,
        label="Run in the background",
        help_text="Large exports always do; you get a page that shows progress and the file.",
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise forms.ValidationError("The start date comes after the end date.")
        return cleaned

    def export_format(self) -> ExportFormat:
        return FORMATS[self.cleaned_data["format"]]

    def filters(self) -> ExportFilters:
        data = self.cleaned_data
        return ExportFilters(
            since=data.get("since"),
            until=data.get("until"),
            rating_ids=tuple(rating.pk for rating in data.get("rating") or ()),
            outlet=data.get("outlet") or "",
            speaker=data.get("speaker") or "",
            statuses=tuple(data.get("status") or ()),
        )


def form_errors(form: forms.Form) -> dict[str, list[str]]:
    """The form's errors as plain messages, keyed by field ("non_field_errors" for the rest)."""
    return {
        ("non_field_errors" if field == "__all__" else field): [str(m) for m in messages]
        for field, messages in form.errors.items()
    }
