"""A signed-in session ends SESSION_IDLE_MINUTES after the last request, and SESSION_MAX_HOURS after the login.

The login time and the last-seen time live in the session itself. When either
limit has passed, the user is logged out and sent to the login page, with
`next=` the page they were on, and the login page says why. Pages carry the
seconds left (templates/core/_session_warning.html), and static/js/session.js
warns a few minutes before the end, so that nobody loses a half-typed note to a
silent logout: that warning is what protects typed text; nothing is kept for
after the new login.
"""

import time
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.translation import ngettext
from django_htmx.http import HttpResponseClientRedirect

LOGIN_AT = "_security_login_at"
SEEN_AT = "_security_seen_at"
# Storing the last-seen time costs a session write (a database write); once a minute is precise enough.
SEEN_PRECISION_SECONDS = 60


def _now():
    return int(time.time())


def stamp_login(sender, request, user, **kwargs):
    """user_logged_in receiver: the session's clock starts at the login."""
    session = getattr(request, "session", None)
    if session is not None:
        session[LOGIN_AT] = session[SEEN_AT] = _now()


def seconds_left(session, now=None):
    """(seconds until the idle limit, seconds until the absolute limit) of a signed-in session."""
    now = _now() if now is None else now
    login_at = session.get(LOGIN_AT, now)
    seen_at = session.get(SEEN_AT, login_at)
    return (
        seen_at + settings.SESSION_IDLE_MINUTES * 60 - now,
        login_at + settings.SESSION_MAX_HOURS * 3600 - now,
    )


class SessionTimeoutMiddleware:
    """Logs out a session past its idle or absolute limit; otherwise notes that it was seen."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = _now()
            session = request.session
            session.setdefault(LOGIN_AT, now)  # a session from before these limits starts now
            idle_left, total_left = seconds_left(session, now)
            if idle_left <= 0 or total_left <= 0:
                return self._expired(request, idle=idle_left <= 0)
            if now - session.get(SEEN_AT, 0) >= SEEN_PRECISION_SECONDS:
                session[SEEN_AT] = now
        return self.get_response(request)

    def _expired(self, request, *, idle):
        back_to = _page_to_return_to(request)
        logout(request)
        if idle:
            minutes = settings.SESSION_IDLE_MINUTES
            why = ngettext(
                "You were logged out after %(minutes)s minute without activity. Log in again to continue.",
                "You were logged out after %(minutes)s minutes without activity. Log in again to continue.",
                minutes,
            ) % {"minutes": minutes}
        else:
            hours = settings.SESSION_MAX_HOURS
            why = ngettext(
                "You were logged out: a session lasts at most %(hours)s hour. Log in again to continue.",
                "You were logged out: a session lasts at most %(hours)s hours. Log in again to continue.",
                hours,
            ) % {"hours": hours}
        messages.warning(request, why)
        login_url = redirect_to_login(back_to).url if back_to else resolve_url(settings.LOGIN_URL)
        if getattr(request, "htmx", False):
            # htmx would put the login page inside the part it asked for: load it as a whole page.
            return HttpResponseClientRedirect(login_url)
        return HttpResponseRedirect(login_url)


def _page_to_return_to(request):
    """The page the user was on: this one for a page load, the page an htmx request or a form came from."""
    if getattr(request, "htmx", False):
        return request.htmx.current_url_abs_path
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    if referer.netloc == request.get_host() and referer.scheme == request.scheme:
        return urlunsplit(("", "", referer.path, referer.query, ""))
    return None


def session_expiry(request):
    """Context processor: the seconds left for the session warning, on a signed-in page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    idle_left, total_left = seconds_left(request.session)
    return {
        "session_expiry": {
            "idle_seconds": settings.SESSION_IDLE_MINUTES * 60,
            "idle_left": max(idle_left, 0),
            "total_left": max(total_left, 0),
        }
    }
