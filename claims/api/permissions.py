"""Who may do what through the API: model permissions from the user's groups, plus read-only users.

- Reading a resource needs its ``view_<model>`` permission (every role's group has them);
  writing needs ``add_``/``change_``/``delete_`` (the "API client" group has those for webhooks
  only; articles are submitted through ``articles.api``).
- A user in the ``API read-only`` group is refused every unsafe method, whatever else their groups
  allow. authtoken gives one token per user, so this is the per-token read-only flag: an admin gives
  a researcher a read-only token by creating the user in the admin, adding them to "API client" and
  "API read-only", and creating their token (admin > Auth Token > Tokens). The group exists on every
  installation (claims/defaults.py) and carries the view permissions only.
"""

from rest_framework import permissions

READ_ONLY_GROUP = "API read-only"


def user_is_read_only(user) -> bool:
    return user.groups.filter(name=READ_ONLY_GROUP).exists()


class RolePermission(permissions.DjangoModelPermissions):
    """DjangoModelPermissions that also requires ``view_<model>`` to read."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        return request.method in permissions.SAFE_METHODS or not user_is_read_only(request.user)


class CanViewGraph(permissions.BasePermission):
    """The graph shows claims, attributions and sources: it needs the view permission of each."""

    required = ("claims.view_claim", "claims.view_attribution", "claims.view_source")

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.has_perms(self.required))
