"""Who is signed in, and with which second factor, kept between requests.

Every request of a signed-in user asks the database for the user (Django's
AuthenticationMiddleware) and for the device that gave the second factor
(django-otp's OTPMiddleware): two queries before the page does anything. Both
answers change rarely, so they are kept in the cache per user, under a version
of that user's sign-in state. Saving or deleting the user, or any of their
devices (a confirmed code saves the device; an administrator's reset deletes
them), replaces the version when it happens and again when the transaction
commits, so an answer read before the commit is never kept under the new one.

What a hit still checks is what Django and django-otp check: the session's
auth hash against the user's (kept from when the user was read; a changed
password changes it), an inactive user never gets here (the backend refuses
them before anything is kept, and deactivating saves the user), and the device
must belong to the user and be confirmed. The password hash is not kept: it is
left out of the cached user and read from the database if something asks for it
(a password change), and a save of that user then writes only the fields it holds.

Other answers about the user that change rarely are kept in the same entry
(`kept_for`: the unread notification count, notifications/unread.py); whatever
changes them calls `sign_in_changed` too.
"""

import copy

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware

from core.kept import Kept, key, replace_version
from partners import viewer

_ATTRIBUTE = "_veerkracht_signed_in"


def _keys(user_pk):
    # The 1 is the layout of what is kept: a release that changes it changes the number.
    return key("signed-in-version", user_pk), key("signed-in:1", user_pk)


def sign_in_changed(*user_pks):
    """What is kept about these users is out of date: now, and once more when the transaction commits."""
    replace_version(*{_keys(user_pk)[0] for user_pk in user_pks})


def kept_for(user):
    """What is kept about this signed-in user: read with the user, or read now (one cache round trip).

    Other answers about the user that change rarely can be kept here too (the
    unread notification count): whatever changes them calls `sign_in_changed`.
    """
    kept = getattr(user, _ATTRIBUTE, None)
    if kept is None:
        kept = Kept(*_keys(user.pk))
        setattr(user, _ATTRIBUTE, kept)
    return kept


def _without_password(user):
    """A copy of the user that holds no password hash: it loads from the database when read."""
    clone = copy.copy(user)  # Django's own __reduce__: a new instance over a copy of the state
    clone.__dict__.pop("password", None)
    return clone


def signed_in_user(request):
    """The request's user, as django.contrib.auth.get_user would answer, from the cache when it can."""
    session = request.session
    user_pk, backend = session.get(SESSION_KEY), session.get(BACKEND_SESSION_KEY)
    if user_pk is None or backend not in settings.AUTHENTICATION_BACKENDS:
        return auth.get_user(request)
    # The partnership entry comes along: nearly every page asks what the user is a member of.
    entry, partnership = Kept.together(_keys(user_pk), viewer.kept_keys(user_pk))
    kept = entry.get("user")
    if kept is not None and constant_time_compare(session.get(HASH_SESSION_KEY, ""), kept[0]):
        user = _without_password(kept[1])  # a copy per request: the kept one stays as it was read
    else:
        # Django's own answer: the backend, the active flag, the session hash (with fallback keys).
        user = auth.get_user(request)
        if not user.is_authenticated or str(user.pk) != str(user_pk):
            return user
        entry.keep("user", (user.get_session_auth_hash(), _without_password(user)))
    setattr(user, _ATTRIBUTE, entry)
    viewer.offer_kept(user, partnership)
    return user


class SignedInAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, reading the user through `signed_in_user`."""

    def process_request(self, request):
        super().process_request(request)

        def user():
            if not hasattr(request, "_cached_user"):
                request._cached_user = signed_in_user(request)
            return request._cached_user

        request.user = SimpleLazyObject(user)


class SignedInOTPMiddleware(OTPMiddleware):
    """django-otp's OTPMiddleware, reading the session's device through the user's kept entry."""

    def _verify_user_sync(self, request, user):
        self._init_user_fields(user)
        if user.is_authenticated:
            persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
            device = self._kept_device(user, persistent_id) if persistent_id else None
            user.otp_device = self._finalize_device(request, user, device)
        return user

    def _kept_device(self, user, persistent_id):
        entry = kept_for(user)
        devices = entry.get("devices", {})
        if persistent_id not in devices:
            devices = {**devices, persistent_id: self._device_from_persistent_id(persistent_id)}
            entry.keep("devices", devices)
        return devices[persistent_id]
