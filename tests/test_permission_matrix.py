"""The need-to-know rule as a matrix: every route (pages and API) and access helper × every member of the cast.

The routes are read from the URL resolver: a route without a row in ROUTES (or in the admin
site's table, tests/variant_world.py `admin_paths`) fails `test_every_route_has_a_row` with its
name, and so does an API route that accepts a method its rows do not list. The world and the
cast are tests/variant_world.py (the cast: anonymous, outsider, participant, colleague, director,
other_director, manager, deactivated).

A row gives, per method, what each member of the cast gets:
  - a status code (200, 302, 404, ...),
  - LOGIN / ADMIN_LOGIN: a redirect to that login page.
Cells left out take the row's default ("*"). A write (POST) also gives the body to send (per member)
and its effect: a success (302 from a page, 200/201 from the API) must have had the effect, any other
answer must have changed nothing. Every write runs in a savepoint that is rolled back, so each cell
meets the same world (built once for the module, see `world_in_rollback`). Whatever a page or API
answer shows to someone who takes no part must not contain the case's content (nor another
organisation's own notes): that is checked on every 200. The API has no format suffixes (…/1.json);
the directing rows are asked once more by a case director of the lead organisation who is not the
case's director.

Where the application does not yet do what the rule says, the row lists the cell in `gaps`
((method, who) -> why). Its test is then marked xfail(strict=True, raises=KnownGap): it xfails
only while exactly those cells are still wrong and every other cell holds; when one is fixed, the
test fails and says which cell to take out of `gaps`.
"""

import datetime
import json
from dataclasses import dataclass, field, replace

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken

from cases.access import get_case_for_user, get_note_for_user, get_signal_for_user
from cases.models import Attachment, Case, CaseParticipant, InformingEntry, KnownElsewhere, Note, Person, Signal
from interventions.access import get_action_for_user, get_intervention_for_user, get_review_for_user
from interventions.models import Action, CaseReview, Intervention, ProgressUpdate
from notifications.models import Notification, NotificationPreference
from ops.health import SWEEP
from ops.heartbeats import WORKER_PREFIX, beat
from privacy.models import RetentionReview
from tests.variant_world import (
    CAST,
    GGZ_OWN_NOTE,
    LEAD_OWN_NOTE,
    PERSONS,
    POSTCODE,
    SHARED_NOTE,
    TITLES,
    World,
    admin_paths,
    client_for,
    url_patterns,
    world_in_rollback,
)


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_in_rollback(django_db_blocker, tmp_path_factory.mktemp("world-media")) as world:
        yield world


@pytest.fixture
def world(module_world, db, settings):
    settings.MEDIA_ROOT = module_world.media_root  # where the world's attachments are
    # The world's worker and beat are alive (a fresh heartbeat per test, for /health/).
    beat(f"{WORKER_PREFIX}world")
    beat(SWEEP)
    return module_world


@dataclass(frozen=True)
class RedirectTo:
    url_name: str

    def __str__(self):
        return f"redirect to {self.url_name}"


LOGIN = RedirectTo("login")
ADMIN_LOGIN = RedirectTo("admin:login")


def cells(default, **by_who):
    assert set(by_who) <= set(CAST), set(by_who) - set(CAST)
    return {"*": default, **by_who}


# The sets of cells the rule gives again and again.
TAKE_PART = ("participant", "colleague", "director", "other_director")


def read(ok=200, anonymous=LOGIN):
    """Everyone taking part reads; whoever takes no part learns nothing (404)."""
    return cells(404, anonymous=anonymous, **dict.fromkeys(TAKE_PART, ok))


def read_closed(ok=200, anonymous=LOGIN):
    """A closed or cancelled case: closing ended every participation but the lead organisation's."""
    return cells(404, anonymous=anonymous, participant=ok, director=ok)


def direct(ok=200, anonymous=LOGIN, refused=403):
    """Only whoever directs the case (here: its director); the others taking part get 403, the rest 404."""
    return cells(404, anonymous=anonymous, director=ok, participant=refused, colleague=refused, other_director=refused)


def everyone(ok=200, anonymous=LOGIN):
    return cells(ok, anonymous=anonymous)


def api(expected):
    """The API's version of a page's cells: anonymous is refused with 403 (session auth has no challenge)."""
    return {**expected, "anonymous": 403}


# Who sees the world's signals reported by Woonstichting in N: the organisation (participant, director)
# and Wijkteam Oost (participant, colleague, other_director, manager; the deactivated member lost it).
SEES_SIGNAL = ("participant", "colleague", "director", "other_director", "manager")


def signal_cells(ok, refused=404, anonymous=LOGIN, **others):
    return cells(refused, anonymous=anonymous, **{**dict.fromkeys(SEES_SIGNAL, ok), **others})


# Where each member writes from (their organisation in the case, if any).
ORGANISATION_OF = {
    "participant": "lead",
    "director": "lead",
    "colleague": "ggz",
    "other_director": "ggz",
    "manager": "manager_org",
    "outsider": "outsider_org",
    "deactivated": "deactivated_org",
    "anonymous": "lead",
}


def organisation_of(world, who):
    return getattr(world, ORGANISATION_OF[who])


@dataclass
class Write:
    """A POST (or other write) of a row: its cells, the body per member, and how to see whether it happened."""

    expected: dict
    body: object = None  # (world, who) -> dict
    effect: object = None  # (world, user) -> bool: the write happened
    method: str = "post"
    encoding: str = "form"  # "form" (as a browser sends it), "json", or "multipart"


@dataclass
class Route:
    name: str
    kwargs: object = None  # world -> URL kwargs
    get: dict = None
    write: Write = None
    query: str = ""
    label: str = ""  # tells two rows of one route apart
    members: tuple = tuple(CAST)  # who asks (the whole cast, but for a very slow page)
    gaps: dict = field(default_factory=dict)  # (method, who) -> why the cell does not hold yet

    @property
    def id(self):
        return f"{self.name} ({self.label})" if self.label else self.name

    @property
    def is_api(self):
        return ":" not in self.name and self.name not in AUTH_NAMES

    def url(self, world, **extra):
        return reverse(self.name, kwargs={**(self.kwargs(world) if self.kwargs else {}), **extra}) + self.query

    def methods(self):
        """The methods this row says the route accepts: GET unless every signed-in member gets 405, and its write."""
        accepted = set()
        if any(status != 405 for who, status in self.get.items() if who != "anonymous"):
            accepted.add("get")
        if self.write:
            accepted.add(self.write.method)
        return accepted


AUTH_NAMES = {
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    "schema",
    "swagger-ui",
    "health",
}


def iso(day):
    return day.isoformat()


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def local_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def pdf(name):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%matrix\n", content_type="application/pdf")


def case_kwargs(world):
    return {"pk": world.case.pk}


def plan_kwargs(world):
    return {"case_pk": world.case.pk}


def intervention_kwargs(world):
    return {"case_pk": world.case.pk, "pk": world.interventions["planned"].pk}


def pk_of(getter):
    return lambda world: {"pk": getter(world).pk}


def new_signal(world):
    return world.signals["new"]


def signal_status(status):
    return lambda world, user: Signal.objects.get(pk=world.signals["new"].pk).status == status


def intervention_status(status):
    return lambda world, user: Intervention.objects.get(pk=world.interventions["planned"].pk).status == status


def case_status(status):
    return lambda world, user: Case.objects.get(pk=world.case.pk).status == status


def invited(world, user):
    return CaseParticipant.objects.active().filter(case=world.case, organisation=world.invitee).exists()


def ggz_ended(world, user):
    return not CaseParticipant.objects.active().filter(case=world.case, organisation=world.ggz).exists()


def confirmed_bases(world, **data):
    """A status form as the browser sends it: each participant's legal basis as it was filled in."""
    return {**{f"basis_{p.pk}": p.legal_basis for p in world.case.participants.active()}, **data}


def person_named(name):
    return lambda world, user: Person.objects.filter(case=world.case, name=name).exists()


def person_kwargs(key):
    return lambda world: {
        "pk": world.persons[key].case_id,
        "person_id": world.persons[key].pk,
    }


def open_match(world):
    """The neighbour's address is known in another case; nobody asked to coordinate on it yet."""
    return KnownElsewhere.objects.filter(person=world.persons["neighbour"]).order_by("pk").first()


def note_by(body):
    return lambda world, user: Note.objects.filter(case=world.case, author=user.pk or None, body=body).exists()


def attachment_named(name):
    return lambda world, user: Attachment.objects.filter(case=world.case, original_name=name).exists()


def action_titled(title):
    return lambda world, user: Action.objects.filter(case=world.case, title=title).exists()


def intervention_with_goal(goal):
    return lambda world, user: Intervention.objects.filter(case=world.case, goal=goal).exists()


def reviews_more(world, user):
    """A review planned 10 days ahead (the world's are 2 hours ago and in 7 days)."""
    return CaseReview.objects.filter(case=world.case, scheduled_for__date__gte=days(9)).exists()


def action_done(key):
    return lambda world, user: Action.objects.get(pk=world.actions[key].pk).done_at is not None


def signal_by(description):
    return lambda world, user: Signal.objects.filter(description=description).exists()


def case_titled(title):
    return lambda world, user: Case.objects.filter(title=title).exists()


def signal_link_body(world, who):
    return {"case": world.case.pk}


def signal_page_body(world, who):
    # The manager works for two organisations (Gemeente Bestuur and Woonbron Oost): the form asks for which.
    return {
        **({"reporting_organisation": world.manager_org.pk} if who == "manager" else {}),
        "neighbourhood": world.neighbourhood.code,
        "category": "GEL",
        "severity": "medium",
        "description": "Matrix: harde muziek",
        "occurred_at": local_input(timezone.now() - datetime.timedelta(hours=1)),
        "postcode": "",
        "house_number": "",
        "house_number_addition": "",
    }


def edit_body(world, who):
    case = world.case
    return {
        "version": case.version,
        "title": "Matrix: nieuwe titel",
        "scope": case.scope,
        "priority": "high",
        "next_review_on": iso(case.next_review_on) if case.next_review_on else "",
        "postcode": case.postcode,
        "house_number": case.house_number or "",
        "house_number_addition": case.house_number_addition,
    }


def intervention_body(world, who):
    return {
        "kind": "debt_help",
        "solution_direction": "care_and_support",
        "goal": "Matrix: schulden op orde",
        "lead_organisation": world.lead.pk,
        "owner": world.users["participant"].pk,
        "start_on": iso(days(0)),
        "due_on": "",
    }


def minutes_body(world, who):
    return {
        "decisions-TOTAL_FORMS": "0",
        "decisions-INITIAL_FORMS": "0",
        "decisions-MIN_NUM_FORMS": "0",
        "decisions-MAX_NUM_FORMS": "5",
        "minutes": "Matrix: notulen",
        "next_review_on": "",
        "held_early": "on",  # the world's planned review is still to come
    }


def review_held(key):
    return lambda world, user: CaseReview.objects.get(pk=world.reviews[key].pk).held_at is not None


def notification_read(world, user):
    return Notification.objects.get(pk=world.notifications["participant"].pk).read_at is not None


def all_read(world, user):
    return user.is_authenticated and not Notification.objects.filter(user=user, read_at__isnull=True).exists()


def preferences_saved(world, user):
    return NotificationPreference.objects.filter(user=user.pk or None).exists()


def world_token(world):
    return AuthToken.objects.get(user=world.users["participant"])  # the world's one API token


def token_created(world, user):
    in_world = 1 if user == world.users["participant"] else 0
    return user.is_authenticated and AuthToken.objects.filter(user=user).count() > in_world


def world_token_revoked(world, user):
    return not AuthToken.objects.filter(user=world.users["participant"]).exists()


def tokens_all_revoked(world, user):
    return user.is_authenticated and not AuthToken.objects.filter(user=user).exists()


def password_changed(world, user):
    return user.is_authenticated and type(user).objects.get(pk=user.pk).check_password("Matrix-wachtwoord-1")


def no_effect(world, user):
    return False


ROUTES = [
    # Mijn werk and signals (meldingen) -----------------------------------------------------------
    Route("cases:home", get=everyone()),
    Route("cases:signal_list", get=everyone()),
    Route(
        "cases:signal_new",
        get=everyone(),
        # The outsider's teams do not cover N, and a deactivated organisation reports nothing: the form again.
        write=Write(
            cells(302, anonymous=LOGIN, outsider=200, deactivated=200),
            body=signal_page_body,
            effect=signal_by("Matrix: harde muziek"),
        ),
    ),
    Route("cases:signal_neighbourhood_search", get=everyone(), query="?neighbourhood=Dapper"),
    Route("cases:signal_repeats", get=everyone(), query=f"?postcode={POSTCODE}&house_number=12"),
    # The case index and an address's page: everyone signed in, showing only what they may see (the content
    # check on every 200 holds that nobody taking no part sees a title).
    Route("cases:index", get=everyone()),
    Route("cases:index", label="address search", get=everyone(), query="?q=1094ab12&status=open"),
    Route("cases:address", kwargs=lambda world: {"postcode": "1094AB", "house_number": 12}, get=everyone()),
    Route(
        "cases:address",
        label="no postcode",
        kwargs=lambda world: {"postcode": "onzin", "house_number": 12},
        get=cells(404, anonymous=LOGIN),
    ),
    # Opening a case: for case directors (403 before any signal is looked at), from signals they see.
    Route(
        "cases:signal_create_case",
        get=cells(403, anonymous=LOGIN, director=200, other_director=200),
        query="?signals={signal}",
        write=Write(
            cells(403, anonymous=LOGIN, director=302, other_director=302),
            body=lambda world, who: {
                "title": "Matrix: casus uit melding",
                "legal_basis": "Wet aanpak woonoverlast",
                "scope": "address",
                "priority": "normal",
            },
            effect=case_titled("Matrix: casus uit melding"),
        ),
    ),
    Route("cases:signal_detail", kwargs=pk_of(new_signal), get=signal_cells(200)),
    Route(
        "cases:signal_triage",
        kwargs=pk_of(new_signal),
        get=cells(405),  # POST only, said before anything else
        write=Write(signal_cells(302), effect=signal_status("triaged")),
    ),
    Route(
        "cases:signal_link",
        kwargs=pk_of(new_signal),
        get=cells(405),
        # The manager sees the signal but not the case: the case is not among the choices (the form again).
        write=Write(signal_cells(302, manager=200), body=signal_link_body, effect=signal_status("linked")),
    ),
    Route(
        "cases:signal_refer",
        kwargs=pk_of(new_signal),
        get=cells(405),
        write=Write(
            signal_cells(302), body=lambda w, who: {"reason": "Veilig Thuis"}, effect=signal_status("referred")
        ),
    ),
    Route(
        "cases:signal_close",
        kwargs=pk_of(new_signal),
        get=cells(405),
        write=Write(signal_cells(302), body=lambda w, who: {"reason": "Opgelost"}, effect=signal_status("closed")),
    ),
    # The case page and its forms ------------------------------------------------------------------
    Route("cases:detail", kwargs=case_kwargs, get=read()),
    Route(
        "cases:detail",
        label="closed case",
        kwargs=lambda world: {"pk": world.closed_case.pk},
        get=read_closed(),
    ),
    Route(
        "cases:detail",
        label="cancelled case",
        kwargs=lambda world: {"pk": world.cancelled_case.pk},
        get=read_closed(),
    ),
    Route("cases:detail", label="unknown case", kwargs=lambda world: {"pk": 999999}, get=cells(404, anonymous=LOGIN)),
    Route(
        "cases:add_note",
        kwargs=case_kwargs,
        get=read(405),  # POST only, but an outsider learns nothing, not even that
        write=Write(
            read(302),
            body=lambda w, who: {"body": "Matrix: notitie", "visibility": "all"},
            effect=note_by("Matrix: notitie"),
        ),
    ),
    Route(
        "cases:add_attachment",
        kwargs=case_kwargs,
        get=read(405),
        write=Write(read(302), body=lambda w, who: {"file": pdf("matrix.pdf")}, effect=attachment_named("matrix.pdf")),
    ),
    Route(
        "cases:attachment",
        kwargs=lambda world: {"pk": world.case.pk, "attachment_id": world.attachment.pk},
        get=read(),
    ),
    Route(
        "cases:attachment",
        label="attachment of another case",
        kwargs=lambda world: {"pk": world.case.pk, "attachment_id": world.closed_attachment.pk},
        get=cells(404, anonymous=LOGIN),
    ),
    Route(
        "cases:change_status",
        kwargs=lambda world: {"pk": world.case.pk, "to": "monitoring"},
        get=direct(),
        write=Write(direct(302), body=lambda w, who: confirmed_bases(w, note=""), effect=case_status("monitoring")),
    ),
    Route(
        "cases:change_status",
        label="closing",
        kwargs=lambda world: {"pk": world.case.pk, "to": "closed"},
        get=direct(),
        write=Write(direct(302), body=lambda w, who: {"reason": "moved", "note": ""}, effect=case_status("closed")),
    ),
    Route(
        "cases:invite",
        kwargs=case_kwargs,
        get=direct(),
        write=Write(
            direct(302),
            body=lambda world, who: {
                "organisation": world.invitee.pk,
                "role": "partner",
                "legal_basis": "Openbare orde",
            },
            effect=invited,
        ),
    ),
    Route("cases:access_log", kwargs=case_kwargs, get=direct()),
    Route(
        "cases:hand_over",
        kwargs=case_kwargs,
        get=direct(),
        write=Write(
            direct(302),
            body=lambda world, who: {"to": f"{world.users['other_director'].pk}-{world.ggz.pk}"},
            effect=lambda world, user: (
                Case.objects.get(pk=world.case.pk).case_director == world.users["other_director"]
            ),
        ),
    ),
    Route(
        "cases:edit",
        kwargs=case_kwargs,
        get=direct(),
        write=Write(
            direct(302),
            body=edit_body,
            effect=lambda world, user: Case.objects.get(pk=world.case.pk).title == "Matrix: nieuwe titel",
        ),
    ),
    Route(
        "cases:end_participation",
        kwargs=lambda world: {"pk": world.case.pk, "participant_id": world.participants["ggz"].pk},
        get=direct(),
        write=Write(direct(302), effect=ggz_ended),
    ),
    # The people a case is about: everyone taking part; nobody else learns a person exists -------------
    Route(
        "cases:person_new",
        kwargs=case_kwargs,
        get=read(),
        write=Write(
            read(302),
            body=lambda w, who: {"name": "Matrix Persoon", "role": "other"},
            effect=person_named("Matrix Persoon"),
        ),
    ),
    Route("cases:person", kwargs=person_kwargs("main"), get=read()),
    Route("cases:person", label="closed case", kwargs=person_kwargs("closed"), get=read_closed()),
    Route(
        "cases:person_edit",
        kwargs=person_kwargs("main"),
        get=read(),
        write=Write(
            read(302),
            body=lambda w, who: {"name": PERSONS["main"], "role": "main", "contact_notes": "Matrix: gecorrigeerd"},
            effect=lambda world, user: (
                Person.objects.get(pk=world.persons["main"].pk).contact_notes == "Matrix: gecorrigeerd"
            ),
        ),
    ),
    Route(
        "cases:person_remove",
        kwargs=person_kwargs("neighbour"),
        get=read(),
        write=Write(
            read(302), effect=lambda world, user: not Person.objects.filter(pk=world.persons["neighbour"].pk).exists()
        ),
    ),
    Route(
        "cases:person_inform",
        kwargs=person_kwargs("neighbour"),
        get=read(),
        write=Write(
            read(302),
            body=lambda w, who: {"informed": "yes", "informed_on": iso(days(0)), "how": "letter"},
            effect=lambda world, user: InformingEntry.objects.filter(person=world.persons["neighbour"]).exists(),
        ),
    ),
    Route(
        "cases:coordinate",
        kwargs=lambda world: {"pk": world.case.pk, "match_id": open_match(world).pk},
        get=read(405),  # POST only, but an outsider learns nothing, not even that
        write=Write(
            read(302), effect=lambda world, user: KnownElsewhere.objects.get(pk=open_match(world).pk).was_requested
        ),
    ),
    # Privacy: the retention queue and inzage. Deciding is for whoever directs the case (and its lead
    # organisation's privacy officer, tests/privacy); the inzage for privacy officers only (none in the cast).
    Route("privacy:queue", get=everyone()),
    Route(
        "privacy:approve",
        kwargs=pk_of(lambda world: world.retention_review),
        get=cells(404, anonymous=LOGIN, director=405),
        write=Write(
            cells(404, anonymous=LOGIN, director=302),
            effect=lambda world, user: (
                RetentionReview.objects.get(pk=world.retention_review.pk).director_approved_at is not None
            ),
        ),
    ),
    Route(
        "privacy:extend",
        kwargs=pk_of(lambda world: world.retention_review),
        get=cells(404, anonymous=LOGIN, director=200),
        write=Write(
            cells(404, anonymous=LOGIN, director=302),
            body=lambda w, who: {"until": iso(days(90)), "reason": "Matrix: rechtszaak loopt"},
            effect=lambda world, user: (
                RetentionReview.objects.get(pk=world.retention_review.pk).extension_reason == "Matrix: rechtszaak loopt"
            ),
        ),
    ),
    Route("privacy:inzage", get=cells(404, anonymous=LOGIN)),
    Route(
        "privacy:inzage_person",
        kwargs=lambda world: {"person_id": world.persons["main"].pk},
        get=cells(404, anonymous=LOGIN),
    ),
    Route(
        "privacy:inzage_download",
        kwargs=lambda world: {"person_id": world.persons["main"].pk, "organisation_id": world.lead.pk},
        get=cells(404, anonymous=LOGIN),
    ),
    # Actions -------------------------------------------------------------------------------------
    Route("interventions:mine", get=everyone()),
    Route("interventions:organisation", get=everyone()),
    # Completing: the assignee, their organisation, the case director.
    Route(
        "interventions:complete",
        label="Woonstichting's, assigned to the participant",
        kwargs=lambda world: {"pk": world.actions["overdue"].pk},
        get=cells(404, anonymous=LOGIN, participant=200, director=200, colleague=403, other_director=403),
        write=Write(
            cells(404, anonymous=LOGIN, participant=302, director=302, colleague=403, other_director=403),
            body=lambda w, who: {"result": "Matrix: gebeld"},
            effect=action_done("overdue"),
        ),
    ),
    Route(
        "interventions:complete",
        label="GGZ's, for nobody in particular",
        kwargs=lambda world: {"pk": world.actions["nobody"].pk},
        get=cells(404, anonymous=LOGIN, colleague=200, other_director=200, director=200, participant=403),
        write=Write(
            cells(404, anonymous=LOGIN, colleague=302, other_director=302, director=302, participant=403),
            body=lambda w, who: {"result": "Matrix: gezocht"},
            effect=action_done("nobody"),
        ),
    ),
    Route(
        "interventions:reopen",
        kwargs=lambda world: {"pk": world.actions["done"].pk},
        get=cells(405),
        write=Write(
            cells(404, anonymous=LOGIN, colleague=302, other_director=302, director=302, participant=403),
            effect=lambda world, user: Action.objects.get(pk=world.actions["done"].pk).done_at is None,
        ),
    ),
    # The plan of approach ------------------------------------------------------------------------
    Route(
        "interventions:add_intervention",
        kwargs=plan_kwargs,
        get=direct(),
        write=Write(direct(302), body=intervention_body, effect=intervention_with_goal("Matrix: schulden op orde")),
    ),
    Route(
        "interventions:intervention",
        kwargs=intervention_kwargs,
        get=read(),
    ),
    Route(
        "interventions:intervention",
        label="under another case",
        kwargs=lambda world: {"case_pk": world.closed_case.pk, "pk": world.interventions["planned"].pk},
        get=cells(404, anonymous=LOGIN),
    ),
    # Changing an intervention: its owner, its lead organisation, whoever directs the case.
    Route(
        "interventions:add_progress",
        kwargs=intervention_kwargs,
        get=cells(404, anonymous=LOGIN, participant=405, director=405, colleague=403, other_director=403),
        write=Write(
            cells(404, anonymous=LOGIN, participant=302, director=302, colleague=403, other_director=403),
            body=lambda w, who: {"body": "Matrix: voortgang"},
            effect=lambda world, user: ProgressUpdate.objects.filter(body="Matrix: voortgang").exists(),
        ),
    ),
    Route(
        "interventions:start",
        kwargs=intervention_kwargs,
        get=cells(404, anonymous=LOGIN, participant=405, director=405, colleague=403, other_director=403),
        write=Write(
            cells(404, anonymous=LOGIN, participant=302, director=302, colleague=403, other_director=403),
            effect=intervention_status("running"),
        ),
    ),
    Route(
        "interventions:finish",
        kwargs=intervention_kwargs,
        get=cells(404, anonymous=LOGIN, participant=200, director=200, colleague=403, other_director=403),
        write=Write(
            cells(404, anonymous=LOGIN, participant=302, director=302, colleague=403, other_director=403),
            body=lambda w, who: {"outcome": "effective", "evaluation": "Matrix: werkte"},
            effect=intervention_status("done"),
        ),
    ),
    Route(
        "interventions:stop",
        kwargs=intervention_kwargs,
        get=cells(404, anonymous=LOGIN, participant=200, director=200, colleague=403, other_director=403),
        write=Write(
            cells(404, anonymous=LOGIN, participant=302, director=302, colleague=403, other_director=403),
            body=lambda w, who: {"evaluation": "Matrix: niet meer nodig"},
            effect=intervention_status("stopped"),
        ),
    ),
    # Actions on a case: whoever takes part, for their own organisation (the director for anyone).
    Route(
        "interventions:add_action",
        kwargs=plan_kwargs,
        get=read(),
        write=Write(
            read(302),
            body=lambda world, who: {
                "title": "Matrix: actie",
                "organisation": organisation_of(world, who).pk,
                "assignee": "",
                "due_on": "",
                "intervention": "",
            },
            effect=action_titled("Matrix: actie"),
        ),
    ),
    Route(
        "interventions:schedule_review",
        kwargs=plan_kwargs,
        get=direct(),
        write=Write(
            direct(302),
            body=lambda world, who: {
                "scheduled_for": local_input(timezone.now() + datetime.timedelta(days=10)),
                "attendees": [world.users["director"].pk],
            },
            effect=reviews_more,
        ),
    ),
    Route(
        "interventions:review",
        kwargs=lambda world: {"case_pk": world.case.pk, "pk": world.reviews["planned"].pk},
        get=read(),
        write=Write(direct(302), body=minutes_body, effect=review_held("planned")),
    ),
    # Notifications: one's own only ---------------------------------------------------------------
    Route("notifications:list", get=everyone()),
    Route(
        "notifications:mark_read",
        kwargs=lambda world: {"pk": world.notifications["participant"].pk},
        get=cells(405),
        write=Write(cells(404, anonymous=LOGIN, participant=302), effect=notification_read),
    ),
    Route("notifications:mark_all_read", get=cells(405), write=Write(everyone(302), effect=all_read)),
    Route(
        "notifications:preferences",
        get=everyone(),
        write=Write(everyone(302), body=lambda w, who: {"email": ["overdue"]}, effect=preferences_saved),
    ),
    # API tokens: one's own only --------------------------------------------------------------------
    Route("accounts:tokens", get=everyone()),
    Route("accounts:token_create", get=cells(405), write=Write(everyone(302), effect=token_created)),
    Route(
        "accounts:token_revoke",
        kwargs=lambda world: {"key": world_token(world).token_key},
        get=cells(404, anonymous=LOGIN, participant=200),
        write=Write(cells(404, anonymous=LOGIN, participant=302), effect=world_token_revoked),
    ),
    Route("accounts:tokens_revoke_all", get=everyone(), write=Write(everyone(302), effect=tokens_all_revoked)),
    # Two-step sign-in (off in the suite: with no device yet, verifying sends to enrolment, and the
    # backup codes are shown only right after an enrolment; tests/accounts/test_two_factor.py has the rest)
    Route("accounts:two_factor", get=everyone(302)),
    Route("accounts:two_factor_setup", get=everyone()),
    Route("accounts:two_factor_backup_codes", get=everyone(302)),
]

# Managers' overview pages: figures for their teams' neighbourhoods, for whoever may see aggregates
# (managers and case directors); the role is checked before the scope. The director is in no team:
# no neighbourhoods, so no district or neighbourhood of theirs (404) and nothing to download per area.
AGGREGATES = {"manager": 200, "director": 200, "other_director": 200}
IN_SCOPE = {"manager": 200, "other_director": 200, "director": 404}
ROUTES += [
    Route("dashboards:neighbourhoods", get=cells(403, anonymous=LOGIN, **AGGREGATES)),
    Route(
        "dashboards:neighbourhoods_csv",
        kwargs=lambda world: {"figure": "areas"},
        get=cells(403, anonymous=LOGIN, **IN_SCOPE),
    ),
    Route(
        "dashboards:neighbourhoods_csv",
        label="unknown figure",
        kwargs=lambda world: {"figure": "nonsense"},
        get=cells(403, anonymous=LOGIN, manager=404, other_director=404, director=404),
    ),
    Route(
        "dashboards:district",
        kwargs=lambda world: {"code": world.neighbourhood.district.code},
        get=cells(403, anonymous=LOGIN, **IN_SCOPE),
    ),
    Route(
        "dashboards:district",
        label="not mine",
        kwargs=lambda world: {"code": world.other_neighbourhood.district.code},
        get=cells(403, anonymous=LOGIN, manager=404, other_director=404, director=404),
    ),
    Route(
        "dashboards:district_csv",
        kwargs=lambda world: {"code": world.neighbourhood.district.code, "figure": "signals-per-month"},
        get=cells(403, anonymous=LOGIN, **IN_SCOPE),
    ),
    Route(
        "dashboards:neighbourhood",
        kwargs=lambda world: {"code": world.neighbourhood.code},
        get=cells(403, anonymous=LOGIN, **IN_SCOPE),
    ),
    Route(
        "dashboards:neighbourhood",
        label="not mine",
        kwargs=lambda world: {"code": world.other_neighbourhood.code},
        get=cells(403, anonymous=LOGIN, manager=404, other_director=404, director=404),
    ),
    Route(
        "dashboards:neighbourhood_csv",
        kwargs=lambda world: {"code": world.neighbourhood.code, "figure": "open-cases-by-status"},
        get=cells(403, anonymous=LOGIN, **IN_SCOPE),
    ),
    Route("dashboards:partners", get=cells(403, anonymous=LOGIN, **AGGREGATES)),
    Route(
        "dashboards:partners_csv",
        kwargs=lambda world: {"figure": "gaps"},
        get=cells(403, anonymous=LOGIN, **AGGREGATES),
    ),
    Route("dashboards:cases", get=cells(403, anonymous=LOGIN, **AGGREGATES)),
    Route(
        "dashboards:cases_csv",
        kwargs=lambda world: {"figure": "outcomes-by-kind"},
        get=cells(403, anonymous=LOGIN, **AGGREGATES),
    ),
]

# The Veerkracht monitor: the overview's rule (aggregates, then the teams' buurten). A corporation's
# own pages are for its managers (the world's manager manages Woonbron Oost too); everyone else 403.


def corporation_figures_body(world, who):
    body = dict.fromkeys(("lettings_urgent", "lettings_sheltered", "lettings_status_holders"), 0)
    body |= {"lettings_other_priority": 0, "nuisance_terminations": 0, "leavers_middle_income": 0}
    return body | {"organisation": world.corporation.pk, "neighbourhood": world.neighbourhood.code,
                   "year": timezone.localdate().year, "homes": 400, "lettings": 25}  # fmt: skip


def corporation_figures_entered(world, user):
    from monitor.models import CorporationFigures

    return CorporationFigures.objects.filter(organisation=world.corporation, year=timezone.localdate().year).exists()


def corporation_upload_body(world, who):
    from monitor.uploads import HEADERS

    header = "buurtcode;buurtnaam;" + ";".join(HEADERS.values())
    line = f"{world.neighbourhood.code};Dapperbuurt;400;25;1;1;1;1;0;2"
    return {
        "organisation": world.corporation.pk,
        "year": timezone.localdate().year,
        "file": SimpleUploadedFile("cijfers.csv", f"{header}\n{line}\n".encode()),
    }


def sharing_off(world, user):
    from monitor.models import SharingSetting

    return not SharingSetting.objects.get(organisation=world.corporation).shares_aggregates


CORPORATION = cells(403, anonymous=LOGIN, manager=200)
ROUTES += [
    Route("monitor:overview", get=cells(403, anonymous=LOGIN, **AGGREGATES)),
    Route(
        "monitor:overview_csv", kwargs=lambda world: {"figure": "quadrant"}, get=cells(403, anonymous=LOGIN, **IN_SCOPE)
    ),
    Route(
        "monitor:overview_csv",
        label="unknown figure",
        kwargs=lambda world: {"figure": "nonsense"},
        get=cells(403, anonymous=LOGIN, manager=404, other_director=404, director=404),
    ),
    Route(
        "monitor:district",
        kwargs=lambda world: {"code": world.neighbourhood.district.code},
        get=cells(403, anonymous=LOGIN, **IN_SCOPE),
    ),
    Route(
        "monitor:district",
        label="not mine",
        kwargs=lambda world: {"code": world.other_neighbourhood.district.code},
        get=cells(403, anonymous=LOGIN, manager=404, other_director=404, director=404),
    ),
    Route(
        "monitor:district_csv",
        kwargs=lambda world: {"code": world.neighbourhood.district.code, "figure": "buurten"},
        get=cells(403, anonymous=LOGIN, **IN_SCOPE),
    ),
    Route(
        "monitor:neighbourhood",
        kwargs=lambda world: {"code": world.neighbourhood.code},
        get=cells(403, anonymous=LOGIN, **IN_SCOPE),
    ),
    Route(
        "monitor:neighbourhood",
        label="not mine",
        kwargs=lambda world: {"code": world.other_neighbourhood.code},
        get=cells(403, anonymous=LOGIN, manager=404, other_director=404, director=404),
    ),
    Route(
        "monitor:neighbourhood_csv",
        kwargs=lambda world: {"code": world.neighbourhood.code, "figure": "corporation-figures"},
        get=cells(403, anonymous=LOGIN, **IN_SCOPE),
    ),
    Route("monitor:corporation", get=CORPORATION),
    Route(
        "monitor:corporation",
        label="another corporation",
        query="?organisation=0",
        get=cells(403, anonymous=LOGIN, manager=404),
    ),
    Route(
        "monitor:corporation_enter",
        get=CORPORATION,
        write=Write(
            cells(403, anonymous=LOGIN, manager=302), body=corporation_figures_body, effect=corporation_figures_entered
        ),
    ),
    Route(
        "monitor:corporation_upload",
        get=CORPORATION,
        write=Write(
            cells(403, anonymous=LOGIN, manager=302),
            body=corporation_upload_body,
            effect=corporation_figures_entered,
            encoding="multipart",
        ),
    ),
    Route("monitor:corporation_template", get=CORPORATION),
    Route(
        "monitor:corporation_sharing",
        get=cells(405),
        write=Write(
            cells(403, anonymous=LOGIN, manager=302),
            body=lambda world, who: {"organisation": world.corporation.pk, "shares": ""},
            effect=sharing_off,
        ),
    ),
]

# Accounts and language: open to all, or to whoever is signed in.
ROUTES += [
    Route(
        "login",
        get=everyone(200, anonymous=200),
        # Signing in again as oneself; anonymous has no password (the form again).
        write=Write(
            everyone(302, anonymous=200),
            body=lambda world, who: {"username": who, "password": "demo"},
        ),
    ),
    Route("logout", get=cells(405), write=Write(everyone(302, anonymous=302))),
    Route(
        "password_change",
        get=everyone(),
        write=Write(
            everyone(302),
            body=lambda world, who: {
                "old_password": "demo",
                "new_password1": "Matrix-wachtwoord-1",
                "new_password2": "Matrix-wachtwoord-1",
            },
            effect=password_changed,
        ),
    ),
    Route("password_change_done", get=everyone()),
    Route(
        "password_reset",
        get=everyone(200, anonymous=200),
        write=Write(everyone(302, anonymous=302), body=lambda world, who: {"email": "participant@example.org"}),
    ),
    Route("password_reset_done", get=everyone(200, anonymous=200)),
    Route(
        "password_reset_confirm",
        kwargs=lambda world: {"uidb64": "MQ", "token": "ongeldig-token"},
        get=everyone(200, anonymous=200),
    ),
    Route("password_reset_complete", get=everyone(200, anonymous=200)),
    Route(
        "set_language",
        get=everyone(302, anonymous=302),
        write=Write(everyone(302, anonymous=302), body=lambda world, who: {"language": "en", "next": "/"}),
    ),
    # A browser without credentials is sent to the login page (core/middleware.py ApiDocsLoginMiddleware).
    # The schema is the same for everyone signed in, and slow to make (~0.4 s): three members ask.
    Route("schema", get=everyone(), members=("anonymous", "outsider", "participant")),
    Route("swagger-ui", get=everyone()),
    Route("api-root", get=everyone(200, anonymous=403)),
    # For the load balancer: the same answer for everyone, no login; it takes nothing but GET.
    Route("health", get=everyone(200, anonymous=200), write=Write(everyone(405, anonymous=405))),
]


# The API: the same verbs and the same answers as the pages; never a side door --------------------
def api_write(expected, body=None, effect=None, encoding="json"):
    return Write(api(expected), body=body, effect=effect, encoding=encoding)


READ_API = api(read())
# A POST-only API route: GET is 405 for whoever is signed in (DRF checks the method before the object).
POST_ONLY = cells(405, anonymous=403)


ROUTES += [
    Route(
        "signal-list",
        get=api(everyone()),
        # Foreign neighbourhoods are not among one's choices (400, as an unknown one); no active organisation: 400.
        write=api_write(
            cells(201, outsider=400, deactivated=400),
            body=lambda world, who: {
                # The manager works for two organisations: the API asks for which.
                **({"reporting_organisation": world.manager_org.pk} if who == "manager" else {}),
                "neighbourhood": world.neighbourhood.pk,
                "category": "GEL",
                "severity": "medium",
                "description": "Matrix: API-melding",
            },
            effect=signal_by("Matrix: API-melding"),
        ),
    ),
    Route("signal-detail", kwargs=pk_of(new_signal), get=api(signal_cells(200))),
    Route(
        "signal-triage",
        kwargs=pk_of(new_signal),
        get=POST_ONLY,
        write=api_write(signal_cells(200), effect=signal_status("triaged")),
    ),
    Route(
        "signal-link",
        kwargs=pk_of(new_signal),
        get=POST_ONLY,
        # The manager sees the signal but not the case: an unknown case to them (400).
        write=api_write(signal_cells(200, manager=400), body=signal_link_body, effect=signal_status("linked")),
    ),
    Route(
        "signal-refer",
        kwargs=pk_of(new_signal),
        get=POST_ONLY,
        write=api_write(
            signal_cells(200), body=lambda w, who: {"reason": "Veilig Thuis"}, effect=signal_status("referred")
        ),
    ),
    Route(
        "signal-close",
        kwargs=pk_of(new_signal),
        get=POST_ONLY,
        write=api_write(signal_cells(200), body=lambda w, who: {"reason": "Opgelost"}, effect=signal_status("closed")),
    ),
    Route(
        "case-list",
        get=api(everyone()),
        # Opening a case: a case director of the lead organisation (403 for others), from signals they
        # see (a signal they cannot see is an unknown one: 400), for one of their own organisations.
        write=api_write(
            cells(403, outsider=400, deactivated=400, director=201, other_director=201),
            body=lambda world, who: {
                "title": "Matrix: API-casus",
                "lead_organisation": organisation_of(world, who).pk,
                "legal_basis": "Wet aanpak woonoverlast",
                "signals": [world.signals["new"].pk],
            },
            effect=case_titled("Matrix: API-casus"),
        ),
    ),
    Route("case-detail", kwargs=case_kwargs, get=READ_API),
    Route(
        "case-detail",
        label="closed case",
        kwargs=lambda world: {"pk": world.closed_case.pk},
        get=api(read_closed()),
    ),
    Route("case-detail", label="unknown case", kwargs=lambda world: {"pk": 999999}, get=cells(404, anonymous=403)),
    Route(
        "case-notes",
        kwargs=case_kwargs,
        get=READ_API,
        write=api_write(
            read(201),
            body=lambda w, who: {"body": "Matrix: API-notitie", "visibility": "own"},
            effect=note_by("Matrix: API-notitie"),
        ),
    ),
    Route(
        "case-participants",
        kwargs=case_kwargs,
        get=READ_API,
        write=api_write(
            direct(201),
            body=lambda world, who: {"organisation": world.invitee.pk, "legal_basis": "Openbare orde"},
            effect=invited,
        ),
    ),
    Route("case-timeline", kwargs=case_kwargs, get=READ_API),
    Route(
        "case-persons",
        kwargs=case_kwargs,
        get=READ_API,
        write=api_write(
            read(201),
            body=lambda w, who: {"name": "Matrix Persoon", "role": "other"},
            effect=person_named("Matrix Persoon"),
        ),
    ),
    Route("case-processing", kwargs=case_kwargs, get=READ_API),
    Route("person-detail", kwargs=pk_of(lambda world: world.persons["main"]), get=READ_API),
    Route(
        "person-detail",
        label="PATCH",
        kwargs=pk_of(lambda world: world.persons["main"]),
        get=READ_API,
        write=Write(
            api(read(200)),
            method="patch",
            encoding="json",
            body=lambda w, who: {"contact_notes": "Matrix: gecorrigeerd"},
            effect=lambda world, user: (
                Person.objects.get(pk=world.persons["main"].pk).contact_notes == "Matrix: gecorrigeerd"
            ),
        ),
    ),
    Route(
        "person-detail",
        label="DELETE",
        kwargs=pk_of(lambda world: world.persons["neighbour"]),
        get=READ_API,
        write=Write(
            api(read(204)),
            method="delete",
            effect=lambda world, user: not Person.objects.filter(pk=world.persons["neighbour"].pk).exists(),
        ),
    ),
    Route(
        "person-detail",
        label="closed case",
        kwargs=pk_of(lambda world: world.persons["closed"]),
        get=api(read_closed()),
    ),
    Route(
        "person-informing",
        kwargs=pk_of(lambda world: world.persons["neighbour"]),
        get=READ_API,
        write=api_write(
            read(201),
            body=lambda w, who: {"informed": False, "reason": "unreachable", "look_again_on": iso(days(7))},
            effect=lambda world, user: InformingEntry.objects.filter(person=world.persons["neighbour"]).exists(),
        ),
    ),
    Route(
        "known-elsewhere-coordinate",
        kwargs=pk_of(open_match),
        get=POST_ONLY,
        write=api_write(
            read(200), effect=lambda world, user: KnownElsewhere.objects.get(pk=open_match(world).pk).was_requested
        ),
    ),
    Route(
        "case-attachments",
        kwargs=case_kwargs,
        get=READ_API,
        write=api_write(
            read(201),
            body=lambda w, who: {"file": pdf("matrix-api.pdf")},
            effect=attachment_named("matrix-api.pdf"),
            encoding="multipart",
        ),
    ),
    Route(
        "case-transition",
        kwargs=case_kwargs,
        get=POST_ONLY,
        write=api_write(direct(200), body=lambda w, who: {"status": "monitoring"}, effect=case_status("monitoring")),
    ),
    # Plans: a case in a body is chosen among the cases one takes part in; another is unknown (400).
    Route(
        "intervention-list",
        get=api(everyone()),
        write=api_write(
            direct(201, refused=403) | {"outsider": 400, "manager": 400, "deactivated": 400},
            body=lambda world, who: {
                "case": world.case.pk,
                "kind": "debt_help",
                "solution_direction": "care_and_support",
                "goal": "Matrix: API-schulden op orde",
                "lead_organisation": world.lead.pk,
                "owner": world.users["participant"].pk,
            },
            effect=intervention_with_goal("Matrix: API-schulden op orde"),
        ),
    ),
    Route("intervention-detail", kwargs=pk_of(lambda world: world.interventions["planned"]), get=READ_API),
    *[
        Route(
            f"intervention-{verb}",
            kwargs=pk_of(lambda world: world.interventions["planned"]),
            get=POST_ONLY,
            write=api_write(
                cells(404, participant=200, director=200, colleague=403, other_director=403),
                body=lambda w, who, body=body: body,
                effect=effect,
            ),
        )
        for verb, body, effect in [
            ("start", {}, intervention_status("running")),
            ("finish", {"outcome": "effective", "evaluation": "Matrix: werkte"}, intervention_status("done")),
            ("stop", {"evaluation": "Matrix: niet nodig"}, intervention_status("stopped")),
            (
                "progress",
                {"body": "Matrix: API-voortgang"},
                lambda world, user: ProgressUpdate.objects.filter(body="Matrix: API-voortgang").exists(),
            ),
        ]
    ],
    Route(
        "action-list",
        get=api(everyone()),
        write=api_write(
            read(201) | {"outsider": 400, "manager": 400, "deactivated": 400},
            body=lambda world, who: {
                "case": world.case.pk,
                "title": "Matrix: API-actie",
                "organisation": organisation_of(world, who).pk,
            },
            effect=action_titled("Matrix: API-actie"),
        ),
    ),
    Route("action-detail", kwargs=pk_of(lambda world: world.actions["overdue"]), get=READ_API),
    Route(
        "action-complete",
        kwargs=pk_of(lambda world: world.actions["overdue"]),
        get=POST_ONLY,
        write=api_write(
            cells(404, participant=200, director=200, colleague=403, other_director=403),
            body=lambda w, who: {"result": "Matrix: gedaan"},
            effect=action_done("overdue"),
        ),
    ),
    Route(
        "action-reopen",
        kwargs=pk_of(lambda world: world.actions["done"]),
        get=POST_ONLY,
        write=api_write(
            cells(404, colleague=200, other_director=200, director=200, participant=403),
            effect=lambda world, user: Action.objects.get(pk=world.actions["done"].pk).done_at is None,
        ),
    ),
    Route(
        "review-list",
        get=api(everyone()),
        write=api_write(
            direct(201) | {"outsider": 400, "manager": 400, "deactivated": 400},
            body=lambda world, who: {
                "case": world.case.pk,
                "scheduled_for": (timezone.now() + datetime.timedelta(days=10)).isoformat(),
                "attendees": [world.users["director"].pk],
            },
            effect=reviews_more,
        ),
    ),
    Route("review-detail", kwargs=pk_of(lambda world: world.reviews["planned"]), get=READ_API),
    Route("review-agenda", kwargs=pk_of(lambda world: world.reviews["planned"]), get=READ_API),
    Route(
        "review-record",
        kwargs=pk_of(lambda world: world.reviews["planned"]),
        get=POST_ONLY,
        write=api_write(
            direct(200),
            body=lambda w, who: {"minutes": "Matrix: API-notulen", "held_early": True},
            effect=review_held("planned"),
        ),
    ),
    Route("notification-list", get=api(everyone())),
    Route(
        "notification-read",
        kwargs=pk_of(lambda world: world.notifications["participant"]),
        get=POST_ONLY,
        write=api_write(cells(404, participant=200), effect=notification_read),
    ),
    Route("notification-read-all", get=POST_ONLY, write=api_write(everyone(200), effect=all_read)),
]

# Each figure's .xlsx download sits beside its CSV, behind the same checks: the same cells.
ROUTES += [
    replace(route, name=route.name.removesuffix("_csv") + "_xlsx") for route in ROUTES if route.name.endswith("_csv")
]


# Running the cells ----------------------------------------------------------------------------------


class KnownGap(Exception):
    """Raised when exactly the row's known gaps are still wrong (the test's xfail)."""


def expectation(row, who):
    return row.get(who, row["*"])


def shown(response):
    if response.status_code in (301, 302):
        return f"{response.status_code} to {response.url}"
    return str(response.status_code)


def holds(expected, response):
    if isinstance(expected, RedirectTo):
        return response.status_code == 302 and response.url.startswith(reverse(expected.url_name))
    return response.status_code == expected


def content_of(response):
    """The body as text. (Reading a streamed body to its end closes it; closing a response ourselves
    would send request_finished, which closes the database connection in the middle of the test.)"""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


def leaked(who, response):
    """The first piece of case content in the response that `who` may not see, if any."""
    if response.status_code != 200:
        return None
    content = content_of(response)
    return next((secret for secret in World.hidden_from(who) if secret in content), None)


def send(client, method, url, write, body):
    if write.encoding == "json":
        return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")
    return getattr(client, method)(url, data=body)


def is_success(route, response):
    """A write that went through: 200/201/204 from the API; from a page, a redirect (but not to the login page)."""
    if route.is_api:
        return response.status_code in (200, 201, 204)
    return response.status_code == 302 and not response.url.startswith(reverse("login"))


def route_url(route, world):
    url = route.url(world)
    return url.replace("{signal}", str(world.signals["new"].pk))


def run_cells(route, world, members=CAST, expected_as=None):
    """{(method, who): what went wrong} for every cell of the row (for `members`; `expected_as` maps a
    member to the member of the cast whose cells they must get)."""
    expected_as = expected_as or {}
    wrong = {}
    url = route_url(route, world)
    for who in members:
        expected = expectation(route.get, expected_as.get(who, who))
        # (No savepoint for a read: what it writes, the access log, goes with the test's own savepoint.)
        response = client_for(world, who, raise_request_exception=False).get(url)
        if not holds(expected, response):
            wrong["GET", who] = f"expected {expected}, got {shown(response)}"
        elif secret := leaked(who, response):
            wrong["GET", who] = f"shows {secret!r}"
    if route.write:
        write = route.write
        urls = {write.method.upper(): url}
        for method, target in urls.items():
            for who in members:
                expected = expectation(write.expected, expected_as.get(who, who))
                body = write.body(world, expected_as.get(who, who)) if write.body else {}
                with transaction.atomic():
                    client = client_for(world, who, raise_request_exception=False)
                    response = send(client, write.method, target, write, body)
                    happened = write.effect(world, world.user(who)) if write.effect else None
                    transaction.set_rollback(True)
                if not holds(expected, response):
                    wrong[method, who] = f"expected {expected}, got {shown(response)}"
                elif happened is not None and happened != is_success(route, response):
                    wrong[method, who] = f"{shown(response)}, but the write {'happened' if happened else 'did not'}"
                elif secret := leaked(who, response):
                    wrong[method, who] = f"shows {secret!r}"
    return wrong


def verdict(what, wrong, gaps):
    """Fail on any cell that is wrong and not a known gap, or a known gap that now holds; else KnownGap if any."""
    unexpected = {cell: why for cell, why in wrong.items() if cell not in gaps}
    fixed = [cell for cell in gaps if cell not in wrong]
    lines = [f"{what} {method} as {who}: {why}" for (method, who), why in sorted(unexpected.items())]
    lines += [f"{what} {method} as {who}: holds now; take it out of the known gaps" for method, who in fixed]
    assert not lines, "\n".join(lines)
    if gaps:
        raise KnownGap("; ".join(f"{method} as {who}: {wrong[method, who]}" for method, who in gaps))


def params(rows):
    for row in rows:
        marks = []
        if row.gaps:
            reason = "; ".join(f"{method} as {who}: {why}" for (method, who), why in row.gaps.items())
            marks.append(pytest.mark.xfail(strict=True, raises=KnownGap, reason=reason))
        yield pytest.param(row, id=row.id, marks=marks)


@pytest.mark.parametrize("route", params(ROUTES))
def test_route_matrix(world, route):
    verdict(route.id, run_cells(route, world, members=route.members), route.gaps)


# The rows where only whoever directs the case may act (the director's cells differ from the participant's
# because of directing, not because the director is the case director or an assignee).
DIRECTING = {
    "cases:change_status",
    "cases:invite",
    "cases:access_log",
    "cases:edit",
    "cases:hand_over",
    "cases:end_participation",
    "interventions:add_intervention",
    "interventions:schedule_review",
    "interventions:review",
    "case-participants",
    "case-transition",
    "intervention-list",
    "review-list",
    "review-record",
}


@pytest.mark.parametrize("route", [pytest.param(r, id=r.id) for r in ROUTES if r.name in DIRECTING])
def test_a_case_director_of_the_lead_organisation_directs_like_the_case_director(world, route):
    """Not the case's director, but a case director of its lead organisation: the director's cells."""
    wrong = run_cells(route, world, members=["lead_director"], expected_as={"lead_director": "director"})
    verdict(route.id, {cell: why for cell, why in wrong.items() if ".json" not in cell[0]}, {})


def test_a_member_of_two_participating_organisations_chooses_in_whose_name_they_write(world):
    client = client_for(world, "multi")
    notes = Note.objects.filter(case=world.case, author=world.users["multi"])
    url = reverse("cases:add_note", args=[world.case.pk])
    with transaction.atomic():
        assert client.post(url, {"body": "Namens wie?", "visibility": "all"}).status_code == 200  # the form again
        assert not notes.filter(body="Namens wie?").exists()
        assert (
            client.post(url, {"body": "Namens GGZ", "visibility": "own", "organisation": world.ggz.pk}).status_code
            == 302
        )
        assert notes.get(body="Namens GGZ").organisation == world.ggz
        api_url = f"/api/cases/{world.case.pk}/notes/"
        assert client.post(api_url, {"body": "API, namens wie?"}, content_type="application/json").status_code == 400
        body = {"body": "API namens Woonstichting", "organisation": world.lead.pk}
        assert client.post(api_url, body, content_type="application/json").status_code == 201
        assert notes.get(body="API namens Woonstichting").organisation == world.lead
        # In the name of an organisation of theirs that takes no part: refused.
        body = {"body": "Namens buiten", "organisation": world.outsider_org.pk}
        assert client.post(api_url, body, content_type="application/json").status_code == 400
        transaction.set_rollback(True)
    # They read both organisations' own notes.
    page = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert GGZ_OWN_NOTE in page and LEAD_OWN_NOTE in page


# Every route has a row -------------------------------------------------------------------------------


def test_every_route_has_a_row(world):
    rows = {route.name for route in ROUTES}
    admin = admin_paths(world)
    patterns = url_patterns()
    missing = sorted({pattern.key for pattern in patterns if pattern.key not in (admin if pattern.is_admin else rows)})
    assert not missing, f"routes without a row in the permission matrix: {', '.join(missing)}"
    stale = sorted(rows - {pattern.key for pattern in patterns})
    assert not stale, f"rows for routes that do not exist: {', '.join(stale)}"
    different = []
    for pattern in patterns:
        if pattern.actions is not None and not pattern.with_format:
            listed = set().union(*(route.methods() for route in ROUTES if route.name == pattern.name))
            accepted = set(pattern.actions) - {"head"}  # DRF adds HEAD to a GET route once it has served one
            if accepted != listed:
                different.append(f"{pattern.name} accepts {sorted(accepted)}, its rows say {sorted(listed)}")
    assert not different, "\n".join(different)


# The admin site: for staff only; none of the cast is staff -----------------------------------------


# The admin's logout sends whoever is not staff to the admin's index (which sends them on to its login).
ADMIN_CELLS = {"admin:login": cells(200), "admin:logout": cells(RedirectTo("admin:index"))}


def test_admin_site_matrix(world):
    wrong = []
    for key, paths in admin_paths(world).items():
        expected_row = ADMIN_CELLS.get(key, cells(ADMIN_LOGIN))
        for path in paths[:1]:
            for who in CAST:
                response = client_for(world, who, raise_request_exception=False).get(path)
                expected = expectation(expected_row, who)
                if not holds(expected, response):
                    wrong.append(f"{key} {path} as {who}: expected {expected}, got {shown(response)}")
    assert not wrong, "\n".join(wrong)


# API lists: whoever takes no part sees nothing of a case -----------------------------------------


def ids(response):
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    assert not (isinstance(body, dict) and body.get("next")), "the world fits on one page"
    return {row["id"] for row in rows}


def case_rows(world, kind, open_only=False):
    cases = [case.pk for case in world.all_cases if case.is_open or not open_only]
    model = {"cases": Case, "interventions": Intervention, "actions": Action, "reviews": CaseReview}[kind]
    return set(
        (model.objects.filter(pk__in=cases) if model is Case else model.objects.filter(case__in=cases)).values_list(
            "pk", flat=True
        )
    )


@pytest.mark.parametrize("kind", ["cases", "interventions", "actions", "reviews"])
def test_api_lists_show_a_case_to_whoever_takes_part_and_nothing_of_it_to_anyone_else(world, kind):
    everything = case_rows(world, kind)
    of_open_case = case_rows(world, kind, open_only=True)
    assert of_open_case < everything
    for who in CAST[1:]:
        shown_ids = ids(client_for(world, who).get(f"/api/{kind}/"))
        if who in ("participant", "director"):
            assert shown_ids == everything, who
        elif who in TAKE_PART:  # closing the case ended their organisation's part
            assert shown_ids == of_open_case, who
        else:
            assert not shown_ids & everything, who


def test_api_signal_list_shows_the_reporters_and_the_covering_teams_signals(world):
    in_n = {s.pk for key, s in world.signals.items() if key != "elsewhere"}
    lead_reported = {s.pk for s in world.signals.values() if s.reporting_organisation_id == world.lead.pk}
    expected = {
        "outsider": {world.signals["elsewhere"].pk},
        "participant": in_n,
        "colleague": in_n,
        "other_director": in_n,
        "manager": in_n,
        "director": lead_reported,  # in no team: their organisation's signals only
        "deactivated": set(),
    }
    for who, signal_ids in expected.items():
        assert ids(client_for(world, who).get("/api/signals/")) == signal_ids, who


def test_a_foreign_case_in_a_body_answers_exactly_as_an_unknown_one(world):
    """Creating a plan item for a case one takes no part in must not tell that the case exists."""
    client = client_for(world, "outsider")
    for kind, body in [
        ("interventions", {"kind": "debt_help", "solution_direction": "care_and_support", "goal": "x"}),
        ("actions", {"title": "x", "organisation": world.outsider_org.pk}),
        ("reviews", {"scheduled_for": timezone.now().isoformat()}),
    ]:
        foreign = client.post(f"/api/{kind}/", {**body, "case": world.case.pk}, content_type="application/json")
        unknown = client.post(f"/api/{kind}/", {**body, "case": 999999}, content_type="application/json")
        assert foreign.status_code == unknown.status_code == 400
        assert json.dumps(foreign.json()["case"]).replace(str(world.case.pk), "N") == json.dumps(
            unknown.json()["case"]
        ).replace("999999", "N")


def test_the_content_check_sees_a_case_where_it_is_shown(world):
    """A control: the strings the content check looks for do show where the case is shown."""
    client = client_for(world, "participant")
    for url in [reverse("cases:home"), reverse("interventions:mine"), "/api/cases/", "/api/actions/"]:
        content = client.get(url).content.decode()
        assert TITLES[0] in content or "Bewoner bellen over de klachten" in content, url
    assert leaked("outsider", client.get(reverse("cases:home"))) == TITLES[0]


# Own-organisation notes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who,sees_ggz_note,sees_lead_note",
    [
        ("colleague", True, False),
        ("other_director", True, False),
        ("participant", False, True),
        ("director", False, True),
    ],
)
def test_own_organisation_notes_show_only_to_their_organisation_on_the_page_and_in_the_api(
    world, who, sees_ggz_note, sees_lead_note
):
    client = client_for(world, who)
    page = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    notes = json.dumps(client.get(f"/api/cases/{world.case.pk}/notes/").json())
    for content in (page, notes):
        assert SHARED_NOTE in content
        assert (GGZ_OWN_NOTE in content) is sees_ggz_note
        assert (LEAD_OWN_NOTE in content) is sees_lead_note


# The access helpers ---------------------------------------------------------------------------------

OK, NOT_FOUND, FORBIDDEN = "ok", "404", "403"


@dataclass
class Helper:
    name: str
    call: object  # (user, world) -> object
    target: object  # world -> the object the helper should return
    expected: dict
    gaps: dict = field(default_factory=dict)  # who -> why

    @property
    def id(self):
        return self.name


PART = dict.fromkeys(TAKE_PART, OK)
LEAD_PART = {"participant": OK, "director": OK}  # a closed or cancelled case: the lead organisation only


def part_for(key):
    return LEAD_PART if key in ("closed", "cancelled") else PART


HELPERS = [
    Helper(
        "get_case_for_user",
        lambda user, world: get_case_for_user(user, world.case.pk).case,
        lambda world: world.case,
        cells(NOT_FOUND, **PART),
    ),
    Helper(
        "get_case_for_user, closed case",
        lambda user, world: get_case_for_user(user, world.closed_case.pk).case,
        lambda world: world.closed_case,
        cells(NOT_FOUND, participant=OK, director=OK),
    ),
    Helper(
        "get_case_for_user(direct=True)",
        lambda user, world: get_case_for_user(user, world.case.pk, direct=True).case,
        lambda world: world.case,
        cells(NOT_FOUND, director=OK, participant=FORBIDDEN, colleague=FORBIDDEN, other_director=FORBIDDEN),
    ),
    Helper(
        "get_note_for_user, shared note",
        lambda user, world: get_note_for_user(user, world.notes["shared"].pk),
        lambda world: world.notes["shared"],
        cells(NOT_FOUND, **PART),
    ),
    Helper(
        "get_note_for_user, GGZ's own note",
        lambda user, world: get_note_for_user(user, world.notes["ggz_own"].pk),
        lambda world: world.notes["ggz_own"],
        cells(NOT_FOUND, colleague=OK, other_director=OK),
    ),
    Helper(
        "get_note_for_user, Woonstichting's own note",
        lambda user, world: get_note_for_user(user, world.notes["lead_own"].pk),
        lambda world: world.notes["lead_own"],
        cells(NOT_FOUND, participant=OK, director=OK),
    ),
    Helper(
        "get_signal_for_user",
        lambda user, world: get_signal_for_user(user, world.signals["new"].pk),
        lambda world: world.signals["new"],
        cells(NOT_FOUND, **dict.fromkeys(SEES_SIGNAL, OK)),
    ),
    Helper(
        "get_signal_for_user, GGZ's signal",
        lambda user, world: get_signal_for_user(user, world.signals["new_bare"].pk),
        lambda world: world.signals["new_bare"],
        # GGZ, and Wijkteam Oost; the director is in no team and not of GGZ.
        cells(NOT_FOUND, participant=OK, colleague=OK, other_director=OK, manager=OK),
    ),
    *[
        Helper(
            f"get_intervention_for_user, {key}",
            lambda user, world, key=key: get_intervention_for_user(user, world.interventions[key].pk),
            lambda world, key=key: world.interventions[key],
            cells(NOT_FOUND, **part_for(key)),
        )
        for key in ["planned", "running", "done", "closed"]
    ],
    *[
        Helper(
            f"get_action_for_user, {key}",
            lambda user, world, key=key: get_action_for_user(user, world.actions[key].pk),
            lambda world, key=key: world.actions[key],
            cells(NOT_FOUND, **part_for(key)),
        )
        for key in ["overdue", "nobody", "undated", "done", "decision", "closed", "cancelled"]
    ],
    *[
        Helper(
            f"get_review_for_user, {key}",
            lambda user, world, key=key: get_review_for_user(user, world.reviews[key].pk),
            lambda world, key=key: world.reviews[key],
            cells(NOT_FOUND, **part_for(key)),
        )
        for key in ["held", "planned", "closed"]
    ],
]


def helper_params():
    for helper in HELPERS:
        marks = []
        if helper.gaps:
            reason = "; ".join(f"{who}: {why}" for who, why in helper.gaps.items())
            marks.append(pytest.mark.xfail(strict=True, raises=KnownGap, reason=reason))
        yield pytest.param(helper, id=helper.id, marks=marks)


@pytest.mark.parametrize("helper", helper_params())
def test_helper_matrix(world, helper):
    wrong = {}
    for who in CAST:
        expected = expectation(helper.expected, who)
        try:
            got = helper.call(world.user(who), world)
        except Http404:
            outcome = NOT_FOUND
        except PermissionDenied:
            outcome = FORBIDDEN
        else:
            outcome = OK if got == helper.target(world) else f"another object ({got!r})"
        if outcome != expected:
            wrong["call", who] = f"expected {expected}, got {outcome}"
    verdict(helper.name, wrong, {("call", who): why for who, why in helper.gaps.items()})
