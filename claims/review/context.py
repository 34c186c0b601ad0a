"""The template context every desk page needs (review screens, exports, source pages).

The desk pages extend the admin's base template, which shows the site header, the user links and
the review navigation only when this context is given.
"""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from claims.selectors.desk import my_work_counts
from factcheck.auth import acting_user

EDITOR_PERMISSION = "claims.publish_verdict"


def desk_context(request: HttpRequest, **extra) -> dict:
    """What the admin's base template needs, plus the page's own context. The counts of the
    person's own work (in the navigation) are read once, when the page shows them (1 query)."""
    user = acting_user(request)
    return {
        "site_header": admin.site.site_header,
        "site_title": admin.site.site_title,
        "site_url": "/",
        "has_permission": True,
        "is_nav_sidebar_enabled": False,
        "is_editor": request.user.has_perm(EDITOR_PERMISSION),
        "can_assign": request.user.has_perm("claims.assign_claim"),
        "my_counts": SimpleLazyObject(lambda: my_work_counts(user=user)),
        **extra,
    }
