"""A city-scale dataset for the benchmark (`make bench`), written with bulk inserts.

All 479 Amsterdam neighbourhoods (real CBS import), 50 organisations, 2,000
users, 20 wijkteams covering the districts, 200,000 signals over three years,
20,000 cases with participants and timelines, 60,000 actions and 10,000
interventions. Deterministic (seeded), dated relative to today. Not for
production databases: it refuses to run where any case already exists.
"""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from cases.models import (
    OPEN_CASE_STATUSES,
    Case,
    CaseParticipant,
    CaseStatus,
    Category,
    ClosingReason,
    Severity,
    Signal,
    SignalStatus,
    TimelineEntry,
    TimelineKind,
)
from interventions.models import (
    Action,
    CaseReview,
    Contribution,
    Intervention,
    InterventionKind,
    InterventionStatus,
    Outcome,
    SolutionDirection,
)
from neighbourhoods.cbs import DEMO_CBS_FILE, import_cbs
from neighbourhoods.models import District, Neighbourhood
from partners.models import Membership, Organisation, OrganisationKind, Role, Team
from partners.viewer import partnership_changed

SEED = 479
BATCH = 5000
PASSWORD = "bench"


@dataclass(frozen=True)
class Size:
    organisations: int = 50
    users: int = 2000
    teams: int = 20
    signals: int = 200_000
    cases: int = 20_000
    actions: int = 60_000
    interventions: int = 10_000
    years: int = 3


class BenchWorldExists(Exception):
    """The database already holds cases; the benchmark fills only an empty one."""


def _moment(rng, now, days_back):
    return now - datetime.timedelta(days=rng.uniform(0, days_back), seconds=rng.randint(0, 86399))


@transaction.atomic
def build_bench_world(size=Size(), today=None):
    """Write the whole dataset; returns a dict of counts. Refuses if cases already exist."""
    if Case.objects.exists():
        raise BenchWorldExists("The database already has cases; the benchmark needs an empty one.")
    rng = random.Random(SEED)
    now = timezone.now()
    today = today or timezone.localdate()
    days_back = 365 * size.years
    import_cbs(DEMO_CBS_FILE)
    neighbourhoods = list(Neighbourhood.objects.order_by("code").values_list("pk", "district_id"))
    districts = list(District.objects.order_by("code").values_list("pk", flat=True))

    kinds = list(OrganisationKind.values)
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Bench organisatie {i:02d}", kind=kinds[i % len(kinds)]) for i in range(size.organisations)
    )
    org_ids = [o.pk for o in organisations]

    password = make_password(PASSWORD)
    users = get_user_model().objects.bulk_create(
        get_user_model()(
            username=f"bench{i:04d}",
            first_name="Bench",
            last_name=f"Gebruiker {i}",
            email=f"bench{i:04d}@example.org",
            password=password,
        )
        for i in range(size.users)
    )
    roles = [Role.PROFESSIONAL] * 6 + [Role.COORDINATOR, Role.CASE_DIRECTOR, Role.MANAGER]
    memberships = [
        Membership(user=user, organisation_id=org_ids[i % len(org_ids)], role=roles[i % len(roles)])
        for i, user in enumerate(users)
    ]
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    members_of = {org_id: [] for org_id in org_ids}
    directors_of = {org_id: [] for org_id in org_ids}
    for membership in memberships:
        members_of[membership.organisation_id].append(membership.user.pk)
        if membership.role == Role.CASE_DIRECTOR:
            directors_of[membership.organisation_id].append(membership.user.pk)

    # Teams cover consecutive districts; every user is in the team of their index.
    teams = Team.objects.bulk_create(Team(name=f"Bench wijkteam {i:02d}") for i in range(size.teams))
    district_team = {district: teams[i % size.teams] for i, district in enumerate(districts)}
    Team.neighbourhoods.through.objects.bulk_create(
        [
            Team.neighbourhoods.through(team_id=district_team[district].pk, neighbourhood_id=neighbourhood)
            for neighbourhood, district in neighbourhoods
        ],
        batch_size=BATCH,
    )
    Team.members.through.objects.bulk_create(
        [Team.members.through(team_id=teams[i % size.teams].pk, user_id=user.pk) for i, user in enumerate(users)],
        batch_size=BATCH,
    )

    categories = list(Category.values)
    severities = list(Severity.values)
    statuses = list(CaseStatus.values)
    cases, created_at = [], []
    for i in range(size.cases):
        neighbourhood, _district = rng.choice(neighbourhoods)
        lead = rng.choice(org_ids)
        status = rng.choice(statuses)
        created = _moment(rng, now, days_back)
        created_at.append(created)
        cases.append(
            Case(
                title=f"Bench casus {i}",
                neighbourhood_id=neighbourhood,
                lead_organisation_id=lead,
                case_director_id=rng.choice(directors_of[lead] or members_of[lead]),
                status=status,
                postcode=f"{1000 + rng.randint(0, 109):04d} {rng.choice('ABCDEFGH')}{rng.choice('ABCDEFGH')}",
                house_number=rng.randint(1, 200),
                next_review_on=today + datetime.timedelta(days=rng.randint(-30, 60)) if rng.random() < 0.7 else None,
                closing_reason=rng.choice(ClosingReason.values) if status == CaseStatus.CLOSED else "",
                closed_at=created + datetime.timedelta(days=30) if status == CaseStatus.CLOSED else None,
            )
        )
    cases = Case.objects.bulk_create(cases, batch_size=BATCH)
    for case, created in zip(cases, created_at, strict=True):
        case.created_at = created  # auto_now_add ignored what bulk_create was given
    Case.objects.bulk_update(cases, ["created_at"], batch_size=2000)

    participants, timeline = [], []
    participating = {}
    for case in cases:
        orgs = {case.lead_organisation_id, *rng.sample(org_ids, rng.randint(1, 3))}
        participating[case.pk] = list(orgs)
        since = today - datetime.timedelta(days=rng.randint(1, days_back))
        for org_id in orgs:
            participants.append(CaseParticipant(case=case, organisation_id=org_id, legal_basis="Bench", since=since))
        for kind, code, data in (
            (TimelineKind.CASE_OPENED, "case_opened", {"title": case.title}),
            (TimelineKind.STATUS_CHANGED, "status_changed", {"previous": "reported", "status": "triage"}),
            (TimelineKind.NOTE, "note_added", {"excerpt": "Bench notitie"}),
        ):
            timeline.append(
                TimelineEntry(
                    case=case,
                    kind=kind,
                    code=code,
                    data=data,
                    at=_moment(rng, now, 60),
                    actor_id=case.case_director_id,
                )
            )
    CaseParticipant.objects.bulk_create(participants, batch_size=BATCH)
    TimelineEntry.objects.bulk_create(timeline, batch_size=BATCH)

    case_ids = [case.pk for case in cases]
    signals = []
    for i in range(size.signals):
        neighbourhood, _district = rng.choice(neighbourhoods)
        org = rng.choice(org_ids)
        linked = rng.random() < 0.2
        signals.append(
            Signal(
                occurred_at=_moment(rng, now, days_back),
                neighbourhood_id=neighbourhood,
                category=rng.choice(categories),
                severity=rng.choice(severities),
                description=f"Bench melding {i}: overlast en zorgen in het portiek, buren klagen over geluid.",
                reporting_organisation_id=org,
                reported_by_id=rng.choice(members_of[org]),
                status=SignalStatus.LINKED if linked else rng.choice([SignalStatus.NEW, SignalStatus.TRIAGED]),
                case_id=rng.choice(case_ids) if linked else None,
                postcode=f"{1000 + rng.randint(0, 109):04d} AB" if rng.random() < 0.5 else "",
                house_number=rng.randint(1, 40),
            )
        )
        if len(signals) == BATCH:
            Signal.objects.bulk_create(signals)
            signals = []
    Signal.objects.bulk_create(signals)

    interventions = []
    for _ in range(size.interventions):
        case = rng.choice(cases)
        lead = rng.choice(participating[case.pk])
        status = rng.choice(InterventionStatus.values)
        interventions.append(
            Intervention(
                case=case,
                kind=rng.choice(InterventionKind.values),
                solution_direction=rng.choice(SolutionDirection.values),
                goal="Bench doel",
                lead_organisation_id=lead,
                owner_id=rng.choice(members_of[lead]),
                start_on=today - datetime.timedelta(days=rng.randint(0, days_back)),
                due_on=today + datetime.timedelta(days=rng.randint(-60, 90)),
                status=status,
                outcome=rng.choice(Outcome.values) if status == InterventionStatus.DONE else "",
            )
        )
    interventions = Intervention.objects.bulk_create(interventions, batch_size=BATCH)
    Contribution.objects.bulk_create(
        [
            Contribution(intervention=iv, organisation_id=org, contribution="Bench bijdrage")
            for iv in interventions
            for org in participating[iv.case_id][:2]
            if org != iv.lead_organisation_id
        ],
        batch_size=BATCH,
    )

    actions = []
    for _ in range(size.actions):
        case = rng.choice(cases)
        org = rng.choice(participating[case.pk])
        created = _moment(rng, now, days_back)
        due_on = created.date() + datetime.timedelta(days=rng.randint(7, 60))
        # As in real life: what was due long ago is nearly always done; recent work is half open.
        done = rng.random() < (0.97 if due_on < today - datetime.timedelta(days=30) else 0.5)
        actions.append(
            Action(
                case=case,
                title="Bench actie",
                organisation_id=org,
                assignee_id=rng.choice(members_of[org]) if rng.random() < 0.85 else None,
                due_on=due_on,
                done_at=created + datetime.timedelta(days=rng.randint(1, 40)) if done else None,
                result="Gedaan" if done else "",
            )
        )
        if len(actions) == BATCH:
            Action.objects.bulk_create(actions)
            actions = []
    Action.objects.bulk_create(actions)

    open_cases = [case for case in cases if case.status in OPEN_CASE_STATUSES]
    CaseReview.objects.bulk_create(
        [
            CaseReview(case=case, scheduled_for=now + datetime.timedelta(hours=rng.randint(-48, 48)))
            for case in rng.sample(open_cases, min(1000, len(open_cases)))
        ],
        batch_size=BATCH,
    )
    partnership_changed()  # the people were bulk-created (no signals); a world built again is a new one
    return {
        "neighbourhoods": len(neighbourhoods),
        "organisations": len(org_ids),
        "users": len(users),
        "signals": Signal.objects.count(),
        "cases": len(cases),
        "actions": Action.objects.count(),
        "interventions": len(interventions),
    }
