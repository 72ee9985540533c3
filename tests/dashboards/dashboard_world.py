"""A small, fixed world whose dashboard figures are worked out by hand in the tests.

(A module rather than a conftest.py: tests/dashboards is shared with the alert
and weekly-summary specs, which build their own worlds.)

Months are counted back from today: M-1 is last month, M-5 five months ago.
The change compares M-3..M-1 (recent) with M-6..M-4 (previous).

Scope: the manager's team covers N1 and N2 (district A) and N3 (district B).
N4 (district C) is outside it.

Signals (category, neighbourhood, month: count)
  N1  GEL M-1: 6, GEL M-2: 5, RUZ M-1: 3, AGR M-5: 7, GEL M-13: 4 (outside the 12 months)
  N2  GEL M-1: 5                     (N2 has no CBS household figure)
  N3  GEL M-1: 2
  N4  GEL M-1: 9                     (outside the scope)
Households (CBS 2019): N1 2,000; N2 none; N3 500.

Open cases in scope (all led by Woonstichting Oost; GGZ takes part in "in progress" 1 and 2):
  in progress 1–3: created 10 days ago, review overdue, an open action with an owner
  in progress 4:   created 10 days ago, review overdue, an open action with no owner
  in progress 5:   created 10 days ago, review overdue, only a completed action
  triage:          created 2 months ago, review tomorrow
  reported 1–2:    N3, created 8 months ago, no review date
Closed: 5 cases in N1 closed last month because the nuisance stopped; one closed 14 months ago.
Out of scope: one open case in N4.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from cases.models import Case
from dashboards.figures import local_midnight, month_start
from interventions.models import Action, Contribution
from neighbourhoods.models import NeighbourhoodStatistics
from tests import factories as f

SECRET_TITLE = "Familie Verborgen, Javastraat 12"
SECRET_POSTCODE = "1094 XX"
SECRET_NAME = "Geheimhouding"  # the last name of every case director and assignee
SECRET_DESCRIPTION = "Buurman schreeuwt elke nacht"


@dataclass
class World:
    manager: object
    woon: object
    ggz: object
    district_a: object
    district_b: object
    district_c: object
    n1: object
    n2: object
    n3: object
    n4: object
    in_progress: list
    triage: object
    reported: list
    reporter: object
    team: object


def at(today, back, day=10, hour=12):
    """Noon on `day` of the month `back` months before this one (always in the past for back >= 1)."""
    return local_midnight(month_start(today, back).replace(day=day)) + datetime.timedelta(hours=hour)


def signals(world, neighbourhood, category, when, n):
    for _ in range(n):
        f.SignalFactory(
            neighbourhood=neighbourhood,
            category=category,
            occurred_at=when,
            reporting_organisation=world.woon,
            reported_by=world.reporter,
            description=SECRET_DESCRIPTION,
            postcode=SECRET_POSTCODE,
            house_number=12,
        )


def case(world, neighbourhood, *, status, created, review=None, participants=()):
    director = world.in_progress[0].case_director if world.in_progress else None
    made = f.CaseFactory(
        title=SECRET_TITLE,
        neighbourhood=neighbourhood,
        status=status,
        lead_organisation=world.woon,
        next_review_on=review,
        postcode=SECRET_POSTCODE,
        house_number=12,
        **({"case_director": director} if director else {}),
    )
    Case.objects.filter(pk=made.pk).update(created_at=created)
    for organisation in (world.woon, *participants):
        f.CaseParticipantFactory(case=made, organisation=organisation)
    return made


def action(world, case_, *, organisation=None, assignee=True, due_on=None, done_after=None, created=None):
    made = f.ActionFactory(
        case=case_,
        organisation=organisation or world.woon,
        assignee=world.reporter if assignee is True else assignee,
        due_on=due_on,
    )
    if created or done_after is not None:
        created = created or timezone.now() - datetime.timedelta(days=30)
        done_at = created + done_after if done_after is not None else None
        Action.objects.filter(pk=made.pk).update(created_at=created, done_at=done_at)
    return made


def build_world():
    today = timezone.localdate()
    yesterday, tomorrow = today - datetime.timedelta(days=1), today + datetime.timedelta(days=1)
    now = timezone.now()

    district_a = f.DistrictFactory(code="WK036301", name="Wijk Alfa")
    district_b = f.DistrictFactory(code="WK036302", name="Wijk Bravo")
    district_c = f.DistrictFactory(code="WK036303", name="Wijk Charlie")
    n1 = f.NeighbourhoodFactory(district=district_a, code="BU03630101", name="Buurt Een")
    n2 = f.NeighbourhoodFactory(district=district_a, code="BU03630102", name="Buurt Twee")
    n3 = f.NeighbourhoodFactory(district=district_b, code="BU03630201", name="Buurt Drie")
    n4 = f.NeighbourhoodFactory(district=district_c, code="BU03630301", name="Buurt Vier")
    NeighbourhoodStatistics.objects.create(
        neighbourhood=n1, year=2018, households=9999, ses_woa_score="0.500", source="CBS 85163NED"
    )
    NeighbourhoodStatistics.objects.create(
        neighbourhood=n1, year=2019, households=2000, ses_woa_score="-0.250", source="CBS 85163NED"
    )
    NeighbourhoodStatistics.objects.create(neighbourhood=n2, year=2019, households=None, source="CBS 85163NED")
    NeighbourhoodStatistics.objects.create(
        neighbourhood=n3, year=2019, households=500, ses_woa_score="0.100", source="CBS 85163NED"
    )

    woon = f.OrganisationFactory(name="Woonstichting Oost")
    ggz = f.OrganisationFactory(name="GGZ Oost", kind="mental_health")
    manager = f.UserFactory(
        username="manager", organisation=f.OrganisationFactory(name="Bestuur"), role="manager", last_name="Smit"
    )
    reporter = f.UserFactory(username="reporter", organisation=woon, last_name=SECRET_NAME)
    team = f.TeamFactory(name="Wijkteam Alfa", members=[manager], neighbourhoods=[n1, n2, n3])
    f.TeamFactory(name="Wijkteam Charlie", neighbourhoods=[n4])

    world = World(
        manager=manager,
        woon=woon,
        ggz=ggz,
        district_a=district_a,
        district_b=district_b,
        district_c=district_c,
        n1=n1,
        n2=n2,
        n3=n3,
        n4=n4,
        in_progress=[],
        triage=None,
        reported=[],
        reporter=reporter,
        team=team,
    )

    signals(world, n1, "GEL", at(today, 1), 6)
    signals(world, n1, "GEL", at(today, 2), 5)
    signals(world, n1, "RUZ", at(today, 1), 3)
    signals(world, n1, "AGR", at(today, 5), 7)
    signals(world, n1, "GEL", at(today, 13), 4)
    signals(world, n2, "GEL", at(today, 1), 5)
    signals(world, n3, "GEL", at(today, 1), 2)
    signals(world, n4, "GEL", at(today, 1), 9)

    recent = now - datetime.timedelta(days=10)
    director = f.UserFactory(username="director", organisation=woon, role="case_director", last_name=SECRET_NAME)
    for number in range(5):
        made = f.CaseFactory(
            title=SECRET_TITLE,
            neighbourhood=n1,
            status="in_progress",
            lead_organisation=woon,
            case_director=director,
            next_review_on=yesterday,
            postcode=SECRET_POSTCODE,
            house_number=12,
        )
        Case.objects.filter(pk=made.pk).update(created_at=recent)
        f.CaseParticipantFactory(case=made, organisation=woon)
        if number < 2:
            f.CaseParticipantFactory(case=made, organisation=ggz)
        world.in_progress.append(made)
    world.triage = case(world, n1, status="triage", created=now - datetime.timedelta(days=61), review=tomorrow)
    world.reported = [case(world, n3, status="reported", created=now - datetime.timedelta(days=245)) for _ in range(2)]
    for _ in range(5):
        closed = case(world, n1, status="closed", created=now - datetime.timedelta(days=90))
        Case.objects.filter(pk=closed.pk).update(closing_reason="nuisance_stopped", closed_at=at(today, 1))
    long_ago = case(world, n1, status="closed", created=now - datetime.timedelta(days=500))
    Case.objects.filter(pk=long_ago.pk).update(closing_reason="moved", closed_at=at(today, 14))
    case(world, n4, status="in_progress", created=recent)

    first, second, third, fourth, fifth = world.in_progress
    # Woonstichting: 3 overdue owned actions, 2 more owned ones due later, 1 without an owner → 6 open.
    for case_ in (first, second, third):
        action(world, case_, due_on=yesterday)
    action(world, first, due_on=tomorrow)
    action(world, first, due_on=tomorrow)
    action(world, fourth, assignee=None, due_on=tomorrow)
    # Completed within the year after 1, 2, 3, 6, 8 and 13 days: median 4.5 days.
    created = now - datetime.timedelta(days=60)
    for days_taken in (1, 2, 3, 6, 8):
        action(world, first, created=created, done_after=datetime.timedelta(days=days_taken))
    action(world, fifth, created=created, done_after=datetime.timedelta(days=13))
    # GGZ: 5 overdue actions on a case it takes part in.
    ggz_worker = f.UserFactory(username="ggz_worker", organisation=ggz, last_name=SECRET_NAME)
    for _ in range(5):
        action(world, second, organisation=ggz, assignee=ggz_worker, due_on=yesterday)

    # Interventions: 5 running, led by Woonstichting with GGZ contributing; 5 warning letters done (effective);
    # 1 home visit stopped early.
    for _ in range(5):
        running = f.InterventionFactory(
            case=first, lead_organisation=woon, owner=director, status="running", kind="home_visit"
        )
        Contribution.objects.create(intervention=running, organisation=ggz, contribution="Begeleiding")
    for _ in range(5):
        f.InterventionFactory(
            case=second,
            lead_organisation=woon,
            owner=director,
            status="done",
            outcome="effective",
            kind="warning_letter",
            solution_direction="social_management",
        )
    f.InterventionFactory(
        case=third,
        lead_organisation=woon,
        owner=director,
        status="stopped",
        kind="home_visit",
        solution_direction="care_and_support",
    )
    return world


def add_bulk(world, n):
    """n more of everything, spread over new districts and neighbourhoods in scope and new organisations."""
    today = timezone.localdate()
    for i in range(n):
        district = f.DistrictFactory(code=f"WK0364{i:02d}", name=f"Bulkwijk {i}")
        neighbourhood = f.NeighbourhoodFactory(district=district, code=f"BU0364{i:02d}01")
        NeighbourhoodStatistics.objects.create(neighbourhood=neighbourhood, year=2019, households=100 + i, source="CBS")
        world.team.neighbourhoods.add(neighbourhood)
        organisation = f.OrganisationFactory(name=f"Bulkorganisatie {i}")
        signals(world, neighbourhood, ["GEL", "RUZ", "AGR", "DRU", "VUI"][i % 5], at(today, i % 11 + 1), 3)
        made = case(world, neighbourhood, status="in_progress", created=timezone.now(), participants=[organisation])
        action(world, made, organisation=organisation, assignee=None, due_on=today)
        action(world, made, organisation=organisation, created=timezone.now(), done_after=datetime.timedelta(days=i))
        intervention = f.InterventionFactory(
            case=made, lead_organisation=organisation, owner=world.reporter, status="done", outcome="partly"
        )
        Contribution.objects.create(intervention=intervention, organisation=world.woon, contribution="Overleg")
