"""Who a request's user is and what they may do, read from the shared cache.

Without it every request runs the same three or four queries before its view: the session, the
user (or the API token and its user) and the user's own and groups' permissions. With
``AUTH_CACHE`` on (the default when ``CACHE_URL`` names a cache every web process shares) the
session engine is ``cached_db`` and the user, their permission set and each token's user id come
from the cache in one round trip, the database only on a miss:

- ``auth:<database>:user:<id>``: the user row, dropped when the user is saved or deleted;
- ``auth:<database>:perms:<id>``: the user's own and groups' permission names, tagged with the
  version in ``auth:<database>:perms-version``, which any change to a user's groups or
  permissions, a group's permissions, a group or a permission makes new (so every cached set goes
  stale at once);
- ``auth:<database>:token:<sha256 of the key>``: a token's user id, dropped when the token is
  saved or deleted.

Each change invalidates at once and again after its transaction commits, so a request reading the
rows between the two cannot keep the old ones. Entries also expire after ``TTL`` seconds, which
bounds what a bulk ``update()`` (no signals) could leave stale. A per-process cache (no
``CACHE_URL``) is not shared by gunicorn's workers, so there ``AUTH_CACHE`` is off by default:
a change made in one process would not reach the others.
"""

import functools
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser, Group, Permission, User
from django.core.cache import BaseCache, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

TTL = 300


@functools.cache
def _database() -> str:
    """A short name for the database the rows come from, in every key: two installations (or a
    test run) sharing one Redis must never take each other's user 1 for their own."""
    database = settings.DATABASES["default"]
    where = f"{database.get('HOST', '')}:{database.get('PORT', '')}/{database['NAME']}"
    return hashlib.sha256(where.encode()).hexdigest()[:12]


def auth_cache() -> BaseCache | None:
    """The cache the user, permissions and tokens are kept in, or None when ``AUTH_CACHE`` is off."""
    return caches["default"] if settings.AUTH_CACHE else None


def version_key() -> str:
    return f"auth:{_database()}:perms-version"


def user_key(pk: Any) -> str:
    return f"auth:{_database()}:user:{pk}"


def perms_key(pk: Any) -> str:
    return f"auth:{_database()}:perms:{pk}"


def token_key(key: str) -> str:
    # Hashed: the cache's key names are not a place to keep credentials.
    return f"auth:{_database()}:token:{hashlib.sha256(key.encode()).hexdigest()}"


def cached_user(pk: int, *, loaded: User | None = None) -> User | None:
    """User ``pk`` (``loaded`` when the caller has just read it) with their permission set
    attached when the cache holds a current one: one round trip; the database only for a user not
    cached yet (then cached). None when there is no such user."""
    cache = auth_cache()
    assert cache is not None
    found = cache.get_many([user_key(pk), perms_key(pk), version_key()])
    user = loaded or found.get(user_key(pk))
    if user is None:
        user = User._default_manager.filter(pk=pk).first()
        if user is None:
            return None
    if user_key(pk) not in found:
        cache.set(user_key(pk), user, TTL)
    version, perms = found.get(version_key()), found.get(perms_key(pk))
    if version is not None and perms is not None and perms[0] == version:
        # The attributes ModelBackend keeps a request's permission sets in.
        vars(user).update(
            _user_perm_cache=perms[1], _group_perm_cache=perms[2], _perm_cache=perms[1] | perms[2]
        )
    return user


class CachedModelBackend(ModelBackend):
    """Django's model backend, with the session's user and their permissions from the cache."""

    def get_user(self, user_id: Any) -> User | None:
        if auth_cache() is None:
            return super().get_user(user_id)
        try:
            user = cached_user(int(user_id))
        except (TypeError, ValueError):
            return None
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        cache = auth_cache()
        if (
            cache is None
            or hasattr(user_obj, "_perm_cache")
            or obj is not None
            or isinstance(user_obj, AnonymousUser)
            or not user_obj.is_active
        ):
            return super().get_all_permissions(user_obj, obj)
        # The version is read before the rows: a change landing between the two makes a new
        # version, so the set stored below is never taken for a current one.
        version = cache.get(version_key())
        if version is None:
            cache.add(version_key(), secrets.token_hex(8), None)
            version = cache.get(version_key())
        perms = super().get_all_permissions(user_obj)
        cache.set(
            perms_key(user_obj.pk),
            (version, user_obj._user_perm_cache, user_obj._group_perm_cache),
            TTL,
        )
        return perms


class CachedTokenAuthentication(TokenAuthentication):
    """DRF's token authentication (same header, same answers), with the token's user id, the user
    and their permissions from the cache."""

    def authenticate_credentials(self, key: str) -> tuple[User, Token]:
        cache = auth_cache()
        if cache is None:
            return super().authenticate_credentials(key)
        user_id = cache.get(token_key(key))
        loaded = None
        if user_id is None:
            token = Token.objects.select_related("user").filter(key=key).first()
            if token is None:
                raise exceptions.AuthenticationFailed(_("Invalid token."))
            user_id, loaded = token.user_id, token.user
            cache.set(token_key(key), user_id, TTL)
        user = cached_user(user_id, loaded=loaded)
        if user is None or not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        token = Token(key=key, user=user)
        token._state.adding, token._state.db = False, "default"
        return user, token


def _drop(keys: list[str]) -> None:
    def drop() -> None:
        cache = auth_cache()
        if cache is not None:
            cache.delete_many(keys)

    drop()
    transaction.on_commit(drop)


def _new_version(**kwargs: Any) -> None:
    def bump() -> None:
        cache = auth_cache()
        if cache is not None:
            cache.set(version_key(), secrets.token_hex(8), None)

    bump()
    transaction.on_commit(bump)


def _user_changed(sender: Any, instance: User, **kwargs: Any) -> None:
    _drop([user_key(instance.pk), perms_key(instance.pk)])


def _token_changed(sender: Any, instance: Token, **kwargs: Any) -> None:
    _drop([token_key(instance.key)])


def connect_signals() -> None:
    """Invalidate on every change that alters a user, a token or a permission set (called once
    from the claims app's ``ready``)."""
    for signal in (post_save, post_delete):
        signal.connect(_user_changed, sender=User, dispatch_uid="auth-cache-user")
        signal.connect(_token_changed, sender=Token, dispatch_uid="auth-cache-token")
        for model in (Group, Permission):
            signal.connect(_new_version, sender=model, dispatch_uid=f"auth-cache-{model.__name__}")
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(_new_version, sender=through, dispatch_uid=f"auth-cache-{through}")
