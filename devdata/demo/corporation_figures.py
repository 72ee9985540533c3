"""The demo's Veerkracht monitor: CBS Kerncijfers 2017 and 2019, and three years of the demo corporations' figures.

Woonstichting De Veste enters figures for Wijkteam Oost's buurten and shares
them as aggregates; Wooncorporatie Het Baken enters figures for Nieuw-West and
keeps them to itself (so a partner sees Oost's corporation figures, not
Nieuw-West's). The figures follow the buurt's CBS profile: a corporation owns
part of the buurt's corporation homes; turnover, inflow of priority groups
and nuisance evictions are higher where incomes are lower, and fewer leaving
tenants have a middle income there — the pattern RIGO describes. Each year is
uploaded through the same verb as a CSV upload (`figures_replace_year`).
"""

import datetime
import random

import time_machine
from django.utils import timezone

from monitor.models import CorporationFigures
from monitor.services import figures_replace_year, sharing_set
from neighbourhoods.kwb import KWB_FILES, import_kwb
from neighbourhoods.models import NeighbourhoodStatistics

# (organisation key, who enters, the team whose buurten, share of the buurt's corporation homes, shares?)
CORPORATIONS = [
    ("veste", "manager", "oost", 0.6, True),
    ("baken", "hans.meijer", "nieuw_west", 0.55, False),
]
YEARS_BACK = 3
SEED = 14


def kerncijfers_import():
    """Import both years of CBS Kerncijfers wijken en buurten (the files shipped in neighbourhoods/data/cbs/)."""
    for year, path in sorted(KWB_FILES.items()):
        import_kwb(path, year=year)


def _figures(rng, homes_in_buurt, corporation_pct, low_income_pct, share, drift):
    homes = round(homes_in_buurt * corporation_pct / 100 * share)
    if homes < 20:
        return None
    pressure = max(0.0, min(1.0, (low_income_pct - 8) / 20))  # 0 in a well-off buurt, 1 at 28 % low income
    turnover = (0.04 + 0.05 * pressure) * drift * rng.uniform(0.85, 1.15)
    lettings = max(1, round(homes * turnover))
    priority = lettings * (0.2 + 0.3 * pressure) * drift * rng.uniform(0.85, 1.15)
    urgent = round(priority * 0.4)
    sheltered = round(priority * 0.25)
    status_holders = round(priority * 0.25)
    other = max(0, min(round(priority) - urgent - sheltered - status_holders, lettings - urgent - sheltered))
    status_holders = min(status_holders, lettings - urgent - sheltered - other)
    return {
        "homes": homes,
        "lettings": lettings,
        "lettings_urgent": urgent,
        "lettings_sheltered": sheltered,
        "lettings_status_holders": max(0, status_holders),
        "lettings_other_priority": other,
        "nuisance_terminations": round(homes / 1000 * (1 + 4 * pressure) * drift * rng.uniform(0.5, 1.5)),
        "leavers_middle_income": round(lettings * (0.35 - 0.2 * pressure) / drift * rng.uniform(0.85, 1.15)),
    }


def corporation_figures_create(cast, clock):
    """Upload three years of figures per demo corporation, each at the end of January after the year."""
    rng = random.Random(SEED)
    latest = {
        row["neighbourhood__code"]: row
        for row in NeighbourhoodStatistics.objects.filter(
            neighbourhood__code__in=list(cast.buurten), year=max(KWB_FILES)
        ).values("neighbourhood__code", "homes", "corporation_homes_pct", "low_income_households_pct")
    }
    this_year = clock.day(0).year
    for key, username, team, share, shares in CORPORATIONS:
        organisation, user = cast.orgs[key], cast.users[username]
        buurten = sorted(code for code, team_key in cast.team_of_buurt.items() if team_key == team)
        for step, year in enumerate(range(this_year - YEARS_BACK, this_year)):
            drift = 1 + 0.06 * step  # pressure builds up year by year
            rows = []
            for code in buurten:
                cbs = latest.get(code)
                if not cbs or not cbs["homes"] or cbs["corporation_homes_pct"] is None:
                    continue
                low_income = float(cbs["low_income_households_pct"] or 12)
                values = _figures(rng, cbs["homes"], float(cbs["corporation_homes_pct"]), low_income, share, drift)
                if values:
                    row = CorporationFigures(neighbourhood=cast.buurten[code], **values)
                    row.clean()  # what an upload checks, line by line
                    rows.append(row)
            moment = timezone.make_aware(datetime.datetime(year + 1, 1, 28, 10))
            with time_machine.travel(min(moment, clock.now), tick=False):
                figures_replace_year(organisation, year, rows, by=user, file_name=f"verhuringen-{year}.csv")
        sharing_set(organisation, shares, by=user)
