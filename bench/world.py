"""Who the benchmark is, and what it reads and writes, in the bench world (run after django.setup()).

Real users of the seeded world, signed in with a server-side session that has passed the second factor
(as every member's has when TWO_FACTOR_REQUIRED is on, as in production), so the pages run the whole
middleware stack. Writes go through the real pages with a CSRF token taken from a form, as a browser's
would: logging a signal, posting a note on a case, completing an action.
"""

import datetime
import re
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Count
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from bench.load import Request, get_once
from cases.access import reportable_neighbourhoods
from cases.models import OPEN_CASE_STATUSES, Case, Category, NoteVisibility, Severity
from cases.signal_forms import DATETIME_LOCAL_FORMAT
from core.sessions import LOGIN_AT, SEEN_AT
from interventions.models import Action
from partners.models import Membership

BENCH_RESULT = "Bench: gedaan, bewoner gesproken."  # what the benchmark's completed actions say
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"|value="([^"]+)" name="csrfmiddlewaretoken"')


@dataclass
class Subjects:
    professional: object
    manager: object
    case: object
    sessions: dict  # user pk -> session key


def pick_subjects():
    """A busy professional, a manager in a team, and a case the professional takes part in."""
    User = get_user_model()
    professional = (
        User.objects.filter(memberships__role="professional", teams__isnull=False)
        .annotate(n=Count("memberships__organisation__participations"))
        .order_by("-n", "pk")
        .first()
    )
    manager = (
        Membership.objects.filter(role="manager", user__teams__isnull=False)
        .select_related("user")
        .order_by("pk")
        .first()
    ).user
    case = Case.objects.visible_to(professional).order_by("pk").first()
    return Subjects(professional, manager, case, sessions={})


def session_for(subjects, user):
    """A signed-in session for `user` that has given its second factor (one per user, reused), as a login
    leaves it: stamped with the login time (core/sessions.py), so its first request does not write it."""
    if user.pk not in subjects.sessions:
        device, _created = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[LOGIN_AT] = session[SEEN_AT] = int(time.time())
        session.create()
        subjects.sessions[user.pk] = session.session_key
    return {"sessionid": subjects.sessions[user.pk]}


def read_pages(subjects):
    """The pages and API list people use most: name -> (path, cookies)."""
    professional = session_for(subjects, subjects.professional)
    manager = session_for(subjects, subjects.manager)
    return {
        "home": ("/", professional),
        "signal_list_filtered": ("/meldingen/?category=GEL&severity=high", professional),
        "case_page": (f"/casussen/{subjects.case.pk}/", professional),
        "neighbourhood_overview": ("/overzicht/", manager),
        "partner_view": ("/overzicht/partners/", manager),
        "api_signal_list": ("/api/signals/?category=GEL", professional),
    }


def csrf_from_form(server, path, cookies):
    """What a browser holds after opening a form: the csrftoken cookie and the form's token."""
    status, headers, html = get_once(server, path, cookies)
    if status != 200:
        raise SystemExit(f"GET {path} answered {status}; cannot take a CSRF token from it")
    cookie = next(
        (
            value.split(";", 1)[0].split("=", 1)[1]
            for name, value in headers
            if name.lower() == "set-cookie" and value.startswith("csrftoken=")
        ),
        None,
    )
    match = CSRF_FIELD.search(html)
    if not cookie or not match:
        raise SystemExit(f"GET {path} gave no CSRF cookie or token")
    return cookie, match.group(1) or match.group(2)


def _post(path, cookies, csrf, fields):
    cookie, token = csrf
    return Request(
        path,
        {**cookies, "csrftoken": cookie},
        method="POST",
        form=urlencode({"csrfmiddlewaretoken": token, **fields}),
        expect=302,
    )


def signal_plans(server, subjects, clients, per_client):
    """Each client logs `per_client` signals as the professional, through the log form."""
    user = subjects.professional
    cookies = session_for(subjects, user)
    neighbourhood = reportable_neighbourhoods(user).order_by("code").first()
    categories, severities = list(Category.values), list(Severity.values)
    plans = []
    for client in range(clients):
        csrf = csrf_from_form(server, "/meldingen/nieuw/", cookies)
        plan = []
        for i in range(per_client):
            when = timezone.localtime() - datetime.timedelta(minutes=client * per_client + i)
            fields = {
                "neighbourhood": neighbourhood.code,
                "neighbourhood_choice": neighbourhood.pk,
                "category": categories[i % len(categories)],
                "severity": severities[i % len(severities)],
                "description": f"Bench: geluidsoverlast in het portiek gemeld door een buur ({client}-{i}).",
                "occurred_at": when.strftime(DATETIME_LOCAL_FORMAT),
                "postcode": "",
                "house_number": "",
                "house_number_addition": "",
            }
            plan.append(_post("/meldingen/nieuw/", cookies, csrf, fields))
        plans.append(plan)
    return plans


def note_plans(server, subjects, clients, per_client):
    """Each client posts notes on an open case of the professional's (a case of its own where there are enough),
    never on the case whose page is measured: its page would read more notes run after run."""
    user = subjects.professional
    cookies = session_for(subjects, user)
    cases = list(
        Case.objects.visible_to(user)
        .filter(status__in=OPEN_CASE_STATUSES)
        .exclude(pk=subjects.case.pk)
        .order_by("pk")
        .values_list("pk", flat=True)[:clients]
    )
    if not cases:
        raise SystemExit("The professional takes part in no open case; cannot post notes")
    plans = []
    for client in range(clients):
        case_pk = cases[client % len(cases)]
        csrf = csrf_from_form(server, f"/casussen/{case_pk}/", cookies)
        plans.append(
            [
                _post(
                    f"/casussen/{case_pk}/notities/",
                    cookies,
                    csrf,
                    {
                        "body": f"Bench: huisbezoek gedaan, afspraak gemaakt ({client}-{i}).",
                        "visibility": NoteVisibility.ALL_PARTICIPANTS,
                    },
                )
                for i in range(per_client)
            ]
        )
    return plans


def action_plans(server, subjects, clients, per_client, least=8):
    """Each client completes open actions on open cases, each as a member of the action's organisation.

    Fewer per client where the world has fewer open actions (a small --scale); None if fewer than `least`.
    """

    def open_actions():
        return list(
            Action.objects.filter(done_at__isnull=True, case__status__in=OPEN_CASE_STATUSES)
            .order_by("pk")
            .values_list("pk", "organisation_id")[: clients * per_client]
        )

    actions = open_actions()
    if len(actions) < clients * per_client:
        # Earlier runs completed them: open what the benchmark itself completed again (the world's own stay done).
        Action.objects.filter(done_at__isnull=False, result=BENCH_RESULT).update(done_at=None, done_by=None, result="")
        actions = open_actions()
    per_client = min(per_client, len(actions) // clients)
    if per_client < least:
        return None
    completers = {}
    for membership in (
        Membership.objects.filter(organisation_id__in={org for _pk, org in actions})
        .select_related("user")
        .order_by("pk")
    ):
        completers.setdefault(membership.organisation_id, membership.user)
    csrf = csrf_from_form(server, "/meldingen/nieuw/", session_for(subjects, subjects.professional))
    for user in completers.values():
        get_once(server, "/", session_for(subjects, user))  # each completer's first page after the login
    plans = []
    for client in range(clients):
        mine = actions[client * per_client : (client + 1) * per_client]
        plans.append(
            [
                _post(
                    f"/acties/{pk}/afronden/",
                    session_for(subjects, completers[org]),
                    csrf,
                    {"result": BENCH_RESULT},
                )
                for pk, org in mine
            ]
        )
    return plans


WRITES = {
    "write_signal": signal_plans,
    "write_note": note_plans,
    "write_complete_action": action_plans,
}
