"""Who may export what.

Editors (perm ``claims.export_verdict``) export any verdict, drafts included, from the editor page,
the admin and the API. Members of the "API client" group use the API only, for published verdicts.
"""

from django.contrib.auth.models import AnonymousUser, User

EXPORT_PERMISSION = "claims.export_verdict"
API_CLIENT_GROUP = "API client"


def can_export_all(user: User | AnonymousUser) -> bool:
    """Editors: any verdict, drafts included."""
    return user.is_active and user.has_perm(EXPORT_PERMISSION)


def can_export_published(user: User | AnonymousUser) -> bool:
    """Editors and API clients: published verdicts."""
    return can_export_all(user) or (
        user.is_active and user.groups.filter(name=API_CLIENT_GROUP).exists()
    )
