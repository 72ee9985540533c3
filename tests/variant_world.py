"""A test world that holds every variant the forms can create, built through the domain verbs.

Shared by tests/test_permission_matrix.py and tests/test_every_page_renders.py.
(A module rather than a conftest.py fixture: tests/conftest.py keeps the small
cast of the older specs; this world is bigger and named apart.)

Places: neighbourhood N (district D), covered by "Wijkteam Oost"; neighbourhood
N2 (district D2), covered by "Wijkteam Elders".

Organisations: Woonstichting Oost (lead of every case), GGZ Oost (takes part),
Stichting Opgeheven (took part, then deactivated: is_active=False), Buurtbemiddeling
(took part, participation ended yesterday), Politie Oost (takes part in nothing yet:
the one the matrix invites), Buitenstaanders (the outsider's), Gemeente Bestuur (the manager's).

The cast (CAST, keys of `World.users`):
- anonymous
- outsider: Buitenstaanders, in Wijkteam Elders (N2 only): sees nothing of N
- participant: a professional of the lead organisation, in Wijkteam Oost
- colleague: a professional of GGZ Oost (the own-organisation colleague: reads GGZ's own notes)
- director: the case director of every case (a case director of Woonstichting, in no team)
- other_director: a case director of GGZ Oost, in Wijkteam Oost: takes part, does not direct
- manager: Gemeente Bestuur (in no case), in Wijkteam Oost
- deactivated: a professional of Stichting Opgeheven (still an active participant row, but
  the organisation is deactivated), in Wijkteam Oost
Extras (EXTRAS, for the every-page spec): lead_director (another case director of the lead
organisation), multi (a member of both Woonstichting and GGZ), ended (Buurtbemiddeling),
admin (a superuser in no organisation), privacy (the privacy officer of Woonstichting).

The open case (in progress): notes in both visibilities (Woonstichting's and GGZ's own notes),
an attachment; interventions planned (Woonstichting, GGZ contributes), running (GGZ, with progress)
and done (Woonstichting); actions overdue, for nobody in particular, without due date, done, and
one from a review decision; a review held (with minutes) and one planned.
The closed case (moved): its running intervention and open action ended with it; a planned review.
The cancelled case: its action for nobody in particular ended with it.
Signals in every status (new, triaged, linked, referred, closed), with and without address;
one of the outsider's in N2. Notifications from the invitations, the reminder sweep and the weekly
summary, and one unread for everyone; alerts (neighbourhood, address, and a cleared one); a group
and an API token (for the admin pages and the owner's token page).

Use: `world_in_rollback` builds it once per test module, in a transaction rolled back afterwards
(each test runs in a savepoint of its own); `client_for` gives a signed-in client per member;
`url_patterns` reads every URL pattern from the resolver; `admin_paths` every admin URL.
"""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from knox.models import AuthToken

from cases.known_elsewhere import coordination_request
from cases.models import CaseParticipant, KnownElsewhere
from cases.persons import informing_record, person_add
from cases.services import case_open, signal_report
from dashboards.models import Alert
from dashboards.weekly import week_before, weekly_send_now
from interventions.reminders import reminders_send_now
from interventions.reviews import Decision, review_record, review_schedule
from interventions.services import action_add, intervention_add
from monitor.models import FIGURE_FIELDS
from monitor.services import figures_save, sharing_set
from neighbourhoods.models import MunicipalityStatistics, NeighbourhoodStatistics
from notifications.models import Notification
from partners.models import Organisation
from partners.viewer import forget_viewer
from privacy.models import RetentionReview
from tests import factories as f

CAST = ["anonymous", "outsider", "participant", "colleague", "director", "other_director", "manager", "deactivated"]
EXTRAS = ["lead_director", "multi", "ended", "admin", "privacy"]
EVERYONE = CAST + EXTRAS

# Who takes part in the cases (through an active organisation with an active participation), and through which.
LEAD_PEOPLE = {"participant", "director", "lead_director", "multi", "privacy"}
GGZ_PEOPLE = {"colleague", "other_director", "multi"}
TAKING_PART = LEAD_PEOPLE | GGZ_PEOPLE

LEGAL_BASIS = "Wet aanpak woonoverlast"
POSTCODE, HOUSE_NUMBER = "1094 AB", 12

# What the world writes on its cases: none of it may reach anyone who takes no part (World.hidden_from).
TITLES = ["Overlast Dapperstraat twaalf", "Hennepkwekerij Javastraat", "Melding bleek dubbel"]
SHARED_NOTE = "Huisbezoek afgelegd, bewoner stond open voor hulp."
MULTI_NOTE = "Namens GGZ gebeld met de huisarts."
GGZ_OWN_NOTE = "Vertrouwelijk: alleen GGZ Oost weet dit."
GGZ_OWN_NOTE_CLOSED = "GGZ: nazorg loopt na de sluiting."
LEAD_OWN_NOTE = "Intern Woonstichting: huurachterstand van drie maanden."
# The people the cases are about (cases/persons.py): names a stranger must never see.
PERSONS = {
    "main": "Sanne Visser",
    "household": "Noor Visser",
    "neighbour": "Buurman Bakker",
    "matched": "Kees Visser",
}
BORN = datetime.date(1980, 5, 17)
CASE_CONTENT = [
    *TITLES,
    *PERSONS.values(),
    SHARED_NOTE,
    MULTI_NOTE,
    "Bewoner bellen over de klachten",
    "Zorgaanbod zoeken voor de bewoner",
    "Dossier bijwerken na huisbezoek",
    "Huisarts informeren over de zorgen",
    "Huisbezoek plannen met de GGZ",
    "Sleutels innemen bij de woning",
    "Nagaan of de melding klopt",
    "Zicht krijgen op de hulpvraag achter de voordeur",
    "Bewoner komt in zorg bij de GGZ",
    "Bewoner weet wat de afspraken zijn",
    "Woning gesloten na de vondst",
    "Besproken: voortgang van de zorg",
    "Intake bij de GGZ gepland",
]


@dataclass
class World:
    users: dict
    neighbourhood: object
    other_neighbourhood: object
    lead: object
    ggz: object
    deactivated_org: object
    ended_org: object
    invitee: object
    outsider_org: object
    manager_org: object
    case: object  # the open case
    closed_case: object
    cancelled_case: object
    signals: dict  # new, new_bare, triaged, linked, referred, closed, elsewhere, ...
    notes: dict  # shared, ggz_own, lead_own, multi
    attachment: object
    closed_attachment: object
    interventions: dict  # planned, running, done, closed
    actions: dict  # overdue, nobody, undated, done, decision, closed, cancelled
    reviews: dict  # held, planned, closed
    participants: dict  # lead, ggz, deactivated, ended (CaseParticipant rows of the open case)
    persons: dict  # main, household, neighbour, matched (on the open case) and closed
    requested_match: object  # the open case's Kees Visser, known in the closed case: coordination requested
    retention_review: object  # the closed case, due for anonymisation, no approval yet
    notifications: dict  # who -> one of their notifications
    alerts: list = field(default_factory=list)
    corporation: object = None  # Woonbron Oost: the manager's second organisation, with figures in N
    media_root: object = None
    session_keys: dict = field(default_factory=dict)
    clients: dict = field(default_factory=dict)

    def user(self, who):
        """A fresh copy of the member's user (what a request would load), AnonymousUser for "anonymous"."""
        if who == "anonymous":
            return AnonymousUser()
        return get_user_model().objects.get(pk=self.users[who].pk)

    @property
    def all_cases(self):
        return [self.case, self.closed_case, self.cancelled_case]

    @staticmethod
    def hidden_from(who):
        """What `who` must never be shown: a case's content if they take no part, the other organisation's
        own notes if they take part through one organisation only."""
        if who not in TAKING_PART:
            return [*CASE_CONTENT, GGZ_OWN_NOTE, GGZ_OWN_NOTE_CLOSED, LEAD_OWN_NOTE]
        hidden = []
        if who not in GGZ_PEOPLE:
            hidden += [GGZ_OWN_NOTE, GGZ_OWN_NOTE_CLOSED]
        if who not in LEAD_PEOPLE:
            hidden.append(LEAD_OWN_NOTE)
        return hidden


def _user(username, organisation, role="professional", **extra):
    return f.UserFactory(username=username, organisation=organisation, role=role, first_name=username.title(), **extra)


def _signal(by, organisation, neighbourhood, *, address=True, category="GEL", days_ago=2, description=None):
    fields = {"postcode": POSTCODE, "house_number": HOUSE_NUMBER} if address else {}
    return signal_report(
        by=by,
        organisation=organisation,
        neighbourhood=neighbourhood,
        category=category,
        severity="high" if address else "low",
        description=description or f"Melding {category}: harde muziek en ruzie in het portiek.",
        occurred_at=timezone.now() - datetime.timedelta(days=days_ago),
        **fields,
    )


def _notify(user, text, url):
    """An in-app notification with a fixed text (whichever way the model stores its text)."""
    fields = {field.name for field in Notification._meta.get_fields()}
    if "message" in fields:
        return Notification.objects.create(user=user, kind="overdue", message=text, url=url)
    return Notification.objects.create(user=user, kind="overdue", code="legacy", data={"text": text}, url=url)


def build_world():
    """Build the world (a few hundred milliseconds); returns a World."""
    today = timezone.localdate()
    now = timezone.now()

    district = f.DistrictFactory(code="WK036390", name="Oost")
    neighbourhood = f.NeighbourhoodFactory(district=district, code="BU03639001", name="Dapperbuurt")
    other_district = f.DistrictFactory(code="WK036391", name="Elders")
    other_neighbourhood = f.NeighbourhoodFactory(district=other_district, code="BU03639101", name="Verre Buurt")
    NeighbourhoodStatistics.objects.create(
        neighbourhood=neighbourhood, year=2019, households=2000, ses_woa_score="-0.250", source="CBS 85163NED"
    )

    lead = f.OrganisationFactory(name="Woonstichting Oost", kind="housing_corporation")
    ggz = f.OrganisationFactory(name="GGZ Oost", kind="mental_health")
    deactivated_org = f.OrganisationFactory(name="Stichting Opgeheven", kind="social_work")
    ended_org = f.OrganisationFactory(name="Buurtbemiddeling Oost", kind="mediation")
    invitee = f.OrganisationFactory(name="Politie Oost", kind="police")
    outsider_org = f.OrganisationFactory(name="Buitenstaanders", kind="other")
    manager_org = f.OrganisationFactory(name="Gemeente Bestuur", kind="municipality")

    users = {
        "outsider": _user("outsider", outsider_org),
        "participant": _user("participant", lead),
        "colleague": _user("colleague", ggz),
        "director": _user("director", lead, "case_director"),
        "other_director": _user("other_director", ggz, "case_director"),
        "manager": _user("manager", manager_org, "manager"),
        "deactivated": _user("deactivated", deactivated_org),
        "lead_director": _user("lead_director", lead, "case_director"),
        "multi": _user("multi", lead),
        "ended": _user("ended", ended_org),
        "admin": f.UserFactory(username="admin", organisation=None, is_staff=True, is_superuser=True),
        "privacy": _user("privacy", lead, "privacy_officer"),
    }
    f.UserFactory(username="multi", organisation=ggz)  # get_or_create: a second membership
    f.UserFactory(username="police_coordinator", organisation=invitee, role="coordinator")
    u = users
    f.TeamFactory(
        name="Wijkteam Oost",
        members=[u["participant"], u["colleague"], u["other_director"], u["manager"], u["deactivated"], u["multi"]],
        neighbourhoods=[neighbourhood],
    )
    f.TeamFactory(name="Wijkteam Elders", members=[u["outsider"]], neighbourhoods=[other_neighbourhood])

    # Signals: the participant reports for Woonstichting, the colleague for GGZ.
    signals = {
        "new": _signal(u["participant"], lead, neighbourhood),
        "new_bare": _signal(u["colleague"], ggz, neighbourhood, address=False, category="VUI"),
        "triaged": _signal(u["participant"], lead, neighbourhood, category="RUZ"),
        "referred": _signal(u["participant"], lead, neighbourhood, address=False, category="HGW"),
        "closed": _signal(u["colleague"], ggz, neighbourhood, category="STA"),
        "linked": _signal(u["participant"], lead, neighbourhood, category="AGR", days_ago=20),
        "linked_bare": _signal(u["colleague"], ggz, neighbourhood, address=False, category="PSY", days_ago=19),
        "for_closed": _signal(u["participant"], lead, neighbourhood, category="DRU", days_ago=40),
        "for_cancelled": _signal(u["participant"], lead, neighbourhood, address=False, category="OVE", days_ago=30),
        "elsewhere": _signal(u["outsider"], outsider_org, other_neighbourhood, category="VAN"),
    }
    signals["triaged"].mark_triaged(by=u["participant"])
    signals["referred"].refer_on(by=u["participant"], reason="Veilig Thuis")
    signals["closed"].close(by=u["colleague"], reason="Dubbele melding")

    director = u["director"]
    # The open case ------------------------------------------------------------------------------
    case = case_open(
        by=director,
        organisation=lead,
        title=TITLES[0],
        signals=[signals["linked"]],
        legal_basis=LEGAL_BASIS,
        postcode=POSTCODE,
        house_number=HOUSE_NUMBER,
    )
    case.invite(ggz, by=director, legal_basis="Zorgplicht GGZ")
    signals["linked_bare"].link_to(case, by=u["colleague"])
    case.invite(deactivated_org, by=director, legal_basis="Schuldhulp")
    case.invite(ended_org, by=director, legal_basis="Buurtbemiddeling", since=today - datetime.timedelta(days=60))
    case.end_participation(ended_org, by=director, on=today - datetime.timedelta(days=1))
    for status in ("triage", "plan", "in_progress"):
        case.transition(status, by=director)

    notes = {
        "shared": case.add_note(by=u["participant"], organisation=None, body=SHARED_NOTE, visibility="all"),
        "ggz_own": case.add_note(by=u["other_director"], organisation=None, body=GGZ_OWN_NOTE, visibility="own"),
        "lead_own": case.add_note(by=u["participant"], organisation=None, body=LEAD_OWN_NOTE, visibility="own"),
        "multi": case.add_note(by=u["multi"], organisation=ggz, body=MULTI_NOTE, visibility="all"),
    }
    attachment = f.AttachmentFactory(case=case, organisation=lead, uploaded_by=u["participant"])

    planned = intervention_add(
        case,
        by=director,
        kind="home_visit",
        solution_direction="care_and_support",
        goal="Zicht krijgen op de hulpvraag achter de voordeur",
        lead_organisation=lead,
        owner=u["participant"],
        contributions=[(ggz, "Begeleiding bij het huisbezoek")],
        due_on=today + datetime.timedelta(days=30),
    )
    running = intervention_add(
        case,
        by=director,
        kind="care_referral",
        solution_direction="care_and_support",
        goal="Bewoner komt in zorg bij de GGZ",
        lead_organisation=ggz,
        owner=u["colleague"],
        contributions=[(lead, "Huisbezoek samen")],
        due_on=today,  # due by the planned review: on its agenda
    )
    running.start(by=u["colleague"])
    running.add_progress(by=u["colleague"], body="Intake bij de GGZ gepland")
    done = intervention_add(
        case,
        by=director,
        kind="warning_letter",
        solution_direction="social_management",
        goal="Bewoner weet wat de afspraken zijn",
        lead_organisation=lead,
        owner=director,
    )
    done.start(by=director)
    done.finish(by=director, outcome="effective", evaluation="Brief werkte.")

    actions = {
        "overdue": action_add(
            case,
            by=director,
            title="Bewoner bellen over de klachten",
            organisation=lead,
            assignee=u["participant"],
            due_on=today - datetime.timedelta(days=3),
            intervention=planned,
        ),
        "nobody": action_add(
            case,
            by=director,
            title="Zorgaanbod zoeken voor de bewoner",
            organisation=ggz,
            due_on=today + datetime.timedelta(days=7),
            intervention=running,
        ),
        "undated": action_add(
            case, by=director, title="Dossier bijwerken na huisbezoek", organisation=lead, assignee=director
        ),
        "done": action_add(
            case,
            by=director,
            title="Huisarts informeren over de zorgen",
            organisation=ggz,
            assignee=u["colleague"],
            due_on=today + datetime.timedelta(days=3),
        ),
    }
    actions["done"].complete(by=u["colleague"], result="Huisarts is op de hoogte.")

    held = review_schedule(
        case, by=director, scheduled_for=now - datetime.timedelta(hours=2), attendees=[director, u["other_director"]]
    )
    (decision,) = review_record(
        held,
        by=director,
        minutes="Besproken: voortgang van de zorg",
        decisions=[Decision(title="Huisbezoek plannen met de GGZ", organisation=ggz)],
        next_review_on=today + datetime.timedelta(days=14),
    )
    actions["decision"] = decision
    planned_review = review_schedule(
        case,
        by=director,
        scheduled_for=now + datetime.timedelta(days=7),
        attendees=[u["participant"], u["colleague"]],
    )
    participants = {
        "lead": CaseParticipant.objects.get(case=case, organisation=lead),
        "ggz": CaseParticipant.objects.get(case=case, organisation=ggz),
        "deactivated": CaseParticipant.objects.get(case=case, organisation=deactivated_org),
        "ended": CaseParticipant.objects.get(case=case, organisation=ended_org),
    }

    # The closed case: its work is settled by the transition -------------------------------------
    closed_case = case_open(
        by=director, organisation=lead, title=TITLES[1], signals=[signals["for_closed"]], legal_basis=LEGAL_BASIS
    )
    closed_case.invite(ggz, by=director, legal_basis="Zorgplicht GGZ")
    closed_case.invite(deactivated_org, by=director, legal_basis="Schuldhulp")
    closed_case.transition("triage", by=director)
    closed_case.transition("plan", by=director)
    closed_intervention = intervention_add(
        closed_case,
        by=director,
        kind="closure_order",
        solution_direction="social_management",
        goal="Woning gesloten na de vondst",
        lead_organisation=lead,
        owner=u["participant"],
        contributions=[(ggz, "Nazorg")],
    )
    closed_intervention.start(by=u["participant"])
    closed_action = action_add(
        closed_case, by=director, title="Sleutels innemen bij de woning", organisation=lead, assignee=u["participant"]
    )
    closed_review = review_schedule(closed_case, by=director, scheduled_for=now + datetime.timedelta(days=3))
    closed_case.add_note(by=u["colleague"], organisation=None, body=GGZ_OWN_NOTE_CLOSED, visibility="own")
    closed_attachment = f.AttachmentFactory(case=closed_case, organisation=lead, uploaded_by=u["participant"])
    # Kees Visser is on the closed case: the open case's Kees Visser will be "known elsewhere".
    closed_person = person_add(
        closed_case,
        by=director,
        name=PERSONS["matched"],
        date_of_birth=BORN,
        role="main",
        postcode=POSTCODE,
        house_number=HOUSE_NUMBER,
    )
    informing_record(closed_person, by=director, informed=True, informed_on=today, how="conversation")
    closed_case.transition("closed", by=director, reason="moved")

    # The cancelled case ---------------------------------------------------------------------------
    cancelled_case = case_open(
        by=director, organisation=lead, title=TITLES[2], signals=[signals["for_cancelled"]], legal_basis=LEGAL_BASIS
    )
    cancelled_case.invite(ggz, by=director, legal_basis="Zorgplicht GGZ")
    cancelled_case.invite(deactivated_org, by=director, legal_basis="Schuldhulp")
    cancelled_action = action_add(cancelled_case, by=director, title="Nagaan of de melding klopt", organisation=ggz)
    cancelled_case.transition("cancelled", by=director)

    # Persons on the open case: every variant the person and informing forms can create -----------
    persons = {
        "main": person_add(
            case,
            by=u["participant"],
            name=PERSONS["main"],
            date_of_birth=BORN,
            role="main",
            postcode=POSTCODE,
            house_number=HOUSE_NUMBER,
            house_number_addition="A",
            contact_notes="Bereikbaar na 17:00; zorgen over de schulden.",
        ),
        "household": person_add(case, by=u["colleague"], name=PERSONS["household"], role="household"),
        "neighbour": person_add(
            case,
            by=u["participant"],
            name=PERSONS["neighbour"],
            role="neighbour",
            postcode=POSTCODE,
            house_number=HOUSE_NUMBER,  # the other cases' address: known elsewhere, nobody asked yet
        ),
        "matched": person_add(case, by=u["participant"], name=PERSONS["matched"], date_of_birth=BORN, role="other"),
    }
    later = today + datetime.timedelta(days=30)
    informing_record(persons["main"], by=u["participant"], informed=True, informed_on=today, how="letter")
    informing_record(persons["household"], by=u["colleague"], informed=False, reason="safety", look_again_on=later)
    informing_record(
        persons["matched"],
        by=u["participant"],
        informed=False,
        reason="other",
        reason_text="Verblijft tijdelijk in het buitenland.",
        look_again_on=later,
    )
    requested = KnownElsewhere.objects.get(person=persons["matched"])
    coordination_request(requested, by=u["participant"])

    # The closed case is due for anonymisation (as if closed CASE_RETENTION_MONTHS ago): nobody approved yet.
    retention_review = RetentionReview.objects.create(case=closed_case, due_on=today)

    # Deactivation has no verb: an administrator switches it off in the admin.
    Organisation.objects.filter(pk=deactivated_org.pk).update(is_active=False)
    deactivated_org.refresh_from_db()

    # Notifications through the verbs that send them (the invitations above left some already) ...
    reminders_send_now(today)
    weekly_send_now(week_before(today))
    # ... and one of each cast member's own, unread, to mark read.
    notifications = {
        who: _notify(u[who], f"Actie te laat ({who})", f"/casussen/{case.pk}/") for who in [*CAST[1:], *EXTRAS]
    }

    # A group for the admin pages; an API token for its owner's page.
    Group.objects.create(name="Functioneel beheer")
    AuthToken.objects.create(user=u["participant"])

    alerts = [
        Alert.objects.create(
            kind="neighbourhood",
            neighbourhood=neighbourhood,
            figures={"recent": 12, "baseline": 4, "recent_weeks": 4, "baseline_weeks": 8, "expected": 2},
        ),
        Alert.objects.create(
            kind="address",
            neighbourhood=neighbourhood,
            postcode=POSTCODE,
            house_number=HOUSE_NUMBER,
            figures={"count": 4, "organisations": 2, "days": 30},
        ),
        Alert.objects.create(
            kind="neighbourhood",
            neighbourhood=other_neighbourhood,
            figures={"recent": 5, "baseline": 0, "recent_weeks": 4, "baseline_weeks": 8, "expected": 0},
            cleared_at=now,
        ),
    ]

    # The Veerkracht monitor: Kerncijfers for N and the city, and Woonbron's figures (through the verbs).
    corporation = f.OrganisationFactory(name="Woonbron Oost", kind="housing_corporation")
    f.UserFactory(username="manager", organisation=corporation, role="manager")  # a second membership
    NeighbourhoodStatistics.objects.filter(neighbourhood=neighbourhood).update(
        corporation_homes_pct=64, low_income_households_pct=19, homes=1800, kwb_households=1950
    )
    MunicipalityStatistics.objects.create(
        municipality=district.municipality, year=2019, corporation_homes_pct=42, low_income_households_pct=12.8,
        source="CBS",
    )  # fmt: skip
    forget_viewer(u["manager"])
    figures = dict.fromkeys(FIGURE_FIELDS, 1) | {"homes": 400, "lettings": 30}
    figures_save(corporation, neighbourhood, today.year - 1, figures, by=u["manager"])
    sharing_set(corporation, True, by=u["manager"])

    world = World(
        users=users,
        neighbourhood=neighbourhood,
        other_neighbourhood=other_neighbourhood,
        lead=lead,
        ggz=ggz,
        deactivated_org=deactivated_org,
        ended_org=ended_org,
        invitee=invitee,
        outsider_org=outsider_org,
        manager_org=manager_org,
        case=case,
        closed_case=closed_case,
        cancelled_case=cancelled_case,
        signals=signals,
        notes=notes,
        attachment=attachment,
        closed_attachment=closed_attachment,
        interventions={"planned": planned, "running": running, "done": done, "closed": closed_intervention},
        actions={**actions, "closed": closed_action, "cancelled": cancelled_action},
        reviews={"held": held, "planned": planned_review, "closed": closed_review},
        participants=participants,
        persons={**persons, "closed": closed_person},
        requested_match=requested,
        retention_review=retention_review,
        notifications=notifications,
        alerts=alerts,
        corporation=corporation,
    )
    # Read everything again: later verbs (closing, deactivating) changed rows made earlier.
    for made in [
        *world.all_cases,
        *signals.values(),
        *world.interventions.values(),
        *world.actions.values(),
        *world.reviews.values(),
        *participants.values(),
    ]:
        made.refresh_from_db()
    return world


@contextmanager
def world_in_rollback(django_db_blocker, media_root):
    """The world, built once for a test module inside a transaction that is rolled back afterwards.

    Each test then runs in a savepoint of its own (pytest-django's `db`), so every test
    meets the same world and nothing is left behind for other modules. Logged-in clients'
    sessions are made here too (`World.session_keys`), so tests need not log in again.
    """
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root), transaction.atomic():
        world = build_world()
        world.media_root = media_root
        world.session_keys = {}
        for who in [*CAST[1:], *EXTRAS]:
            client = Client()
            client.force_login(world.users[who])
            world.session_keys[who] = client.session.session_key
        yield world
        transaction.set_rollback(True)


def client_for(world, who, raise_request_exception=True):
    """A test client signed in as `who` (nobody for "anonymous"), with no other cookies: a cell that
    signs out or cycles its session leaves the next one unaffected. One client per member is kept,
    because a new client loads the middleware again (WhiteNoise scans the static files)."""
    from http.cookies import SimpleCookie

    from django.conf import settings

    key = (who, raise_request_exception)
    client = world.clients.get(key)
    if client is None:
        client = world.clients[key] = Client(raise_request_exception=raise_request_exception)
    client.cookies = SimpleCookie()
    if who != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = world.session_keys[who]
    return client


# Routes -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    """One URL pattern of the project, as the resolver holds it."""

    name: str | None  # namespaced, e.g. "cases:detail"; None for an unnamed pattern
    route: str  # the whole pattern text, e.g. "casussen/<int:pk>/"
    callback: object
    arguments: tuple  # the keyword arguments it captures

    @property
    def key(self):
        """The name, or the pattern text for an unnamed pattern."""
        return self.name or self.route

    @property
    def with_format(self):
        """A DRF format-suffix variant (…/cases/1.json) of a route with the same name."""
        return "format" in self.arguments

    @property
    def actions(self):
        """For a DRF viewset route: {method: action}."""
        return getattr(self.callback, "actions", None)

    @property
    def is_admin(self):
        return self.route.startswith("admin/")

    @property
    def is_api(self):
        return self.route.startswith("api/")


def url_patterns():
    """Every URL pattern of the project, read from the resolver (namespaces, includes and the API router)."""

    def walk(patterns, prefix, namespace, arguments):
        for pattern in patterns:
            captured = arguments + tuple(pattern.pattern.regex.groupindex)
            if isinstance(pattern, URLResolver):
                inner = ":".join(part for part in (namespace, pattern.namespace) if part)
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner, captured)
            else:
                name = pattern.name and ":".join(part for part in (namespace, pattern.name) if part)
                yield Pattern(name, prefix + str(pattern.pattern), pattern.callback, captured)

    return list(walk(get_resolver().url_patterns, "", "", ()))


# The object id in an admin URL for a model that has no rows in the world.
MISSING_OBJECT = "0"


def admin_paths(world):
    """key (name, or pattern text when unnamed) -> paths, for every URL of the admin site and its models.

    Built from the admin site's registry, so every registered model is covered; a URL the site
    adds in another way (a custom admin view) is missing here, and the specs that use this fail on it.
    """
    lead, user = world.lead, world.users["participant"]
    organisation_type = ContentType.objects.get_for_model(type(lead))
    paths = {
        name: [reverse(name)]
        for name in [
            "admin:index",
            "admin:login",
            "admin:logout",
            "admin:password_change",
            "admin:password_change_done",
            "admin:autocomplete",
            "admin:jsi18n",
        ]
    }
    paths["admin:view_on_site"] = [
        reverse("admin:view_on_site", kwargs={"content_type_id": organisation_type.pk, "object_id": lead.pk})
    ]
    labels = sorted({model._meta.app_label for model in admin.site._registry})
    paths["admin:app_list"] = [reverse("admin:app_list", kwargs={"app_label": label}) for label in labels]
    paths["admin:auth_user_password_change"] = [reverse("admin:auth_user_password_change", kwargs={"id": user.pk})]
    paths["admin/(?P<url>.*)$"] = ["/admin/bestaat-niet/"]
    for model in admin.site._registry:
        info = f"{model._meta.app_label}_{model._meta.model_name}"
        objects = list(model._default_manager.order_by("pk")[:1])
        if model is type(lead):
            objects.append(world.deactivated_org)
        if model is type(user):
            objects.append(user)  # a user with notes, signals and actions to their name
        object_ids = [quote(obj.pk) for obj in objects] or [MISSING_OBJECT]
        for view in ("changelist", "add"):
            paths[f"admin:{info}_{view}"] = [reverse(f"admin:{info}_{view}")]
        for view in ("change", "history", "delete"):
            paths[f"admin:{info}_{view}"] = [
                reverse(f"admin:{info}_{view}", kwargs={"object_id": object_id}) for object_id in object_ids
            ]
        changelist = reverse(f"admin:{info}_changelist").removeprefix("/")
        paths[f"{changelist}<path:object_id>/"] = [f"/{changelist}{object_id}/" for object_id in object_ids]
    return paths
