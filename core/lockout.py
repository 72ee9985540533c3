"""Sign-in lockout with django-axes: who counts as whom, and what a locked-out person sees.

After LOGIN_FAILURE_LIMIT failed logins for one username, or from one address,
that username or address cannot log in for LOGIN_LOCKOUT_MINUTES (settings).
Administrators see and lift locks in the admin (Axes: access attempts) or with
`manage.py axes_reset` (`axes_reset_username`, `axes_reset_ip`).
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render


class LockoutBackend(AxesStandaloneBackend):
    """Axes' check on every login attempt that comes with a request.

    The login page, the admin login and the API's token login all pass their
    request. A call without one (the shell, a management command, the test
    client's `login()`) is no attempt from outside; axes cannot place it and
    would refuse it, so it is left to the other backends.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_address(request):
    """The address a request came from: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies their X-Forwarded-For.

    Each proxy appends the address it received the request from, so the entry
    that many places from the right is the one the nearest proxy saw; entries
    further left were written by the client and prove nothing.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def locked_out(request, original_response=None, credentials=None):
    """The page a locked-out login gets: the same for every username, known or not (429)."""
    return render(
        request,
        "core/locked_out.html",
        {"minutes": settings.LOGIN_LOCKOUT_MINUTES},
        status=429,
    )
