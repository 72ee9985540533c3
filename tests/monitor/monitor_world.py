"""A small fixed world for the monitor, with figures simple enough to compute by hand.

Amsterdam (GM0363), CBS 2017 and 2019; three buurten in one wijk, all covered by one team:
- A: corporatiebuurt (62 % corporation homes in 2019), 100 homes, 100 households, low income 15 → 18 %
- B: not a corporatiebuurt (20 %), 300 homes, 200 households, low income 7 → 6 %
- C: corporatiebuurt (80 %), 200 homes, 300 households, low income 28 → 30 %
Amsterdam 2019: 12 % low income (2017: 10 %), 40 on bijstand per 1,000 inhabitants.
Signals (today 15 November 2026): A has 10 in August–October and 5 in May–July; B and C none.
Corporations: Woonstad (shares its figures) and Eigenwijs (does not), both in A.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from monitor.models import CorporationFigures
from monitor.services import sharing_set
from neighbourhoods.models import MunicipalityStatistics, NeighbourhoodStatistics
from tests import factories as f

TODAY = datetime.date(2026, 11, 15)


@dataclass
class MonitorWorld:
    a: object
    b: object
    c: object
    district: object
    municipal_manager: object  # a manager of the municipality, in the team
    woonstad_manager: object  # a manager of Woonstad, in the team
    eigenwijs_manager: object
    professional: object  # in the team, sees no aggregates
    woonstad: object
    eigenwijs: object


def stats(neighbourhood, year, **figures):
    return NeighbourhoodStatistics.objects.create(neighbourhood=neighbourhood, year=year, source="CBS", **figures)


def figures(organisation, neighbourhood, year, by, homes, lettings, **rest):
    values = dict.fromkeys(
        ["lettings_urgent", "lettings_sheltered", "lettings_status_holders", "lettings_other_priority"], 0
    )
    values.update(nuisance_terminations=0, leavers_middle_income=0)
    values.update(rest)
    return CorporationFigures.objects.create(
        organisation=organisation, neighbourhood=neighbourhood, year=year, homes=homes, lettings=lettings,
        entered_by=by, **values,
    )  # fmt: skip


def at(day, hour=12):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def build():
    district = f.DistrictFactory(code="WK036390", name="Oost")
    municipality = district.municipality
    a = f.NeighbourhoodFactory(district=district, code="BU03639001", name="Alfa")
    b = f.NeighbourhoodFactory(district=district, code="BU03639002", name="Bravo")
    c = f.NeighbourhoodFactory(district=district, code="BU03639003", name="Charlie")
    MunicipalityStatistics.objects.create(
        municipality=municipality, year=2017, corporation_homes_pct=40, low_income_households_pct=10,
        inhabitants=1000, social_assistance_recipients=50, source="CBS",
    )  # fmt: skip
    MunicipalityStatistics.objects.create(
        municipality=municipality, year=2019, corporation_homes_pct=42, low_income_households_pct=12,
        inhabitants=1000, social_assistance_recipients=40, kwb_households=500, homes=400, average_woz_value=300,
        source="CBS",
    )  # fmt: skip
    stats(a, 2017, corporation_homes_pct=60, low_income_households_pct=15, homes=100, kwb_households=90)
    stats(
        a, 2019, corporation_homes_pct=62, low_income_households_pct=18, homes=100, kwb_households=100,
        inhabitants=200, social_assistance_recipients=20, average_woz_value=250,
    )  # fmt: skip
    stats(b, 2017, corporation_homes_pct=22, low_income_households_pct=7, homes=300, kwb_households=200)
    stats(b, 2019, corporation_homes_pct=20, low_income_households_pct=6, homes=300, kwb_households=200)
    stats(c, 2017, corporation_homes_pct=80, low_income_households_pct=28, homes=200, kwb_households=300)
    stats(c, 2019, corporation_homes_pct=80, low_income_households_pct=30, homes=200, kwb_households=300)

    gemeente = f.OrganisationFactory(name="Gemeente", kind="municipality")
    woonstad = f.OrganisationFactory(name="Woonstad", kind="housing_corporation")
    eigenwijs = f.OrganisationFactory(name="Eigenwijs Wonen", kind="housing_corporation")
    world = MonitorWorld(
        a=a, b=b, c=c, district=district,
        municipal_manager=f.UserFactory(username="gemeente_manager", organisation=gemeente, role="manager"),
        woonstad_manager=f.UserFactory(username="woonstad_manager", organisation=woonstad, role="manager"),
        eigenwijs_manager=f.UserFactory(username="eigenwijs_manager", organisation=eigenwijs, role="manager"),
        professional=f.UserFactory(username="professional", organisation=woonstad),
        woonstad=woonstad, eigenwijs=eigenwijs,
    )  # fmt: skip
    f.TeamFactory(
        name="Wijkteam Oost",
        members=[world.municipal_manager, world.woonstad_manager, world.eigenwijs_manager, world.professional],
        neighbourhoods=[a, b, c],
    )
    reporter = world.professional
    for day in range(10):
        f.SignalFactory(neighbourhood=a, reporting_organisation=woonstad, reported_by=reporter,
                        occurred_at=at(datetime.date(2026, 8, 3) + datetime.timedelta(days=day * 7)))  # fmt: skip
    for day in range(5):
        f.SignalFactory(neighbourhood=a, reporting_organisation=woonstad, reported_by=reporter,
                        occurred_at=at(datetime.date(2026, 5, 4) + datetime.timedelta(days=day * 7)))  # fmt: skip
    # Woonstad in A: 50 homes, 5 lettings in 2024, 10 in 2025 (4 of them to priority groups).
    figures(woonstad, a, 2024, world.woonstad_manager, homes=50, lettings=5, lettings_urgent=1)
    figures(woonstad, a, 2025, world.woonstad_manager, homes=50, lettings=10, lettings_urgent=2,
            lettings_status_holders=2, nuisance_terminations=1, leavers_middle_income=3)  # fmt: skip
    sharing_set(woonstad, True, by=world.woonstad_manager)
    # Eigenwijs in A, 2025: 70 homes, 6 lettings; it does not share.
    figures(eigenwijs, a, 2025, world.eigenwijs_manager, homes=70, lettings=6)
    return world
