"""Who may do what through the API: one permission class, DRF's default, for every endpoint.

``ApiPermission`` decides in this order:

1. Anonymous requests are refused (401 with a token or session to give, as DRF answers).
2. A user in the ``API read-only`` group is refused every unsafe method (POST, PUT, PATCH,
   DELETE) of every endpoint, whatever else their groups allow. authtoken gives one token per
   user, so this is the per-token read-only flag: an admin gives a researcher a read-only token by
   creating the user in the admin, adding them to "API client" and "API read-only", and creating
   their token (admin > Auth Token > Tokens). The group exists on every installation
   (claims/defaults.py) and carries the view permissions only.
3. A view that defines ``api_access(request) -> bool`` decides the rest itself (the graph needs
   several view permissions, the verdict export the "API client" group or the export permission).
4. A view with a queryset needs the model's permissions: ``view_<model>`` to read,
   ``add_``/``change_``/``delete_`` to write.
5. Any other view may be read by every authenticated user and written by none.

Read with ``DEFAULT_PERMISSION_CLASSES`` while DRF defines ``APIView``, so this module must not
import ``rest_framework.views`` (nor anything importing it).
"""

from typing import Any

from rest_framework import exceptions, permissions
from rest_framework.request import Request

READ_ONLY_GROUP = "API read-only"
READ_ONLY_REFUSED = "This token is read-only: it cannot create, change or delete anything."


def user_is_read_only(user: Any) -> bool:
    return bool(user.groups.filter(name=READ_ONLY_GROUP).exists())


def _has_queryset(view: Any) -> bool:
    return getattr(view, "queryset", None) is not None or hasattr(view, "get_queryset")


class ApiPermission(permissions.DjangoModelPermissions):
    """The API's only permission class (see the module docstring for the rules, in order)."""

    # DjangoModelPermissions lets anyone read; reading needs ``view_<model>`` here.
    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        safe = request.method in permissions.SAFE_METHODS
        if not safe and user_is_read_only(user):
            raise exceptions.PermissionDenied(READ_ONLY_REFUSED)
        access = getattr(view, "api_access", None)
        if access is not None:
            return bool(access(request))
        if _has_queryset(view):
            return bool(super().has_permission(request, view))
        return safe
