"""What every installation has: the role groups with their permissions and a default rating scale.

Migrations 0003 and 0005 created them from their own copies, frozen as they were then; the current
ones here are ensured after every ``migrate`` and ``flush`` (see ClaimsConfig.ready), so a database
emptied by a test or an operator gets them back and a change here reaches existing databases.
"""

from django.apps import apps as global_apps

VIEW_ALL = [
    "articles.view_article",
    "articles.view_feed",
    "claims.view_source",
    "claims.view_sourcealias",
    "claims.view_claim",
    "claims.view_attribution",
    "claims.view_stance",
    "claims.view_claimrelation",
    "claims.view_evidence",
    "claims.view_ratingscale",
    "claims.view_rating",
    "claims.view_verdict",
    "claims.view_claimvariant",
    "claims.view_claimsuggestion",
]
REVIEWER = [
    *VIEW_ALL,
    "articles.view_feedentry",
    "claims.view_changerecord",
    "claims.view_reviewrating",
    "claims.add_source",
    "claims.change_source",
    "claims.add_sourcealias",
    "claims.change_sourcealias",
    "claims.change_claim",
    "claims.add_attribution",
    "claims.change_attribution",
    "claims.add_stance",
    "claims.change_stance",
    "claims.add_claimrelation",
    "claims.change_claimrelation",
    "claims.add_evidence",
    "claims.change_evidence",
    "claims.add_verdict",
    "claims.change_verdict",
    "claims.add_reviewrating",
]
EDITOR = [
    *REVIEWER,
    "articles.add_article",
    "articles.change_article",
    "articles.add_feed",
    "articles.change_feed",
    "articles.delete_feed",
    "claims.add_claim",
    "claims.delete_claim",
    "claims.delete_attribution",
    "claims.delete_stance",
    "claims.delete_claimrelation",
    "claims.delete_evidence",
    "claims.delete_sourcealias",
    "claims.assign_claim",
    "claims.publish_verdict",
    "claims.export_verdict",
    "claims.add_ratingscale",
    "claims.change_ratingscale",
    "claims.add_rating",
    "claims.change_rating",
    "claims.view_exportjob",
    "claims.add_exportjob",
]
API_CLIENT = [
    *VIEW_ALL,
    "articles.add_article",
    "claims.add_webhook",
    "claims.change_webhook",
    "claims.delete_webhook",
    "claims.view_webhook",
]
# Given to an API user on top of (or instead of) "API client": the API refuses them every write,
# which makes their token read-only (factcheck/api_permissions.py).
API_READ_ONLY = list(VIEW_ALL)
GROUPS = {
    "Reviewer": REVIEWER,
    "Editor": EDITOR,
    "API client": API_CLIENT,
    "API read-only": API_READ_ONLY,
}

DEFAULT_SCALE = {
    "slug": "truth-5",
    "name": "Truth scale",
    "worst": 1,
    "best": 5,
    "description": "From False (1) to True (5).",
}
DEFAULT_RATINGS = [
    (1, "False", "The claim is inaccurate."),
    (2, "Mostly false", "The claim holds an element of truth but ignores facts that change it."),
    (3, "Half true", "The claim is partially accurate but leaves out important details."),
    (4, "Mostly true", "The claim is accurate but needs clarification or more information."),
    (5, "True", "The claim is accurate and nothing significant is missing."),
]

# Beside the truth scale: the labels desks give claims that are neither true nor false, on a scale
# of their own (its values order them from the least to the most actionable for a reader).
CONTEXT_SCALE = {
    "slug": "context-3",
    "name": "Context scale",
    "worst": 1,
    "best": 3,
    "description": "For claims the truth scale does not fit: Misleading, Missing context, "
    "Unproven.",
}
CONTEXT_RATINGS = [
    (1, "Misleading", "The facts are accurate but presented so that they lead to a false idea."),
    (2, "Missing context", "The claim leaves out context a reader needs to judge it."),
    (3, "Unproven", "There is not enough evidence to rate it true or false."),
]
DEFAULT_SCALES = [(DEFAULT_SCALE, DEFAULT_RATINGS), (CONTEXT_SCALE, CONTEXT_RATINGS)]


def ensure_roles(apps=global_apps) -> None:
    """Create the groups if missing and give them exactly their permissions."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = []
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)


def ensure_default_rating_scale(apps=global_apps) -> None:
    """Create the five-point truth scale and the context scale if missing (editors may add
    others, and change these: a scale that exists is left as it is)."""
    RatingScale = apps.get_model("claims", "RatingScale")
    Rating = apps.get_model("claims", "Rating")
    for definition, ratings in DEFAULT_SCALES:
        fields = {k: v for k, v in definition.items() if k != "slug"}
        scale, created = RatingScale.objects.get_or_create(slug=definition["slug"], defaults=fields)
        if created:
            for value, label, description in ratings:
                Rating.objects.create(
                    scale=scale, value=value, label=label, description=description
                )
