"""Forms of the review screens: they validate input; the services in claims/services do the work.

Forms that edit a versioned row carry ``version``, the version the page was loaded with, which the
service compares (optimistic locking).
"""

import re
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q

from articles.models import Article
from claims.models import Attribution, Claim, ClaimRelation, Evidence, Rating, Source, Stance
from claims.selectors.desk import ArticleFilters
from claims.selectors.review import QUEUE_SORTS, QueueFilters


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("", "All"), *Claim.Status.choices], required=False, initial="candidate"
    )
    text = forms.CharField(required=False, label="Text contains")
    outlet = forms.CharField(required=False)
    speaker = forms.CharField(required=False, label="Speaker name contains")
    cue_kind = forms.ChoiceField(
        choices=[("", "Any"), *Attribution.CueKind.choices], required=False, label="Cue kind"
    )
    date_from = forms.DateField(
        required=False, label="Published from", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label="Published to", widget=forms.DateInput(attrs={"type": "date"})
    )
    min_checkworthiness = forms.FloatField(
        required=False,
        min_value=0,
        max_value=1,
        label="Check-worthiness at least",
        widget=forms.NumberInput(attrs={"step": "0.1"}),
    )
    assigned = forms.ChoiceField(
        choices=[("", "Anyone"), ("me", "Assigned to me"), ("unassigned", "Unassigned")],
        required=False,
    )
    sort = forms.ChoiceField(
        choices=[
            ("-checkworthiness", "Most check-worthy first"),
            ("checkworthiness", "Least check-worthy first"),
            ("-created_at", "Newest first"),
            ("created_at", "Oldest first"),
            ("-appearances", "Most appearances first"),
            ("-latest_published", "Latest article first"),
            ("latest_published", "Earliest article first"),
        ],
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            # Only the end is dropped: the range still starts where the person said.
            self.add_error("date_to", "The end date comes before the start date.")
        return data

    def filters(self) -> QueueFilters:
        """The filters that were valid (call after ``is_valid()``); a missing or wrong status
        means candidates, a wrong value for any other filter means no filter on it."""
        data = self.cleaned_data
        status = (
            data.get("status")
            if "status" in self.data and "status" not in self.errors
            else Claim.Status.CANDIDATE
        )
        sort = data.get("sort") or "-checkworthiness"
        return QueueFilters(
            status=status or "",
            text=data.get("text", "").strip(),
            outlet=data.get("outlet", "").strip(),
            speaker=data.get("speaker", "").strip(),
            cue_kind=data.get("cue_kind", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            min_checkworthiness=data.get("min_checkworthiness"),
            assigned=data.get("assigned", ""),
            sort=sort if sort in QUEUE_SORTS else "-checkworthiness",
        )


def reviewers_queryset():
    """Users who can be assigned claims: members of the Reviewer or Editor group."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=["Reviewer", "Editor"]) | Q(is_superuser=True))
        .filter(is_active=True)
        .distinct()
        .order_by("username")
    )


class AssignForm(forms.Form):
    claims = forms.ModelMultipleChoiceField(queryset=Claim.objects.all())
    assignee = forms.ModelChoiceField(
        queryset=reviewers_queryset(), required=False, empty_label="(unassign)"
    )


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReasonForm(VersionForm):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ClaimEditForm(VersionForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    checkworthiness = forms.FloatField(min_value=0, max_value=1)
    requires_double_review = forms.BooleanField(required=False)


Row = TypeVar("Row", Claim, Source)
FieldT = TypeVar("FieldT", bound=forms.Field)


def _field(form: forms.BaseForm, name: str, kind: type[FieldT]) -> FieldT:
    """The bound form's own copy of the field ``name``, as the ``kind`` it is declared as."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field


def _existing(model: type[Row], pk: int, name: str) -> Row:
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationError(f"There is no {name} #{pk}.")
    return found


class MergeForm(VersionForm):
    """The claim to merge into: its number, as typed ("12", "#12") or as the picker fills it in
    ("#12 The text of the claim")."""

    into = forms.CharField(label="Merge into claim", max_length=500)

    def clean_into(self):
        found = re.match(r"\s*#?(\d{1,9})\b", self.cleaned_data["into"])
        if found is None:
            raise ValidationError("Pick a claim from the list, or give its number.")
        return _existing(Claim, int(found.group(1)), "claim")


class UnmergeForm(forms.Form):
    """Undoing a merge takes nothing but the claim: the merge's record says what moved."""


class SplitForm(VersionForm):
    attributions = forms.TypedMultipleChoiceField(coerce=int, choices=[])

    def __init__(self, *args, claim: Claim, **kwargs):
        super().__init__(*args, **kwargs)
        _field(self, "attributions", forms.TypedMultipleChoiceField).choices = [
            (pk, str(pk)) for pk in claim.attributions.values_list("pk", flat=True)
        ]


class SpeakerFields(forms.Form):
    """Pick an existing source by id, or name a new one (found again if it exists)."""

    speaker = forms.IntegerField(required=False, widget=forms.HiddenInput)
    new_speaker_name = forms.CharField(required=False, max_length=300, label="New speaker name")
    new_speaker_kind = forms.ChoiceField(
        choices=Source.Kind.choices, required=False, initial=Source.Kind.PERSON, label="Kind"
    )
    new_speaker_role = forms.CharField(required=False, max_length=300, label="Role")

    def clean_speaker(self):
        pk = self.cleaned_data.get("speaker")
        return None if pk is None else _existing(Source, pk, "source")


class AttributionCorrectForm(VersionForm, SpeakerFields):
    content_start = forms.IntegerField(required=False, min_value=0)
    content_end = forms.IntegerField(required=False, min_value=1)
    no_speaker = forms.BooleanField(required=False, label="No speaker (the article's own voice)")
    kind = forms.ChoiceField(choices=Attribution.Kind.choices)
    cue = forms.CharField(required=False, max_length=200)


class StanceForm(SpeakerFields):
    stance = forms.ChoiceField(choices=Stance.Position.choices)
    basis = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("speaker") and not data.get("new_speaker_name"):
            raise ValidationError("Pick a source or name a new one.")
        return data


class EvidenceForm(forms.ModelForm):
    class Meta:
        model = Evidence
        fields = ["url", "title", "excerpt", "stance"]
        widgets = {"excerpt": forms.Textarea(attrs={"rows": 3})}


class RelationForm(forms.Form):
    to_claim = forms.IntegerField(label="Other claim #", min_value=1)
    # No preselected relation: a reviewer who forgets to pick would record "contradicts".
    relation = forms.ChoiceField(choices=[("", "---------"), *ClaimRelation.Relation.choices])
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_to_claim(self):
        return _existing(Claim, self.cleaned_data["to_claim"], "claim")


class RatingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Rating) -> str:
        return _rating_label(obj)


class VerdictForm(forms.Form):
    """Drafting a verdict; ``version`` is empty when the page showed no verdict."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    rating = RatingChoiceField(queryset=Rating.objects.none(), required=False)
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    explanation = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 6}))
    evidence = forms.ModelMultipleChoiceField(
        queryset=Evidence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, claim: Claim, ratings=None, evidence=None, **kwargs):
        super().__init__(*args, **kwargs)
        rating = _field(self, "rating", RatingChoiceField)
        rating.queryset = Rating.objects.select_related("scale")
        evidence_field = _field(self, "evidence", forms.ModelMultipleChoiceField)
        evidence_field.queryset = Evidence.objects.filter(claim=claim)
        # The page already holds the ratings and the claim's evidence: render without queries.
        if ratings is not None:
            rating.choices = [
                ("", "---------"),
                *((rating.pk, _rating_label(rating)) for rating in ratings),
            ]
        if evidence is not None:
            evidence_field.choices = [(e.pk, e.title or e.url) for e in evidence]


def _rating_label(rating: Rating) -> str:
    return f"{rating.label} ({rating.value}, {rating.scale.name})"


class VerdictActionForm(VersionForm):
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReviewRatingForm(forms.Form):
    rating = forms.ModelChoiceField(queryset=Rating.objects.select_related("scale"))
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


# Longest search term taken: every title, outlet or sentence worth finding is shorter, and huge
# LIKE patterns are refused by SQLite.
ARTICLE_SEARCH_MAX = 200
HTML_NAMES = (".html", ".htm", ".xhtml")


class ArticleAddForm(forms.Form):
    """An article a reviewer or editor adds: pasted text, a URL, or an uploaded HTML/text file."""

    title = forms.CharField(max_length=500, required=False)
    text = forms.CharField(
        required=False,
        strip=False,
        label="Paste the article's text",
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    url = forms.URLField(
        max_length=2000,
        required=False,
        label="or its URL",
        assume_scheme="https",
        help_text="Fetched by the workers. Beside pasted text or a file, it is only kept as the "
        "article's address.",
    )
    file = forms.FileField(
        required=False,
        label="or upload an HTML or text file",
        widget=forms.ClearableFileInput(attrs={"accept": ".html,.htm,.xhtml,.txt,text/*"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if upload.size > settings.FETCH_MAX_BYTES:
            raise ValidationError(
                f"The file is larger than the {settings.FETCH_MAX_BYTES // 1024} KB allowed."
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not (
            data.get("file") or data.get("text", "").strip() or data.get("url")
        ):
            raise ValidationError("Paste the text, give a URL or choose a file.")
        return data

    def submission(self) -> dict[str, Any]:
        """The keyword arguments of ``article_create_by_person`` (call after ``is_valid()``)."""
        data = self.cleaned_data
        upload = data.get("file")
        document, content_type = None, "text/plain"
        if upload is not None:
            document = upload.read()
            named_html = upload.name.lower().endswith(HTML_NAMES)
            content_type = (
                "text/html" if named_html or "html" in (upload.content_type or "") else "text/plain"
            )
        return {
            "title": data["title"].strip(),
            "text": data["text"],
            "url": data["url"],
            "document": document,
            "content_type": content_type,
        }


class ArticleFilterForm(forms.Form):
    """The article list's search and filters; a wrong value drops only that filter."""

    q = forms.CharField(required=False, max_length=ARTICLE_SEARCH_MAX, label="Search")
    status = forms.ChoiceField(
        choices=[("", "Any status"), *Article.Status.choices], required=False
    )
    outlet = forms.CharField(required=False, max_length=200)

    def filters(self) -> ArticleFilters:
        self.is_valid()
        data = self.cleaned_data
        return ArticleFilters(
            text=(data.get("q") or "").strip(),
            status=data.get("status") or "",
            outlet=(data.get("outlet") or "").strip(),
        )
