"""The admin's login form, which is also the desk's: it tells an account without desk access so,
instead of asking for the right password it was given."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

NO_DESK_ACCESS = (
    "This account has no desk access: it is not in the Reviewer or Editor group (API accounts use "
    "their token with the API). Ask an editor if you need the desk."
)


class DeskLoginForm(AdminAuthenticationForm):
    def confirm_login_allowed(self, user: User) -> None:
        if user.is_active and not user.is_staff:
            raise ValidationError(NO_DESK_ACCESS, code="no_desk_access")
        super().confirm_login_allowed(user)
