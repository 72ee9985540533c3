"""Pages kept per reader between requests, valid while nothing they read has changed.

A user who opens "Mijn werk", the triage queue or a case page again mostly gets
what they got last time: rendering it anew cost 10-20 ms of server time for the
same bytes. A kept page is the response a reader got, kept in the cache under

- the reader: the user, their sign-in version (name, staff flag, unread count:
  accounts/signed_in.py) and partnership version (memberships, organisations,
  teams: partners/viewer.py), the language and the day (what is overdue);
- the request: host, path and query, and htmx's headers (a partial is another
  answer), plus whatever the view adds;
- the release: a hash of the code, templates and translations;

and it is valid while every table its queries read has the version it had
before it was rendered (core/table_versions.py: every statement that writes
replaces the versions of its tables, whatever wrote it). Access is never kept:
the view decides it on every request (a case page still asks who takes part and
writes the read to the access log) and only what it then renders is kept.

Not kept, rendered as usual: anything but a GET of a signed-in user; a request
that asks for a fresh answer (`Cache-Control: no-cache`, a browser's hard
reload); a page while messages wait to be shown or that added one; an answer
that isn't a 200 text/html page or sets a cookie. A page rendered inside a
transaction is kept only once it commits (a rollback takes back what it showed),
and a transaction that has written is never given a kept page (it reads its own
writes). Each request puts its own CSRF tokens into a kept page. Kept answers
about things that are themselves kept a while (the choices of a filter field,
core/widgets.py) can lag by `KEPT_PAGES_SECONDS` more;
that is also the bound on a kept page's life if a version was ever lost (the
cache unreachable at the moment of a write).
"""

import functools
import hashlib
import os
import re

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language

from core import table_versions
from core.kept import key
from partners.viewer import viewer_of

from .signed_in import kept_for

_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")  # a masked CSRF token
_release = None


def release():
    """A hash of the code, templates and translations this process runs: a new release keeps its own pages."""
    global _release
    if _release is None:
        digest = hashlib.sha256()
        base = str(settings.BASE_DIR)
        skip = {".venv", "var", "media", "staticfiles", "tests", "node_modules", ".git", "bench"}
        for directory, subdirectories, files in os.walk(base):
            if directory == base:
                subdirectories[:] = [name for name in subdirectories if name not in skip]
            subdirectories.sort()
            for name in sorted(files):
                if name.endswith((".py", ".html", ".jinja", ".txt", ".mo")):
                    path = os.path.join(directory, name)
                    digest.update(os.path.relpath(path, base).encode())
                    with open(path, "rb") as source:
                        digest.update(source.read())
        _release = digest.hexdigest()[:16]
    return _release


@functools.cache
def _csrf_placeholder():
    # Derived from the secret key: nobody can write it into a note and have a reader's token put there.
    return "kept-page-csrf-" + salted_hmac("kept-page-csrf", "placeholder").hexdigest()[:24]


def _wants_fresh(request):
    header = f"{request.headers.get('Cache-Control', '')},{request.headers.get('Pragma', '')}".lower()
    return "no-cache" in header or "no-store" in header


def _htmx_headers(request):
    return sorted((name, value) for name, value in request.headers.items() if name.lower().startswith("hx-"))


class KeptPage:
    """The kept answer for this request, or a new one (then kept). Use as a context manager around everything
    the answer depends on, the access check included, and answer with `respond(render)` or `value(compute)`:

        with KeptPage(request) as page:
            access = get_case_for_user(request.user, pk)
            return page.respond(lambda: render(request, ...))
    """

    def __init__(self, request, *vary):
        self.request = request
        user = getattr(request, "user", None)
        self.active = bool(
            settings.KEPT_PAGES_SECONDS
            and request.method == "GET"
            and user is not None
            and user.is_authenticated
            and not _wants_fresh(request)
            and not len(get_messages(request))
        )
        self.entry = None
        if not self.active:
            return
        reader = (
            user.pk,
            kept_for(user).version,
            viewer_of(user).partnership_version,
            get_language(),
            timezone.localdate().isoformat(),
        )
        asked = (request.get_host(), request.get_full_path(), _htmx_headers(request), release(), vary)
        self.entry_key = key("kept-page", hashlib.sha256(repr((reader, asked)).encode()).hexdigest())
        self.versions, found = table_versions.snapshot(self.entry_key)
        entry = found.get(self.entry_key)
        if table_versions.written_in_this_transaction():
            entry = None  # it reads its own writes, which no kept page has seen
        if entry is not None and table_versions.still_valid(entry[0], self.versions):
            self.entry = entry

    def __enter__(self):
        self._reading = table_versions.reading() if self.active and self.entry is None else None
        self.tables_read = self._reading.__enter__() if self._reading else set()
        return self

    def __exit__(self, *exc_info):
        if self._reading:
            self._reading.__exit__(*exc_info)

    def _keep(self, answer):
        if len(get_messages(self.request)):
            return  # a message the render added is shown once, on this answer only
        if table_versions.any_unversioned(self.tables_read):
            return  # its writes replace no version: nothing would tell that the page went out of date
        versions = table_versions.versions_read(self.tables_read, self.versions)
        # Rendered inside a transaction, a page may show what a rollback takes back: kept only once committed.
        transaction.on_commit(lambda: cache.set(self.entry_key, (versions, answer), settings.KEPT_PAGES_SECONDS))

    def value(self, compute):
        """compute()'s answer (picklable data, e.g. an API page), kept."""
        if self.entry is not None:
            return self.entry[1]
        answer = compute()
        if self.active:
            self._keep(answer)
        return answer

    def respond(self, render):
        """render()'s HttpResponse; a kept one is a new response with the kept body and this request's CSRF token."""
        if self.entry is not None:
            content, content_type, headers = self.entry[1]
            placeholder = _csrf_placeholder()
            if placeholder in content:  # this session's token, masked anew; one for the page, as Django's own is
                content = content.replace(placeholder, get_token(self.request))
            return HttpResponse(content, content_type=content_type, headers=headers)
        response = render()
        if (
            self.active
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith("text/html")
        ):
            self._keep(self._kept_form(response))
        return response

    def _kept_form(self, response):
        content = response.content.decode(response.charset)
        secret = self.request.META.get("CSRF_COOKIE")
        if secret:
            placeholder = _csrf_placeholder()
            tokens = {token for token in set(_TOKEN.findall(content)) if _unmask_cipher_token(token) == secret}
            for token in tokens:
                content = content.replace(token, placeholder)
        headers = {name: value for name, value in response.items() if name.lower() != "content-type"}
        return content, response["Content-Type"], headers


def kept_response(request, render, *vary):
    """render()'s response, kept per reader (KeptPage): for what a view renders once its access is decided."""
    with KeptPage(request, *vary) as page:
        return page.respond(render)


def keeps_page(view):
    """A view whose every row comes through `visible_to` (no access check of its own), kept per reader."""

    @functools.wraps(view)
    def kept_view(request, *args, **kwargs):
        return kept_response(request, lambda: view(request, *args, **kwargs))

    return kept_view
